// libFuzzer target over the whole verify pipeline.
//
// The first input byte chooses how the rest is used. The rest is a QR text; or
// the COSE bytes, which the target wraps in Base45 (and zlib) so that mutations
// reach the CBOR and COSE layers instead of dying at the Base45 alphabet; or a
// CWT payload, which the target signs with a trusted key so that mutations
// reach the claims, time, issuer, revocation and document stages instead of
// dying at the signature.
//
//   control & 0x07  what the rest is
//     0               QR text, verified as BD1 against the trust bundle
//     1               QR text, verified as HC1 against the directly trusted issuers
//     2               QR text, verified as BD1 and as HC1
//     3               COSE bytes, sent as BD1: + Base45
//     4               COSE bytes, sent as BD1: + Base45 of their zlib form
//     5               COSE bytes, sent as HC1: + Base45 of their zlib form
//     6               CWT payload, signed by Fixture::bd1_signer, sent as BD1
//     7               CWT payload, signed by Fixture::hc1_signer, sent as HC1
//   (control >> 3) & 3  which Fixture::clocks entry is `now`
//   control & 0x20      a small inflate limit (512 bytes) instead of the default
//
// Every result must keep the promises of poura/verify.hpp; a broken one is
// reported by trapping. With POURA_FUZZ_WRITE_SEEDS=<dir> the program writes
// the fixture's certificates in these forms to <dir> and exits.

#include "fixture.hpp"
#include "property.hpp"

#include "codec/base45.hpp"
#include "codec/cose.hpp"
#include "codec/zlib.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace {

using namespace poura;

enum Mode : std::uint8_t {
    text_bd1 = 0,
    text_hc1 = 1,
    text_both = 2,
    cose_bd1 = 3,
    deflated_cose_bd1 = 4,
    deflated_cose_hc1 = 5,
    payload_bd1 = 6,
    payload_hc1 = 7,
};

constexpr std::uint8_t kSmallInflateLimit = 0x20;

[[noreturn]] void broken(const char* promise, std::string_view text, const VerifyResult& result) {
    std::fprintf(stderr, "\nverify broke a promise: %s\n  input: %.*s\n  verdict=%s stage=%s reason=%s detail=%s\n",
                 promise, static_cast<int>(text.size() > 300 ? 300 : text.size()), text.data(),
                 std::string(verdict_name(result.verdict)).c_str(), std::string(stage_name(result.stage)).c_str(),
                 std::string(reason_code(result.reason)).c_str(), result.detail.c_str());
    __builtin_trap();
}

// The stage each reason belongs to: a failure is reported where it happened.
Stage stage_of(Reason reason) {
    switch (reason) {
        case Reason::ok: return Stage::done;
        case Reason::too_long:
        case Reason::bad_prefix: return Stage::prefix;
        case Reason::bad_base45: return Stage::base45;
        case Reason::bad_compression: return Stage::inflate;
        case Reason::bad_cose: return Stage::cose;
        case Reason::bad_header: return Stage::header;
        case Reason::unknown_key: return Stage::key_lookup;
        case Reason::bad_signature: return Stage::signature;
        case Reason::not_yet_valid:
        case Reason::expired: return Stage::time;
        case Reason::issuer_not_allowed:
        case Reason::key_outside_validity:
        case Reason::key_revoked: return Stage::issuer;
        case Reason::revoked: return Stage::revocation;
        case Reason::bad_document: return Stage::document;
        case Reason::trust_expired: return Stage::trust;
        case Reason::internal_error: break;  // at whichever stage was running; check() refuses it first
    }
    return Stage::prefix;
}

bool has_bangla(const std::string& s) {
    // U+0980..U+09FF is E0 A6 80 .. E0 A7 BF in UTF-8.
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xE0 &&
            (static_cast<unsigned char>(s[i + 1]) == 0xA6 || static_cast<unsigned char>(s[i + 1]) == 0xA7))
            return true;
    return false;
}

void check(std::string_view text, const VerifyResult& r, bool hc1) {
    if (r.reason == Reason::internal_error) broken("no internal fault on any input", text, r);
    if (r.stage != stage_of(r.reason)) broken("the stage matches the reason", text, r);
    if (r.valid()) {
        if (r.reason != Reason::ok || r.stage != Stage::done) broken("valid means reason ok at stage done", text, r);
        if (!r.issuer) broken("a valid certificate names its issuer", text, r);
        if (r.document.is_null()) broken("a valid certificate carries its document", text, r);
        if (!hc1 && (r.document_type.empty() || !r.document.is_object() || r.document.value("type", "") != r.document_type))
            broken("a valid BD1 certificate has a typed document", text, r);
    } else {
        if (r.reason == Reason::ok || r.stage == Stage::done) broken("invalid means a failed stage", text, r);
        if (r.stage > Stage::signature && !r.issuer)
            broken("a failure after the signature stage names the signing issuer", text, r);
    }
    if (r.message_en.empty() || !has_bangla(r.message_bn)) broken("messages in English and Bangla", text, r);
    if (r.detail.rfind("internal error:", 0) == 0) broken("no exception escapes a pipeline stage", text, r);
    try {
        const nlohmann::json j = r.to_json();
        if (j.at("verdict") != verdict_name(r.verdict) || j.at("reason") != reason_code(r.reason))
            broken("to_json() reports the verdict and reason", text, r);
        // Front ends hand the JSON on as text: it must serialise.
        (void)j.dump();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "\nto_json(): %s\n", e.what());
        broken("to_json() and dump() do not throw", text, r);
    }
}

