// Trust bundles for their publisher, and the trust a verifier checks against.
#include "enums.hpp"
#include "objects.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace poura::capi;
using poura::Bytes;
using poura::IssuerStatus;
using poura::Trust;
using poura::TrustBundle;

extern "C" {

int poura_bundle_new(uint64_t sequence, int64_t issued_at, int64_t next_update, poura_bundle** out_bundle) {
    return guarded([&] {
        out_pointer(out_bundle, "out_bundle");
        TrustBundle bundle;
        bundle.sequence = sequence;
        bundle.issued_at = issued_at;
        bundle.next_update = next_update;
        *out_bundle = make_handle<poura_bundle>(std::move(bundle));
    });
}

int poura_bundle_open(const uint8_t* signed_bundle, size_t size, const poura_public_keys* roots,
                      poura_bundle** out_bundle) {
    return guarded([&] {
        out_pointer(out_bundle, "out_bundle");
        const auto& root_keys = use(roots, "roots");
        *out_bundle = make_handle<poura_bundle>(
            take(TrustBundle::open(bytes(signed_bundle, size, "signed_bundle"), root_keys)));
    });
}

int poura_bundle_renew(poura_bundle* bundle, uint64_t sequence, int64_t issued_at, int64_t next_update) {
    return guarded([&] {
        auto& b = use(bundle, "bundle");
        b.sequence = sequence;
        b.issued_at = issued_at;
        b.next_update = next_update;
    });
}

int poura_bundle_add_issuers(poura_bundle* bundle, const char* public_keys_json, const char* issuer_code,
                             const char* name_bn, const char* name_en, const char* const* document_types,
                             size_t document_type_count) {
    return guarded([&] {
        auto& b = use(bundle, "bundle");
        if (document_type_count > 0) require(document_types, "document_types");
        std::vector<std::string> types;
        for (size_t i = 0; i < document_type_count; ++i) types.emplace_back(text(document_types[i], "document type"));
        const std::string code(text(issuer_code, "issuer_code"));
        auto entries = take(poura::issuer_entries_from_public_json(
            text(public_keys_json, "public_keys_json"), code, std::string(text(name_bn, "name_bn")),
            std::string(text(name_en, "name_en")), types));
        b.issuers.erase(std::remove_if(b.issuers.begin(), b.issuers.end(),
                                       [&](const poura::IssuerEntry& e) { return e.issuer_code == code; }),
                        b.issuers.end());
        b.issuers.insert(b.issuers.end(), entries.begin(), entries.end());
    });
}

int poura_bundle_set_issuer_status(poura_bundle* bundle, const char* kid_hex, int status) {
    return guarded([&] {
        auto& b = use(bundle, "bundle");
        const Bytes kid = take(poura::from_hex(text(kid_hex, "kid_hex")));
        const IssuerStatus value = issuer_status_of(status);
        bool found = false;
        for (auto& entry : b.issuers) {
            if (entry.key_id() != kid) continue;
            entry.status = value;
            found = true;
        }
        if (!found) fail(POURA_ERROR_ISSUER_UNKNOWN, "no issuer key with kid " + std::string(kid_hex) + " in the bundle");
    });
}

int poura_bundle_revoke(poura_bundle* bundle, const char* issuer_code, const char* serial) {
    return guarded([&] {
        auto& b = use(bundle, "bundle");
        const Bytes hash = poura::revocation_hash(text(issuer_code, "issuer_code"), text(serial, "serial"));
        if (std::find(b.revoked.begin(), b.revoked.end(), hash) == b.revoked.end()) b.revoked.push_back(hash);
    });
}

int poura_bundle_sign(const poura_bundle* bundle, const poura_private_key* root, poura_buffer** out_signed_bundle) {
    return guarded([&] {
        out_pointer(out_signed_bundle, "out_signed_bundle");
        const auto& b = use(bundle, "bundle");
        give(out_signed_bundle, take(b.sign(use(root, "root"))));
    });
}

int poura_bundle_sequence(const poura_bundle* bundle, uint64_t* out_sequence) {
    return guarded([&] {
        require(out_sequence, "out_sequence");
        *out_sequence = 0;
        *out_sequence = use(bundle, "bundle").sequence;
    });
}

int poura_bundle_to_json(const poura_bundle* bundle, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give(out_json, use(bundle, "bundle").to_json().dump(2));
    });
}

