#include <poura/trust.hpp>
#include <poura/version.hpp>

#include "codec/cbor.hpp"
#include "codec/cose.hpp"
#include "core/dates.hpp"
#include "core/try.hpp"
#include "crypto/crypto.hpp"
#include "trust/issuer_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace poura {

namespace {

// The COSE content type that marks a payload as a trust bundle, so that no
// other document signed by a root key can pass for one.
constexpr std::string_view kBundleContentType = "application/poura-trust+cbor";
constexpr std::int64_t kHeaderContentType = 3;
constexpr std::size_t kRevocationHashSize = 16;

Error bundle_error(const std::string& why) { return make_error(Errc::trust_bundle_invalid, "trust bundle: " + why); }

// The CBOR items (array elements and map members) of a payload within the
// limits: per entry its place in the list, its members, with room for ones a
// later version adds, and its document types; then the revocations.
constexpr std::size_t kEntryMembers = 16;
constexpr std::size_t kPayloadMembers = 16;
constexpr std::size_t kMaxPayloadItems =
    kPayloadMembers + trust_bundle_max_entries * (1 + kEntryMembers + trust_bundle_max_document_types) +
    trust_bundle_max_revocations;
constexpr std::size_t kMaxPayloadDepth = 8;

// "1,000,000", for messages about limits.
std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n);
    for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
    return digits;
}

Error over_limit(Errc code, const std::string& what, std::size_t count, std::size_t limit, const char* name) {
    return make_error(code, "trust bundle: " + what + " " + with_commas(count) + ", over the limit of " +
                                with_commas(limit) + " (" + name + ")");
}

// The count limits, the same when signing (limit_exceeded) and opening
// (trust_bundle_invalid).
Status check_counts(const TrustBundle& bundle, Errc code) {
    if (bundle.issuers.size() > trust_bundle_max_entries)
        return over_limit(code, "issuer entries:", bundle.issuers.size(), trust_bundle_max_entries,
                          "trust_bundle_max_entries");
    for (const auto& e : bundle.issuers)
        if (e.document_types.size() > trust_bundle_max_document_types)
            return over_limit(code, "issuer " + e.issuer_code + " has document types:", e.document_types.size(),
                              trust_bundle_max_document_types, "trust_bundle_max_document_types");
    if (bundle.revoked.size() > trust_bundle_max_revocations)
        return over_limit(code, "revocations:", bundle.revoked.size(), trust_bundle_max_revocations,
                          "trust_bundle_max_revocations");
    return {};
}

const std::pair<IssuerStatus, std::string_view> kStatuses[] = {
    {IssuerStatus::active, "active"}, {IssuerStatus::suspended, "suspended"}, {IssuerStatus::revoked, "revoked"}};

cbor::Value issuer_to_cbor(const IssuerEntry& e) {
    cbor::Array docs;
    for (const auto& d : e.document_types) docs.emplace_back(d);
    cbor::Map m;
    m.emplace_back("kid", e.key_id());
    m.emplace_back("alg", std::string(algorithm_name(e.key.algorithm)));
    if (!e.key.certificate.empty()) m.emplace_back("x5c", e.key.certificate);
    else m.emplace_back("key", e.key.raw);
    m.emplace_back("iss", e.issuer_code);
    m.emplace_back("name_bn", e.name_bn);
    m.emplace_back("name_en", e.name_en);
    m.emplace_back("from", e.valid_from);
    m.emplace_back("until", e.valid_until);
    m.emplace_back("docs", std::move(docs));
    m.emplace_back("status", std::string(issuer_status_name(e.status)));
    return cbor::Value(std::move(m));
}

struct MapReader {
    const cbor::Value& map;
    std::string where;

    Result<const cbor::Value*> get(const char* name, cbor::Type type) const {
        const cbor::Value* v = map.find(name);
        if (v == nullptr || !v->is(type)) return bundle_error(where + " member '" + name + "' is missing or of the wrong type");
        return v;
    }
    Result<std::int64_t> integer(const char* name) const {
        auto v = get(name, cbor::Type::integer);
        POURA_RETURN_IF_ERROR(v);
        auto i = (*v)->as_int();
        if (!i) return bundle_error(where + " member '" + name + "' is out of range");
        return *i;
    }
    Result<std::string> text(const char* name) const {
        auto v = get(name, cbor::Type::text);
        POURA_RETURN_IF_ERROR(v);
        return (*v)->as_text();
    }
};