VerifyResult verify_as(std::string_view text, bool hc1, std::int64_t now, std::size_t inflate_limit) {
    const auto& fixture = poura::fuzz::fixture();
    VerifyOptions options;
    options.now = now;
    options.max_inflated_size = inflate_limit;
    if (hc1) options.scheme = Scheme::hc1();
    VerifyResult result = verify(text, hc1 ? fixture.hc1_trust : fixture.trust, options);
    check(text, result, hc1);
    return result;
}

// The Base45 and zlib layers must give back exactly the bytes that went in.
void check_round_trip(const std::string& text, const Bytes& signed_bytes, bool deflated, bool hc1,
                      std::size_t inflate_limit, const VerifyResult& result) {
    if (!deflated && zlib::looks_compressed(signed_bytes)) return;  // read as zlib, by design
    auto unwrapped = unwrap_envelope(text, hc1 ? Scheme::hc1() : Scheme::bd1(), inflate_limit);
    if (!unwrapped) {
        if (deflated && signed_bytes.size() > inflate_limit) return;
        if (text.size() > 8192) return;  // longer than any QR code: refused at the prefix
        broken("the envelope of well-formed bytes unwraps", text, result);
    }
    if (*unwrapped != signed_bytes) broken("the envelope gives back the bytes it wrapped", text, result);
}

void write_file(const std::string& path, std::uint8_t control, std::string_view body) {
    std::ofstream out(path, std::ios::binary);
    out.put(static_cast<char>(control));
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(1);
    }
}

std::string_view as_chars(const Bytes& bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

void write_seeds(const std::string& dir) {
    const auto& fixture = poura::fuzz::fixture();
    std::size_t written = 0;
    for (const auto& seed : fixture.seeds) {
        const std::string base = dir + "/" + seed.name;
        const Scheme scheme = seed.hc1 ? Scheme::hc1() : Scheme::bd1();
        auto cose_bytes = unwrap_envelope(seed.qr_text, scheme);
        auto sign1 = cose_bytes ? cose::parse_sign1(*cose_bytes) : cose_bytes.error();
        if (!sign1) {
            std::fprintf(stderr, "seed %s is not a COSE_Sign1: %s\n", seed.name.c_str(), sign1.error().message.c_str());
            std::exit(1);
        }
        write_file(base + ".text", seed.hc1 ? text_hc1 : text_bd1, seed.qr_text);
        write_file(base + ".deflate", seed.hc1 ? deflated_cose_hc1 : deflated_cose_bd1, as_chars(*cose_bytes));
        write_file(base + ".payload", seed.hc1 ? payload_hc1 : payload_bd1, as_chars(sign1->payload));
        written += 3;
        if (!seed.hc1) {
            write_file(base + ".cose", cose_bd1, as_chars(*cose_bytes));
            ++written;
        }
    }
    std::printf("wrote %zu seeds to %s\n", written, dir.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    poura::fuzz::write_seeds_if_asked(write_seeds);
    poura::fuzz::fixture();  // builds and checks the setup before the first input
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto& fixture = poura::fuzz::fixture();
    const std::uint8_t control = data[0];
    const std::int64_t now = fixture.clocks[(control >> 3) & 3];
    const std::size_t inflate_limit = (control & kSmallInflateLimit) ? 512 : VerifyOptions{}.max_inflated_size;
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

    const Mode mode = static_cast<Mode>(control & 7);
    switch (mode) {
        case text_bd1:
        case text_hc1: verify_as(body, mode == text_hc1, now, inflate_limit); break;
        case text_both:
            verify_as(body, false, now, inflate_limit);
            verify_as(body, true, now, inflate_limit);
            break;
        case cose_bd1:
        case deflated_cose_bd1:
        case deflated_cose_hc1: {
            const bool hc1 = mode == deflated_cose_hc1;
            const bool deflated = mode != cose_bd1;
            const Bytes cose_bytes(data + 1, data + size);
            const std::string text = std::string(hc1 ? "HC1:" : "BD1:") +
                                     base45::encode(deflated ? zlib::compress(cose_bytes) : cose_bytes);
            const VerifyResult result = verify_as(text, hc1, now, inflate_limit);
            check_round_trip(text, cose_bytes, deflated, hc1, inflate_limit, result);
            break;
        }
        case payload_bd1:
        case payload_hc1: {
            const bool hc1 = mode == payload_hc1;
            const auto& signer = hc1 ? fixture.hc1_signer : fixture.bd1_signer;
            const Bytes payload(data + 1, data + size);
            const Bytes protected_bytes = cose::protected_header(cose_algorithm_id(Algorithm::EdDSA), signer.kid);
            const Bytes signature = signer.key.sign(cose::signature_input(protected_bytes, payload)).value();
            const std::string text = wrap_envelope(cose::encode_sign1(protected_bytes, payload, signature),
                                                   hc1 ? Scheme::hc1() : Scheme::bd1());
            const VerifyResult result = verify_as(text, hc1, now, inflate_limit);
            if (result.stage < Stage::time && result.reason != Reason::bad_compression)
                broken("a payload signed by a trusted key gets past the signature", text, result);
            break;
        }
    }
    return 0;
}
