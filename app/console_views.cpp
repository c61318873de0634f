#include "app/console_views.h"

#include "app/audit_controller.h"
#include "app/camera_feed.h"
#include "app/dashboard_controller.h"
#include "app/desk_controller.h"
#include "app/desk_services.h"
#include "app/face_setup.h"
#include "app/officer_language.h"
#include "app/outbox_controller.h"
#include "app/portal_client_factory.h"
#include "app/portal_link.h"
#include "app/print_service.h"
#include "app/queue_controller.h"
#include "app/recheck_controller.h"
#include "app/session_controller.h"
#include "app/settings_controller.h"
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/local_time.h"
#include "common/log.h"
#include "declarations/decision_recorder.h"
#include "declarations/qa_sample.h"
#include "face/adapters/cv_face_matcher.h"
#include "face/face_worker.h"
#include "print/adapters/ipp_printer.h"
#include "security/sodium_random_source.h"
#include "ui/audit_view.h"
#include "ui/dashboard_view.h"
#include "ui/desk_view.h"
#include "ui/empty_state_view.h"
#include "ui/login_view.h"
#include "ui/outbox_view.h"
#include "ui/queue_view.h"
#include "ui/recheck_view.h"
#include "ui/settings_view.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bhxh::app {
namespace {

// Tab ids the console itself looks for (the queue's Enter opens the desk; the camera preview runs
// only while the settings tab is in front).
constexpr const char* kDeskTab = "desk";
constexpr const char* kSettingsTab = "settings";

} // namespace

// Controllers and other long-lived parts of the views, in the order they are built; members
// are destroyed in reverse, so the workers stop before what they use goes away.
struct ConsoleViews::Parts {
    /// The signed-in officer; role checks and four-eyes for the controllers' actions go through it.
    std::unique_ptr<SessionController> session;
    AuthorizeFn authorize = [](std::string_view) -> Result<std::string> {
        return makeError("security.denied", "nobody is signed in at this desk");
    };
    ConfirmOfficerFn confirmOfficer = [](const std::string&, const std::string&) -> Result<std::string> {
        return makeError("security.unavailable", "officer accounts cannot be read");
    };
    /// Audit entries for what happens only in the UI (reveal, export, open).
    AuditNoteFn auditNote;
    /// Opens a declaration in the walk-in desk view and switches to it (the queue's Enter).
    std::function<void(const std::string& dossierNo)> openDeclaration = [](const std::string&) {};
    /// Run by beforeFrame(), in order.
    std::vector<std::function<void()>> frameHooks;

    security::SodiumRandomSource random;  // the QA sampler's draws: nobody can predict them
    std::unique_ptr<declarations::QaSampler> qaSampler;
    std::unique_ptr<StoreWorker> deskStore;    // the walk-in desk: never behind a long queue load
    std::unique_ptr<StoreWorker> officeStore;  // queue, outbox, dashboard, audit notes
    CpuPool cpu{"cpu"};  // pictures, PDFs, the four-eyes password wait: never on a store thread
    std::unique_ptr<face::FaceWorker> faces;
    std::unique_ptr<CameraFeed> camera;
    std::unique_ptr<CameraFeed> preview;  // the settings screen's camera preview
    std::unique_ptr<DeskController> desk;
    std::unique_ptr<PortalLink> portal;  // after the desk: its callbacks reach the desk until it stops
    std::unique_ptr<QueueController> queue;
    std::unique_ptr<OutboxController> outbox;
    std::unique_ptr<DashboardController> dashboard;
    std::unique_ptr<RecheckController> recheck;
    std::unique_ptr<SettingsController> settings;
    std::unique_ptr<AuditController> audit;
    std::unique_ptr<OfficerLanguage> language;  // each officer's language, remembered
    /// The counter's printer (receipts, the day report, the test page); declared last, so its
    /// thread stops first: its updates reach the controllers above.
    std::unique_ptr<PrintService> print;
    ui::AppShell* shell = nullptr;
};

