// Trust: keysets for issuers, the trust bundle signed by the root key, and the
// Trust object a verifier checks certificates against.
#pragma once

#include <poura/export.hpp>
#include <poura/keys.hpp>
#include <poura/result.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poura {

namespace detail {
struct ImplAccess;
}

// A municipality's signing keys: one primary key that signs, and older keys
// that still verify the certificates they signed while they were valid.
struct POURA_API KeysetEntry {
    PrivateKey key;
    std::int64_t valid_from = 0;   // unix seconds
    std::int64_t valid_until = 0;  // 0: open-ended (the primary key)
    bool primary = false;
};

class POURA_API Keyset {
public:
    static Keyset create(PrivateKey first, std::int64_t now);

    // The new key becomes primary; the old primary may sign no more after `now`
    // but keeps verifying what it signed before.
    void rotate(PrivateKey next, std::int64_t now);

    const KeysetEntry& primary() const;
    const std::vector<KeysetEntry>& entries() const { return entries_; }

    // JSON with every private key as encrypted PKCS#8 PEM. An empty passphrase
    // writes plain PEM only when allow_plain is set.
    Result<std::string> to_json(std::string_view passphrase, bool allow_plain = false) const;
    static Result<Keyset> from_json(std::string_view text, std::string_view passphrase);

    // The public half, for the trust bundle's publisher: each key's kid,
    // algorithm, raw public key and validity. No secret leaves through it.
    std::string public_json() const;

private:
    Keyset() = default;
    std::vector<KeysetEntry> entries_;
};

enum class IssuerStatus { active, suspended, revoked };
POURA_API std::string_view issuer_status_name(IssuerStatus s) noexcept;

// One key an issuer signs with, as the trust bundle lists it.
struct POURA_API IssuerEntry {
    PublicKey key;
    std::string issuer_code;  // the `iss` claim this key signs as
    std::string name_bn;
    std::string name_en;
    std::int64_t valid_from = 0;   // certificates issued (iat) before this are refused
    std::int64_t valid_until = 0;  // ... and after this; 0: open-ended
    std::vector<std::string> document_types;  // "*" allows every type
    IssuerStatus status = IssuerStatus::active;

    Bytes key_id() const { return key.key_id(); }
    bool may_sign(std::string_view document_type) const;
};

// Issuer entries for every key of a keyset's public half (Keyset::public_json),
// all under one issuer code, names and document types.
POURA_API Result<std::vector<IssuerEntry>> issuer_entries_from_public_json(
    std::string_view public_json, const std::string& issuer_code, const std::string& name_bn,
    const std::string& name_en, const std::vector<std::string>& document_types);

// A public key as JSON: {"algorithm", "kid", "public_key" | "certificate"} in hex.
POURA_API nlohmann::json public_key_to_json(const PublicKey& key);
POURA_API Result<PublicKey> public_key_from_json(const nlohmann::json& j);

// A trust bundle's limits (docs/format.md section 9.1). sign() refuses a
// bundle past any of them, and open() -- so every front end -- refuses the
// same, so that whatever signs also opens: room for 50,000 issuers with four
// keys each, a million revocations, and a signed bundle that the CLI and the
// Python binding, which read files of at most 64 MiB, can read whole.
inline constexpr std::size_t trust_bundle_max_entries = 200'000;        // issuer keys
inline constexpr std::size_t trust_bundle_max_document_types = 32;      // per entry
inline constexpr std::size_t trust_bundle_max_revocations = 1'000'000;
inline constexpr std::size_t trust_bundle_max_size = 64u * 1024 * 1024;  // signed bytes

// The list of issuers and revocations, signed by the root key.
struct POURA_API TrustBundle {
    std::uint64_t sequence = 0;
    std::int64_t issued_at = 0;
    std::int64_t next_update = 0;
    std::vector<IssuerEntry> issuers;
    std::vector<Bytes> revoked;  // revocation_hash() of revoked certificates

    // COSE_Sign1 over the bundle's CBOR, signed by the root key.
    Result<Bytes> sign(const PrivateKey& root) const;
    // Reads a signed bundle, checking its signature against one of the roots.
    static Result<TrustBundle> open(const Bytes& signed_bundle, const std::vector<PublicKey>& roots);

    nlohmann::json to_json() const;
};

// 16 bytes of SHA-256 over "issuer\0serial": what a bundle lists for a revoked
// certificate, so a bundle does not publish the serials themselves.
POURA_API Bytes revocation_hash(std::string_view issuer, std::string_view serial);

// clock_suspect: the bundle was issued later than now plus the clock skew, so
// either this verifier's clock is behind or the bundle's is ahead; neither
// "fresh" nor "stale" can then be told, and the front ends say so.
enum class Freshness { fresh, stale, expired, clock_suspect };
POURA_API std::string_view freshness_name(Freshness f) noexcept;

class POURA_API Trust {
public:
    // Opens a signed bundle against the root keys. A bundle whose sequence is
    // below min_sequence (the highest one this verifier has seen) is refused.
    static Result<Trust> from_bundle(const Bytes& signed_bundle, const std::vector<PublicKey>& roots,
                                     std::uint64_t min_sequence = 0);
    // Trusts these issuers directly, with no bundle (e.g. DER X.509 signer
    // certificates for HC1 certificates). Such trust is never stale.
    static Result<Trust> from_issuers(std::vector<IssuerEntry> issuers);

    // Replaces the bundle with a newer one. Refuses a lower sequence number,
    // and a different bundle under the current one (the same bundle again is
    // no change).
    Status update(const Bytes& signed_bundle);

    const TrustBundle& bundle() const;
    bool has_bundle() const;
    // fresh until next_update; stale for grace_seconds after; expired then;
    // clock_suspect while now + skew_seconds is before the bundle's issued_at.
    Freshness freshness(std::int64_t now, std::int64_t grace_seconds, std::int64_t skew_seconds) const;
    // The same with the default clock skew (verify_defaults::clock_skew).
    Freshness freshness(std::int64_t now, std::int64_t grace_seconds) const;

    struct Impl;  // defined inside the library

private:
    friend struct detail::ImplAccess;
    explicit Trust(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<const Impl> impl_;
};

}  // namespace poura
