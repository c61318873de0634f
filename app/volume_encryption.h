#pragma once
#include <filesystem>
#include <string>

namespace bhxh::app {

/// Is a folder on a dm-crypt (LUKS) volume? Read from the kernel's own tables under `root` (the
/// real "/", or a fake tree in the tests): the mount holding the folder from
/// <root>/proc/self/mountinfo (the longest mount point above it, the last one mounted there),
/// its block device by major:minor from <root>/sys/class/block/*/dev, then that device and every
/// device below it through slaves/ (LVM on LUKS, RAID on LUKS) for a dm/uuid starting "CRYPT-".
/// Every read is bounded (file sizes, entries, depth); nothing is written.
class VolumeEncryption {
public:
    enum class State {
        Encrypted,     ///< a dm-crypt device is at or below the mount's device
        NotEncrypted,  ///< the mount's block device was found, with no dm-crypt device below it
        Unknown,       ///< no mount, or not on a block device (tmpfs, overlay, NFS): cannot tell
    };
    struct Finding {
        State state = State::Unknown;
        std::string mountPoint;  ///< the mount holding the folder ("/srv/bhxh")
        std::string source;      ///< what is mounted there, as mountinfo says ("/dev/mapper/data")
        std::string device;      ///< the kernel's name of its block device ("dm-1"), or of the crypt device found
        std::string detail;      ///< English, for the doctor's line
    };

    /// The folder need not exist: its nearest existing parent is where it will be made.
    static Finding probe(const std::filesystem::path& folder, const std::filesystem::path& root = "/");
};

} // namespace bhxh::app
