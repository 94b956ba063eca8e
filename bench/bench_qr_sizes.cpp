// How big each sample certificate's QR code is, at each error correction
// level a printed certificate might use.
#include "sections.hpp"

#include "codec/base45.hpp"
#include "codec/cbor.hpp"
#include "codec/cose.hpp"
#include "codec/scsu.hpp"
#include "codec/zlib.hpp"

namespace poura::bench {
namespace {

constexpr int kCitizenshipMaxVersion = 18;
constexpr EccLevel kLevels[] = {EccLevel::L, EccLevel::M, EccLevel::Q};
constexpr std::int64_t kDocumentClaim = -65537;

// Every SCSU byte string of a document as the UTF-8 text string it stands for.
cbor::Value as_utf8_text(const cbor::Value& value) {
    if (value.is(cbor::Type::bytes)) return cbor::Value(take(scsu::decode(value.as_bytes()), "SCSU"));
    if (value.is(cbor::Type::array)) {
        cbor::Array items;
        for (const auto& item : value.as_array()) items.push_back(as_utf8_text(item));
        return cbor::Value(std::move(items));
    }
    if (value.is(cbor::Type::map)) {
        cbor::Map entries;
        for (const auto& [key, item] : value.as_map()) entries.emplace_back(key, as_utf8_text(item));
        return cbor::Value(std::move(entries));
    }
    return value;
}

// The sample certificate as an issuer without SCSU would write it: the same
// claims with text as UTF-8, signed by the same key, compressed with zlib or
// not. It is a genuine certificate.
std::string utf8_variant(const Fixture& f, const std::string& qr_text, bool compressed) {
    const Bytes cose_bytes = take(unwrap_envelope(qr_text), "unwrapping the sample");
    const cose::Sign1 message = take(cose::parse_sign1(cose_bytes), "parsing the sample");
    cbor::Value claims = take(cbor::decode(message.payload), "decoding the claims");
    for (auto& [key, value] : claims.as_map())
        if (key.as_int() == kDocumentClaim) value = as_utf8_text(value);
    const Bytes payload = cbor::encode(claims);
    const Bytes signature = take(f.municipality.primary().key.sign(cose::signature_input(message.protected_bytes, payload)),
                                 "signing the UTF-8 variant");
    const Bytes signed_bytes = cose::encode_sign1(message.protected_bytes, payload, signature);
    return "BD1:" + base45::encode(compressed ? zlib::compress(signed_bytes) : signed_bytes);
}

}  // namespace

void bench_qr_sizes(const Fixture& f, Checks& checks, std::ostream& out) {
    section(out, "4. QR size of the sample certificates (version, modules per side)");

    Table table({"document", "QR chars", "COSE bytes", "zlib", "ECC L", "ECC M", "ECC Q"});
    int citizenship_q = 0;
    for (const auto& [type, document] : f.documents) {
        const IssuedCertificate cert = f.issue_sample(type);
        const VerifyResult verdict = verify(cert.qr_text, f.trust, f.verify_options);
        checks.expect(verdict.valid() && verdict.document_type == type, "the " + type + " sample verifies");

        const Bytes cose = take(unwrap_envelope(cert.qr_text), "unwrapping the " + type + " sample");
        const Bytes carried = take(base45::decode(std::string_view(cert.qr_text).substr(4)), "Base45");
        std::vector<std::string> row{type, std::to_string(cert.qr_text.size()), std::to_string(cose.size()),
                                     zlib::looks_compressed(carried) ? "yes" : "no"};
        for (EccLevel level : kLevels) {
            auto qr = qr_encode(cert.qr_text, level);
            checks.expect(qr.ok(), "QR encoding of the " + type + " sample");
            if (!qr) {
                row.push_back("-");
                continue;
            }
            row.push_back("v" + std::to_string(qr->version) + " (" + std::to_string(qr->size) + ")");
            if (type == "citizenship" && level == EccLevel::Q) citizenship_q = qr->version;
        }
        table.add(std::move(row));
    }
    table.print(out);

    // What SCSU buys (format.md 7.2): the citizenship sample with its text as
    // UTF-8, compressed, against the certificate as issued.
    const std::string as_issued = f.issue_sample("citizenship").qr_text;
    out << "\nText encoding of the citizenship sample at ECC Q:\n";
    Table encodings({"text", "QR chars", "ECC Q"});
    for (const auto& [label, text] : {std::pair<std::string, std::string>{"SCSU (as issued)", as_issued},
                                      {"UTF-8 + zlib", utf8_variant(f, as_issued, true)},
                                      {"UTF-8, not compressed", utf8_variant(f, as_issued, false)}}) {
        checks.expect(verify(text, f.trust, f.verify_options).valid(), "the citizenship sample verifies, " + label);
        auto qr = qr_encode(text, EccLevel::Q);
        checks.expect(qr.ok(), "QR encoding of the citizenship sample, " + label);
        encodings.add({label, std::to_string(text.size()),
                       qr ? "v" + std::to_string(qr->version) + " (" + std::to_string(qr->size) + ")" : "-"});
    }
    encodings.print(out);
    const bool met = citizenship_q > 0 && citizenship_q <= kCitizenshipMaxVersion;
    out << "\nGoal: the bilingual citizenship certificate fits QR version " << kCitizenshipMaxVersion
        << " or lower at ECC Q: " << (met ? "MET" : "NOT MET") << " (version " << citizenship_q << ")\n";
}

}  // namespace poura::bench
