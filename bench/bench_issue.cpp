// Issue throughput: validation against the profile, CBOR, signing and the
// envelope, for the sample citizenship certificate.
#include "sections.hpp"
#include "timer.hpp"

#include "codec/cose.hpp"

namespace poura::bench {

void bench_issue(const Fixture& f, Checks& checks, std::ostream& out) {
    const Config& c = f.config;
    section(out, "3. Issue throughput (sample citizenship certificate)");

    const nlohmann::json& document = f.documents.at("citizenship");
    IssueOptions options;
    options.issuer = kIssuerCode;
    options.issued_at = kIssuedAt;  // the serial stays random, as in production

    std::size_t failures = 0;
    std::string last;
    auto issue_one = [&] {
        auto cert = issue(document, f.municipality, options);
        if (cert) last = std::move(cert->qr_text);
        else ++failures;
    };
    // The signing step alone, over a Sig_structure of the same size.
    const IssuedCertificate sample = f.issue_sample("citizenship");
    const cose::Sign1 sign1 = take(cose::parse_sign1(take(unwrap_envelope(sample.qr_text), "unwrap")), "COSE_Sign1");
    const Bytes signed_input = cose::signature_input(sign1.protected_bytes, sign1.payload);
    const PrivateKey& key = f.municipality.primary().key;
    auto sign_only = [&] { failures += key.sign(signed_input)->size() == 64 ? 0 : 1; };

    const std::size_t n = c.issue_per_round;
    warm_up(std::max<std::size_t>(n, 20), issue_one);
    warm_up(std::max<std::size_t>(n, 20), sign_only);
    const std::vector<Samples> samples = interleave({timed(issue_one), timed(sign_only)}, c.rounds, n);
    checks.expect(failures == 0, "every timed issue and signature succeeded");
    const VerifyResult last_verdict = verify(last, f.trust, f.verify_options);
    checks.expect(last_verdict.valid(), "the last certificate issued in the loop verifies");
    checks.expect(key.sign(signed_input).value() == sign1.signature, "Ed25519 signing is deterministic for the same input");

    const double issue_ns = samples[0].median(), sign_ns = samples[1].median();
    Table table({"measurement", "iterations", "undisturbed", "µs/op", "per second"});
    table.add({"poura::issue (validate, CBOR, sign, zlib, Base45)", iterations(c.rounds, n),
               fraction(samples[0].undisturbed(), c.rounds), microseconds(issue_ns), per_second(issue_ns)});
    table.add({"  of which Ed25519 sign alone", iterations(c.rounds, n), fraction(samples[1].undisturbed(), c.rounds),
               microseconds(sign_ns), per_second(sign_ns)});
    table.print(out);
}

}  // namespace poura::bench
