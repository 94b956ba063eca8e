// What every transport checks before sending: a message that can never be
// delivered as it is fails for good instead of being retried.
#pragma once

#include "sms/sms.hpp"

#include <optional>
#include <string>

namespace poura::sms {

// Why the message cannot be sent (its id is not a usable idempotency key, or
// its number is not "01" and nine more digits), or nullopt when it can.
std::optional<std::string> message_problem(const Message& m);

}  // namespace poura::sms
