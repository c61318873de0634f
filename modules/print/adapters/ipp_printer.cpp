#include "print/adapters/ipp_printer.h"

#include "common/stop_wait.h"
#include "print/job_status_text.h"

#include <cups/cups.h>
#include <cups/http.h>
#include <cups/ipp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::print {
namespace {

using Clock = std::chrono::steady_clock;

struct Target {
    std::string scheme;
    std::string host;
    int port = 631;
    std::string resource;
};

Result<Target> parseUri(const std::string& uri) {
    if (uri.empty()) return makeError("print.error.no_printer", "no printer is configured ([print] printer_uri)");
    if (uri.size() > 1024) return makeError("print.error.bad_uri", "printer URI too long");
    std::array<char, 32> scheme{};
    std::array<char, 256> user{};
    std::array<char, 256> host{};
    std::array<char, 1024> resource{};
    int port = 0;
    const auto status = httpSeparateURI(HTTP_URI_CODING_ALL, uri.c_str(), scheme.data(), scheme.size(), user.data(),
                                        user.size(), host.data(), host.size(), &port, resource.data(), resource.size());
    const std::string s = scheme.data();
    if (status < HTTP_URI_STATUS_OK || (s != "ipp" && s != "ipps") || host[0] == '\0') {
        return makeError("print.error.bad_uri", "not an ipp:// or ipps:// printer URI: " + uri);
    }
    return Target{s, host.data(), port > 0 ? port : 631, resource[0] ? resource.data() : "/"};
}

// libcups' timeout callback: keep waiting while the step's deadline is ahead and nobody stops.
struct WaitBound {
    Clock::time_point deadline;
    std::stop_token stop;
};
int keepWaiting(http_t*, void* data) {
    const auto* bound = static_cast<const WaitBound*>(data);
    return !bound->stop.stop_requested() && Clock::now() < bound->deadline ? 1 : 0;
}

struct HttpClose {
    void operator()(http_t* http) const { httpClose(http); }
};
struct IppDelete {
    void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using HttpPtr = std::unique_ptr<http_t, HttpClose>;
using IppPtr = std::unique_ptr<ipp_t, IppDelete>;

std::vector<std::string> keywords(ipp_t* response, const char* name) {
    std::vector<std::string> out;
    ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_KEYWORD);
    const int count = attr ? std::min(ippGetCount(attr), 64) : 0;  // bounded: a printer lists a few
    for (int i = 0; i < count; ++i) {
        const char* value = ippGetString(attr, i, nullptr);
        if (value && std::string_view(value) != "none") out.emplace_back(value);
    }
    return out;
}

class Session {
public:
    Session(const Target& target, const PrintRequest& request, const Printer::Limits& limits, std::stop_token stop)
        : m_target(target), m_request(request), m_limits(limits), m_stop(std::move(stop)) {}

    Result<void> connect() {
        int cancel = 0;
        // httpConnect2 looks at the flag while it waits for the connection (set from the
        // stopping thread, hence the atomic store).
        std::stop_callback onStop(m_stop, [&cancel] { __atomic_store_n(&cancel, 1, __ATOMIC_RELAXED); });
        m_http.reset(httpConnect2(m_target.host.c_str(), m_target.port, nullptr, AF_UNSPEC,
                                  m_target.scheme == "ipps" ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED, 1,
                                  static_cast<int>(m_limits.connect.count()), &cancel));
        if (m_stop.stop_requested()) return makeError("print.error.cancelled", "the desk is stopping");
        if (!m_http) {
            return makeError("print.error.unreachable", "cannot connect to " + m_target.host + ":" +
                                                            std::to_string(m_target.port) + ": " + cupsLastErrorString());
        }
        httpSetTimeout(m_http.get(), 1.0, keepWaiting, &m_bound);
        return {};
    }

    /// One request and its answer within Limits::io.
    Result<IppPtr> send(ipp_t* request, const char* file = nullptr) {
        m_bound.deadline = Clock::now() + m_limits.io;
        m_bound.stop = m_stop;
        ipp_t* response = file ? cupsDoFileRequest(m_http.get(), request, m_target.resource.c_str(), file)
                               : cupsDoRequest(m_http.get(), request, m_target.resource.c_str());
        if (m_stop.stop_requested()) {
            ippDelete(response);
            return makeError("print.error.cancelled", "the desk is stopping");
        }
        if (!response) {
            const bool late = Clock::now() >= m_bound.deadline;
            return makeError("print.error.unreachable", std::string(late ? "the printer did not answer in time: " : "") +
                                                            cupsLastErrorString());
        }
        IppPtr owned(response);
        if (ippGetStatusCode(response) > IPP_STATUS_OK_EVENTS_COMPLETE) {
            const ipp_status_t status = ippGetStatusCode(response);
            if (status == IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED) {
                return makeError("print.error.format", "the printer takes no PDF");
            }
            return makeError("print.error.refused", std::string("the printer refused: ") + ippErrorString(status) +
                                                        " " + cupsLastErrorString());
        }
        return owned;
    }

