#include <poura/poura.hpp>

#include "codec/base45.hpp"
#include "codec/cose.hpp"
#include "codec/cwt.hpp"
#include "codec/zlib.hpp"
#include "x509_builder.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <limits>
#include <random>
#include <thread>
#include <tuple>

using namespace poura;
using nlohmann::json;

namespace {

constexpr std::int64_t kT0 = 1767225600;  // 2026-01-01
constexpr std::int64_t kDay = 86400;

json citizenship() {
    return {{"type", "citizenship"},      {"name_bn", "রহিমা খাতুন"},       {"name_en", "Rahima Khatun"},
            {"father_name_bn", "আব্দুল করিম"}, {"mother_name_bn", "ফাতেমা বেগম"}, {"nid", "1990101234567"},
            {"address_bn", "সারিয়াকান্দি, বগুড়া"}};
}

struct World {
    Keyset root = Keyset::create(PrivateKey::generate().value(), kT0);
    Keyset municipality = Keyset::create(PrivateKey::generate().value(), kT0);

    std::vector<PublicKey> roots() const { return {root.primary().key.public_key()}; }

    TrustBundle bundle(std::uint64_t sequence, std::vector<std::string> docs = {"citizenship"}) const {
        TrustBundle b;
        b.sequence = sequence;
        b.issued_at = kT0;
        b.next_update = kT0 + 30 * kDay;
        b.issuers = issuer_entries_from_public_json(municipality.public_json(), "BD-1", "পৌরসভা", "Pourashava", docs)
                        .value();
        return b;
    }

    Trust trust(const TrustBundle& b) const { return Trust::from_bundle(b.sign(root.primary().key).value(), roots()).value(); }

    IssuedCertificate issue_at(std::int64_t when, const std::string& serial = "S-1") const {
        IssueOptions options;
        options.issuer = "BD-1";
        options.issued_at = when;
        options.serial = serial;
        return issue(citizenship(), municipality, options).value();
    }
};

constexpr std::int64_t kMaxTime = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinTime = std::numeric_limits<std::int64_t>::min();

// The certificate's claims with nbf and exp replaced and iat taken out, signed
// again with the keyset's primary key: times that issue() would not write.
std::string resigned(const IssuedCertificate& cert, const Keyset& keyset, std::optional<std::int64_t> not_before,
                     std::optional<std::int64_t> expires) {
    const auto sign1 = cose::parse_sign1(unwrap_envelope(cert.qr_text).value()).value();
    const std::int64_t document_claim = Scheme::bd1().document_claim;
    cwt::Claims claims = cwt::parse(sign1.payload, document_claim).value();
    claims.not_before = not_before;
    claims.expires = expires;
    claims.issued_at.reset();
    const Bytes payload = cbor::encode(cwt::to_cbor(claims, document_claim));
    const Bytes signature = keyset.primary().key.sign(cose::signature_input(sign1.protected_bytes, payload)).value();
    return wrap_envelope(cose::encode_sign1(sign1.protected_bytes, payload, signature));
}

VerifyResult check(const std::string& text, const Trust& trust, std::int64_t now) {
    VerifyOptions options;
    options.now = now;
    return verify(text, trust, options);
}

}  // namespace

TEST_CASE("issue then verify returns the document, issuer and freshness") {
    World w;
    const auto cert = w.issue_at(kT0 + kDay);
    CHECK(cert.qr_text.rfind("BD1:", 0) == 0);
    CHECK(cert.expires_at > cert.issued_at);
    const auto r = check(cert.qr_text, w.trust(w.bundle(1)), kT0 + 2 * kDay);
    CHECK(r.valid());
    CHECK(r.stage == Stage::done);
    CHECK(r.reason == Reason::ok);
    CHECK(r.document_type == "citizenship");
    CHECK(r.document.at("name_bn") == "রহিমা খাতুন");
    REQUIRE(r.issuer);
    CHECK(r.issuer->code == "BD-1");
    CHECK(r.issuer->name_en == "Pourashava");
    CHECK(r.serial == "S-1");
    CHECK(r.trust.has_bundle);
    CHECK(r.trust.freshness == Freshness::fresh);
    CHECK(!r.message_bn.empty());
    const nlohmann::json j = r.to_json();
    CHECK(j.at("verdict") == "valid");
    CHECK(j.at("issuer").at("name_en") == "Pourashava");
    CHECK(j.at("document").at("name_bn") == "রহিমা খাতুন");
    CHECK(j.at("trust").at("freshness") == "fresh");
    CHECK(j.at("issued_at") == "2026-01-02T00:00:00Z");
    CHECK(r.to_json_text() == j.dump());

    // Refused before the key was found: no issuer, no document, no times.
    const auto refused = check("BD1:" + cert.qr_text.substr(4, 40), w.trust(w.bundle(1)), kT0 + 2 * kDay);
    const nlohmann::json k = refused.to_json();
    CHECK(k.at("verdict") == "invalid");
    CHECK(k.at("issuer").is_null());
    CHECK(k.at("document").is_null());
    CHECK(k.at("expires_at").is_null());
    CHECK(refused.to_json_text() == k.dump());
}

TEST_CASE("issuing refuses what the profile refuses") {
    World w;
    IssueOptions options;
    options.issuer = "BD-1";
    json doc = citizenship();
    doc["nid"] = "12";
    auto r = issue(doc, w.municipality, options);
    REQUIRE(!r);
    CHECK(r.error().code == Errc::document_invalid);
    CHECK_THAT(r.error().message, Catch::Contains("nid"));
    options.issuer = "";
    CHECK(issue(citizenship(), w.municipality, options).error().code == Errc::invalid_argument);
}

