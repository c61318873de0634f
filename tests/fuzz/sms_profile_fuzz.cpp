// libFuzzer target: SMS provider profiles (assets/sms-profiles/*.json) and a gateway's answer
// as a profile reads it. The input is used both as a profile and as an answer body.
#include "notify/sms_profile.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// A profile like assets/sms-profiles/generic.json, with paths into the answer.
const char* const kProfile = R"({
  "name": "fuzz", "url": "https://sms.example/send", "method": "POST", "encoding": "json",
  "auth": { "type": "bearer", "token": "{token}" },
  "fields": { "to": "to", "text": "text", "sender": "sender", "reference": "client_ref" },
  "fixed": { "kind": 2 }, "phone_format": "84", "to_array": false,
  "idempotency_header": "Idempotency-Key", "idempotent": false,
  "success": { "json_path": "status", "equals": "ok" },
  "message_id_path": "data.id", "error_code_path": "error.code", "error_message_path": "error.message",
  "retryable_codes": ["busy"], "already_sent_codes": ["dup"], "unclear_codes": ["later"],
  "rate_limit_per_minute": 0
})";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bhxh::notify;
    const std::string input(reinterpret_cast<const char*>(data), size);
    if (auto profile = SmsProfile::fromJson(input)) {
        OutgoingMessage message;
        message.key = "k1";
        message.to = "0983847986";
        message.text = "BHXH VN: ma xac nhan";
        (void)profile->buildRequest(message, "BHXH", {{"token", "t"}, {"api_key", "k"}});
        (void)profile->classify(HttpResponse{HttpResponse::Transport::Ok, {}, 200, "{}"});
    }
    static const auto reader = SmsProfile::fromJson(kProfile);
    if (!reader) {
        std::fprintf(stderr, "INVARIANT BROKEN: the fixed profile is refused: %s\n", reader.error().message.c_str());
        std::abort();
    }
    {
        for (long status : {200L, 400L, 429L, 503L}) {
            (void)reader->classify(HttpResponse{HttpResponse::Transport::Ok, {}, status, input});
        }
    }
    return 0;
}
