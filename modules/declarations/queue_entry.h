#pragma once
#include "declarations/declaration.h"

#include <optional>
#include <string>

namespace bhxh::declarations {

/// One line of the daily approval queue: what the table shows and sorts by, nothing more, so
/// that 100,000 of them load in a moment.
struct QueueEntry {
    std::string dossierNo;
    std::string fullName;
    DeclarationStatus status = DeclarationStatus::Pending;
    DeclarationRequest request = DeclarationRequest::Register;
    DeclarationKind kind = DeclarationKind::Individual;
    std::string channel;
    std::string expiresAt;
    int daysLeft = 0;  ///< whole days before expires_at (negative once past)
    std::string bhxhCode;
    std::string phone;
};

/// What the clerk filters the queue by.
struct QueueFilter {
    std::string officeCode;          ///< "" = every office
    std::string search;              ///< name without diacritics, ID number, BHXH code, phone or dossier
    std::optional<DeclarationStatus> status = DeclarationStatus::Pending;  ///< nullopt = every status
    int dueWithinDays = -1;          ///< -1 = any deadline
    std::string channel;             ///< "" | vssid | web
    bool minorsOnly = false;
    friend bool operator==(const QueueFilter&, const QueueFilter&) = default;
};

} // namespace bhxh::declarations
