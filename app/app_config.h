#pragma once
#include "declarations/decision_policy.h"
#include "declarations/qa_sampler.h"

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
        /// Approving when a face pair is "review" or "likely different" needs a second officer.
        bool fourEyes = true;
        /// Signs the citizen's SMS and e-mail ("BHXH Quận 6").
        std::string officeName = "BHXH Quận 6";
    };
    struct Ui {
        std::string language = "vi";
        double fontScale = 1.0;       ///< multiplies the size the screen calls for (see GuiApp)
        double kioskFontScale = 1.5;  ///< used instead of fontScale with --kiosk
        double fontSizePx = 18.0;     ///< smallest base size before scaling (the screen may ask more)
        std::vector<std::string> fontFamilies{"Noto Sans", "DejaVu Sans"};
        std::string fontFile;         ///< explicit TTF/OTF; overrides fontFamilies
        int windowWidth = 0;          ///< 0: the primary screen's work area (as is windowHeight)
        int windowHeight = 0;
        bool kiosk = false;
        std::string officerPrefill;   ///< from --officer (not the file): typed into the sign-in form
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

    struct Face {
        std::filesystem::path modelsDir;  ///< empty → $BHXH_MODELS_DIR, /usr/local/share/bhxh-desk/models, ~/.local/share/...
        double sameAtOrAbove = 0.48;      ///< cosine ≥ this → "likely same" (docs/face-calibration.md)
        double differentBelow = 0.25;     ///< cosine < this → "likely different"; between → the clerk decides
        int minFacePx = 40;               ///< a smaller best face is never "likely same"
        int maxImageSide = 1600;          ///< larger images are shrunk before detection
        int maxImageMb = 25;              ///< larger files are refused
        int cacheEntries = 256;           ///< analyses kept by image sha256
        bool liveness = true;             ///< show the advisory liveness figure
    };
    /// [sms]: how citizens' SMS leave the desk (notify module).
    struct Sms {
        std::string driver = "spool";        ///< spool | http
        std::string profile = "generic";     ///< assets/sms-profiles/<profile>.json
        std::string url;                     ///< empty → the profile's url
        std::string sender = "BHXH";         ///< registered brandname
        std::filesystem::path spoolDir;      ///< empty → <data_dir>/spool/sms
        std::filesystem::path secretsFile;   ///< 0600 NAME=value file; env BHXH_SMS_<NAME> wins
        std::filesystem::path caBundle;      ///< empty → the system's CA store
        int timeoutSeconds = 15;
        std::string proxy;                   ///< empty → direct; the environment's proxy is never used
    };
    /// [email]: how citizens' e-mail leave the desk (notify module).
    struct Email {
        std::string driver = "spool";        ///< spool | smtp
        std::string url;                     ///< smtps://host:465 or smtp://host:587 (STARTTLS required)
        std::string fromAddress = "no-reply@bhxh.local";
        std::string fromName = "BHXH";
        std::string username;                ///< empty → no SMTP AUTH
        std::filesystem::path secretsFile;   ///< 0600 file with password=...; env BHXH_SMTP_PASSWORD wins
        std::filesystem::path spoolDir;      ///< empty → <data_dir>/spool/email
        std::filesystem::path caBundle;
        int timeoutSeconds = 30;
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

    struct Portal {
        std::string baseUrl = "http://127.0.0.1:8787/api/desk/v1";  ///< https, or http to loopback only
        std::filesystem::path tokenFile;  ///< mode 0600; BHXH_DESK_TOKEN overrides it
        std::filesystem::path caBundle;   ///< empty → the system CA store
        std::string proxy;                ///< empty → direct; loopback is always direct
        int connectTimeoutMs = 3000;
        int timeoutMs = 20000;            ///< one attempt
        int callTimeoutMs = 30000;        ///< one call with all its retries, however the portal stalls
        int retries = 3;                  ///< transient failures only (5xx, 408, 429, network)
        int syncIntervalS = 60;
        int pushIntervalS = 5;            ///< how often decisions waiting for the portal are retried
        int claimTtlS = 120;              ///< lease on the open dossier; renewed at half of it
    };
    /// [chip]: the CCCD chip over PC/SC (docs/chip.md).
    struct Chip {
        bool enabled = false;           ///< the desk reads the card's chip after a CCCD QR (a PC/SC reader is there)
        std::string reader;             ///< the reader's PC/SC name; empty → the first one
        std::filesystem::path cscaDir;  ///< the office's CSCA certificates and CRLs; empty → chips are "read but not verified"
        int cardWaitS = 10;             ///< how long `chip read` waits for a card on the reader
    };
    /// [images]: what any picture may declare before it is decoded (scan, face check, portal photos).
    struct Images {
        int maxPixels = 40'000'000;  ///< width × height from the header; 40 MP holds a 4K frame and any portal photo
    };
    /// [print]: the counter's printer (receipts, the day report).
    struct Print {
        std::string printerUri;  ///< ipp:// or ipps://; empty → no printer, "save as PDF" only
        int jobTimeoutS = 120;   ///< how long a job may take until printed before the clerk is told
    };
    /// [privacy]: officer lockout, the idle lock and how long photos stay on the desk.
    struct Privacy {
        int retentionDays = 30;    ///< photos and captured frames of decisions older than this are purged
        int idleLockMinutes = 5;   ///< the desk locks after this long without input
        int lockoutFailures = 5;   ///< consecutive wrong passwords that lock an account
        int lockoutMinutes = 5;    ///< how long the lockout lasts
    };
    /// [decision]: the office's decision policy (declarations::DecisionPolicy); [desk] four_eyes
    /// sets its fourEyes.
    declarations::PolicyConfig decision;
    /// [qa]: which approvals go to the supervisor's re-check list (docs/supervision.md).
    declarations::QaConfig qa;
    /// [audit]: the key that seals the audit log (docs/security.md "Audit trail").
    struct Audit {
        /// 0600 file in a 0700 folder, outside the data folder, created at first start;
        /// empty → $XDG_CONFIG_HOME/bhxh-desk/audit/audit.key
        std::filesystem::path keyFile;
    };
    Desk desk;
    Portal portal;
    Audit audit;
    Privacy privacy;
    Images images;
    Print print;
    Ui ui;
    Face face;
    Paths paths;
    Log log;
    Sms sms;
    Email email;
    Camera camera;
    Scan scan;
    Chip chip;
    /// The file these values came from; empty when only defaults are in use.
    std::filesystem::path source;
};

} // namespace bhxh::app
