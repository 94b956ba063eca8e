#include "sms/message_check.hpp"

namespace poura::sms {

std::optional<std::string> message_problem(const Message& m) {
    // The id travels in an HTTP header: printable ASCII without spaces keeps
    // it intact there and rules out a line break that would start another header.
    if (m.id.empty() || m.id.size() > 255) return "message id must be 1 to 255 characters";
    for (char c : m.id)
        if (c < 0x21 || c > 0x7E) return "message id must be printable ASCII without spaces";
    bool mobile = m.to.size() == 11 && m.to.compare(0, 2, "01") == 0;
    for (char c : m.to) mobile = mobile && c >= '0' && c <= '9';
    if (!mobile) return "recipient must be an 11-digit mobile number 01XXXXXXXXX";
    return std::nullopt;
}

}  // namespace poura::sms