ConsoleViews::ConsoleViews(ConsoleWiring wiring) : m_wiring(wiring), m_parts(std::make_unique<Parts>()) {
    Parts& p = *m_parts;
    const AppConfig& config = m_wiring.config;
    auto deskStore = StoreWorker::start(m_wiring.services.store());
    auto officeStore = StoreWorker::start(m_wiring.services.store());
    if (!deskStore || !officeStore) {
        log::error("console: cannot open store connections");
        return;
    }
    p.deskStore = std::move(deskStore).value();
    p.officeStore = std::move(officeStore).value();
    auto session = SessionController::start(config, m_wiring.services.store(), m_wiring.queue, m_wiring.status,
                                            config.ui.officerPrefill);
    if (!session) {
        log::error("console: officer accounts: " + session.error().describe());
        return;
    }
    p.session = std::move(session).value();
    p.authorize = p.session->authorizer();
    p.confirmOfficer = p.session->confirmer();
    p.auditNote = [&p](std::string_view kind, const std::string& subject, const std::string& detail) {
        AuditEvent event{std::string(kind), p.session->currentOfficer(), subject, detail, std::chrono::system_clock::now()};
        p.officeStore->post([event](StoreContext& ctx) {
            if (auto ok = ctx.audit.append(event); !ok) log::error("audit: " + ok.error().describe());
        });
    };

    // The face models (a hash check of 9 MB and four ONNX nets) load on the face worker's thread,
    // not before the first frame: a check asked for meanwhile waits for them; when they cannot
    // be loaded the desk is told and shows why, as when they were loaded here.
    p.faces = std::make_unique<face::FaceWorker>(
        [modelsDir = FaceSetup::modelsDir(config), options = FaceSetup::options(config)]()
            -> Result<std::unique_ptr<face::FaceMatcher>> {
            auto matcher = face::CvFaceMatcher::load(modelsDir, options);
            if (!matcher) return matcher.error();
            log::info("face models loaded from " + modelsDir.string());
            return std::unique_ptr<face::FaceMatcher>(std::move(matcher).value());
        },
        FaceSetup::policy(config), &m_wiring.queue, [&p](Result<void> loaded) {
            if (loaded) return;
            log::warn("face check unavailable: " + loaded.error().message);
            if (p.desk) p.desk->faceCheckUnavailable(loaded.error().message);
        });
    p.camera = std::make_unique<CameraFeed>(config, m_wiring.queue, &m_wiring.status);
    p.desk = std::make_unique<DeskController>(config, m_wiring.queue, *p.deskStore, p.cpu, p.faces.get(), std::string());
    p.desk->setAccess(p.authorize, p.confirmOfficer, p.auditNote);
    p.camera->start([&p](const scan::ScanEvent& e) {
        // Nobody signed in, or the desk is locked: a card shown now opens nothing.
        if (!p.session->open()) return;
        // The administrator is previewing the desk's camera on the settings screen: shown there.
        if (p.settings && p.settings->previewingDeskCamera()) {
            p.settings->previewScanned(e);
            return;
        }
        // Read where the clerk is: the desk holds it (an open dossier is never replaced); a scan
        // seen on another tab does not move the clerk.
        p.desk->onScan(e);
    });
    const declarations::DecisionPolicy policy(config.decision);
    p.desk->setPolicy(policy);
    p.qaSampler = std::make_unique<declarations::QaSampler>(config.qa, p.random);
    p.desk->setRecorder([policy, sampler = p.qaSampler.get()](StoreContext& ctx, const declarations::DecisionRequest& request) {
        return declarations::DecisionRecorder(ctx.decisions, {}, policy, sampler).record(request);
    });
    startPortal();
    p.queue = std::make_unique<QueueController>(config.desk.officeCode, m_wiring.queue, *p.officeStore);
    p.outbox = std::make_unique<OutboxController>(m_wiring.queue, *p.officeStore, m_wiring.lang, m_wiring.status,
                                                  p.authorize);
    p.dashboard = std::make_unique<DashboardController>(config.desk.officeCode, config.paths.dataDir / "exports",
                                                        m_wiring.queue, *p.officeStore, p.cpu, m_wiring.lang, p.authorize,
                                                        p.auditNote);
    p.dashboard->setDayReport(config);
    print::Printer::Limits printLimits;
    printLimits.job = std::chrono::seconds(config.print.jobTimeoutS);
    p.print = std::make_unique<PrintService>(m_wiring.queue, std::make_unique<print::IppPrinter>(printLimits),
                                             config.print.printerUri);
    p.desk->setPrinter(p.print.get());
    p.dashboard->setPrinter(p.print.get());
    p.recheck = std::make_unique<RecheckController>(m_wiring.queue, *p.officeStore, p.cpu, p.authorize,
                                                    static_cast<std::uint64_t>(config.images.maxPixels));
    p.recheck->onReviewed([&p] { p.dashboard->refresh(); });  // the flag shows in today's figures
    p.preview = std::make_unique<CameraFeed>(config, m_wiring.queue, nullptr);
    p.preview->attach([&p](const scan::ScanEvent& e) {
        if (p.settings) p.settings->previewScanned(e);
    });
    SettingsController::Hooks hooks;
    hooks.useCamera = [&p](SettingsController::SourcePtr source, const std::string&) {
        p.camera->useSource(std::move(source));
        p.camera->forgetSeen();
    };
    hooks.startPreview = [&p](SettingsController::SourcePtr source, const std::string&) {
        p.preview->useSource(std::move(source));
    };
    hooks.stopPreview = [&p] { p.preview->stopSource(); };
    hooks.faceCutoffs = [&p](const face::Thresholds& t) {
        if (p.faces) p.faces->setPolicy(face::BandPolicy(t));
    };
    hooks.retentionDays = [&services = m_wiring.services](int days) { services.setRetentionDays(days); };
    hooks.printerUri = [&p](const std::string& uri) { p.print->setPrinterUri(uri); };
    p.settings = std::make_unique<SettingsController>(config, m_wiring.queue, *p.officeStore, p.authorize, std::move(hooks));
    p.settings->setPrinter(p.print.get());
    p.audit = std::make_unique<AuditController>(m_wiring.queue, *p.officeStore, p.authorize);
    p.language = std::make_unique<OfficerLanguage>(m_wiring.queue, *p.officeStore, [&p](const std::string& code) {
        if (p.shell) p.shell->switchLanguage(code);
    });
    p.openDeclaration = [&p](const std::string& dossierNo) {
        p.desk->openDossier(dossierNo);
        if (p.shell) p.shell->selectView(kDeskTab);
    };
    p.frameHooks.push_back([&p, wasOpen = false]() mutable {
        p.session->tick();
        const bool open = p.session->open();
        if (open && !wasOpen) {
            p.camera->forgetSeen();  // a card shown during sign-in is read now
            p.language->signedIn(p.session->currentOfficer());
        }
        wasOpen = open;
        p.camera->beforeFrame();
        p.desk->beforeFrame(p.camera->picture(), p.camera->outline());
        // The preview runs only while its screen is in front.
        if (!open || !p.shell || p.shell->selectedView() != kSettingsTab) p.settings->stopPreview();
        p.preview->beforeFrame();
        const CameraFeed& shown = p.settings->previewingDeskCamera() ? *p.camera : *p.preview;
        p.settings->beforeFrame(shown.picture(), shown.outline(), shown.state());
        p.outbox->tick();
    });
}