TEST_CASE("time: not yet valid, expired and clock skew") {
    World w;
    const auto cert = w.issue_at(kT0 + kDay);
    const Trust trust = w.trust(w.bundle(1));
    CHECK(check(cert.qr_text, trust, kT0 + kDay - 3600).reason == Reason::not_yet_valid);
    CHECK(check(cert.qr_text, trust, kT0 + kDay - 60).valid());  // within the 300 s skew
    VerifyOptions late;
    late.now = cert.expires_at + 10;
    late.grace_period = 1000 * kDay;
    CHECK(verify(cert.qr_text, trust, late).valid());
    late.now = cert.expires_at + 301;
    const auto expired = verify(cert.qr_text, trust, late);
    CHECK(expired.reason == Reason::expired);
    CHECK(expired.stage == Stage::time);
    late.clock_skew = 0;
    late.now = cert.expires_at + 1;
    CHECK(verify(cert.qr_text, trust, late).reason == Reason::expired);
}

TEST_CASE("time checks do not overflow at the ends of int64") {
    World w;
    IssueOptions options;
    options.issuer = "BD-1";
    options.issued_at = kT0 + kDay;
    options.serial = "S-MAX";
    options.expires_at = kMaxTime;
    const auto forever = issue(citizenship(), w.municipality, options).value();
    CHECK(forever.expires_at == kMaxTime);

    // exp + skew would wrap: the certificate is valid, today and at the last second.
    const auto today = check(forever.qr_text, w.trust(w.bundle(1)), kT0 + 2 * kDay);
    CHECK(today.valid());
    REQUIRE(today.expires_at);
    CHECK(*today.expires_at == kMaxTime);
    CHECK(today.to_json().at("expires_at") == "292277026596-12-04T15:30:07Z");
    const Trust no_bundle = Trust::from_issuers(issuer_entries_from_public_json(w.municipality.public_json(), "BD-1",
                                                                                "পৌরসভা", "Pourashava", {"citizenship"})
                                                    .value())
                                .value();
    CHECK(check(forever.qr_text, no_bundle, kMaxTime).valid());
    CHECK(check(forever.qr_text, no_bundle, kMaxTime - 1).valid());

    // A skew of "any time at all" accepts an expired certificate and a future one.
    const auto cert = w.issue_at(kT0 + kDay);
    VerifyOptions lenient;
    lenient.clock_skew = kMaxTime;
    lenient.now = cert.expires_at + 100 * kDay;
    CHECK(verify(cert.qr_text, no_bundle, lenient).valid());
    lenient.now = kMaxTime;
    CHECK(verify(cert.qr_text, no_bundle, lenient).valid());
    // and a normal skew still refuses an expired certificate at the end of time.
    CHECK(check(cert.qr_text, no_bundle, kMaxTime).reason == Reason::expired);

    // nbf at the bottom of int64 is always reached; at the top, only at the last second.
    const std::string always = resigned(cert, w.municipality, kMinTime, kMaxTime);
    for (const std::int64_t now : {kMinTime, kT0, kMaxTime}) {
        const auto r = check(always, no_bundle, now);
        CHECK(r.valid());
        CHECK(r.reason == Reason::ok);
    }
    CHECK(check(always, no_bundle, kT0).to_json().at("not_before") == "-292277022657-01-27T08:29:52Z");
    const auto with_skew = [&](const std::string& text, std::int64_t now, std::int64_t skew) {
        VerifyOptions o;
        o.now = now;
        o.clock_skew = skew;
        return verify(text, no_bundle, o);
    };
    // A negative skew (a clock known to run fast) is exact too.
    CHECK(with_skew(always, kMinTime + 300, -300).valid());
    CHECK(with_skew(always, kMinTime + 299, -300).reason == Reason::not_yet_valid);
    const std::string at_the_end = resigned(cert, w.municipality, kMaxTime, std::nullopt);
    CHECK(with_skew(at_the_end, kMaxTime - 1, 0).reason == Reason::not_yet_valid);
    CHECK(with_skew(at_the_end, kMaxTime, 0).valid());
    CHECK(check(at_the_end, no_bundle, kMaxTime - 301).reason == Reason::not_yet_valid);
    CHECK(check(at_the_end, no_bundle, kMaxTime - 300).valid());

    // The issue time must be a date with a four-digit year, for the validity rules' sake.
    options.expires_at.reset();
    for (const std::int64_t when : {kMaxTime, kMinTime, std::int64_t{253402300800}}) {
        options.issued_at = when;
        CHECK(issue(citizenship(), w.municipality, options).error().code == Errc::invalid_argument);
    }
}

TEST_CASE("bundle freshness does not overflow with a long grace period or a late next update") {
    World w;
    const Trust trust = w.trust(w.bundle(1));  // next update at day 30
    CHECK(trust.freshness(kT0 + 60 * kDay, kMaxTime) == Freshness::stale);
    CHECK(trust.freshness(kMaxTime, kMaxTime) == Freshness::stale);
    CHECK(trust.freshness(kT0 + 60 * kDay, 7 * kDay) == Freshness::expired);
    TrustBundle late = w.bundle(2);
    late.next_update = kMaxTime - 10;
    const Trust late_trust = w.trust(late);
    CHECK(late_trust.freshness(kMaxTime - 10, 7 * kDay) == Freshness::fresh);
    CHECK(late_trust.freshness(kMaxTime, 7 * kDay) == Freshness::stale);
    CHECK(late_trust.freshness(kMaxTime, 0) == Freshness::expired);
    const auto cert = w.issue_at(kT0 + kDay);
    VerifyOptions options;
    options.now = cert.expires_at + kDay;
    options.grace_period = kMaxTime;
    const auto r = verify(cert.qr_text, trust, options);
    CHECK(r.trust.freshness == Freshness::stale);
    CHECK(r.reason == Reason::expired);  // the certificate itself, not the bundle
}