int poura_bundle_free(poura_bundle* bundle) { return free_handle(bundle); }

int poura_trust_from_bundle(const uint8_t* signed_bundle, size_t size, const poura_public_keys* roots,
                            uint64_t min_sequence, poura_trust** out_trust) {
    return guarded([&] {
        out_pointer(out_trust, "out_trust");
        const auto& root_keys = use(roots, "roots");
        *out_trust = make_handle<poura_trust>(take(
            Trust::from_bundle(bytes(signed_bundle, size, "signed_bundle"), root_keys, min_sequence)));
    });
}

int poura_trust_from_bundle_file(const char* path, const poura_public_keys* roots, uint64_t min_sequence,
                                 poura_trust** out_trust) {
    return guarded([&] {
        out_pointer(out_trust, "out_trust");
        const auto& root_keys = use(roots, "roots");
        const std::string content = read_file(path);
        auto trust = Trust::from_bundle(Bytes(content.begin(), content.end()), root_keys, min_sequence);
        if (!trust) fail(static_cast<int>(trust.error().code), std::string(path) + ": " + trust.error().message);
        *out_trust = make_handle<poura_trust>(std::move(trust).value());
    });
}

int poura_trust_from_keys(const poura_public_keys* keys, poura_trust** out_trust) {
    return guarded([&] {
        out_pointer(out_trust, "out_trust");
        std::vector<poura::IssuerEntry> issuers;
        for (const auto& key : use(keys, "keys")) {
            poura::IssuerEntry entry;
            entry.key = key;
            entry.document_types = {"*"};
            issuers.push_back(std::move(entry));
        }
        *out_trust = make_handle<poura_trust>(take(Trust::from_issuers(std::move(issuers))));
    });
}

int poura_trust_update(poura_trust* trust, const uint8_t* signed_bundle, size_t size) {
    return guarded([&] {
        auto& t = use(trust, "trust");
        take(t.update(bytes(signed_bundle, size, "signed_bundle")));
    });
}

int poura_trust_sequence(const poura_trust* trust, uint64_t* out_sequence) {
    return guarded([&] {
        require(out_sequence, "out_sequence");
        *out_sequence = 0;
        const auto& t = use(trust, "trust");
        if (t.has_bundle()) *out_sequence = t.bundle().sequence;
    });
}

int poura_trust_next_update(const poura_trust* trust, int64_t* out_next_update) {
    return guarded([&] {
        require(out_next_update, "out_next_update");
        *out_next_update = 0;
        const auto& t = use(trust, "trust");
        if (t.has_bundle()) *out_next_update = t.bundle().next_update;
    });
}

int poura_trust_freshness(const poura_trust* trust, int64_t now, int64_t grace_seconds, int* out_freshness) {
    return guarded([&] {
        require(out_freshness, "out_freshness");
        *out_freshness = POURA_FRESHNESS_EXPIRED;
        if (grace_seconds < 0) fail(POURA_ERROR_INVALID_ARGUMENT, "grace_seconds is negative");
        *out_freshness = c_freshness(use(trust, "trust").freshness(now, grace_seconds));
    });
}

int poura_trust_to_json(const poura_trust* trust, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        const auto& t = use(trust, "trust");
        nlohmann::json description = t.bundle().to_json();
        if (!t.has_bundle()) description["issued_at"] = description["next_update"] = nullptr;
        give(out_json, description.dump(2));
    });
}

int poura_trust_free(poura_trust* trust) { return free_handle(trust); }

}  // extern "C"