ConsoleViews::~ConsoleViews() {
    // Store jobs hold their controllers' `this`: no job may run once the controllers start to go.
    Parts& p = *m_parts;
    if (p.print) p.print->stop();  // a job's wait ends at once; its updates are not delivered
    if (p.officeStore) p.officeStore->stop();
    if (p.deskStore) p.deskStore->stop();
    p.cpu.stop();
}

void ConsoleViews::startPortal() {
    Parts& p = *m_parts;
    const AppConfig& config = m_wiring.config;
    if (!PortalClientFactory::configured(config)) {
        log::warn("portal: no desk token (BHXH_DESK_TOKEN or portal.token_file); the desk works offline");
        return;
    }
    MainThreadQueue& queue = m_wiring.queue;
    ui::StatusSnapshot& status = m_wiring.status;
    declarations::PortalWorker::Callbacks callbacks;
    callbacks.onStatus = [&queue, &status, &p](const declarations::PortalStatus& s) {
        queue.post([&status, &p, s] {
            status.online = s.online;
            if (s.lastSync.time_since_epoch().count() != 0) status.lastSync = formatLocalTime(s.lastSync, "%H:%M");
            if (s.lastPulled > 0 && p.queue) p.queue->reload();
        });
    };
    callbacks.onHold = [&queue, &p](const declarations::HoldStatus& h) {
        queue.post([&p, h] {
            using declarations::LeaseState;
            LeaseState state = h.held() ? LeaseState::Held : (h.offline ? LeaseState::Offline : LeaseState::None);
            std::string detail;
            if (!h.heldBy.empty()) {
                state = LeaseState::Conflict;
                detail = h.heldBy;
            } else if (!h.error.empty()) {
                state = LeaseState::Refused;
                detail = h.error;
            }
            p.desk->setLease(h.dossierNo, state, h.leaseId, detail);
        });
    };
    callbacks.onSyncProgress = [&queue, &status](const declarations::SyncProgress& s) {
        queue.post([&status, s] {
            using Phase = declarations::SyncProgress::Phase;
            status.sync.running = s.phase != Phase::Done;
            if (s.phase == Phase::Pull && s.pages > 0) status.online = true;  // a page came: the portal answers
            status.sync.files = s.phase == Phase::Files;
            status.sync.pages = s.pages;
            status.sync.pulled = s.pulled;
            status.sync.filesDone = s.files;
            status.sync.checked = s.filesChecked;
            status.sync.toCheck = s.filesToCheck;
        });
    };
    callbacks.onPushed = [&queue, &p](const notify::DrainStats&) {
        queue.post([&p] {
            if (p.outbox) p.outbox->refresh();
        });
    };
    auto link = PortalLink::start(config, m_wiring.services.store(), std::move(callbacks));
    if (!link) {
        log::error("portal: " + link.error().describe());
        m_wiring.status.online = false;
        return;
    }
    p.portal = std::move(link).value();
    declarations::PortalWorker& worker = p.portal->worker();
    DeskController::PortalHooks hooks;
    hooks.lookup = [&worker](const std::string& number,
                             std::function<void(Result<std::vector<declarations::Declaration>>)> done) {
        worker.lookup(number, std::move(done));
    };
    hooks.contactCheck = [&worker](const std::string& phone, const std::string& email, const std::string& bhxhCode,
                                   std::function<void(Result<declarations::ContactCheck>)> done) {
        worker.checkContacts(phone, email, bhxhCode, std::move(done));
    };
    hooks.hold = [&worker](const std::string& dossierNo, const std::string& officerId) { worker.hold(dossierNo, officerId); };
    hooks.release = [&worker] { worker.releaseHeld(); };
    hooks.pushDecision = [&worker](const std::string& key) { worker.pushDecision(key); };
    p.desk->setPortal(std::move(hooks));
}

