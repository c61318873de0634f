#pragma once
#include "app/app_config.h"
#include "common/result.h"
#include "store/store.h"

#include <memory>

namespace bhxh::app {

/// What the console runs on besides its window: the local store (opened, checked and migrated
/// before anything else, so a damaged or newer database stops the console with a clear message
/// before the clerk can work on it), and the workers that later issues add.
class DeskServices {
public:
    /// Opens <paths.data_dir>/desk.sqlite (the folder is created with mode 0700).
    static Result<std::unique_ptr<DeskServices>> start(const AppConfig& config);

    [[nodiscard]] store::Store& store() { return m_store; }

private:
    explicit DeskServices(store::Store store) : m_store(std::move(store)) {}
    store::Store m_store;
};

} // namespace bhxh::app
