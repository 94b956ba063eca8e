// The HTTP gateway transport, through libcurl: one form POST per message.
#include "sms/message_check.hpp"
#include "sms/sms.hpp"

#include <poura/json.hpp>

#include "core/json_reader.hpp"
#include "core/text.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace poura::sms {
namespace {

constexpr long kMaxTimeoutMs = 600000;
// Enough of a response body for a gateway's id and an error message.
constexpr std::size_t kMaxBody = 64 * 1024;
constexpr std::size_t kMaxDetailBody = 200;

// curl_global_init is not thread-safe and must run once before any handle.
CURLcode global_init() {
    static std::once_flag once;
    static CURLcode code = CURLE_OK;
    std::call_once(once, [] { code = curl_global_init(CURL_GLOBAL_DEFAULT); });
    return code;
}

bool printable_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// The scheme and host of a URL as libcurl parses it; empty scheme when it
// cannot be parsed.
struct UrlParts {
    std::string scheme;
    std::string host;
    std::string port;
};

UrlParts parse_url(const std::string& url) {
    UrlParts parts;
    global_init();
    CURLU* handle = curl_url();
    if (!handle) return parts;
    if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        const auto part = [&](CURLUPart which, std::string& out) {
            char* value = nullptr;
            if (curl_url_get(handle, which, &value, 0) == CURLUE_OK && value) out = value;
            curl_free(value);
        };
        part(CURLUPART_SCHEME, parts.scheme);
        part(CURLUPART_HOST, parts.host);
        part(CURLUPART_PORT, parts.port);
    }
    curl_url_cleanup(handle);
    return parts;
}

// Percent-encodes a form value (UTF-8 bytes as %XX), as
// application/x-www-form-urlencoded carries it.
std::string form_encode(CURL* curl, const std::string& value) {
    char* escaped = curl_easy_escape(curl, value.data(), static_cast<int>(value.size()));
    if (!escaped) throw std::bad_alloc();
    std::string out(escaped);
    curl_free(escaped);
    return out;
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    const std::size_t n = size * count;
    // Past the limit the rest is read and dropped, so the exchange completes.
    if (body->size() < kMaxBody) body->append(data, std::min(n, kMaxBody - body->size()));
    return n;
}

// The start of a response body for the detail: whole UTF-8 characters only,
// line breaks as spaces; nothing when it is not text.
std::string body_excerpt(const std::string& body) {
    std::size_t end = std::min(body.size(), kMaxDetailBody);
    while (end > 0 && end < body.size() && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;
    std::string excerpt = body.substr(0, end);
    for (char& c : excerpt)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (!text::is_printable(excerpt)) return {};
    while (!excerpt.empty() && excerpt.back() == ' ') excerpt.pop_back();
    return excerpt;
}

// The gateway's id for the message: a JSON object body's "id", a string or a number.
std::string gateway_id_of(const std::string& body) {
    const auto parsed = parse_json(body);
    if (!parsed || !parsed->is_object()) return {};
    const nlohmann::json& j = *parsed;
    const auto it = j.find("id");
    if (it == j.end()) return {};
    if (it->is_string()) {
        const auto& id = it->get_ref<const std::string&>();
        return text::is_valid_utf8(id) ? id : std::string();
    }
    if (it->is_number_integer()) return it->dump();
    return {};
}

Outcome outcome_of_status(long status) {
    if (status >= 200 && status < 300) return Outcome::sent;
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) return Outcome::retry;
    return Outcome::failed;
}

// Frees what one exchange allocated, however send leaves it.
struct Exchange {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    ~Exchange() {
        curl_slist_free_all(headers);
        if (curl) curl_easy_cleanup(curl);
    }
    bool add_header(const std::string& header) {
        curl_slist* more = curl_slist_append(headers, header.c_str());
        if (!more) return false;
        headers = more;
        return true;
    }
};

class HttpTransport : public Transport {
public:
    explicit HttpTransport(HttpGateway gateway) : gateway_(std::move(gateway)) {
        const UrlParts parts = parse_url(gateway_.url);
        name_ = "http:" + (parts.host.empty() ? std::string("(bad url)")
                                              : parts.scheme + "://" + parts.host +
                                                    (parts.port.empty() ? "" : ":" + parts.port));
    }

    Delivery send(const Message& m) override {
        try {
            return deliver(m);
        } catch (...) {  // only allocation throws here; the short detail needs none
            return {Outcome::retry, {}, "out of memory"};
        }
    }

