#include <poura/json.hpp>
#include <poura/trust.hpp>

#include "core/try.hpp"
#include "crypto/crypto.hpp"
#include "trust/issuer_text.hpp"

#include <nlohmann/json.hpp>

namespace poura {

Keyset Keyset::create(PrivateKey first, std::int64_t now) {
    Keyset keyset;
    keyset.entries_.push_back(KeysetEntry{std::move(first), now, 0, true});
    return keyset;
}

void Keyset::rotate(PrivateKey next, std::int64_t now) {
    for (auto& entry : entries_) {
        if (!entry.primary) continue;
        entry.primary = false;
        entry.valid_until = now;
    }
    entries_.push_back(KeysetEntry{std::move(next), now, 0, true});
}

const KeysetEntry& Keyset::primary() const {
    for (const auto& entry : entries_)
        if (entry.primary) return entry;
    return entries_.back();  // from_json guarantees exactly one primary
}

nlohmann::json public_key_to_json(const PublicKey& key) {
    nlohmann::json j{{"algorithm", algorithm_name(key.algorithm)}, {"kid", to_hex(key.key_id())}};
    if (!key.certificate.empty()) j["certificate"] = to_hex(key.certificate);
    else j["public_key"] = to_hex(key.raw);
    return j;
}

Result<PublicKey> public_key_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return make_error(Errc::key_invalid, "public key: not a JSON object");
    auto hex_member = [&](const char* name) -> Result<Bytes> {
        auto it = j.find(name);
        if (it == j.end() || !it->is_string()) return make_error(Errc::key_invalid, std::string("public key: no ") + name);
        return from_hex(it->get<std::string>());
    };
    if (j.contains("certificate")) {
        auto der = hex_member("certificate");
        POURA_RETURN_IF_ERROR(der);
        return PublicKey::from_certificate(*der);
    }
    auto name = j.find("algorithm");
    if (name == j.end() || !name->is_string()) return make_error(Errc::key_invalid, "public key: no algorithm");
    auto alg = algorithm_from_name(name->get<std::string>());
    POURA_RETURN_IF_ERROR(alg);
    auto raw = hex_member("public_key");
    POURA_RETURN_IF_ERROR(raw);
    auto key = PublicKey::from_raw(*alg, *raw);
    if (!key) return key;
    if (auto kid = j.find("kid"); kid != j.end() && (!kid->is_string() || kid->get<std::string>() != to_hex(key->key_id())))
        return make_error(Errc::key_invalid, "public key: kid does not match the key");
    return key;
}

Result<std::string> Keyset::to_json(std::string_view passphrase, bool allow_plain) const {
    if (passphrase.empty() && !allow_plain)
        return make_error(Errc::invalid_argument, "keyset: a passphrase is required to store private keys");
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& entry : entries_) {
        nlohmann::json k = public_key_to_json(entry.key.public_key());
        auto pem = passphrase.empty() ? entry.key.to_unencrypted_pem() : entry.key.to_encrypted_pem(passphrase);
        POURA_RETURN_IF_ERROR(pem);
        k["private_key"] = std::move(pem).value();
        k["valid_from"] = entry.valid_from;
        k["valid_until"] = entry.valid_until;
        k["primary"] = entry.primary;
        keys.push_back(std::move(k));
    }
    return nlohmann::json{{"poura_keyset", 1}, {"keys", std::move(keys)}}.dump(2) + "\n";
}

namespace {

Error keyset_error(const std::string& why) { return make_error(Errc::key_invalid, "keyset: " + why); }

// The file's format member ("poura_keyset": 1); json::value() would throw on
// a member of another type.
bool has_format(const nlohmann::json& j, const char* member) {
    const auto format = j.find(member);
    return format != j.end() && format->is_number_integer() && *format == 1;
}

Result<std::pair<std::int64_t, std::int64_t>> read_validity(const nlohmann::json& k) {
    auto from = k.find("valid_from");
    auto until = k.find("valid_until");
    if (from == k.end() || !from->is_number_integer() || until == k.end() || !until->is_number_integer())
        return keyset_error("each key needs integer valid_from and valid_until");
    return std::make_pair(from->get<std::int64_t>(), until->get<std::int64_t>());
}

}  // namespace

Result<Keyset> Keyset::from_json(std::string_view text, std::string_view passphrase) {
    const auto parsed = parse_json(text);
    if (!parsed) return keyset_error("not a Poura keyset file: " + parsed.error().message);
    const nlohmann::json& j = *parsed;
    if (!j.is_object() || !has_format(j, "poura_keyset") || !j.contains("keys") ||
        !j["keys"].is_array() || j["keys"].empty())
        return keyset_error("not a Poura keyset file");
    Keyset keyset;
    int primaries = 0;
    for (const auto& k : j["keys"]) {
        if (!k.is_object() || !k.contains("private_key") || !k["private_key"].is_string())
            return keyset_error("a key has no private_key");
        auto key = PrivateKey::from_pem(k["private_key"].get<std::string>(), passphrase);
        POURA_RETURN_IF_ERROR(key);
        auto validity = read_validity(k);
        POURA_RETURN_IF_ERROR(validity);
        const auto primary_member = k.find("primary");
        if (primary_member != k.end() && !primary_member->is_boolean())
            return keyset_error("a key's primary must be true or false");
        const bool primary = primary_member != k.end() && primary_member->get<bool>();
        primaries += primary ? 1 : 0;
        keyset.entries_.push_back(KeysetEntry{std::move(key).value(), validity->first, validity->second, primary});
    }
    if (primaries != 1) return keyset_error("exactly one key must be primary");
    return keyset;
}

std::string Keyset::public_json() const {
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& entry : entries_) {
        nlohmann::json k = public_key_to_json(entry.key.public_key());
        k["valid_from"] = entry.valid_from;
        k["valid_until"] = entry.valid_until;
        k["primary"] = entry.primary;
        keys.push_back(std::move(k));
    }
    return nlohmann::json{{"poura_public_keys", 1}, {"keys", std::move(keys)}}.dump(2) + "\n";
}

Result<std::vector<IssuerEntry>> issuer_entries_from_public_json(std::string_view public_json,
                                                                 const std::string& issuer_code,
                                                                 const std::string& name_bn, const std::string& name_en,
                                                                 const std::vector<std::string>& document_types) {
    const auto parsed = parse_json(public_json);
    if (!parsed) return keyset_error("not a Poura public keys file: " + parsed.error().message);
    const nlohmann::json& j = *parsed;
    if (!j.is_object() || !has_format(j, "poura_public_keys") || !j.contains("keys") ||
        !j["keys"].is_array())
        return keyset_error("not a Poura public keys file");
    if (issuer_code.empty()) return make_error(Errc::invalid_argument, "issuer code is empty");
    std::vector<IssuerEntry> entries;
    for (const auto& k : j["keys"]) {
        auto key = public_key_from_json(k);
        POURA_RETURN_IF_ERROR(key);
        auto validity = read_validity(k);
        POURA_RETURN_IF_ERROR(validity);
        IssuerEntry entry;
        entry.key = std::move(key).value();
        entry.issuer_code = issuer_code;
        entry.name_bn = name_bn;
        entry.name_en = name_en;
        entry.valid_from = validity->first;
        entry.valid_until = validity->second;
        entry.document_types = document_types;
        auto text = trust::check_issuer_text(entry);
        POURA_RETURN_IF_ERROR(text);
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace poura
