#pragma once
#include "common/result.h"
#include "face/face_types.h"

#include <filesystem>

namespace bhxh::face {

/// Where the models are by default: $BHXH_MODELS_DIR, else /usr/local/share/bhxh-desk/models
/// when that folder exists, else $XDG_DATA_HOME/bhxh-desk/models — the places
/// deploy/fetch-models.sh installs to.
[[nodiscard]] std::filesystem::path defaultModelsDir();

/// Checks that every model file is in `dir` with its pinned sha256. The error names the file,
/// the folder and the fix ("run deploy/fetch-models.sh"), for the face panel and the CLI.
/// Errors: face.models_missing, face.models_mismatch.
[[nodiscard]] Result<ModelHashes> verifyModels(const std::filesystem::path& dir);

/// Hex sha256 of a byte range (libsodium).
[[nodiscard]] std::string sha256Hex(const void* data, std::size_t size);

} // namespace bhxh::face
