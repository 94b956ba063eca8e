// How big each sample certificate's QR code is, at each error correction
// level a printed certificate might use.
#include "sections.hpp"

#include "codec/base45.hpp"
#include "codec/zlib.hpp"

namespace poura::bench {
namespace {

constexpr int kCitizenshipMaxVersion = 18;
constexpr EccLevel kLevels[] = {EccLevel::L, EccLevel::M, EccLevel::Q};

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
    const bool met = citizenship_q > 0 && citizenship_q <= kCitizenshipMaxVersion;
    out << "\nGoal: the bilingual citizenship certificate fits QR version " << kCitizenshipMaxVersion
        << " or lower at ECC Q: " << (met ? "MET" : "NOT MET") << " (version " << citizenship_q << ")\n";
}

}  // namespace poura::bench
