#pragma once
#include "common/result.h"
#include "declarations/day_figures.h"
#include "store/database.h"

#include <chrono>
#include <string>

namespace bhxh::store {

/// The dashboard's figures for one local day, from the decisions and the cached declarations.
class SqliteDashboardReader {
public:
    explicit SqliteDashboardReader(Database& db) : m_db(db) {}
    /// `dayStart` is local midnight; `now` tells a deadline passed from one to come;
    /// `utcOffsetMinutes` places decisions in local hours.
    Result<declarations::DayFigures> read(const std::string& officeCode, std::chrono::system_clock::time_point dayStart,
                                          std::chrono::system_clock::time_point now, int utcOffsetMinutes,
                                          const std::string& dayLabel);

private:
    Database& m_db;
};

} // namespace bhxh::store