TEST_CASE("rotation: old certificates keep verifying, the old key may sign no more") {
    World w;
    const auto before = w.issue_at(kT0 + kDay, "OLD");
    Keyset old_keys = w.municipality;
    w.municipality.rotate(PrivateKey::generate().value(), kT0 + 10 * kDay);
    REQUIRE(w.municipality.entries().size() == 2);
    const auto after = w.issue_at(kT0 + 11 * kDay, "NEW");
    CHECK(after.kid != before.kid);
    const Trust trust = w.trust(w.bundle(2));
    CHECK(check(before.qr_text, trust, kT0 + 12 * kDay).valid());
    CHECK(check(after.qr_text, trust, kT0 + 12 * kDay).valid());

    // The retired key signing after its end date: refused.
    IssueOptions options;
    options.issuer = "BD-1";
    options.issued_at = kT0 + 11 * kDay;
    auto stale_key = Keyset::create(old_keys.primary().key, kT0);
    const auto late = issue(citizenship(), stale_key, options).value();
    const auto r = check(late.qr_text, trust, kT0 + 12 * kDay);
    CHECK(r.reason == Reason::key_outside_validity);
    CHECK(r.stage == Stage::issuer);
}

TEST_CASE("keysets survive a round trip through encrypted JSON") {
    World w;
    w.municipality.rotate(PrivateKey::generate().value(), kT0 + kDay);
    const std::string text = w.municipality.to_json("correct horse").value();
    CHECK(text.find("ENCRYPTED PRIVATE KEY") != std::string::npos);
    CHECK(text.find("BEGIN PRIVATE KEY") == std::string::npos);
    auto back = Keyset::from_json(text, "correct horse");
    REQUIRE(back);
    CHECK(back->entries().size() == 2);
    CHECK(back->primary().key.public_key().key_id() == w.municipality.primary().key.public_key().key_id());
    CHECK(back->entries()[0].valid_until == kT0 + kDay);
    CHECK(Keyset::from_json(text, "wrong").error().code == Errc::wrong_passphrase);
    // Whatever the cipher said (bad padding, bad DER), the person reads one plain sentence.
    for (const char* wrong : {"wrong", "x", "a passphrase that is long and still wrong"}) {
        INFO(wrong);
        CHECK_THAT(Keyset::from_json(text, wrong).error().message,
                   Catch::Contains("wrong passphrase, or the key file is damaged") &&
                       !Catch::Contains("CBC") && !Catch::Contains("padding") && !Catch::Contains("BER"));
    }
    CHECK(w.municipality.to_json("").error().code == Errc::invalid_argument);
    CHECK(w.municipality.to_json("", true).value().find("BEGIN PRIVATE KEY") != std::string::npos);
    CHECK(w.municipality.public_json().find("PRIVATE") == std::string::npos);
    CHECK(!Keyset::from_json("{}", "x"));
}

// Found with tests/fuzz/fuzz_keyset.cpp, which stopped on such inputs: a member
// of the wrong JSON type threw out of from_json() instead of coming back as an
// error.
TEST_CASE("keyset and public key files with members of the wrong type are refused as errors") {
    World w;
    auto plain = nlohmann::json::parse(w.municipality.to_json("", true).value());
    CHECK(Keyset::from_json(plain.dump(), ""));
    auto named_as_text = plain;
    named_as_text["poura_keyset"] = "1";
    CHECK(Keyset::from_json(named_as_text.dump(), "").error().code == Errc::key_invalid);
    auto primary_as_text = plain;
    primary_as_text["keys"][0]["primary"] = "yes";
    CHECK(Keyset::from_json(primary_as_text.dump(), "").error().code == Errc::key_invalid);
    auto public_keys = nlohmann::json::parse(w.municipality.public_json());
    public_keys["poura_public_keys"] = "1";
    CHECK(issuer_entries_from_public_json(public_keys.dump(), "X", "এক্স", "X", {"*"}).error().code ==
          Errc::key_invalid);
}

