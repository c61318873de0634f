#include "common/private_file.h"

#include "temp_folder.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using bhxh::writePrivateFile;

namespace {

std::string readAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

unsigned modeOf(const std::filesystem::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777u;
}

std::size_t entriesIn(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

} // namespace

TEST_CASE("writePrivateFile writes the whole file 0600, in folders it makes 0700", "[common][file]") {
    bhxh::test::TempFolder tmp("private-file-");
    const auto file = tmp.path() / "a" / "b" / "receipt.pdf";
    const std::string content("Nguyễn Văn A\0binary\r\n", 22);
    REQUIRE(writePrivateFile(file, content));
    CHECK(readAll(file) == content);
    CHECK(modeOf(file) == 0600u);
    CHECK(modeOf(tmp.path() / "a") == 0700u);
    CHECK(modeOf(tmp.path() / "a" / "b") == 0700u);
    CHECK(entriesIn(file.parent_path()) == 1);  // no temporary file left beside it
}

TEST_CASE("writePrivateFile replaces a file whole and keeps it private", "[common][file]") {
    bhxh::test::TempFolder tmp("private-file-");
    const auto file = tmp.path() / "export.csv";
    {
        std::ofstream old(file);
        old << "an old, longer content that must not survive in part";
    }
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::others_read);
    REQUIRE(writePrivateFile(file, "new"));
    CHECK(readAll(file) == "new");
    CHECK(modeOf(file) == 0600u);
    REQUIRE(writePrivateFile(file, ""));
    CHECK(readAll(file).empty());
    CHECK(entriesIn(tmp.path()) == 1);
}

TEST_CASE("writePrivateFile fails with the file's name and leaves nothing behind", "[common][file]") {
    bhxh::test::TempFolder tmp("private-file-");
    SECTION("the folder is a file") {
        const auto notAFolder = tmp.path() / "plain";
        std::ofstream(notAFolder) << "x";
        auto written = writePrivateFile(notAFolder / "out.csv", "data");
        REQUIRE_FALSE(written);
        CHECK(written.error().code == "file.write");
        CHECK(written.error().message.find("plain") != std::string::npos);
        CHECK(readAll(notAFolder) == "x");
    }
    SECTION("the target is a folder") {
        const auto folder = tmp.path() / "taken";
        std::filesystem::create_directory(folder);
        auto written = writePrivateFile(folder, "data");
        REQUIRE_FALSE(written);
        CHECK(written.error().message.find("taken") != std::string::npos);
        CHECK(std::filesystem::is_directory(folder));
        CHECK(entriesIn(tmp.path()) == 1);  // the temporary file is gone
    }
    SECTION("no file name") {
        CHECK_FALSE(writePrivateFile(tmp.path() / "", "data"));
    }
}
