#include "documents/dcc.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace poura::documents::dcc {
namespace {

constexpr std::int64_t kDccKey = 1;  // eu_dcc_v1, inside the hcert claim

struct CertificateType {
    const char* key;         // the DCC member holding its entries
    const char* name;
    std::uint8_t oid_arc;    // the last arc of its key purpose OIDs
};
constexpr std::array<CertificateType, 3> kTypes{{{"t", "test", 1}, {"v", "vaccination", 2}, {"r", "recovery", 3}}};

// The DER contents of 1.3.6.1.4.1.1847.2021.1 and 1.3.6.1.4.1.0.1847.2021.1,
// the arcs below which the DCC specification names its key purposes (the
// second is the form the specification gives as an alternative, which many
// issuers use).
constexpr std::uint8_t kArc[] = {0x2B, 0x06, 0x01, 0x04, 0x01, 0x8E, 0x37, 0x8F, 0x65, 0x01};
constexpr std::uint8_t kAlternativeArc[] = {0x2B, 0x06, 0x01, 0x04, 0x01, 0x00, 0x8E, 0x37, 0x8F, 0x65, 0x01};

template <std::size_t N>
bool is_below(const Bytes& oid, const std::uint8_t (&arc)[N]) {
    return oid.size() == N + 1 && std::equal(arc, arc + N, oid.begin());
}

// The index in kTypes of the type a key purpose names, or kTypes.size().
std::size_t type_named_by(const Bytes& purpose) {
    if (!is_below(purpose, kArc) && !is_below(purpose, kAlternativeArc)) return kTypes.size();
    const auto named = std::find_if(kTypes.begin(), kTypes.end(),
                                    [&](const CertificateType& type) { return type.oid_arc == purpose.back(); });
    return static_cast<std::size_t>(named - kTypes.begin());
}

// "test", "test and recovery", "test, vaccination and recovery".
std::string names_of(const std::array<bool, kTypes.size()>& allowed) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < kTypes.size(); ++i)
        if (allowed[i]) names.emplace_back(kTypes[i].name);
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i != 0) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

}  // namespace

Status check_claim(const cbor::Value& hcert) {
    if (!hcert.is(cbor::Type::map)) return make_error(Errc::malformed_input, "the hcert claim (-260) is not a map");
    const cbor::Value* dcc = hcert.find(kDccKey);
    if (dcc == nullptr) return make_error(Errc::malformed_input, "the hcert claim (-260) holds no DCC (key 1)");
    if (!dcc->is(cbor::Type::map)) return make_error(Errc::malformed_input, "the DCC (-260/1) is not a map");
    return {};
}

std::optional<std::string> signer_refusal(const cbor::Value& hcert, const std::vector<Bytes>& key_purposes) {
    std::array<bool, kTypes.size()> allowed{};
    bool restricted = false;
    for (const Bytes& purpose : key_purposes) {
        const std::size_t type = type_named_by(purpose);
        if (type == kTypes.size()) continue;
        allowed[type] = true;
        restricted = true;
    }
    if (!restricted) return std::nullopt;

    const std::string may_sign = "the signer certificate may sign " + names_of(allowed) + " certificates only";
    const cbor::Value& dcc = *hcert.find(kDccKey);
    bool carries_a_type = false;
    for (std::size_t i = 0; i < kTypes.size(); ++i) {
        if (dcc.find(kTypes[i].key) == nullptr) continue;
        carries_a_type = true;
        if (!allowed[i]) return may_sign + ", and this DCC is a " + kTypes[i].name + " certificate";
    }
    if (!carries_a_type) return may_sign + ", and this DCC carries none of v, t and r";
    return std::nullopt;
}

}  // namespace poura::documents::dcc