void ConsoleViews::addTo(ui::AppShell& shell) {
    Parts& p = *m_parts;
    p.shell = &shell;
    if (!p.desk) {
        shell.addView(kDeskTab, std::make_unique<ui::EmptyStateView>("view.desk", "console.store_error"));
        return;
    }
    ui::LoginView::Commands login;
    login.login = [&p](const std::string& id, const std::string& password) { p.session->login(id, password); };
    login.setup = [&p](const std::string& id, const std::string& name, const std::string& password) {
        p.session->setupAdmin(id, name, password);
    };
    login.unlock = [&p](const std::string& password) { p.session->unlock(password); };
    auto signOut = [&p] {
        p.desk->close();  // releases the lease; the next officer starts with an empty desk
        p.session->signOut();
    };
    login.signOut = signOut;
    shell.setGate(std::make_unique<ui::LoginView>(p.session->snapshot(), login),
                  [&p] { return p.session->snapshot().gateClosed(); });
    shell.setSessionHooks({[&p] { p.session->activity(); }, [&p] { p.session->lockNow(); }, signOut});
    shell.setAccess([&p](Action action) { return static_cast<bool>(p.authorize(action)); });

    ui::DeskView::Commands desk;
    desk.wedgeKey = [&p](char32_t c, std::chrono::steady_clock::time_point at) { p.camera->wedgeKey(c, at); };
    desk.wedgeEnter = [&p](std::chrono::steady_clock::time_point at) { return p.camera->wedgeEnter(at); };
    desk.captureLive = [&p] { p.desk->captureLive(p.camera->latestBgr()); };
    desk.openAlternative = [&p](const std::string& dossier) { p.desk->openDossier(dossier); };
    desk.close = [&p] { p.desk->close(); };
    desk.openIncoming = [&p] { p.desk->openIncoming(); };
    desk.keepCurrent = [&p] { p.desk->keepCurrent(); };
    desk.chip.expiry = [&p](const std::string& text) { p.desk->chipExpiry(text); };
    desk.chip.mrz = [&p](const std::string& text) { p.desk->chipMrz(text); };
    desk.decision.acknowledge = [&p](const std::string& item, const std::string& reason) { p.desk->acknowledge(item, reason); };
    desk.decision.printReceipt = [&p, &lang = m_wiring.lang] { p.desk->printReceipt(lang); };
    desk.decision.decide = [&p](const std::string& code, const std::string& text, const std::string& second,
                                const std::string& password) { p.desk->decide(code, text, second, password); };
    // The registry: one line per tab (id, view, the action its role needs), in tab order.
    shell.addView(kDeskTab, std::make_unique<ui::DeskView>(p.desk->snapshot(), desk, p.auditNote));
    shell.addView("queue", std::make_unique<ui::QueueView>(
        p.queue->snapshot(), ui::QueueView::Commands{[&p](const ui::QueueFilter& f) { p.queue->query(f); },
                                                     [&p](const std::string& d) { p.openDeclaration(d); }}));
    shell.addView("outbox", std::make_unique<ui::OutboxView>(
        p.outbox->snapshot(),
        ui::OutboxView::Commands{[&p] { p.outbox->refresh(); }, [&p](std::int64_t id) { p.outbox->retry(id); },
                                 [&p](std::int64_t id) { p.outbox->cancel(id); },
                                 [&p](std::optional<notify::OutboxState> s) { p.outbox->setStateFilter(s); }}));
    shell.addView("dashboard", std::make_unique<ui::DashboardView>(
        p.dashboard->snapshot(),
        ui::DashboardView::Commands{[&p] { p.dashboard->refresh(); }, [&p] { p.dashboard->exportCsv(); },
                                    [&p] { p.dashboard->writeDayReport(); }}));
    ui::SettingsView::Commands settings;
    settings.runTest = [&p](const std::string& test) { p.settings->runTest(test); };
    settings.save = [&p](const std::map<std::string, std::string>& values) { p.settings->save(values); };
    settings.findCameras = [&p] { p.settings->findCameras(); };
    settings.preview = [&p](const std::string& spec) { p.settings->preview(spec); };
    settings.stopPreview = [&p] { p.settings->stopPreview(); };
    settings.useCamera = [&p](const std::string& spec) { p.settings->useCamera(spec); };
    settings.scannerTest = [&p](const std::string& text, const std::vector<ui::TimedKey>& keys,
                                std::chrono::steady_clock::time_point at) { p.settings->scannerTest(text, keys, at); };
    settings.findPrinters = [&p] { p.settings->findPrinters(); };
    settings.usePrinter = [&p](const std::string& uri) { p.settings->usePrinter(uri); };
    settings.printTestPage = [&p](const std::string& uri, const std::string& title, const std::vector<std::string>& lines) {
        p.settings->printTestPage(uri, title, lines);
    };
    shell.addView(kSettingsTab, std::make_unique<ui::SettingsView>(p.settings->snapshot(), std::move(settings), p.authorize));
    shell.addView("audit", std::make_unique<ui::AuditView>(
        p.audit->snapshot(), ui::AuditView::Commands{[&p] { p.audit->refresh(); }, [&p] { p.audit->verify(); }}));
    shell.addView("recheck",
                  std::make_unique<ui::RecheckView>(
                      p.recheck->snapshot(),
                      ui::RecheckView::Commands{[&p] { p.recheck->refresh(); },
                                                [&p](std::int64_t id) { p.recheck->select(id); },
                                                [&p](std::int64_t id) { p.recheck->confirm(id); },
                                                [&p](std::int64_t id, const std::string& reason, const std::string& note,
                                                     bool followUp) { p.recheck->flag(id, reason, note, followUp); }},
                      declarations::QaReview::flagReasons()),
                  Action::QaReview);
}

void ConsoleViews::languageChanged(const std::string& code) {
    Parts& p = *m_parts;
    if (p.language && p.session) p.language->changed(p.session->currentOfficer(), code);
}

void ConsoleViews::beforeFrame() {
    for (auto& hook : m_parts->frameHooks) hook();
}

} // namespace bhxh::app
