// Text messages to applicants: how many parts a text costs, and the
// transports that hand a message to a file or to an HTTP SMS gateway. The
// outbox that decides when to send and retry lives in the office workflow.
#pragma once

#include <poura/result.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace poura::sms {

// How a text travels: GSM 03.38 7-bit (basic set; the extension characters
// ^{}\[~]|€ and form feed count two septets) when every character is in it,
// else UCS-2 (UTF-16 code units; a character outside the BMP counts two).
// Parts: GSM-7 160 in one message, 153 per part when longer; UCS-2 70 single,
// 67 per part. A part never splits an extension character or a surrogate
// pair, as phones and gateways split them, so such a character at the end of
// a full part moves to the next one.
// Ill-formed UTF-8 makes the text UCS-2 and each byte that is not part of a
// well-formed sequence counts one unit (the U+FFFD a gateway would send).
struct Segments {
    bool ucs2 = false;
    int units = 0;  // septets for GSM-7, UTF-16 code units for UCS-2
    int parts = 0;
};
Segments count_segments(std::string_view utf8);  // empty text: units 0, parts 1

struct Message {
    std::string id;    // idempotency key: printable ASCII, no spaces, at most 255 characters
    std::string to;    // 11-digit mobile number "01XXXXXXXXX"
    std::string text;  // UTF-8
};

// retry: worth trying again later (timeout, 5xx, 429, 408, network, a file
// that could not be written); failed: refused for good (other 4xx, a message
// with a malformed id or number).
enum class Outcome { sent, retry, failed };

struct Delivery {
    Outcome outcome = Outcome::failed;
    std::string gateway_id;  // the gateway's id for the message, when it gave one
    std::string detail;      // what happened, for the log: a status code or the error
};

// Sends one message. send never throws; a transport may be used from several
// threads at once.
class Transport {
public:
    virtual ~Transport() = default;
    virtual Delivery send(const Message& m) = 0;
    virtual std::string name() const = 0;
};

// Appends one JSON line per message ({"id","to","text","parts","ucs2"}) to a
// file, or writes it to standard output for "-"; a file is fsynced before
// send reports the message sent. For development and for offices without a
// gateway, where someone sends the messages by hand.
std::unique_ptr<Transport> file_transport(std::string path);

struct HttpGateway {
    std::string url;      // http:// or https://
    std::string api_key;  // sent as "Authorization: Bearer <api_key>" when set
    std::string sender;   // the sender id or masking name, sent when set
    long timeout_ms = 10000;
};

// {"url": "...", "api_key": "...", "sender": "...", "timeout_ms": N}: url is
// required and must be http:// or https:// with a host; the others are
// optional, timeout_ms 1 to 600000. Errors are invalid_argument.
Result<HttpGateway> gateway_from_json(const nlohmann::json& j);

// POSTs application/x-www-form-urlencoded fields to, text and sender (when
// set), with the headers Idempotency-Key: <id> and Authorization: Bearer
// <api_key> (when set). 2xx is sent, with gateway_id from a JSON body's "id"
// when present; 408, 429, 5xx, timeouts and connection errors are retry;
// other statuses failed. Redirects are not followed. Each send uses an easy
// handle of its own, with the gateway's timeout for the whole exchange.
std::unique_ptr<Transport> http_transport(HttpGateway gateway);

}  // namespace poura::sms
