// A national bundle: 1000 issuers. What it costs per verification (the kid
// lookup) and once per update (opening and indexing the bundle).
#include "sections.hpp"
#include "timer.hpp"

#include "core/impl_access.hpp"
#include "trust/trust_impl.hpp"

#include <cstdio>

namespace poura::bench {
namespace {

constexpr std::int64_t kDay = 86400;

// Distinct codes of the same shape as "BD-10-06-88".
std::string issuer_code(std::size_t index) {
    char code[32];
    std::snprintf(code, sizeof code, "BD-%02zu-%02zu-%02zu", 10 + index / 100, index / 10 % 10, index % 10);
    return code;
}

// The municipality's own entry sits in the middle of issuers with keys of
// their own, generated for the run.
TrustBundle large_bundle(const Fixture& f, std::size_t issuers) {
    TrustBundle bundle;
    bundle.sequence = 2;
    bundle.issued_at = kIssuedAt;
    bundle.next_update = kIssuedAt + 30 * kDay;
    for (std::size_t i = 0; i + 1 < issuers; ++i) {
        if (i == issuers / 2) bundle.issuers.push_back(f.municipality_entry());
        IssuerEntry e;
        e.key = take(PrivateKey::generate(), "generating an issuer key").public_key();
        e.issuer_code = issuer_code(i);
        e.name_bn = "পৌরসভা " + std::to_string(i);
        e.name_en = "Pourashava " + std::to_string(i);
        e.valid_from = kIssuedAt - 365 * kDay;
        e.document_types = f.document_types;
        bundle.issuers.push_back(std::move(e));
    }
    return bundle;
}

}  // namespace

void bench_large_bundle(const Fixture& f, Checks& checks, std::ostream& out) {
    const Config& c = f.config;
    const std::size_t count = c.large_bundle_issuers;
    section(out, "2. Trust with a large bundle (" + std::to_string(count) + " issuers)");

    const TrustBundle bundle = large_bundle(f, count);
    const Bytes signed_bundle = take(bundle.sign(f.root.primary().key), "signing the large bundle");
    const Trust large = take(Trust::from_bundle(signed_bundle, f.roots), "opening the large bundle");
    checks.expect(large.bundle().issuers.size() == count, "the large bundle holds every issuer");

    const IssuedCertificate cert = f.issue_sample("citizenship");
    const VerifyResult found = verify(cert.qr_text, large, f.verify_options);
    checks.expect(found.valid() && found.issuer && found.issuer->code == kIssuerCode,
                  "large bundle: the certificate is valid and attributed to its issuer");
    const IssuedCertificate stranger = [&] {
        const Keyset other = Keyset::create(take(PrivateKey::generate(), "generating a key"), kIssuedAt - kDay);
        IssueOptions options;
        options.issuer = kIssuerCode;
        options.issued_at = kIssuedAt;
        return take(issue(f.documents.at("citizenship"), other, options), "issuing with an unlisted key");
    }();
    const VerifyResult unknown = verify(stranger.qr_text, large, f.verify_options);
    checks.expect(!unknown.valid() && unknown.reason == Reason::unknown_key,
                  "large bundle: a key not in the bundle is refused as unknown_key");

    // Verification against one issuer and against the large list, interleaved;
    // then the kid lookup alone.
    std::size_t failures = 0;
    auto verify_small = [&] { failures += verify(cert.qr_text, f.trust, f.verify_options).valid() ? 0 : 1; };
    auto verify_large = [&] { failures += verify(cert.qr_text, large, f.verify_options).valid() ? 0 : 1; };
    const std::size_t n = c.verify_per_round;
    warm_up(std::max<std::size_t>(n, 50), verify_small);
    warm_up(std::max<std::size_t>(n, 50), verify_large);
    const std::vector<Samples> verifies = interleave({timed(verify_small), timed(verify_large)}, c.rounds, n);

    const Bytes kid = f.municipality.primary().key.public_key().key_id();
    auto lookup_small = [&] { failures += detail::ImplAccess::of(f.trust).lookup(kid).size() == 1 ? 0 : 1; };
    auto lookup_large = [&] { failures += detail::ImplAccess::of(large).lookup(kid).size() == 1 ? 0 : 1; };
    const std::size_t m = c.lookup_per_round;
    warm_up(m, lookup_small);
    warm_up(m, lookup_large);
    const std::vector<Samples> lookups = interleave({timed(lookup_small), timed(lookup_large)}, c.rounds, m);
    checks.expect(failures == 0, "every timed verification and lookup against the large bundle succeeded");

    // Once per bundle update: the root signature and the parse, then the index
    // with a ready verifier per issuer.
    std::size_t open_failures = 0;
    auto open = [&] {
        auto opened = TrustBundle::open(signed_bundle, f.roots);
        open_failures += opened && opened->issuers.size() == count ? 0 : 1;
    };
    auto from_bundle = [&] {
        auto trust = Trust::from_bundle(signed_bundle, f.roots);
        open_failures += trust && trust->bundle().issuers.size() == count ? 0 : 1;
    };
    warm_up(1, open);
    warm_up(1, from_bundle);
    const std::vector<Samples> openings = interleave({timed(open), timed(from_bundle)}, c.bundle_open_rounds, 1);
    const double from_bundle_ns = openings[1].median();
    checks.expect(open_failures == 0, "every timed opening of the large bundle succeeded");

    out << "Signed bundle: " << grouped(double(signed_bundle.size())) << " bytes; the certificate's issuer is entry "
        << count / 2 << " of " << count << ".\n\n";
    Table table({"measurement", "iterations", "undisturbed", "µs/op", "ops/s"});
    const std::string large_name = std::to_string(count) + " issuers";
    auto row = [&](const std::string& name, std::size_t rounds, std::size_t per_round, const Samples& s) {
        table.add({name, iterations(rounds, per_round), fraction(s.undisturbed(), rounds), microseconds(s.median()),
                   per_second(s.median())});
    };
    row("verify, bundle of 1 issuer", c.rounds, n, verifies[0]);
    row("verify, bundle of " + large_name, c.rounds, n, verifies[1]);
    table.add({"  difference (large/small - 1, paired rounds)", "", "",
               percent(paired_ratio(verifies[1], verifies[0]) - 1), ""});
    row("kid lookup, 1 issuer", c.rounds, m, lookups[0]);
    row("kid lookup, " + large_name, c.rounds, m, lookups[1]);
    row("TrustBundle::open (root signature + parse)", c.bundle_open_rounds, 1, openings[0]);
    row("Trust::from_bundle (open + index + verifiers)", c.bundle_open_rounds, 1, openings[1]);
    table.print(out);
    out << "\nOpening and checking the " << count << "-issuer bundle takes " << fixed(from_bundle_ns / 1e6, 1)
        << " ms (" << fixed(from_bundle_ns / 1e3 / double(count), 1) << " µs per issuer), once per bundle update.\n";
}

}  // namespace poura::bench
