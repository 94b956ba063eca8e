// What a Trust holds once loaded: the issuers with a ready verifier each, an
// index by kid and the sorted revocation hashes.
#pragma once

#include "crypto/crypto.hpp"

#include <poura/trust.hpp>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace poura {

struct Trust::Impl {
    std::vector<PublicKey> roots;
    bool has_bundle = false;
    TrustBundle bundle;  // with no bundle: the directly trusted issuers only
    Bytes signed_bundle;  // as opened, to tell another bundle under the same number
    std::vector<std::shared_ptr<const crypto::Verifier>> verifiers;  // one per bundle.issuers entry
    std::unordered_multimap<std::string, std::size_t> by_kid;
    std::vector<Bytes> revoked;  // sorted

    // Indexes of the issuer entries with this kid (several keys may share one).
    std::vector<std::size_t> lookup(const Bytes& kid) const;
    bool is_revoked(const Bytes& hash) const;
};

}  // namespace poura