Result<IssuerEntry> issuer_from_cbor(const cbor::Value& v, std::size_t index) {
    if (!v.is(cbor::Type::map)) return bundle_error("issuer " + std::to_string(index) + " is not a map");
    const MapReader r{v, "issuer " + std::to_string(index)};
    IssuerEntry e;
    auto alg_name = r.text("alg");
    POURA_RETURN_IF_ERROR(alg_name);
    auto alg = algorithm_from_name(*alg_name);
    if (!alg) return bundle_error(r.where + ": " + alg.error().message);
    if (const cbor::Value* cert = v.find("x5c")) {
        if (!cert->is(cbor::Type::bytes)) return bundle_error(r.where + " member 'x5c' is not a byte string");
        auto key = PublicKey::from_certificate(cert->as_bytes());
        if (!key) return bundle_error(r.where + ": " + key.error().message);
        e.key = std::move(key).value();
    } else {
        auto raw = r.get("key", cbor::Type::bytes);
        POURA_RETURN_IF_ERROR(raw);
        auto key = PublicKey::from_raw(*alg, (*raw)->as_bytes());
        if (!key) return bundle_error(r.where + ": " + key.error().message);
        e.key = std::move(key).value();
    }
    if (e.key.algorithm != *alg) return bundle_error(r.where + ": the key is not an " + *alg_name + " key");
    auto kid = r.get("kid", cbor::Type::bytes);
    POURA_RETURN_IF_ERROR(kid);
    if ((*kid)->as_bytes() != e.key_id()) return bundle_error(r.where + ": kid does not match the key");

    auto code = r.text("iss");
    auto name_bn = r.text("name_bn");
    auto name_en = r.text("name_en");
    auto from = r.integer("from");
    auto until = r.integer("until");
    auto status = r.text("status");
    auto docs = r.get("docs", cbor::Type::array);
    POURA_RETURN_IF_ERROR(code);
    POURA_RETURN_IF_ERROR(name_bn);
    POURA_RETURN_IF_ERROR(name_en);
    POURA_RETURN_IF_ERROR(from);
    POURA_RETURN_IF_ERROR(until);
    POURA_RETURN_IF_ERROR(status);
    POURA_RETURN_IF_ERROR(docs);
    e.issuer_code = *code;
    e.name_bn = *name_bn;
    e.name_en = *name_en;
    e.valid_from = *from;
    e.valid_until = *until;
    for (const auto& d : (*docs)->as_array()) {
        if (!d.is(cbor::Type::text)) return bundle_error(r.where + ": document types must be text");
        e.document_types.push_back(d.as_text());
    }
    bool known_status = false;
    for (const auto& [value, name] : kStatuses)
        if (name == *status) e.status = value, known_status = true;
    if (!known_status) return bundle_error(r.where + ": unknown status '" + *status + "'");
    if (auto text = trust::check_issuer_text(e); !text) return bundle_error(r.where + ": " + text.error().message);
    return e;
}

Result<TrustBundle> bundle_from_cbor(const Bytes& payload) {
    auto decoded = cbor::decode(payload, cbor::DecodeLimits{kMaxPayloadDepth, kMaxPayloadItems});
    if (!decoded) return bundle_error(decoded.error().message);
    if (!decoded->is(cbor::Type::map)) return bundle_error("payload is not a map");
    const MapReader r{*decoded, "bundle"};
    auto version = r.integer("v");
    POURA_RETURN_IF_ERROR(version);
    if (*version != trust_bundle_format_version) return bundle_error("unsupported version " + std::to_string(*version));
    auto seq = r.integer("seq");
    auto iat = r.integer("iat");
    auto next = r.integer("next");
    auto issuers = r.get("issuers", cbor::Type::array);
    auto revoked = r.get("revoked", cbor::Type::array);
    POURA_RETURN_IF_ERROR(seq);
    POURA_RETURN_IF_ERROR(iat);
    POURA_RETURN_IF_ERROR(next);
    POURA_RETURN_IF_ERROR(issuers);
    POURA_RETURN_IF_ERROR(revoked);
    if (*seq < 0) return bundle_error("negative sequence number");

    TrustBundle bundle;
    bundle.sequence = static_cast<std::uint64_t>(*seq);
    bundle.issued_at = *iat;
    bundle.next_update = *next;
    const auto& list = (*issuers)->as_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto entry = issuer_from_cbor(list[i], i);
        POURA_RETURN_IF_ERROR(entry);
        bundle.issuers.push_back(std::move(entry).value());
    }
    for (const auto& h : (*revoked)->as_array()) {
        if (!h.is(cbor::Type::bytes) || h.as_bytes().size() != kRevocationHashSize)
            return bundle_error("revocations must be 16-byte hashes");
        bundle.revoked.push_back(h.as_bytes());
    }
    auto within_limits = check_counts(bundle, Errc::trust_bundle_invalid);
    POURA_RETURN_IF_ERROR(within_limits);
    return bundle;
}

}  // namespace

std::string_view issuer_status_name(IssuerStatus s) noexcept {
    for (const auto& [value, name] : kStatuses)
        if (value == s) return name;
    return "unknown";
}

std::string_view freshness_name(Freshness f) noexcept {
    switch (f) {
        case Freshness::fresh: return "fresh";
        case Freshness::stale: return "stale";
        case Freshness::expired: return "expired";
        case Freshness::clock_suspect: return "clock_suspect";
    }
    return "unknown";
}

bool IssuerEntry::may_sign(std::string_view document_type) const {
    return std::any_of(document_types.begin(), document_types.end(),
                       [&](const std::string& t) { return t == "*" || t == document_type; });
}

