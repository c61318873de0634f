// VolumeEncryption on fake /proc and /sys trees: plain disk, LUKS on a partition, LVM on LUKS,
// LUKS under RAID under LVM, a mount point with a space, stacked mounts, tmpfs, a missing
// mountinfo, a slaves/ loop. The real machine's answer is checked by integration.doctor_cli.
#include "app/volume_encryption.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using bhxh::app::VolumeEncryption;
using State = VolumeEncryption::State;

namespace {

class FakeRoot {
public:
    FakeRoot()
        : m_root(fs::temp_directory_path() /
                 ("bhxh-volume-test-" + std::to_string(::getpid()) + "-" + std::to_string(s_count++))) {
        fs::remove_all(m_root);
        fs::create_directories(m_root / "proc" / "self");
        fs::create_directories(m_root / "sys" / "class" / "block");
    }
    ~FakeRoot() {
        std::error_code ec;
        fs::remove_all(m_root, ec);
    }
    FakeRoot(const FakeRoot&) = delete;
    FakeRoot& operator=(const FakeRoot&) = delete;

    [[nodiscard]] const fs::path& root() const { return m_root; }

    void mountinfo(const std::string& text) const { write(m_root / "proc" / "self" / "mountinfo", text); }

    /// A block device: its "dev" file, the dm uuid when it is a device-mapper device, its slaves.
    void device(const std::string& name, const std::string& majorMinor, const std::string& dmUuid = {},
                const std::vector<std::string>& slaves = {}) const {
        const auto dir = m_root / "sys" / "class" / "block" / name;
        fs::create_directories(dir / "slaves");
        write(dir / "dev", majorMinor + "\n");
        if (!dmUuid.empty()) {
            fs::create_directories(dir / "dm");
            write(dir / "dm" / "uuid", dmUuid + "\n");
        }
        for (const auto& slave : slaves) fs::create_directories(dir / "slaves" / slave);
    }

private:
    static void write(const fs::path& path, const std::string& text) {
        std::ofstream out(path, std::ios::binary);
        out << text;
    }
    static inline int s_count = 0;
    fs::path m_root;
};

const std::string kProcAndRoot =
    "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
    "27 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n";

} // namespace

TEST_CASE("A data folder on a plain disk partition is not encrypted", "[app][encryption]") {
    FakeRoot fake;
    fake.mountinfo(kProcAndRoot);
    fake.device("sda", "8:0");
    fake.device("sda1", "8:1");
    const auto found = VolumeEncryption::probe("/var/lib/bhxh-desk/data", fake.root());
    CHECK(found.state == State::NotEncrypted);
    CHECK(found.mountPoint == "/");
    CHECK(found.source == "/dev/sda1");
    CHECK(found.device == "sda1");
    CHECK(found.detail.find("not encrypted") != std::string::npos);
}

TEST_CASE("A data folder on a LUKS mapping of its own is encrypted", "[app][encryption]") {
    FakeRoot fake;
    fake.mountinfo(kProcAndRoot + "40 27 253:0 / /srv/bhxh rw,relatime shared:1 - ext4 /dev/mapper/bhxh-data rw\n");
    fake.device("sda1", "8:1");
    fake.device("sda2", "8:2");
    fake.device("dm-0", "253:0", "CRYPT-LUKS2-0a1b2c3d4e5f60718293a4b5c6d7e8f9-bhxh-data", {"sda2"});
    const auto found = VolumeEncryption::probe("/srv/bhxh/data", fake.root());
    CHECK(found.state == State::Encrypted);
    CHECK(found.mountPoint == "/srv/bhxh");
    CHECK(found.device == "dm-0");
    // A folder beside it (a prefix of the name, not a parent) stays on the plain root.
    CHECK(VolumeEncryption::probe("/srv/bhxh-old/data", fake.root()).state == State::NotEncrypted);
}