TEST_CASE("trust bundle: signature, rollback and update") {
    World w;
    const Bytes v1 = w.bundle(1).sign(w.root.primary().key).value();
    const Bytes v2 = w.bundle(2).sign(w.root.primary().key).value();
    auto trust = Trust::from_bundle(v2, w.roots());
    REQUIRE(trust);
    CHECK(trust->bundle().sequence == 2);
    CHECK(trust->update(v1).error().code == Errc::trust_rollback);
    CHECK(trust->bundle().sequence == 2);
    CHECK(Trust::from_bundle(v1, w.roots(), 2).error().code == Errc::trust_rollback);
    const Bytes v3 = w.bundle(3).sign(w.root.primary().key).value();
    CHECK(trust->update(v3));
    CHECK(trust->bundle().sequence == 3);
    // The same bundle again changes nothing; another one under number 3 is refused.
    CHECK(trust->update(v3));
    TrustBundle other = w.bundle(3, {"citizenship", "heirship"});
    auto refused = trust->update(other.sign(w.root.primary().key).value());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::trust_rollback);
    CHECK(refused.error().message.find("different bundle") != std::string::npos);
    CHECK(trust->bundle().issuers[0].document_types == std::vector<std::string>{"citizenship"});

    const Keyset impostor = Keyset::create(PrivateKey::generate().value(), kT0);
    const Bytes forged = w.bundle(9).sign(impostor.primary().key).value();
    CHECK(Trust::from_bundle(forged, w.roots()).error().code == Errc::trust_bundle_invalid);
    Bytes tampered = v2;
    tampered[tampered.size() / 2] ^= 1;
    CHECK(!Trust::from_bundle(tampered, w.roots()));
    CHECK(!Trust::from_bundle(Bytes{}, w.roots()));
    CHECK(Trust::from_bundle(v2, {}).error().code == Errc::invalid_argument);

    // A certificate signed by the root is not a bundle, even with a valid signature.
    IssueOptions options;
    options.issuer = "ROOT";
    const auto cert = issue(citizenship(), w.root, options).value();
    const Bytes cose = unwrap_envelope(cert.qr_text).value();
    CHECK(Trust::from_bundle(cose, w.roots()).error().code == Errc::trust_bundle_invalid);
}

namespace {

// A bundle signed by the root as a hostile or careless publisher could make
// it, without the checks TrustBundle::sign applies: one issuer entry with
// these code and names.
Bytes bundle_with_issuer_text(const World& w, const std::string& code, const std::string& name_bn,
                              const std::string& name_en) {
    const PublicKey key = w.municipality.primary().key.public_key();
    const cbor::Map issuer{{"kid", key.key_id()},       {"alg", std::string(algorithm_name(key.algorithm))},
                           {"key", key.raw},            {"iss", code},
                           {"name_bn", name_bn},        {"name_en", name_en},
                           {"from", kT0},               {"until", 0},
                           {"docs", cbor::Array{cbor::Value("*")}}, {"status", std::string("active")}};
    const cbor::Map payload{{"v", 1},         {"seq", 5},
                            {"iat", kT0},     {"next", kT0 + 30 * kDay},
                            {"issuers", cbor::Array{cbor::Value(issuer)}}, {"revoked", cbor::Array{}}};
    const PrivateKey& root = w.root.primary().key;
    const Bytes protected_bytes = cbor::encode(cbor::Value(cbor::Map{
        {cose::kHeaderAlgorithm, cose_algorithm_id(root.public_key().algorithm)},
        {cose::kHeaderKeyId, root.public_key().key_id()},
        {3, std::string("application/poura-trust+cbor")}}));
    const Bytes payload_bytes = cbor::encode(cbor::Value(payload));
    const Bytes signature = root.sign(cose::signature_input(protected_bytes, payload_bytes)).value();
    return cose::encode_sign1(protected_bytes, payload_bytes, signature);
}

}  // namespace

TEST_CASE("issuer codes and names with bidi, zero-width or markup characters are refused when made and loaded") {
    World w;
    const std::string pub = w.municipality.public_json();
    // The names as the clerk would see them, each hiding something.
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> hostile = {
        {"<b>BD-1</b>", "পৌরসভা", "Pourashava", "issuer code"},
        {"BD-1\u202E", "পৌরসভা", "Pourashava", "issuer code"},
        {"BD 1", "পৌরসভা", "Pourashava", "issuer code"},
        {std::string(65, 'A'), "পৌরসভা", "Pourashava", "issuer code"},
        {"BD-1", "পৌরসভা\u202Eঅবৈধ", "Pourashava", "U+202E"},
        {"BD-1", "পৌরসভা", "Sariakandi \u2067Pourashava", "U+2067"},
        {"BD-1", "পৌরসভা", "Sariakandi\u200BPourashava", "U+200B"},
        {"BD-1", "\u200Dপৌরসভা", "Pourashava", "U+200D"},
        {"BD-1", "পৌরসভা", "<img src=x onerror=alert(1)>", "markup"},
        {"BD-1", "পৌরসভা", "Pourashava\u0007", "control characters"},
    };
    for (const auto& [code, name_bn, name_en, named] : hostile) {
        INFO(code << " / " << name_en);
        auto entries = issuer_entries_from_public_json(pub, code, name_bn, name_en, {"*"});
        REQUIRE_FALSE(entries);
        CHECK(entries.error().code == Errc::unsafe_text);
        CHECK_THAT(entries.error().message, Catch::Contains(named));

        // Made by hand past issuer_entries_from_public_json: sign() refuses it too.
        TrustBundle bundle = w.bundle(1);
        bundle.issuers[0].issuer_code = code;
        bundle.issuers[0].name_bn = name_bn;
        bundle.issuers[0].name_en = name_en;
        auto signed_bundle = bundle.sign(w.root.primary().key);
        REQUIRE_FALSE(signed_bundle);
        CHECK(signed_bundle.error().code == Errc::unsafe_text);

        // Signed by the root all the same: loading refuses it.
        auto loaded = Trust::from_bundle(bundle_with_issuer_text(w, code, name_bn, name_en), w.roots());
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == Errc::trust_bundle_invalid);
        CHECK_THAT(loaded.error().message, Catch::Contains("issuer 0") && Catch::Contains(named));
    }
    // What real issuers are called passes: Bengali joiners in Bengali words, '&', dots and slashes.
    CHECK(Trust::from_bundle(bundle_with_issuer_text(w, "BD-10.06/88_x", "র\u200D্যাব পৌরসভা", "Roads & Markets, Pourashava"),
                             w.roots()));
    CHECK(issuer_entries_from_public_json(pub, "kaliganj", "কালীগঞ্জ পৌরসভা", "Kaliganj", {"*"}));
}

