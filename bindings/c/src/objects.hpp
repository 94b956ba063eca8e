// What the opaque handles of poura.h hold: each wraps one value of the C++ API.
// Handles the C API hands out strings from never change after they are made;
// their JSON and text forms are made on first use, once, even when several
// threads ask at the same time.
#pragma once

#include "handles.hpp"

#include <poura/poura.hpp>

#include <initializer_list>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace poura::capi {

// JSON text, `what` naming it in the error: MALFORMED_INPUT, saying where, when it is not JSON.
inline nlohmann::json parse_json_text(std::string_view text, const std::string& what) {
    auto parsed = parse_json(text);
    if (!parsed) fail(POURA_ERROR_MALFORMED_INPUT, what + ": not valid JSON: " + parsed.error().message);
    return std::move(parsed).value();
}

class LazyText {
public:
    template <typename Make>
    const std::string& get(Make&& make) const {
        std::call_once(once_, [&] { text_ = make(); });
        return text_;
    }

private:
    mutable std::once_flag once_;
    mutable std::string text_;
};

// The texts the handles that lend them make on first use.
struct ResultTexts {
    LazyText kid_hex, document_json, json;
};
struct CertificateTexts {
    LazyText kid_hex, document_json;
};
struct BillTexts {
    LazyText json, text;
};

}  // namespace poura::capi

POURA_C_HANDLE(poura_buffer, "PBUF", std::string);
POURA_C_HANDLE(poura_private_key, "PPRV", poura::PrivateKey);
POURA_C_HANDLE(poura_keyset, "PKST", poura::Keyset);
POURA_C_HANDLE(poura_public_keys, "PPUB", std::vector<poura::PublicKey>);
POURA_C_HANDLE(poura_bundle, "PBND", poura::TrustBundle);
POURA_C_HANDLE(poura_trust, "PTRS", poura::Trust);
POURA_C_HANDLE(poura_verify_options, "PVOP", poura::VerifyOptions);
POURA_C_HANDLE(poura_result, "PRST", poura::VerifyResult, poura::capi::ResultTexts);
POURA_C_HANDLE(poura_issue_options, "PIOP", poura::IssueOptions);
POURA_C_HANDLE(poura_certificate, "PCRT", poura::IssuedCertificate, poura::capi::CertificateTexts);
POURA_C_HANDLE(poura_schedules, "PSCH", poura::fees::ScheduleSet);
POURA_C_HANDLE(poura_bill, "PBIL", poura::fees::Bill, poura::capi::BillTexts);

namespace poura::capi {

// A handle of one type passed as another is refused only while their magic
// numbers differ.
constexpr bool all_different(std::initializer_list<std::uint32_t> magics) {
    for (auto a = magics.begin(); a != magics.end(); ++a)
        for (auto b = a + 1; b != magics.end(); ++b)
            if (*a == *b) return false;
    return true;
}
static_assert(all_different({poura_buffer::kMagic, poura_private_key::kMagic, poura_keyset::kMagic,
                             poura_public_keys::kMagic, poura_bundle::kMagic, poura_trust::kMagic,
                             poura_verify_options::kMagic, poura_result::kMagic, poura_issue_options::kMagic,
                             poura_certificate::kMagic, poura_schedules::kMagic, poura_bill::kMagic}),
              "every handle type needs a magic number of its own");
static_assert(poura_buffer::kMagic == 0x50425546, "magic numbers read as their letters");

// A new buffer handle in *out, which the caller owns (poura.h, "Strings").
void give(poura_buffer** out, std::string content);
void give(poura_buffer** out, const Bytes& content);

// Text an accessor lends: it stays the handle's (poura.h, "Strings").
void lend(const char** out, const std::string& value);

}  // namespace poura::capi