    ipp_t* newRequest(ipp_op_t op) const {
        ipp_t* request = ippNewRequest(op);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, m_request.printerUri.c_str());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                     m_request.user.empty() ? "bhxh-desk" : m_request.user.c_str());
        return request;
    }

    Result<void> printerState(JobStatus& status, std::vector<std::string>* formats = nullptr) {
        ipp_t* request = newRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
        static const char* const kWanted[] = {"printer-state", "printer-state-reasons", "document-format-supported"};
        ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr, kWanted);
        auto response = send(request);
        if (!response) return response.error();
        ipp_attribute_t* state = ippFindAttribute(response->get(), "printer-state", IPP_TAG_ENUM);
        status.printerStopped = state && ippGetInteger(state, 0) == IPP_PSTATE_STOPPED;
        status.printerReasons = keywords(response->get(), "printer-state-reasons");
        if (formats) {
            ipp_attribute_t* f = ippFindAttribute(response->get(), "document-format-supported", IPP_TAG_MIMETYPE);
            const int count = f ? std::min(ippGetCount(f), 64) : 0;
            for (int i = 0; i < count; ++i) {
                if (const char* v = ippGetString(f, i, nullptr)) formats->emplace_back(v);
            }
        }
        return {};
    }

    Result<int> printJob() {
        ipp_t* request = newRequest(IPP_OP_PRINT_JOB);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
                     m_request.title.empty() ? "bhxh-desk" : m_request.title.c_str());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr, "application/pdf");
        auto response = send(request, m_request.pdf.c_str());
        if (!response) return response.error();
        ipp_attribute_t* id = ippFindAttribute(response->get(), "job-id", IPP_TAG_INTEGER);
        if (!id) return makeError("print.error.refused", "the printer gave no job id");
        return ippGetInteger(id, 0);
    }

    Result<void> jobState(JobStatus& status) {
        ipp_t* request = newRequest(IPP_OP_GET_JOB_ATTRIBUTES);
        ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", status.jobId);
        static const char* const kWanted[] = {"job-state", "job-state-reasons"};
        ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, nullptr, kWanted);
        auto response = send(request);
        if (!response) return response.error();
        ipp_attribute_t* state = ippFindAttribute(response->get(), "job-state", IPP_TAG_ENUM);
        if (state) status.state = JobStatusText::fromIpp(ippGetInteger(state, 0));
        status.jobReasons = keywords(response->get(), "job-state-reasons");
        return {};
    }

private:
    Target m_target;
    const PrintRequest& m_request;
    Printer::Limits m_limits;
    std::stop_token m_stop;
    WaitBound m_bound;
    HttpPtr m_http;
};

bool sameStatus(const JobStatus& a, const JobStatus& b) {
    return a.state == b.state && a.jobId == b.jobId && a.printerReasons == b.printerReasons &&
           a.jobReasons == b.jobReasons && a.printerStopped == b.printerStopped;
}

} // namespace

IppPrinter::IppPrinter(Limits limits) : m_limits(limits) {}

Result<JobStatus> IppPrinter::print(const PrintRequest& request, const Progress& progress, std::stop_token stop) {
    auto target = parseUri(request.printerUri);
    if (!target) return target.error();
    // A PDF, by its first bytes: the printer is told "application/pdf".
    {
        std::ifstream probe(request.pdf, std::ios::binary);
        char magic[5] = {};
        if (!probe || !probe.read(magic, sizeof magic) || std::string_view(magic, sizeof magic) != "%PDF-") {
            return makeError("print.error.file", "not a readable PDF: " + request.pdf.string());
        }
    }
    JobStatus status;
    JobStatus shown;
    bool anyShown = false;
    auto report = [&] {
        if (anyShown && sameStatus(shown, status)) return;
        shown = status;
        anyShown = true;
        if (progress) progress(status);
    };
    report();

    Session session(*target, request, m_limits, stop);
    if (auto ok = session.connect(); !ok) return ok.error();
    std::vector<std::string> formats;
    if (auto ok = session.printerState(status, &formats); !ok) return ok.error();
    // A stopped printer, or one out of paper, is refused before the document goes: the clerk
    // hears it now, not after the job waited.
    if (status.printerStopped) {
        return makeError("print.error.stopped", JobStatusText::reasonKey(status.printerReasons, true));
    }
    if (std::find(formats.begin(), formats.end(), "application/pdf") == formats.end() &&
        std::find(formats.begin(), formats.end(), "application/octet-stream") == formats.end() && !formats.empty()) {
        return makeError("print.error.format", "the printer takes no PDF");
    }
    auto job = session.printJob();
    if (!job) return job.error();
    status.jobId = *job;
    status.state = JobState::Pending;
    report();

    const auto deadline = Clock::now() + m_limits.job;
    while (true) {
        if (auto ok = session.jobState(status); !ok) return ok.error();
        if (auto ok = session.printerState(status); !ok) return ok.error();
        report();
        if (status.state == JobState::Completed) return status;
        if (status.state == JobState::Aborted || status.state == JobState::Cancelled) {
            const std::string reason = JobStatusText::reasonKey(status.printerReasons, status.printerStopped);
            return makeError("print.error.failed", reason.empty() ? JobStatusText::stateKey(status.state) : reason);
        }
        if (Clock::now() >= deadline) {
            return makeError("print.error.timeout", JobStatusText::reasonKey(status.printerReasons, status.printerStopped));
        }
        if (!waitUnlessStopped(stop, m_limits.poll)) return makeError("print.error.cancelled", "the desk is stopping");
    }
}

} // namespace bhxh::print