TEST_CASE("stale bundle: reported, usable in the grace period, refused after") {
    World w;
    const auto cert = w.issue_at(kT0 + kDay);
    const Trust trust = w.trust(w.bundle(1));  // next update at day 30
    CHECK(check(cert.qr_text, trust, kT0 + 29 * kDay).trust.freshness == Freshness::fresh);
    const auto stale = check(cert.qr_text, trust, kT0 + 32 * kDay);
    CHECK(stale.valid());
    CHECK(stale.trust.freshness == Freshness::stale);
    const auto too_old = check(cert.qr_text, trust, kT0 + 40 * kDay);
    CHECK(!too_old.valid());
    CHECK(too_old.reason == Reason::trust_expired);
    CHECK(too_old.trust.freshness == Freshness::expired);
    // A forgery is still reported as a forgery when the bundle is old.
    std::string forged = cert.qr_text;
    forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
    CHECK(check(forged, trust, kT0 + 40 * kDay).reason != Reason::trust_expired);
}

TEST_CASE("a bundle issued later than now plus the clock skew makes the clock suspect and never fresh") {
    World w;
    const auto cert = w.issue_at(kT0 + kDay);
    TrustBundle later = w.bundle(1);
    const std::int64_t issued = kT0 + 5 * kDay;
    later.issued_at = issued;
    const Trust trust = w.trust(later);
    const std::int64_t skew = verify_defaults::clock_skew;
    CHECK(trust.freshness(issued - skew, 7 * kDay) == Freshness::fresh);
    CHECK(trust.freshness(issued - skew - 1, 7 * kDay) == Freshness::clock_suspect);
    CHECK(trust.freshness(issued - 100, 7 * kDay, 60) == Freshness::clock_suspect);
    CHECK(trust.freshness(issued - 100, 7 * kDay, 100) == Freshness::fresh);
    // now + skew is never formed where it would overflow.
    CHECK(trust.freshness(issued, 7 * kDay, kMaxTime) == Freshness::fresh);
    CHECK(trust.freshness(kMinTime, 7 * kDay, 0) == Freshness::clock_suspect);
    CHECK(trust.freshness(kMinTime, 7 * kDay, kMaxTime) == Freshness::clock_suspect);  // now + skew is -1
    CHECK(freshness_name(Freshness::clock_suspect) == "clock_suspect");
    // The certificate is still judged on its own times; the result reports the clock.
    const auto early = check(cert.qr_text, trust, kT0 + 2 * kDay);
    CHECK(early.valid());
    CHECK(early.trust.freshness == Freshness::clock_suspect);
    VerifyOptions options;
    options.now = kT0 + 2 * kDay;
    options.clock_skew = 3 * kDay;
    CHECK(verify(cert.qr_text, trust, options).trust.freshness == Freshness::fresh);
    // Trust without a bundle has no issue time to compare.
    const Trust direct = Trust::from_issuers(later.issuers).value();
    CHECK(direct.freshness(kMinTime, 0) == Freshness::fresh);
}

TEST_CASE("one trust serves many verifying threads while a copy of it is updated", "[threads]") {
    World w;
    const auto genuine = w.issue_at(kT0 + kDay, "T-GENUINE");
    const auto withdrawn = w.issue_at(kT0 + kDay, "T-WITHDRAWN");
    std::string forged = genuine.qr_text;
    forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
    const Trust shared = w.trust(w.bundle(1));
    TrustBundle next = w.bundle(2);
    next.revoked.push_back(revocation_hash("BD-1", "T-WITHDRAWN"));
    const Bytes signed_next = next.sign(w.root.primary().key).value();
    const std::int64_t now = kT0 + 2 * kDay;

    std::atomic<int> wrong_answers{0};
    Trust updated = shared;  // shares the bundle with `shared` until it is updated
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 20; ++i) {
                if (!check(genuine.qr_text, shared, now).valid()) ++wrong_answers;
                if (check(forged, shared, now).valid()) ++wrong_answers;
                if (!check(withdrawn.qr_text, shared, now).valid()) ++wrong_answers;  // bundle 1 does not revoke it
            }
        });
    }
    threads.emplace_back([&] {
        if (!updated.update(signed_next)) ++wrong_answers;
    });
    for (std::thread& thread : threads) thread.join();
    CHECK(wrong_answers == 0);
    CHECK(shared.bundle().sequence == 1);
    CHECK(check(withdrawn.qr_text, updated, now).reason == Reason::revoked);
}

