#pragma once
#include "common/result.h"

#include <filesystem>
#include <string_view>

namespace bhxh {

/// The one way to write a file that carries personal data (a receipt, an export, a spooled
/// message, a downloaded photo): a reader sees the old file or the whole new one, never a part,
/// and once this returns a crash or power cut loses nothing. A temporary file in the same folder,
/// created 0600 (mkstemp), written in full, fsync'ed, renamed over `path`, then the folder
/// fsync'ed so that the rename itself is on disk. A missing folder is created 0700. On failure the
/// temporary file is removed and `path` is untouched; the error (code "file.write") names the file
/// and the reason.
Result<void> writePrivateFile(const std::filesystem::path& path, std::string_view content);

} // namespace bhxh
