#include "app/desk_services.h"

#include "common/log.h"

namespace bhxh::app {

Result<std::unique_ptr<DeskServices>> DeskServices::start(const AppConfig& config) {
    std::error_code ec;
    std::filesystem::create_directories(config.paths.dataDir, ec);
    if (ec) {
        return makeError("app.data_dir", config.paths.dataDir.string() + ": cannot create the data folder (" +
                                             ec.message() + ")");
    }
    // Photos of ID cards and initial passwords live here: owner only.
    std::filesystem::permissions(config.paths.dataDir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);

    store::StoreOptions options;
    options.dbPath = config.paths.dataDir / "desk.sqlite";
    auto opened = store::Store::open(std::move(options));
    if (!opened) return opened.error();
    log::info("store open at schema version " + std::to_string(opened->schemaVersion()) + " (was " +
              std::to_string(opened->openedAtVersion()) + ")");
    return std::unique_ptr<DeskServices>(new DeskServices(std::move(opened).value()));
}

} // namespace bhxh::app
