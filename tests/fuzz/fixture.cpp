#include "fixture.hpp"

#include "codec/cbor.hpp"
#include "codec/cose.hpp"
#include "codec/cwt.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <utility>

namespace poura::fuzz {
namespace {

[[noreturn]] void give_up(const std::string& what) {
    std::fprintf(stderr, "fuzz fixture: %s\n", what.c_str());
    std::abort();
}

template <typename T>
T must(Result<T> result, const std::string& what) {
    if (!result) give_up(what + ": " + result.error().message);
    return std::move(result).value();
}

// Test keys, fixed so that every run builds the same certificates and the
// corpus stays meaningful from one run to the next. They sign nothing else.
constexpr const char* kRootPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIKqhcB7Ygap+YnAs1lQjUvS+2KGyO837RzdBhR8ltZhy\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kSariakandiOldPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEILZ4Qoby5JeZA+v2hvpk/auVw0IW6bvJ62rMJtj5EQM4\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kSariakandiPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIHfYsm07uLo8DBkz8tSO3hQWQMBLXqUbm7EYGunRZZxC\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kDhunatPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIK6fVZ8YEN9hFxzMFHLdZ0w/16LOD9PNBHdl9tVhAwrQ\n"
    "-----END PRIVATE KEY-----\n";

// A self-signed P-256 X.509 certificate (valid 2025-07-01 to 2035-07-01) as an
// HC1 signer, and the ES256 signature (r || s) its key made over the
// Sig_structure of the HC1 certificate built in hc1_es256_seed(). The private
// key was discarded: this signature is the only one that certificate verifies.
constexpr const char* kEs256CertificateHex =
    "308201753082011ca00302010202025eed300a06082a8648ce3d0403023044310b3009060355040613024244311b3019"
    "060355040a0c12506f7572612066757a7a20666978747572653118301606035504030c0f484331207465737420736967"
    "6e6572301e170d3235303730313030303030305a170d3335303730313030303030305a3044310b300906035504061302"
    "4244311b3019060355040a0c12506f7572612066757a7a20666978747572653118301606035504030c0f484331207465"
    "7374207369676e65723059301306072a8648ce3d020106082a8648ce3d03010703420004ffbfc1c6a207e7409c6b5162"
    "173817afb6414efcc678f48b633ddb52a266e4d09089f9054efefe8f57267c1ec9ed0822461d4b589753dc112eeeea68"
    "d89f0fbf300a06082a8648ce3d0403020347003044022016994e3bc475b4ca467a27964d3737f20c0cc96229ce0a91ff"
    "4e709b80fe14fb02207d752b814c5c64ced47944ae52e407b97c71e78ce2cc2391d522a2e3b9452676";
constexpr const char* kEs256SignatureHex =
    "9dc66815b3676da1965aa3ec5a4cff5c2a1fa7a1461a2c60cd3a6e305cddccbe"
    "d27cc41a94ad2a36d0cdb8219a1d034edbfdea68efcd141fed7a8df2501400ee";

const std::string kSariakandi = "BD-10-06-88";
const std::string kDhunat = "BD-10-06-33";
const std::string kHc1Country = "BD";

PrivateKey key(const char* pem) { return must(PrivateKey::from_pem(pem), "test key"); }

nlohmann::json citizenship() {
    return {{"type", "citizenship"},
            {"name_bn", "মোছাঃ রহিমা খাতুন"},
            {"name_en", "Mst. Rahima Khatun"},
            {"father_name_bn", "মোঃ আব্দুল করিম"},
            {"father_name_en", "Md. Abdul Karim"},
            {"mother_name_bn", "মোছাঃ ফাতেমা বেগম"},
            {"mother_name_en", "Mst. Fatema Begum"},
            {"nid", "1990101234567"},
            {"date_of_birth", "1990-04-14"},
            {"address_bn", "চন্দনবাইশা, ওয়ার্ড নং ৩, সারিয়াকান্দি পৌরসভা, বগুড়া"},
            {"ward", 3}};
}

nlohmann::json heirship() {
    return {{"type", "heirship"},
            {"deceased",
             {{"name_bn", "মোঃ আব্দুল করিম"},
              {"name_en", "Md. Abdul Karim"},
              {"nid", "5512345678"},
              {"date_of_death", "2025-03-01"},
              {"address_bn", "চন্দনবাইশা, সারিয়াকান্দি, বগুড়া"}}},
            {"heirs",
             {{{"name_bn", "মোছাঃ ফাতেমা বেগম"}, {"name_en", "Mst. Fatema Begum"}, {"relation", "wife"}},
              {{"name_bn", "মোঃ রফিকুল ইসলাম"}, {"name_en", "Md. Rafiqul Islam"}, {"relation", "son"}},
              {{"name_bn", "মোছাঃ রহিমা খাতুন"}, {"name_en", "Mst. Rahima Khatun"}, {"relation", "daughter"}}}},
            {"ward", 3}};
}

nlohmann::json trade_licence() {
    return {{"type", "trade_licence"},
            {"licence_no", "TL/2025-26/0412"},
            {"business_name_bn", "মায়ের দোয়া স্টোর"},
            {"business_name_en", "Mayer Doa Store"},
            {"owner_name_bn", "মোঃ রফিকুল ইসলাম"},
            {"owner_name_en", "Md. Rafiqul Islam"},
            {"owner_nid", "1985101234567"},
            {"business_category", "grocery-retail"},
            {"business_address_bn", "বাজার রোড, ওয়ার্ড নং ২, ধুনট পৌরসভা"},
            {"holding_no", "02-022-0047-00"},
            {"mobile", "+8801711223344"},
            {"fiscal_year", "2025-2026"},
            {"fee_paid", 150000},
            {"ward", 2}};
}

std::string issued(const nlohmann::json& document, const Keyset& keyset, const std::string& issuer,
                   std::int64_t issued_at, const std::string& serial, bool compress) {
    IssueOptions options;
    options.issuer = issuer;
    options.serial = serial;
    options.issued_at = issued_at;
    options.allow_compression = compress;
    return must(issue(document, keyset, options), "issuing " + serial).qr_text;
}

// The CWT of an EU-DCC-style certificate: the health certificate claim (-260)
// holds {1: the certificate}.
Bytes hc1_payload(const std::string& certificate_id) {
    using cbor::Array;
    using cbor::Map;
    using cbor::Value;
    const Value vaccination(Map{{"tg", "840539006"},
                                {"vp", "1119349007"},
                                {"mp", "EU/1/20/1528"},
                                {"ma", "ORG-100030215"},
                                {"dn", 2},
                                {"sd", 2},
                                {"dt", "2025-12-20"},
                                {"co", "BD"},
                                {"is", "Directorate General of Health Services"},
                                {"ci", certificate_id}});
    const Value certificate(Map{
        {"ver", "1.3.0"},
        {"nam", Map{{"fn", "Khatun"}, {"fnt", "KHATUN"}, {"gn", "Rahima"}, {"gnt", "RAHIMA"}}},
        {"dob", "1990-04-14"},
        {"v", Array{vaccination}},
    });
    cwt::Claims claims;
    claims.issuer = kHc1Country;
    claims.issued_at = kEpoch + kDay;
    claims.expires = kEpoch + 366 * kDay;
    claims.document = Value(Map{{1, certificate}});
    return cbor::encode(cwt::to_cbor(claims, Scheme::hc1().document_claim));
}

Bytes sign1(int algorithm, const Bytes& kid, const Bytes& payload,
            const std::function<Bytes(const Bytes&)>& sign) {
    const Bytes protected_bytes = cose::protected_header(algorithm, kid);
    return cose::encode_sign1(protected_bytes, payload, sign(cose::signature_input(protected_bytes, payload)));
}

Fixture build() {
    const Keyset root = Keyset::create(key(kRootPem), kEpoch - 365 * kDay);
    const std::vector<PublicKey> roots{root.primary().key.public_key()};

    // Sariakandi signed with one key, then rotated to another: certificates
    // of the old key keep verifying.
    Keyset sariakandi = Keyset::create(key(kSariakandiOldPem), kEpoch - 365 * kDay);
    std::vector<Seed> seeds;
    seeds.push_back({"citizenship-old-key-deflated",
                     issued(citizenship(), sariakandi, kSariakandi, kEpoch + kDay, "2HD7QK4M9X1C", true)});
    sariakandi.rotate(key(kSariakandiPem), kEpoch + 2 * kDay);
    seeds.push_back({"citizenship-plain",
                     issued(citizenship(), sariakandi, kSariakandi, kEpoch + 3 * kDay, "2HD7QK4M9X1D", false)});
    seeds.push_back({"heirship-deflated",
                     issued(heirship(), sariakandi, kSariakandi, kEpoch + 3 * kDay, "2HD7QK4M9X1E", true)});
    seeds.push_back({"heirship-plain",
                     issued(heirship(), sariakandi, kSariakandi, kEpoch + 3 * kDay, "2HD7QK4M9X1F", false)});
    const std::string revoked_serial = "2HD7QK4M9X1G";
    seeds.push_back({"citizenship-revoked",
                     issued(citizenship(), sariakandi, kSariakandi, kEpoch + 3 * kDay, revoked_serial, true), false,
                     Reason::revoked});

    // Dhunat may issue trade licences only.
    const Keyset dhunat = Keyset::create(key(kDhunatPem), kEpoch - 365 * kDay);
    seeds.push_back({"trade-licence-deflated",
                     issued(trade_licence(), dhunat, kDhunat, kEpoch + 4 * kDay, "7MX2Q0B5T8N1", true)});
    seeds.push_back({"citizenship-unauthorised-issuer",
                     issued(citizenship(), dhunat, kDhunat, kEpoch + 4 * kDay, "7MX2Q0B5T8N2", false), false,
                     Reason::issuer_not_allowed});

    const Bytes es256_certificate = must(from_hex(kEs256CertificateHex), "ES256 certificate");
    const PublicKey es256 = must(PublicKey::from_certificate(es256_certificate), "ES256 certificate");
    const Bytes es256_signature = must(from_hex(kEs256SignatureHex), "ES256 signature");
    const Bytes hc1_es256 = sign1(cose_algorithm_id(Algorithm::ES256), es256.key_id(),
                                  hc1_payload("URN:UVCI:01:BD:FUZZ0001"),
                                  [&](const Bytes&) { return es256_signature; });
    const PrivateKey dhunat_key = dhunat.primary().key;
    const Bytes hc1_eddsa = sign1(cose_algorithm_id(Algorithm::EdDSA), dhunat_key.public_key().key_id(),
                                  hc1_payload("URN:UVCI:01:BD:FUZZ0002"),
                                  [&](const Bytes& input) { return must(dhunat_key.sign(input), "EdDSA signature"); });
    seeds.push_back({"hc1-es256", wrap_envelope(hc1_es256, Scheme::hc1()), true});
    seeds.push_back({"hc1-eddsa", wrap_envelope(hc1_eddsa, Scheme::hc1(), false), true});
    // The bundle lists the HC1 signer as suspended: its certificate, read as
    // BD1, gets past the signature and is refused at the issuer stage.
    seeds.push_back({"es256-suspended-in-bundle", wrap_envelope(hc1_es256, Scheme::bd1()), false,
                     Reason::key_revoked});

    TrustBundle bundle;
    bundle.sequence = 7;
    bundle.issued_at = kEpoch;
    bundle.next_update = kEpoch + 30 * kDay;
    bundle.issuers = must(issuer_entries_from_public_json(sariakandi.public_json(), kSariakandi,
                                                          "সারিয়াকান্দি পৌরসভা", "Sariakandi Pourashava",
                                                          {"citizenship", "heirship", "character"}),
                          "Sariakandi issuer entries");
    for (auto& entry : must(issuer_entries_from_public_json(dhunat.public_json(), kDhunat, "ধুনট পৌরসভা",
                                                            "Dhunat Pourashava", {"trade_licence"}),
                            "Dhunat issuer entries"))
        bundle.issuers.push_back(std::move(entry));
    IssuerEntry suspended;
    suspended.key = es256;
    suspended.issuer_code = kHc1Country;
    suspended.name_bn = "স্বাস্থ্য অধিদপ্তর";
    suspended.name_en = "Directorate General of Health Services";
    suspended.document_types = {"*"};
    suspended.status = IssuerStatus::suspended;
    bundle.issuers.push_back(suspended);
    bundle.revoked.push_back(revocation_hash(kSariakandi, revoked_serial));
    const Bytes signed_bundle = must(bundle.sign(root.primary().key), "signing the trust bundle");

    IssuerEntry hc1_es256_issuer = suspended;
    hc1_es256_issuer.status = IssuerStatus::active;
    IssuerEntry hc1_eddsa_issuer = hc1_es256_issuer;
    hc1_eddsa_issuer.key = dhunat_key.public_key();

    Fixture fixture{
        must(Trust::from_bundle(signed_bundle, roots), "opening the trust bundle"),
        must(Trust::from_issuers({hc1_es256_issuer, hc1_eddsa_issuer}), "HC1 issuers"),
        {sariakandi.primary().key, sariakandi.primary().key.public_key().key_id()},
        {dhunat_key, dhunat_key.public_key().key_id()},
        {kEpoch + 10 * kDay, kEpoch + 33 * kDay, kEpoch + 400 * kDay, kEpoch - 30 * kDay},
        std::move(seeds),
    };

    for (const Seed& seed : fixture.seeds) {
        VerifyOptions options;
        options.now = fixture.clocks[0];
        if (seed.hc1) options.scheme = Scheme::hc1();
        const VerifyResult result = verify(seed.qr_text, seed.hc1 ? fixture.hc1_trust : fixture.trust, options);
        if (result.reason != seed.expected)
            give_up("seed " + seed.name + " verifies as " + std::string(reason_code(result.reason)) + " (" +
                    result.detail + "), expected " + std::string(reason_code(seed.expected)));
    }
    return fixture;
}

}  // namespace

const Fixture& fixture() {
    static const Fixture built = build();
    return built;
}

}  // namespace poura::fuzz
