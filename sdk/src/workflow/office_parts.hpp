// What an office lends the parts of the library built on it (the revenue
// section): its database, options, keys, clock, audit log and outbox, so
// they write under the same transactions and the same audit chain.
#pragma once

#include <poura/office.hpp>

#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace poura::workflow {

class OfficeParts {
public:
    explicit OfficeParts(Office& office);

    store::Store& store();
    const OfficeOptions& options() const;
    const std::optional<Keyset>& keyset() const;
    const Municipality& municipality() const;
    std::int64_t now() const;
    // An audit entry (and a checkpoint when one is due).
    Status audit(std::int64_t actor, std::string event, std::string subject, const nlohmann::json& detail);
    // A message queued in the outbox (sent by Office::send_sms).
    Status queue_sms(std::string_view to, std::string_view text, std::string_view event);
    // The user, or not_found.
    Result<User> user(std::int64_t id) const;

private:
    Office& office_;
};

}  // namespace poura::workflow
