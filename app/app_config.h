#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace bhxh::app {

/// Everything the console reads from its TOML file. Defaults make the demo work; every key is
/// documented in deploy/config.example.toml.
struct AppConfig {
    struct Desk {
        std::string officeCode = "07916";  ///< 5 digits: province + district (07916 = BHXH Quận 6)
        std::string deskId = "D01";
    };
    struct Ui {
        std::string language = "vi";
        double fontScale = 1.0;       ///< multiplies the monitor's content scale
        double kioskFontScale = 1.5;  ///< used instead of fontScale with --kiosk
        double fontSizePx = 18.0;     ///< base size before scaling
        std::vector<std::string> fontFamilies{"Noto Sans", "DejaVu Sans"};
        std::string fontFile;         ///< explicit TTF/OTF; overrides fontFamilies
        int windowWidth = 1440;
        int windowHeight = 900;
        bool kiosk = false;
    };
    struct Paths {
        std::filesystem::path dataDir;    ///< empty → $XDG_DATA_HOME/bhxh-desk
        std::filesystem::path logDir;     ///< empty → $XDG_STATE_HOME/bhxh-desk/log
        std::filesystem::path assetsDir;  ///< empty → installed share dir, else the source tree
    };
    struct Log {
        std::string level = "info";
        int maxFileMb = 5;
        int maxFiles = 5;
        int ringLines = 1000;
    };

    struct Camera {
        std::string source = "0";   ///< camera index ("0", "1", …) or a video file / image folder path
        int width = 1280;           ///< requested frame size; the driver may give another
        int height = 720;
        int fps = 30;
        int retryMs = 500;          ///< first wait before reopening a lost camera; doubles each time
        int retryMaxMs = 5000;      ///< the longest wait between reopen attempts
        int probeMax = 4;           ///< indices 0…probe_max-1 are probed when listing cameras
    };
    struct Scan {
        int dedupWindowMs = 3000;   ///< the same payload again within this window is ignored
        int wedgeMaxKeyGapMs = 35;  ///< keyboard-wedge scanners type faster than this between keys
        int wedgeMinLength = 8;     ///< shorter fast bursts are a person typing
    };

    Desk desk;
    Ui ui;
    Paths paths;
    Log log;
    Camera camera;
    Scan scan;
    /// The file these values came from; empty when only defaults are in use.
    std::filesystem::path source;
};

} // namespace bhxh::app
