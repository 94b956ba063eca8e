#include "pipeline/envelope.hpp"

#include "codec/base45.hpp"
#include "codec/zlib.hpp"

namespace poura {

Scheme Scheme::bd1() { return Scheme{}; }

Scheme Scheme::hc1() {
    Scheme s;
    s.prefix = "HC1:";
    s.document_claim = -260;
    s.check_document = false;
    s.canonical_encoding = false;
    s.require_compression = true;
    s.allow_cwt_tag = true;
    s.check_dcc = true;
    return s;
}

namespace envelope {
namespace {

constexpr std::size_t kMaxQrText = 8192;  // far above the largest QR code (4,296 characters)

Unwrapped failure(Stage stage, Reason reason, Error error) {
    Unwrapped out;
    out.failed_stage = stage;
    out.reason = reason;
    out.detail = std::move(error.message);
    out.code = error.code;
    return out;
}

}  // namespace

Unwrapped unwrap(std::string_view text, const Scheme& scheme, std::size_t max_inflated_size) {
    // Scanners and clipboards add line ends and spaces around the text.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);

    // Length first: an over-long text is no certificate, whatever it starts with.
    if (text.size() > kMaxQrText)
        return failure(Stage::prefix, Reason::too_long,
                       make_error(Errc::limit_exceeded, "text of " + std::to_string(text.size()) +
                                                            " bytes is longer than any QR code holds (8,192)"));
    const std::string& prefix = scheme.prefix;
    if (text.size() < prefix.size() || text.compare(0, prefix.size(), prefix) != 0)
        return failure(Stage::prefix, Reason::bad_prefix,
                       make_error(Errc::malformed_input, "text does not start with \"" + prefix + "\""));

    auto raw = base45::decode(text.substr(prefix.size()));
    if (!raw) return failure(Stage::base45, Reason::bad_base45, std::move(raw).error());
    Unwrapped out;
    if (!zlib::looks_compressed(*raw)) {
        if (scheme.require_compression)
            return failure(Stage::inflate, Reason::bad_compression,
                           make_error(Errc::malformed_input, "the " + prefix + " text is not zlib-compressed, as its "
                                                             "specification requires"));
        out.cose = std::move(raw).value();
        return out;
    }

    auto inflated = zlib::inflate(*raw, max_inflated_size,
                                  scheme.canonical_encoding ? zlib::Padding::must_be_zero : zlib::Padding::ignored);
    if (!inflated) return failure(Stage::inflate, Reason::bad_compression, std::move(inflated).error());
    out.cose = std::move(inflated).value();
    return out;
}

}  // namespace envelope

Result<Bytes> unwrap_envelope(std::string_view qr_text, const Scheme& scheme, std::size_t max_inflated_size) {
    auto unwrapped = envelope::unwrap(qr_text, scheme, max_inflated_size);
    if (unwrapped.failed_stage != Stage::done)
        return make_error(unwrapped.code, std::move(unwrapped.detail));
    return std::move(unwrapped.cose);
}

std::string wrap_envelope(const Bytes& cose_sign1, const Scheme& scheme, bool allow_compression) {
    if (allow_compression || scheme.require_compression) {
        Bytes packed = zlib::compress(cose_sign1);
        if (!packed.empty() && (scheme.require_compression || packed.size() < cose_sign1.size()))
            return scheme.prefix + base45::encode(packed);
    }
    return scheme.prefix + base45::encode(cose_sign1);
}

}  // namespace poura