TEST_CASE("authorisation, key status and revocation") {
    World w;
    const auto cert = w.issue_at(kT0 + kDay, "REV-1");
    const std::int64_t now = kT0 + 2 * kDay;

    CHECK(check(cert.qr_text, w.trust(w.bundle(1, {"character"})), now).reason == Reason::issuer_not_allowed);
    CHECK(check(cert.qr_text, w.trust(w.bundle(1, {"*"})), now).valid());

    TrustBundle suspended = w.bundle(1);
    suspended.issuers[0].status = IssuerStatus::suspended;
    CHECK(check(cert.qr_text, w.trust(suspended), now).reason == Reason::key_revoked);

    TrustBundle revoked = w.bundle(1);
    revoked.revoked.push_back(revocation_hash("BD-1", "REV-1"));
    const auto r = check(cert.qr_text, w.trust(revoked), now);
    CHECK(r.reason == Reason::revoked);
    CHECK(r.stage == Stage::revocation);
    CHECK(check(w.issue_at(kT0 + kDay, "REV-2").qr_text, w.trust(revoked), now).valid());

    // A certificate naming another issuer than the key's owner.
    IssueOptions options;
    options.issuer = "BD-2";
    options.issued_at = kT0 + kDay;
    const auto other = issue(citizenship(), w.municipality, options).value();
    CHECK(check(other.qr_text, w.trust(w.bundle(1)), now).reason == Reason::issuer_not_allowed);

    // Unknown key.
    const Keyset stranger = Keyset::create(PrivateKey::generate().value(), kT0);
    options.issuer = "BD-1";
    const auto foreign = issue(citizenship(), stranger, options).value();
    CHECK(check(foreign.qr_text, w.trust(w.bundle(1)), now).reason == Reason::unknown_key);
}

TEST_CASE("garbage is malformed at the stage that failed, never expired") {
    World w;
    const Trust trust = w.trust(w.bundle(1));
    const std::int64_t now = kT0 + 1000 * kDay;  // long after everything expired
    CHECK(check("", trust, now).reason == Reason::bad_prefix);
    CHECK(check("HC1:ABC", trust, now).reason == Reason::bad_prefix);
    CHECK(check("BD1:abc", trust, now).reason == Reason::bad_base45);
    CHECK(check("BD1:" + std::string(20000, 'A'), trust, now).stage == Stage::prefix);
    CHECK(check(wrap_envelope(Bytes{0x78, 0x9C, 0x01, 0x02}, Scheme::bd1(), false), trust, now).reason ==
          Reason::bad_compression);
    CHECK(check(wrap_envelope(Bytes{0xA0}, Scheme::bd1(), false), trust, now).reason == Reason::bad_cose);
    CHECK(check(wrap_envelope(Bytes{0xD2, 0x84, 0x40, 0xA0, 0x40, 0x40}, Scheme::bd1(), false), trust, now).reason ==
          Reason::bad_header);
    // Untagged, the same is no BD1 certificate (format.md 5.5).
    CHECK(check(wrap_envelope(Bytes{0x84, 0x40, 0xA0, 0x40, 0x40}, Scheme::bd1(), false), trust, now).reason ==
          Reason::bad_cose);
}

TEST_CASE("compression is used only when it makes the QR smaller") {
    World w;
    IssueOptions options;
    options.issuer = "BD-1";
    options.issued_at = kT0;
    options.serial = "H-1";
    // A family's names repeat their parts: zlib shortens six heirs by a
    // fifth, where a citizenship certificate's SCSU-packed text gains nothing.
    json heirship = {{"type", "heirship"},
                     {"deceased", {{"name_bn", "মোঃ আব্দুল করিম"}, {"name_en", "Md. Abdul Karim"},
                                   {"nid", "5512345678"}, {"date_of_death", "2025-03-01"},
                                   {"address_bn", "চন্দনবাইশা, সারিয়াকান্দি, বগুড়া"}}},
                     {"heirs", json::array()}};
    for (const auto& [name_bn, name_en, relation] :
         {std::tuple{"মোছাঃ ফাতেমা বেগম", "Mst. Fatema Begum", "wife"},
          {"মোঃ রফিকুল ইসলাম", "Md. Rafiqul Islam", "son"}, {"মোঃ শফিকুল ইসলাম", "Md. Shafiqul Islam", "son"},
          {"মোঃ আমিনুল ইসলাম", "Md. Aminul Islam", "son"}, {"মোছাঃ রহিমা খাতুন", "Mst. Rahima Khatun", "daughter"},
          {"মোছাঃ সালমা খাতুন", "Mst. Salma Khatun", "daughter"}})
        heirship["heirs"].push_back({{"name_bn", name_bn}, {"name_en", name_en}, {"relation", relation}});
    options.allow_compression = false;
    const auto plain = issue(heirship, w.municipality, options).value();
    options.allow_compression = true;
    const auto best = issue(heirship, w.municipality, options).value();
    const auto envelope_of = [](const std::string& qr_text) { return base45::decode(qr_text.substr(4)).value(); };
    CHECK(zlib::looks_compressed(envelope_of(best.qr_text)));
    CHECK_FALSE(zlib::looks_compressed(envelope_of(plain.qr_text)));
    CHECK(best.qr_text.size() < plain.qr_text.size());
    CHECK(unwrap_envelope(best.qr_text).value() == envelope_of(plain.qr_text));
    const Trust trust = w.trust(w.bundle(1, {"heirship"}));
    CHECK(check(plain.qr_text, trust, kT0 + 1).valid());
    CHECK(check(best.qr_text, trust, kT0 + 1).valid());

    // Random bytes do not compress: allowed, compression is still left out.
    std::mt19937 generator(5);
    Bytes noise(200);
    for (auto& byte : noise) byte = static_cast<std::uint8_t>(generator());
    const std::string wrapped = wrap_envelope(noise, Scheme::bd1(), true);
    CHECK(wrapped == wrap_envelope(noise, Scheme::bd1(), false));
    CHECK(envelope_of(wrapped) == noise);
}

