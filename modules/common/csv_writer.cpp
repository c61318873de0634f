#include "common/csv_writer.h"

namespace bhxh {

CsvWriter::CsvWriter() : m_text("\xEF\xBB\xBF") {}

std::string CsvWriter::field(std::string_view value) {
    std::string v(value);
    if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) v.insert(0, 1, '\'');
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string quoted = "\"";
    for (char c : v) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

template <typename Range>
CsvWriter& CsvWriter::append(const Range& fields) {
    bool first = true;
    for (const auto& value : fields) {
        if (!first) m_text += ',';
        first = false;
        m_text += field(value);
    }
    m_text += "\r\n";
    return *this;
}

CsvWriter& CsvWriter::row(std::initializer_list<std::string_view> fields) { return append(fields); }

CsvWriter& CsvWriter::row(const std::vector<std::string>& fields) { return append(fields); }

} // namespace bhxh
