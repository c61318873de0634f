#include "common/error.h"

namespace bhxh {

std::string Error::describe() const {
    if (message.empty()) return code;
    if (code.empty()) return message;
    return code + ": " + message;
}

} // namespace bhxh
