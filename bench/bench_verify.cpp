// The full verify pipeline against a raw Ed25519 check of the very same
// signature over the very same Sig_structure, then the pipeline's time split
// by stage with the internal codec functions it is built from.
#include "sections.hpp"
#include "timer.hpp"

#include "codec/base45.hpp"
#include "codec/cose.hpp"
#include "codec/cwt.hpp"
#include "codec/zlib.hpp"
#include "core/impl_access.hpp"
#include "crypto/crypto.hpp"
#include "crypto/verifiers.hpp"
#include "documents/schema.hpp"
#include "trust/trust_impl.hpp"

#include <algorithm>
#include <memory>

namespace poura::bench {
namespace {

constexpr double kOverheadGoal = 0.10;

// What the raw check needs, taken apart from the certificate once.
struct SignedParts {
    Bytes compressed;  // after Base45, before inflating; empty when not compressed
    Bytes cose;
    cose::Sign1 sign1;
    cose::Headers headers;
    Bytes signature_input;
    cwt::Claims claims;
};

SignedParts take_apart(const std::string& qr_text) {
    SignedParts p;
    const Bytes after_base45 = take(base45::decode(std::string_view(qr_text).substr(4)), "Base45");
    if (zlib::looks_compressed(after_base45)) p.compressed = after_base45;
    p.cose = take(unwrap_envelope(qr_text), "unwrapping the certificate");
    p.sign1 = take(cose::parse_sign1(p.cose), "COSE_Sign1");
    p.headers = take(cose::read_headers(p.sign1), "COSE headers");
    p.signature_input = cose::signature_input(p.sign1.protected_bytes, p.sign1.payload);
    // As the pipeline reads BD1: preferred encoding, the document left encoded.
    p.claims = take(cwt::parse(p.sign1.payload, Scheme::bd1().document_claim, cbor::Encoding::preferred,
                               cwt::DocumentForm::encoded),
                    "CWT claims");
    return p;
}

// Both sides must give the expected verdict for a genuine and a forged
// signature before either is timed.
void check_verdicts(const Fixture& f, const IssuedCertificate& cert, const SignedParts& parts,
                    const crypto::Verifier& raw, Checks& checks) {
    const auto& sig = parts.sign1.signature;
    checks.expect(raw.verify(parts.signature_input.data(), parts.signature_input.size(), sig.data(), sig.size()),
                  "raw Ed25519 accepts the genuine signature");
    const VerifyResult genuine = verify(cert.qr_text, f.trust, f.verify_options);
    checks.expect(genuine.valid() && genuine.issuer && genuine.issuer->code == kIssuerCode &&
                      genuine.document.value("name_en", "") == f.documents.at("citizenship").value("name_en", ""),
                  "pipeline: genuine citizenship certificate is valid, with its issuer and document");

    Bytes forged_signature = sig;
    forged_signature[10] ^= 0x01;
    checks.expect(!raw.verify(parts.signature_input.data(), parts.signature_input.size(), forged_signature.data(),
                              forged_signature.size()),
                  "raw Ed25519 refuses a changed signature");
    const std::string forged = wrap_envelope(
        cose::encode_sign1(parts.sign1.protected_bytes, parts.sign1.payload, forged_signature));
    const VerifyResult refused = verify(forged, f.trust, f.verify_options);
    checks.expect(!refused.valid() && refused.reason == Reason::bad_signature,
                  "pipeline: a changed signature is refused as bad_signature");

    VerifyOptions later = f.verify_options;
    later.now = cert.expires_at + 86400;
    later.grace_period = 400 * 86400;
    const VerifyResult expired = verify(cert.qr_text, f.trust, later);
    checks.expect(!expired.valid() && expired.reason == Reason::expired, "pipeline: an expired certificate is refused");
}

struct StageTime {
    const char* name;
    bool detail;  // a part of the stage above it, not counted again in the sum
    Samples samples;
};

struct Breakdown {
    std::vector<StageTime> stages;
    Samples pipeline;  // measured in the same rounds as the stages
};

// Each stage timed alone on the same certificate, with the same calls the
// pipeline makes, in rounds interleaved with the whole pipeline so that the
// sum can be set against it.
Breakdown stage_breakdown(const Fixture& f, const std::string& qr_text, const SignedParts& parts,
                          const crypto::Verifier& raw, std::size_t& failures) {
    const ProfileSet& profiles = ProfileSet::builtin();
    const Trust::Impl& trust = detail::ImplAccess::of(f.trust);
    const std::string_view base45_text = std::string_view(qr_text).substr(4);
    const auto& sig = parts.sign1.signature;

    auto pipeline = [&] { failures += verify(qr_text, f.trust, f.verify_options).valid() ? 0 : 1; };
    auto base45 = [&] { failures += base45::decode(base45_text) ? 0 : 1; };
    auto inflate = [&] { failures += zlib::inflate(parts.compressed, 64 * 1024) ? 0 : 1; };
    auto cose_parse = [&] { failures += cose::parse_sign1(parts.cose) ? 0 : 1; };
    auto headers = [&] { failures += cose::read_headers(parts.sign1) ? 0 : 1; };
    auto lookup = [&] { failures += trust.lookup(parts.headers.key_id).size() == 1 ? 0 : 1; };
    auto sig_structure = [&] {
        failures += cose::signature_input(parts.sign1.protected_bytes, parts.sign1.payload).empty() ? 1 : 0;
    };
    auto signature = [&] {
        failures += raw.verify(parts.signature_input.data(), parts.signature_input.size(), sig.data(), sig.size()) ? 0 : 1;
    };
    auto claims = [&] {
        failures += cwt::parse(parts.sign1.payload, Scheme::bd1().document_claim, cbor::Encoding::preferred,
                               cwt::DocumentForm::encoded)
                        ? 0
                        : 1;
    };
    const cwt::Span document_span = parts.claims.document_encoded.value();
    auto document = [&] {
        failures += documents::decode_document(profiles, parts.sign1.payload.data() + document_span.offset,
                                               document_span.size, cbor::Encoding::preferred)
                        ? 0
                        : 1;
    };

    struct Entry {
        const char* name;
        bool detail;
        TimedLoop loop;
    };
    std::vector<Entry> entries{{"prefix + Base45 decode", false, timed(base45)}};
    if (!parts.compressed.empty()) entries.push_back({"zlib inflate", false, timed(inflate)});
    for (Entry entry : std::initializer_list<Entry>{
             {"COSE_Sign1 parse", false, timed(cose_parse)},
             {"header read (alg, kid)", false, timed(headers)},
             {"key lookup by kid", false, timed(lookup)},
             {"Sig_structure build", false, timed(sig_structure)},
             {"Ed25519 signature check", false, timed(signature)},
             {"CWT claims parse", false, timed(claims)},
             {"document decode, checked against its profile", false, timed(document)}})
        entries.push_back(std::move(entry));

    std::vector<TimedLoop> loops{timed(pipeline)};
    for (const Entry& e : entries) loops.push_back(e.loop);
    const Config& c = f.config;
    for (const auto& loop : loops) loop(std::max<std::size_t>(c.stage_per_round, 20));  // warm-up
    const std::vector<Samples> samples = interleave(loops, c.rounds, c.stage_per_round);
    Breakdown out;
    out.pipeline = samples[0];
    for (std::size_t i = 0; i < entries.size(); ++i)
        out.stages.push_back({entries[i].name, entries[i].detail, samples[i + 1]});
    return out;
}

}  // namespace

void bench_verify(const Fixture& f, Checks& checks, std::ostream& out) {
    const Config& c = f.config;
    section(out, "1. Verify: full pipeline vs raw Ed25519 on the same signature");

    const IssuedCertificate cert = f.issue_sample("citizenship");
    const SignedParts parts = take_apart(cert.qr_text);
    const std::unique_ptr<crypto::Verifier> raw =
        take(crypto::make_verifier(f.municipality.primary().key.public_key()), "raw verifier");
    check_verdicts(f, cert, parts, *raw, checks);
    // For reference: the field WebAssembly and 32-bit targets use, on this machine.
    const std::unique_ptr<crypto::Verifier> ten_limbs = take(
        crypto::ed25519_verifier_with_32_bit_field(f.municipality.primary().key.public_key().raw.data()),
        "ten-limb verifier");

    std::size_t raw_failures = 0, pipeline_failures = 0;
    const auto& sig = parts.sign1.signature;
    auto raw_check_with = [&](const crypto::Verifier& verifier) {
        return [&] {
            raw_failures += verifier.verify(parts.signature_input.data(), parts.signature_input.size(), sig.data(),
                                            sig.size()) ? 0 : 1;
        };
    };
    auto raw_check = raw_check_with(*raw);
    auto ten_limbs_check = raw_check_with(*ten_limbs);
    auto pipeline = [&] { pipeline_failures += verify(cert.qr_text, f.trust, f.verify_options).valid() ? 0 : 1; };

    const std::size_t n = c.verify_per_round;
    warm_up(std::max<std::size_t>(n, 50), raw_check);
    warm_up(std::max<std::size_t>(n, 50), ten_limbs_check);
    warm_up(std::max<std::size_t>(n, 50), pipeline);
    const std::vector<Samples> samples =
        interleave({timed(raw_check), timed(pipeline), timed(ten_limbs_check)}, c.rounds, n);
    checks.expect(raw_failures == 0, "every timed raw Ed25519 check accepted the signature, in both fields");
    checks.expect(pipeline_failures == 0, "every timed pipeline verification was valid");

    const Samples& raw_samples = samples[0];
    const Samples& pipeline_samples = samples[1];
    const Samples& ten_limbs_samples = samples[2];
    const double raw_ns = raw_samples.median();
    const double pipeline_ns = pipeline_samples.median();
    const double overhead = paired_ratio(pipeline_samples, raw_samples) - 1;
    const double fastest_overhead = pipeline_samples.min() / raw_samples.min() - 1;

    out << "Certificate: citizenship, " << cert.qr_text.size() << " QR characters; Sig_structure "
        << parts.signature_input.size() << " bytes and " << sig.size()
        << "-byte signature, the same key and bytes on both sides.\n"
        << "Verification time fixed at " << format_time(kNow) << "; no verdict is cached. " << c.rounds
        << " interleaved rounds;\nmedians over the undisturbed ones (the process had the CPU for "
        << fixed(100 * kUndisturbedCpuShare, 0) << " % of the round or more).\n\n";
    Table table({"measurement", "iterations", "undisturbed", "µs/op", "ops/s"});
    table.add({"raw Ed25519 verify (crypto::Verifier)", iterations(c.rounds, n),
               fraction(raw_samples.undisturbed(), c.rounds), microseconds(raw_ns), per_second(raw_ns)});
    table.add({"full pipeline (poura::verify)", iterations(c.rounds, n),
               fraction(pipeline_samples.undisturbed(), c.rounds), microseconds(pipeline_ns), per_second(pipeline_ns)});
    table.add({"overhead: pipeline/raw - 1 (median of paired rounds)", "", "", percent(overhead), ""});
    table.add({"overhead: fastest round of each", "", "", percent(fastest_overhead), ""});
    table.add({"raw Ed25519 verify, ten-limb field (WebAssembly's)", iterations(c.rounds, n),
               fraction(ten_limbs_samples.undisturbed(), c.rounds), microseconds(ten_limbs_samples.median()),
               per_second(ten_limbs_samples.median())});
    table.add({"ten-limb / this build's field (median of paired rounds)", "", "",
               fixed(paired_ratio(ten_limbs_samples, raw_samples), 2) + "x", ""});
    table.print(out);
    const bool met = overhead <= kOverheadGoal;
    out << "\nGoal: pipeline overhead at most " << percent(kOverheadGoal, 0) << " over the raw signature check: "
        << (met ? "MET" : "NOT MET") << " (" << percent(overhead) << ")\n";

    std::size_t stage_failures = 0;
    const Breakdown breakdown = stage_breakdown(f, cert.qr_text, parts, *raw, stage_failures);
    checks.expect(stage_failures == 0, "every stage of the breakdown succeeded");
    double sum = 0;
    for (const auto& s : breakdown.stages)
        if (!s.detail) sum += s.samples.median();
    const double whole = breakdown.pipeline.median();
    auto share = [&](double ns) { return fixed(100.0 * ns / whole, 1); };
    out << "\nWhere the pipeline's time goes (each stage alone, " << iterations(c.rounds, c.stage_per_round)
        << " iterations, interleaved with the whole pipeline):\n\n";
    Table stages({"stage", "undisturbed", "µs/op", "% of pipeline"});
    for (const auto& s : breakdown.stages)
        stages.add({s.name, fraction(s.samples.undisturbed(), c.rounds), microseconds(s.samples.median()),
                    share(s.samples.median())});
    stages.add({"rest: checks, result and messages, copies, frees", "", microseconds(whole - sum), share(whole - sum)});
    stages.add({"full pipeline", fraction(breakdown.pipeline.undisturbed(), c.rounds), microseconds(whole), "100.0"});
    stages.print(out);

    // The result as JSON text, which the C API and the WebAssembly package
    // hand out after every verification: the direct writer against building
    // nlohmann's value tree and dumping it.
    const VerifyResult result = verify(cert.qr_text, f.trust, f.verify_options);
    const std::string expected = result.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    checks.expect(result.to_json_text() == expected, "to_json_text() writes what to_json().dump() does");
    std::size_t json_failures = 0;
    auto writer = [&] { json_failures += result.to_json_text().size() == expected.size() ? 0 : 1; };
    auto tree = [&] {
        json_failures +=
            result.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size() == expected.size()
                ? 0
                : 1;
    };
    warm_up(std::max<std::size_t>(n, 50), writer);
    warm_up(std::max<std::size_t>(n, 50), tree);
    const std::vector<Samples> json_samples = interleave({timed(writer), timed(tree)}, c.rounds, n);
    checks.expect(json_failures == 0, "every timed result JSON had the expected length");
    out << "\nThe result as JSON text (" << expected.size() << " bytes), " << iterations(c.rounds, n)
        << " iterations, interleaved:\n\n";
    Table json({"writer", "undisturbed", "µs/op", "% of pipeline"});
    json.add({"JsonWriter (VerifyResult::to_json_text)", fraction(json_samples[0].undisturbed(), c.rounds),
              microseconds(json_samples[0].median()), share(json_samples[0].median())});
    json.add({"nlohmann value tree + dump (to_json().dump())", fraction(json_samples[1].undisturbed(), c.rounds),
              microseconds(json_samples[1].median()), share(json_samples[1].median())});
    json.add({"tree + dump / JsonWriter (median of paired rounds)", "", fixed(paired_ratio(json_samples[1], json_samples[0]), 2) + "x", ""});
    json.print(out);
}

}  // namespace poura::bench