TEST_CASE("LVM on LUKS is found through slaves", "[app][encryption]") {
    FakeRoot fake;
    // The root LV dm-1 lies on the physical volume dm-0, which is the LUKS mapping of nvme0n1p3.
    fake.mountinfo("27 1 253:1 / / rw,relatime - ext4 /dev/mapper/vg-root rw\n");
    fake.device("nvme0n1p3", "259:3");
    fake.device("dm-0", "253:0", "CRYPT-LUKS2-11112222333344445555666677778888-nvme0n1p3_crypt", {"nvme0n1p3"});
    fake.device("dm-1", "253:1", "LVM-AbCdEfGhIjKlMnOpQrStUvWxYz012345AbCdEfGhIjKlMnOpQrStUvWxYz0123", {"dm-0"});
    const auto found = VolumeEncryption::probe("/home/desk/.local/share/bhxh-desk", fake.root());
    CHECK(found.state == State::Encrypted);
    CHECK(found.device == "dm-0");
}

TEST_CASE("LVM on RAID on LUKS members is found two levels down", "[app][encryption]") {
    FakeRoot fake;
    fake.mountinfo("27 1 253:5 / / rw - xfs /dev/mapper/vg-data rw\n");
    fake.device("sda1", "8:1");
    fake.device("sdb1", "8:17");
    fake.device("dm-2", "253:2", "CRYPT-LUKS2-aaaa-sda1_crypt", {"sda1"});
    fake.device("dm-3", "253:3", "CRYPT-LUKS2-bbbb-sdb1_crypt", {"sdb1"});
    fake.device("md0", "9:0", "", {"dm-2", "dm-3"});
    fake.device("dm-5", "253:5", "LVM-xyz", {"md0"});
    CHECK(VolumeEncryption::probe("/data", fake.root()).state == State::Encrypted);
}

TEST_CASE("LVM without LUKS is not encrypted", "[app][encryption]") {
    FakeRoot fake;
    fake.mountinfo("27 1 253:1 / / rw - ext4 /dev/mapper/vg-root rw\n");
    fake.device("sda2", "8:2");
    fake.device("dm-1", "253:1", "LVM-AbCd", {"sda2"});
    const auto found = VolumeEncryption::probe("/var/lib/bhxh", fake.root());
    CHECK(found.state == State::NotEncrypted);
    CHECK(found.device == "dm-1");
}

TEST_CASE("The last mount on a point wins, and octal escapes are read", "[app][encryption]") {
    FakeRoot fake;
    fake.mountinfo(kProcAndRoot +
                   "41 27 8:2 / /srv/dữ\\040liệu rw - ext4 /dev/sda2 rw\n"
                   "42 41 253:0 / /srv/dữ\\040liệu rw - ext4 /dev/mapper/data rw\n");
    fake.device("sda1", "8:1");
    fake.device("sda2", "8:2");
    fake.device("dm-0", "253:0", "CRYPT-PLAIN-data", {"sda2"});
    const auto found = VolumeEncryption::probe("/srv/dữ liệu/desk", fake.root());
    CHECK(found.state == State::Encrypted);
    CHECK(found.mountPoint == "/srv/dữ liệu");
}

TEST_CASE("tmpfs, a missing device and an unreadable mount table cannot be checked", "[app][encryption]") {
    FakeRoot fake;
    fake.mountinfo(kProcAndRoot + "50 27 0:45 / /run/desk rw - tmpfs tmpfs rw\n"
                                  "51 27 8:9 / /mnt/usb rw - vfat /dev/sdz9 rw\n");
    fake.device("sda1", "8:1");
    auto found = VolumeEncryption::probe("/run/desk/data", fake.root());
    CHECK(found.state == State::Unknown);
    CHECK(found.detail.find("not a block device") != std::string::npos);
    found = VolumeEncryption::probe("/mnt/usb/data", fake.root());
    CHECK(found.state == State::Unknown);
    CHECK(found.detail.find("8:9") != std::string::npos);
    FakeRoot empty;
    fs::remove(empty.root() / "proc" / "self" / "mountinfo");
    CHECK(VolumeEncryption::probe("/data", empty.root()).state == State::Unknown);
}

TEST_CASE("A slaves loop or a hostile tree ends", "[app][encryption]") {
    FakeRoot fake;
    fake.mountinfo("27 1 253:0 / / rw - ext4 /dev/mapper/a rw\n"
                   "garbage line without separator\n"
                   "1 2 3\n"
                   "28 27 253:9 / /x rw - \n");
    fake.device("dm-0", "253:0", "LVM-a", {"dm-1"});
    fake.device("dm-1", "253:1", "LVM-b", {"dm-0"});
    CHECK(VolumeEncryption::probe("/data", fake.root()).state == State::NotEncrypted);
}
