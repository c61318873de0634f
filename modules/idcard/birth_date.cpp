#include "idcard/birth_date.h"

#include <cstdio>

namespace bhxh::idcard {

std::optional<BirthDate> BirthDate::yearOnly(int year) {
    if (year < 1 || year > 9999) return std::nullopt;
    BirthDate b;
    b.m_year = year;
    b.m_date.reset();
    return b;
}

bool BirthDate::isAfter(const CalendarDate& today) const {
    if (m_date) return *m_date > today;
    return m_year > today.year();
}

std::string BirthDate::toSlashed() const {
    if (m_date) return m_date->toSlashed();
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d", m_year);
    return buf;
}

std::string BirthDate::toIso() const {
    if (m_date) return m_date->toIso();
    return toSlashed();
}

} // namespace bhxh::idcard