namespace {

// An EU-DCC-style HC1 certificate with an Ed25519 document signer certificate
// (DSC) whose extendedKeyUsage names `key_purposes`, trusted directly.
struct Hc1World {
    PrivateKey key = PrivateKey::generate().value();
    PublicKey certificate;
    Trust trust;

    explicit Hc1World(std::initializer_list<Bytes> key_purposes)
        : certificate(PublicKey::from_certificate(
                          test::x509::ed25519_certificate(
                              key.public_key().raw,
                              key_purposes.size() == 0
                                  ? Bytes{}
                                  : test::x509::extensions({test::x509::extended_key_usage(key_purposes)})))
                          .value()),
          trust(Trust::from_issuers({IssuerEntry{certificate, "", "", "", 0, 0, {"*"}, IssuerStatus::active}})
                    .value()) {}

    // The COSE_Sign1 of claims {iss, iat, exp, -260: hcert}, tagged 18.
    Bytes sign1(const cbor::Value& hcert) const {
        cwt::Claims claims;
        claims.issuer = "BD";
        claims.issued_at = kT0;
        claims.expires = kT0 + 365 * kDay;
        claims.document = hcert;
        const Bytes payload = cbor::encode(cwt::to_cbor(claims, Scheme::hc1().document_claim));
        const Bytes protected_bytes = cose::protected_header(cose_algorithm_id(Algorithm::EdDSA), certificate.key_id());
        return cose::encode_sign1(protected_bytes, payload,
                                  key.sign(cose::signature_input(protected_bytes, payload)).value());
    }

    VerifyResult check(const std::string& text) const {
        VerifyOptions options;
        options.now = kT0 + kDay;
        options.scheme = Scheme::hc1();
        return verify(text, trust, options);
    }
};

cbor::Value dcc_of_type(const char* type) {
    return cbor::Value(cbor::Map{{1, cbor::Map{{"ver", "1.3.0"}, {type, cbor::Array{cbor::Map{{"tg", "840539006"}}}}}}});
}

}  // namespace

TEST_CASE("an HC1 text must be zlib-compressed, and one wrapped for HC1 always is") {
    const Hc1World w({});
    const Bytes message = w.sign1(dcc_of_type("v"));
    const std::string compressed = wrap_envelope(message, Scheme::hc1(), false);
    const auto raw = [](const std::string& text) { return base45::decode(text.substr(4)).value(); };
    CHECK(zlib::looks_compressed(raw(compressed)));
    CHECK(w.check(compressed).valid());
    // Random bytes grow under zlib; the scheme still requires it.
    std::mt19937 generator(7);
    Bytes noise(200);
    for (auto& byte : noise) byte = static_cast<std::uint8_t>(generator());
    CHECK(zlib::looks_compressed(raw(wrap_envelope(noise, Scheme::hc1(), true))));

    const std::string plain = "HC1:" + base45::encode(message);
    const VerifyResult refused = w.check(plain);
    CHECK(refused.stage == Stage::inflate);
    CHECK(refused.reason == Reason::bad_compression);
    CHECK_THAT(refused.detail, Catch::Contains("not zlib-compressed"));
    CHECK(unwrap_envelope(plain, Scheme::hc1()).error().code == Errc::malformed_input);
    CHECK(unwrap_envelope(compressed, Scheme::hc1()).value() == message);
}

TEST_CASE("HC1 accepts the CWT tag 61 around the COSE_Sign1 tag, a scheme without the DCC rules does not") {
    const Hc1World w({});
    const cbor::Value sign1 = cbor::decode(w.sign1(dcc_of_type("t"))).value();
    const std::string tagged = wrap_envelope(cbor::encode(cbor::Value::tagged(61, sign1)), Scheme::hc1());
    CHECK(w.check(tagged).valid());
    const VerifyResult untagged_inside =
        w.check(wrap_envelope(cbor::encode(cbor::Value::tagged(61, sign1.tagged_value())), Scheme::hc1()));
    CHECK(untagged_inside.stage == Stage::cose);
    CHECK(untagged_inside.reason == Reason::bad_cose);

    Scheme without_cwt_tag = Scheme::hc1();
    without_cwt_tag.allow_cwt_tag = false;
    VerifyOptions options;
    options.now = kT0 + kDay;
    options.scheme = without_cwt_tag;
    CHECK(verify(tagged, w.trust, options).reason == Reason::bad_cose);
}

TEST_CASE("an HC1 certificate whose DCC is not a map is refused at the document stage") {
    const Hc1World w({Bytes{0x2B, 0x06, 0x01, 0x04, 0x01, 0x8E, 0x37, 0x8F, 0x65, 0x01, 0x01}});  // tests only
    for (const cbor::Value& hcert : {cbor::Value(cbor::Map{{1, "v"}}), cbor::Value(cbor::Map{{1, cbor::Array{}}}),
                                     cbor::Value(cbor::Map{{2, cbor::Map{}}})}) {
        const VerifyResult result = w.check(wrap_envelope(w.sign1(hcert), Scheme::hc1()));
        CHECK(result.stage == Stage::document);
        CHECK(result.reason == Reason::bad_document);
        CHECK(result.document.is_null());
    }
    const VerifyResult shown = w.check(wrap_envelope(w.sign1(dcc_of_type("t")), Scheme::hc1()));
    REQUIRE(shown.valid());
    CHECK(shown.document.at("1").at("t").at(0).at("tg") == "840539006");
}

