#pragma once
#include "ui_model/picture.h"
#include "ui_model/print_status.h"

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bhxh::ui {

/// What the settings screen shows: the configuration in force, grouped, the values an
/// administrator may change here, the camera picker with its preview, the scanner test and the
/// outcome of the connection tests. Written on the UI thread only.
struct SettingsSnapshot {
    struct Row {
        std::string labelKey;  ///< lang key of the setting's name
        std::string value;     ///< as configured (never a secret: only where the desk finds it)
        bool valueIsKey = false;  ///< value is a lang key (yes / no)
    };
    struct Group {
        std::string titleKey;
        std::string test;      ///< the connection test its button runs ("" = none): camera, portal, …
        std::vector<Row> rows;
    };
    struct CheckLine {
        std::string status;    ///< OK | WARN | FAIL
        std::string subject;
        std::string detail;  ///< what was found (English)
        std::string fixKey;  ///< what to do: a key in assets/lang, with its placeholders
        std::map<std::string, std::string> fixParams;
    };
    /// A value the administrator may change on this screen.
    struct Editable {
        std::string key;        ///< "privacy.retention_days", "face.same_at_or_above", …
        std::string labelKey;
        std::string value;      ///< in force
        bool changedHere = false;  ///< value comes from a change made on this screen
    };
    /// A camera the picker offers.
    struct CameraChoice {
        std::string spec;       ///< "0", "1", … or a file / folder path
        std::string label;      ///< "0 — 1280×720", or the path
        bool inUse = false;     ///< the desk reads it now
    };
    /// The last scanner test: what the handheld scanner typed and how the desk took it.
    struct ScannerTest {
        bool done = false;
        bool recognised = false;       ///< fast and long enough: the desk takes it as a scan
        std::size_t characters = 0;
        long totalMs = 0;              ///< first key to Enter
        long slowestGapMs = 0;         ///< longest pause between two keys
        long allowedGapMs = 0;         ///< [scan] wedge_max_key_gap_ms
        std::size_t minLength = 0;     ///< [scan] wedge_min_length
        std::string kindKey;           ///< settings.scanner.kind.cccd | bhyt | unknown | invalid
        std::string error;             ///< why the text is not a card (parser's words)
        std::vector<std::pair<std::string, std::string>> fields;  ///< (lang key, value; numbers masked)
        /// Card warnings: lang key and its parameters.
        std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> warnings;
    };

    std::vector<Group> groups;
    std::string configFile;         ///< where the values come from ("" = defaults)
    std::vector<CheckLine> results; ///< of the last test run
    std::string running;            ///< the test running now, "" = none

    std::vector<Editable> editable;
    bool saving = false;
    std::string saveKey;            ///< lang key of the last save's outcome ("" = none yet)
    bool saveFailed = false;

    /// A printer the printer picker offers (from the local CUPS).
    struct PrinterChoice {
        std::string uri;
        std::string label;      ///< "name — location"
    };
    std::string printerUri;         ///< the printer in force ("" = none: save as PDF only)
    std::vector<PrinterChoice> printers;
    bool findingPrinters = false;
    std::string printersErrorKey;   ///< print.error.no_cups when CUPS does not answer
    PrintStatus printTest;          ///< the last test page

    std::string cameraSource;       ///< the desk's source in force
    std::vector<CameraChoice> cameras;
    bool probing = false;
    std::string previewSpec;        ///< the source previewed ("" = none)
    std::string previewStateKey;    ///< lang key: settings.preview.opening | live | lost | ended | failed
    std::string previewDetail;      ///< why it failed (the path, the driver's words)
    std::string previewReadKey;     ///< what the preview read last: settings.scanner.kind.* ("" = nothing yet)
    std::string previewRead;        ///< its name and number (masked)
    Picture preview;
    std::vector<std::array<float, 2>> previewOutline;  ///< in picture pixels

    ScannerTest scanner;
};

} // namespace bhxh::ui
