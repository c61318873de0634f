#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace bhxh::ui {

/// One line of the daily approval queue (what the table shows, nothing more).
struct QueueRow {
    std::string dossierNo;
    std::string fullName;
    std::string status;
    std::string request;
    std::string kind;
    std::string channel;
    std::string expiresAt;
    int daysLeft = 0;
    std::string bhxhCode;
    std::string phone;
};

/// What the clerk filters the queue by.
struct QueueFilter {
    std::string search;          ///< name without diacritics, ID number, BHXH code, phone or dossier
    std::string status = "pending";  ///< "" = every status
    int dueWithinDays = -1;      ///< -1 = any deadline
    std::string channel;         ///< "" | vssid | web
    bool minorsOnly = false;
    friend bool operator==(const QueueFilter&, const QueueFilter&) = default;
};

/// The queue as last loaded by the worker: rows sorted by deadline, shared with the table.
struct QueueSnapshot {
    std::shared_ptr<const std::vector<QueueRow>> rows = std::make_shared<std::vector<QueueRow>>();
    bool loading = false;
    std::string errorKey;
    double loadMs = 0;
};

} // namespace bhxh::ui
