#include "app/commands/officer_id_validator.h"

#include "security/officer.h"

#include <string>

namespace bhxh::app::commands {

// CLI11 calls the function with the option's value: an empty string means valid, anything else
// is the message it prints after the option's name ("--by: an officer id is ...").
OfficerIdValidator::OfficerIdValidator()
    : CLI::Validator(
          [](std::string& value) -> std::string {
              auto ok = security::validateOfficerId(value);
              return ok ? std::string{} : ok.error().message;
          },
          "OFFICER_ID", "OFFICER_ID") {
    non_modifying_ = true;
}

} // namespace bhxh::app::commands
