#pragma once
#include <array>
#include <string>
#include <vector>

namespace bhxh::receipt {

/// A table of the day report: a header row and rows of display text (numbers already formatted).
/// `emptyText` is printed instead when there are no rows.
struct ReportTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::string emptyText;
};

/// The decisions per local hour, two bars per hour.
struct HourChart {
    std::array<int, 24> approved{};
    std::array<int, 24> rejected{};
    std::string approvedLabel;
    std::string rejectedLabel;
};

/// One numbered section: a title, an optional chart, a table.
struct ReportSection {
    std::string title;
    bool hasChart = false;
    HourChart chart;
    ReportTable table;
};

/// Everything the day report shows, as display text in one language (the caller reads
/// assets/lang "report.*"); the writer holds no clerk-facing text of its own.
struct DayReportData {
    std::string officeName;
    std::string officeCode;   ///< "Mã cơ quan: 07916", already labelled
    std::string mottoLine1;
    std::string mottoLine2;
    std::string title;        ///< "BÁO CÁO KẾT QUẢ TIẾP NHẬN NGÀY"
    std::string dayLine;      ///< "Ngày 06/12/2026"
    std::string generatedLine;  ///< when and by whom it was printed
    std::vector<ReportSection> sections;
    std::string signatureLeft;   ///< "Người lập biểu"
    std::string signatureRight;  ///< "Thủ trưởng đơn vị"
    std::string signatureHint;   ///< "(Ký, ghi rõ họ tên)"
    std::string footer;
};

} // namespace bhxh::receipt
