#include "trust/trust_impl.hpp"

#include "core/dates.hpp"
#include <poura/codes.hpp>
#include "codec/cose.hpp"
#include "core/try.hpp"

#include <algorithm>

namespace poura {
namespace {

std::string kid_key(const Bytes& kid) { return std::string(kid.begin(), kid.end()); }

Result<std::shared_ptr<const Trust::Impl>> index(Trust::Impl impl) {
    impl.verifiers.clear();
    impl.by_kid.clear();
    for (std::size_t i = 0; i < impl.bundle.issuers.size(); ++i) {
        const IssuerEntry& entry = impl.bundle.issuers[i];
        auto verifier = crypto::make_verifier(entry.key);
        if (!verifier)
            return make_error(Errc::trust_bundle_invalid,
                              "issuer " + entry.issuer_code + ": " + verifier.error().message);
        impl.verifiers.push_back(std::move(verifier).value());
        impl.by_kid.emplace(kid_key(entry.key_id()), i);
    }
    impl.revoked = impl.bundle.revoked;
    std::sort(impl.revoked.begin(), impl.revoked.end());
    return std::make_shared<const Trust::Impl>(std::move(impl));
}

}  // namespace

std::vector<std::size_t> Trust::Impl::lookup(const Bytes& kid) const {
    std::vector<std::size_t> out;
    auto [first, last] = by_kid.equal_range(kid_key(kid));
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    std::sort(out.begin(), out.end());
    return out;
}

bool Trust::Impl::is_revoked(const Bytes& hash) const {
    return std::binary_search(revoked.begin(), revoked.end(), hash);
}

Result<Trust> Trust::from_bundle(const Bytes& signed_bundle, const std::vector<PublicKey>& roots,
                                 std::uint64_t min_sequence) {
    if (roots.empty()) return make_error(Errc::invalid_argument, "trust: no root key given");
    auto bundle = TrustBundle::open(signed_bundle, roots);
    POURA_RETURN_IF_ERROR(bundle);
    if (bundle->sequence < min_sequence)
        return make_error(Errc::trust_rollback, "trust bundle sequence " + std::to_string(bundle->sequence) +
                                                    " is older than " + std::to_string(min_sequence) +
                                                    ", already seen: refusing a rollback");
    Impl impl;
    impl.roots = roots;
    impl.has_bundle = true;
    impl.bundle = std::move(bundle).value();
    impl.signed_bundle = signed_bundle;
    auto indexed = index(std::move(impl));
    POURA_RETURN_IF_ERROR(indexed);
    return Trust(std::move(indexed).value());
}

Result<Trust> Trust::from_issuers(std::vector<IssuerEntry> issuers) {
    if (issuers.empty()) return make_error(Errc::invalid_argument, "trust: no issuer given");
    Impl impl;
    impl.bundle.issuers = std::move(issuers);
    auto indexed = index(std::move(impl));
    POURA_RETURN_IF_ERROR(indexed);
    return Trust(std::move(indexed).value());
}

namespace {
// Whether two signed bundles carry the same payload (the signatures may differ).
bool same_content(const Bytes& a, const Bytes& b) {
    auto first = cose::parse_sign1(a);
    auto second = cose::parse_sign1(b);
    return first && second && first->payload == second->payload;
}
}  // namespace

Status Trust::update(const Bytes& signed_bundle) {
    if (!impl_->has_bundle) return make_error(Errc::invalid_argument, "trust: this trust was not built from a bundle");
    auto next = from_bundle(signed_bundle, impl_->roots, impl_->bundle.sequence);
    POURA_RETURN_IF_ERROR(next);
    // A sequence number names one bundle: the same one again is no change,
    // another one under it is refused (a bundle is never reissued under its
    // number, so two of them mean a mistake or a forgery by a root holder).
    if (next->impl_->bundle.sequence == impl_->bundle.sequence && !same_content(signed_bundle, impl_->signed_bundle))
        return make_error(Errc::trust_rollback, "trust bundle sequence " + std::to_string(impl_->bundle.sequence) +
                                                    " is already in use by a different bundle: refused");
    impl_ = next->impl_;
    return {};
}

const TrustBundle& Trust::bundle() const { return impl_->bundle; }
bool Trust::has_bundle() const { return impl_->has_bundle; }

Freshness Trust::freshness(std::int64_t now, std::int64_t grace_seconds, std::int64_t skew_seconds) const {
    if (!impl_->has_bundle) return Freshness::fresh;
    if (dates::later_than(impl_->bundle.issued_at, now, skew_seconds)) return Freshness::clock_suspect;
    if (now <= impl_->bundle.next_update) return Freshness::fresh;
    if (!dates::later_than(now, impl_->bundle.next_update, grace_seconds)) return Freshness::stale;
    return Freshness::expired;
}

Freshness Trust::freshness(std::int64_t now, std::int64_t grace_seconds) const {
    return freshness(now, grace_seconds, verify_defaults::clock_skew);
}

}  // namespace poura