TEST_CASE("a DSC's extended key usage limits the DCC types it signs") {
    const Bytes test_oid{0x2B, 0x06, 0x01, 0x04, 0x01, 0x8E, 0x37, 0x8F, 0x65, 0x01, 0x01};
    const Bytes recovery_alternative_oid{0x2B, 0x06, 0x01, 0x04, 0x01, 0x00, 0x8E, 0x37, 0x8F, 0x65, 0x01, 0x03};
    const Bytes server_auth{0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
    const Hc1World tests_and_recoveries({server_auth, test_oid, recovery_alternative_oid});
    const Hc1World other_purposes({server_auth});
    const Hc1World no_extension({});

    const auto verdict = [](const Hc1World& w, const char* type) {
        return w.check(wrap_envelope(w.sign1(dcc_of_type(type)), Scheme::hc1()));
    };
    CHECK(verdict(tests_and_recoveries, "t").valid());
    CHECK(verdict(tests_and_recoveries, "r").valid());
    const VerifyResult vaccination = verdict(tests_and_recoveries, "v");
    CHECK(vaccination.stage == Stage::issuer);
    CHECK(vaccination.reason == Reason::issuer_not_allowed);
    CHECK(vaccination.detail == "the signer certificate may sign test and recovery certificates only, and this DCC "
                                "is a vaccination certificate");
    CHECK(vaccination.issuer.has_value());
    for (const char* type : {"v", "t", "r"}) {
        CHECK(verdict(other_purposes, type).valid());
        CHECK(verdict(no_extension, type).valid());
    }

    // The same certificate under BD1 rules: no DCC, so no DCC types.
    Scheme generic = Scheme::hc1();
    generic.check_dcc = false;
    VerifyOptions options;
    options.now = kT0 + kDay;
    options.scheme = generic;
    CHECK(verify(wrap_envelope(tests_and_recoveries.sign1(dcc_of_type("v")), generic), tests_and_recoveries.trust,
                 options)
              .valid());
}

TEST_CASE("signing refuses a bundle past a limit, naming it, as opening would") {
    World w;
    TrustBundle big = w.bundle(1);
    big.issuers.assign(trust_bundle_max_entries + 1, big.issuers.front());
    auto refused = big.sign(w.root.primary().key);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::limit_exceeded);
    CHECK(refused.error().message.find("200,001") != std::string::npos);
    CHECK(refused.error().message.find("200,000 (trust_bundle_max_entries)") != std::string::npos);

    TrustBundle many_types = w.bundle(1);
    many_types.issuers.front().document_types.assign(trust_bundle_max_document_types + 1, "citizenship");
    refused = many_types.sign(w.root.primary().key);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::limit_exceeded);
    CHECK(refused.error().message.find("trust_bundle_max_document_types") != std::string::npos);

    TrustBundle many_revoked = w.bundle(1);
    many_revoked.revoked.assign(trust_bundle_max_revocations + 1, revocation_hash("BD-1", "S-1"));
    refused = many_revoked.sign(w.root.primary().key);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::limit_exceeded);
    CHECK(refused.error().message.find("trust_bundle_max_revocations") != std::string::npos);

    TrustBundle long_names = w.bundle(1);
    long_names.issuers.front().name_en.assign(trust_bundle_max_size, 'a');
    refused = long_names.sign(w.root.primary().key);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::limit_exceeded);
    CHECK(refused.error().message.find("trust_bundle_max_size") != std::string::npos);

    // Opening refuses a signed bundle past the size limit before reading it.
    const Bytes oversized(trust_bundle_max_size + 1, 0xA0);
    auto opened = TrustBundle::open(oversized, w.roots());
    REQUIRE_FALSE(opened);
    CHECK(opened.error().code == Errc::trust_bundle_invalid);
    CHECK(opened.error().message.find("trust_bundle_max_size") != std::string::npos);
}

TEST_CASE("a national bundle, 50,000 issuers with two keys each, signs and opens") {
    World w;
    // A thousand distinct keys, shared out: opening checks each entry's key
    // all the same.
    std::vector<PublicKey> keys;
    for (int i = 0; i < 1000; ++i) keys.push_back(PrivateKey::generate().value().public_key());
    constexpr std::size_t kIssuers = 50'000;
    TrustBundle national = w.bundle(1);
    national.issuers.clear();
    for (std::size_t i = 0; i < kIssuers; ++i) {
        for (std::size_t k = 0; k < 2; ++k) {
            IssuerEntry e;
            e.key = keys[(2 * i + k) % keys.size()];
            e.issuer_code = "BD-" + std::to_string(10'000 + i);
            e.name_bn = "পৌরসভা " + std::to_string(i);
            e.name_en = "Pourashava " + std::to_string(i);
            e.valid_from = kT0 + static_cast<std::int64_t>(k) * 365 * kDay;
            e.valid_until = k == 0 ? kT0 + 365 * kDay : 0;
            e.document_types = {"citizenship", "heirship"};
            national.issuers.push_back(std::move(e));
        }
    }
    const auto signed_bundle = national.sign(w.root.primary().key);
    REQUIRE(signed_bundle);
    CHECK(signed_bundle->size() <= trust_bundle_max_size);
    const auto trust = Trust::from_bundle(*signed_bundle, w.roots());
    REQUIRE(trust);
    REQUIRE(trust->bundle().issuers.size() == 2 * kIssuers);
    CHECK(trust->bundle().issuers.back().issuer_code == "BD-59999");
    CHECK(trust->bundle().issuers.back().key.key_id() == keys[(2 * kIssuers - 1) % keys.size()].key_id());
}
