#pragma once
#include "seeder.h"

#include <string>

namespace portal {

/// The CCCD QR text of a person (7 fields, card-formats.md).
std::string cccdPayload(const Person& p);
/// The BHYT QR text of a person, new 17-part format; parentName is hex-encoded when given.
std::string bhytPayload(const Person& p, const std::string& officeCode, const std::string& parentName);
/// Lowercase hex of the UTF-8 bytes.
std::string hexUtf8(const std::string& text);

} // namespace portal
