#include "common/csv_writer.h"

#include <catch2/catch.hpp>

using bhxh::CsvWriter;

TEST_CASE("CsvWriter starts with the UTF-8 BOM and ends rows with CRLF", "[common][csv]") {
    CsvWriter csv;
    CHECK(csv.text() == "\xEF\xBB\xBF");
    csv.row({"seq", "họ tên", "2026-12-06"}).row(std::vector<std::string>{"1", "", "x"});
    CHECK(csv.text() == "\xEF\xBB\xBFseq,họ tên,2026-12-06\r\n1,,x\r\n");
}

TEST_CASE("CsvWriter quotes as RFC 4180 says", "[common][csv]") {
    CHECK(CsvWriter::field("plain") == "plain");
    CHECK(CsvWriter::field("a,b") == "\"a,b\"");
    CHECK(CsvWriter::field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(CsvWriter::field("line\nbreak") == "\"line\nbreak\"");
    CHECK(CsvWriter::field("carriage\rreturn") == "\"carriage\rreturn\"");
    CHECK(CsvWriter::field("") == "");
}

TEST_CASE("CsvWriter never lets a field run as a formula", "[common][csv]") {
    CHECK(CsvWriter::field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(CsvWriter::field("+1") == "'+1");
    CHECK(CsvWriter::field("-1") == "'-1");
    CHECK(CsvWriter::field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(CsvWriter::field("\tx") == "'\tx");
    CHECK(CsvWriter::field("\rx") == "\"'\rx\"");
    CHECK(CsvWriter::field("a=b") == "a=b");  // only the first character counts
}
