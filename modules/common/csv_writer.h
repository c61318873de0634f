#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh {

/// The one CSV writer, for files a clerk or supervisor opens in a spreadsheet (the dashboard's
/// day, the audit export). UTF-8 with a BOM (Excel then shows the diacritics), rows ended by CRLF
/// and quoted as RFC 4180 says (a field holding a comma, quote, CR or LF is quoted, its quotes
/// doubled). A field a spreadsheet would run as a formula (first character = + - @, tab or CR)
/// gets a leading apostrophe: free text typed at the desk must never run.
class CsvWriter {
public:
    CsvWriter();

    CsvWriter& row(std::initializer_list<std::string_view> fields);
    CsvWriter& row(const std::vector<std::string>& fields);

    /// The file so far: the BOM and every row.
    [[nodiscard]] const std::string& text() const { return m_text; }

    /// One field as it is written (guarded, quoted when needed).
    static std::string field(std::string_view value);

private:
    template <typename Range>
    CsvWriter& append(const Range& fields);
    std::string m_text;
};

} // namespace bhxh