    std::string name() const override { return name_; }

private:
    Delivery deliver(const Message& m) {
        if (auto problem = message_problem(m)) return {Outcome::failed, {}, *problem};
        if (const CURLcode init = global_init(); init != CURLE_OK)
            return {Outcome::retry, {}, std::string("curl_global_init: ") + curl_easy_strerror(init)};
        // Declared before the handle, which points at them until it is freed.
        std::string body;
        char error[CURL_ERROR_SIZE] = {};
        Exchange x;
        if (!x.curl) return {Outcome::retry, {}, "curl_easy_init failed"};

        std::string form = "to=" + form_encode(x.curl, m.to) + "&text=" + form_encode(x.curl, m.text);
        if (!gateway_.sender.empty()) form += "&sender=" + form_encode(x.curl, gateway_.sender);
        // "Expect:" turns off libcurl's 100-continue round trip for larger bodies.
        if (!x.add_header("Content-Type: application/x-www-form-urlencoded") || !x.add_header("Accept: application/json") ||
            !x.add_header("Expect:") || !x.add_header("Idempotency-Key: " + m.id) ||
            (!gateway_.api_key.empty() && !x.add_header("Authorization: Bearer " + gateway_.api_key)))
            return {Outcome::retry, {}, "out of memory"};

        const long timeout = std::clamp(gateway_.timeout_ms, 1L, kMaxTimeoutMs);
        CURL* c = x.curl;
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(c, CURLOPT_URL, gateway_.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
        curl_easy_setopt(c, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout);
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(form.size()));
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, x.headers);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);

        const CURLcode code = curl_easy_perform(c);
        if (code != CURLE_OK) {
            // Timeouts, refused connections, TLS and name errors: the message
            // is fine, the way to the gateway is not (yet).
            std::string what = error[0] ? std::string(error) : std::string(curl_easy_strerror(code));
            if (code == CURLE_OPERATION_TIMEDOUT) what = "timed out after " + std::to_string(timeout) + " ms: " + what;
            return {Outcome::retry, {}, what};
        }
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        Delivery d{outcome_of_status(status), {}, "HTTP " + std::to_string(status)};
        if (d.outcome == Outcome::sent) d.gateway_id = gateway_id_of(body);
        if (const std::string excerpt = body_excerpt(body); !excerpt.empty()) d.detail += ": " + excerpt;
        return d;
    }

    HttpGateway gateway_;
    std::string name_;
};

}  // namespace

Result<HttpGateway> gateway_from_json(const nlohmann::json& j) {
    std::vector<std::string> problems;
    JsonReader r(problems);
    HttpGateway gateway;
    if (!j.is_object()) {
        r.problem("$", "must be a JSON object");
    } else {
        r.only(j, "$", {"url", "api_key", "sender", "timeout_ms"});
        gateway.url = r.text(j, "url", "$", true);
        gateway.api_key = r.text(j, "api_key", "$", false);
        gateway.sender = r.text(j, "sender", "$", false);
        const std::int64_t timeout = r.integer(j, "timeout_ms", "$", gateway.timeout_ms);
        if (timeout < 1 || timeout > kMaxTimeoutMs) r.problem("$.timeout_ms", "must be 1 to 600000");
        else gateway.timeout_ms = static_cast<long>(timeout);

        if (!gateway.url.empty()) {
            std::string scheme;
            const auto colon = gateway.url.find("://");
            if (colon != std::string::npos) scheme = gateway.url.substr(0, colon);
            std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (scheme != "http" && scheme != "https") r.problem("$.url", "must start with http:// or https://");
            else if (!printable_ascii(gateway.url) || gateway.url.find(' ') != std::string::npos)
                r.problem("$.url", "must be printable ASCII without spaces");
            else if (parse_url(gateway.url).host.empty())
                r.problem("$.url", "is not a URL with a host");
        }
        // Both travel in headers or form fields: no control characters.
        if (!printable_ascii(gateway.api_key)) r.problem("$.api_key", "must be printable ASCII");
        if (!text::is_printable(gateway.sender))
            r.problem("$.sender", "must be printable text");
    }
    if (!problems.empty()) return make_error(Errc::invalid_argument, describe_problems("SMS gateway", problems));
    return gateway;
}

std::unique_ptr<Transport> http_transport(HttpGateway gateway) {
    return std::make_unique<HttpTransport>(std::move(gateway));
}

}  // namespace poura::sms