Bytes revocation_hash(std::string_view issuer, std::string_view serial) {
    Bytes input(issuer.begin(), issuer.end());
    input.push_back(0);
    input.insert(input.end(), serial.begin(), serial.end());
    Bytes digest = sha256(input);
    digest.resize(kRevocationHashSize);
    return digest;
}

Result<Bytes> TrustBundle::sign(const PrivateKey& root) const {
    auto within_limits = check_counts(*this, Errc::limit_exceeded);
    POURA_RETURN_IF_ERROR(within_limits);
    cbor::Array issuer_list;
    for (const auto& e : issuers) {
        auto text = trust::check_issuer_text(e);
        POURA_RETURN_IF_ERROR(text);
        issuer_list.push_back(issuer_to_cbor(e));
    }
    cbor::Array revoked_list;
    for (const auto& h : revoked) {
        if (h.size() != kRevocationHashSize) return make_error(Errc::invalid_argument, "revocation hashes are 16 bytes");
        revoked_list.emplace_back(h);
    }
    if (sequence > static_cast<std::uint64_t>(INT64_MAX)) return make_error(Errc::invalid_argument, "sequence too large");
    cbor::Map payload{{"v", trust_bundle_format_version},
                      {"seq", static_cast<std::int64_t>(sequence)},
                      {"iat", issued_at},
                      {"next", next_update},
                      {"issuers", std::move(issuer_list)},
                      {"revoked", std::move(revoked_list)}};
    const PublicKey root_public = root.public_key();
    const Bytes protected_bytes = cbor::encode(cbor::Value(cbor::Map{
        {cose::kHeaderAlgorithm, cose_algorithm_id(root_public.algorithm)},
        {cose::kHeaderKeyId, root_public.key_id()},
        {kHeaderContentType, std::string(kBundleContentType)}}));
    const Bytes payload_bytes = cbor::encode(cbor::Value(std::move(payload)));
    auto signature = root.sign(cose::signature_input(protected_bytes, payload_bytes));
    POURA_RETURN_IF_ERROR(signature);
    Bytes signed_bundle = cose::encode_sign1(protected_bytes, payload_bytes, *signature);
    if (signed_bundle.size() > trust_bundle_max_size)
        return over_limit(Errc::limit_exceeded, "signed size in bytes:", signed_bundle.size(), trust_bundle_max_size,
                          "trust_bundle_max_size");
    return signed_bundle;
}

Result<TrustBundle> TrustBundle::open(const Bytes& signed_bundle, const std::vector<PublicKey>& roots) {
    if (signed_bundle.size() > trust_bundle_max_size)
        return over_limit(Errc::trust_bundle_invalid, "size in bytes:", signed_bundle.size(), trust_bundle_max_size,
                          "trust_bundle_max_size");
    auto message = cose::parse_sign1(signed_bundle);
    if (!message) return bundle_error(message.error().message);
    auto headers = cose::read_headers(*message);
    if (!headers) return bundle_error(headers.error().message);
    auto content_type = cbor::decode(message->protected_bytes);
    const cbor::Value* type = content_type ? content_type->find(kHeaderContentType) : nullptr;
    if (type == nullptr || !type->is(cbor::Type::text) || type->as_text() != kBundleContentType)
        return bundle_error("not a trust bundle (content type)");

    const Bytes signed_input = cose::signature_input(message->protected_bytes, message->payload);
    bool verified = false;
    for (const auto& root : roots) {
        if (!headers->key_id.empty() && headers->key_id != root.key_id()) continue;
        if (cose_algorithm_id(root.algorithm) != headers->algorithm) continue;
        auto verifier = crypto::make_verifier(root);
        if (verifier && (*verifier)->verify(signed_input.data(), signed_input.size(), message->signature.data(),
                                            message->signature.size())) {
            verified = true;
            break;
        }
    }
    if (!verified) return bundle_error("signature does not verify against any trusted root key");
    return bundle_from_cbor(message->payload);
}

nlohmann::json TrustBundle::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : issuers) {
        nlohmann::json j = public_key_to_json(e.key);
        j["issuer"] = e.issuer_code;
        j["name_bn"] = e.name_bn;
        j["name_en"] = e.name_en;
        j["valid_from"] = dates::format_iso_timestamp(e.valid_from);
        j["valid_until"] = e.valid_until ? nlohmann::json(dates::format_iso_timestamp(e.valid_until)) : nlohmann::json();
        j["document_types"] = e.document_types;
        j["status"] = issuer_status_name(e.status);
        list.push_back(std::move(j));
    }
    nlohmann::json revoked_list = nlohmann::json::array();
    for (const auto& h : revoked) revoked_list.push_back(to_hex(h));
    return {{"sequence", sequence},
            {"issued_at", dates::format_iso_timestamp(issued_at)},
            {"next_update", dates::format_iso_timestamp(next_update)},
            {"issuers", std::move(list)},
            {"revoked", std::move(revoked_list)}};
}

}  // namespace poura
