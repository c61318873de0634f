#pragma once
// A temp folder for tests, removed with its contents at the end of the test.
#include <filesystem>
#include <random>
#include <string>

namespace bhxh::test {

/// A folder under the temp dir, removed with everything in it at the end of the test.
class TempFolder {
public:
    explicit TempFolder(const std::string& prefix) {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() / (prefix + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace bhxh::test
