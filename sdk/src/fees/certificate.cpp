// Certificate service fees by document type and language of issue.
#include "core/try.hpp"
#include "fees/calc.hpp"

#include <poura/documents.hpp>

namespace poura::fees {

Result<Bill> certificate_fee(const ScheduleSet& set, const CertificateFeeInput& in) {
    auto date = date_field("date", in.date);
    POURA_RETURN_IF_ERROR(date);
    if (in.copies < 1 || in.copies > 100) return bad_input("copies", "must be 1 to 100");
    auto found = schedule_in_force(set, in.municipality, *date);
    POURA_RETURN_IF_ERROR(found);
    const Schedule& s = **found;
    const CertificateFee* fee = nullptr;
    for (const auto& f : s.certificate_fees)
        if (f.document_type == in.document_type) fee = &f;
    if (!fee) return not_in_schedule(s, "no fee for document type \"" + in.document_type + "\"");

    const bool bn = in.language == Language::bn;
    const Money each = bn ? fee->bn : fee->en;
    BillBuilder b("certificate_fee", *found, in.date);
    // The line carries the certificate's title when the SDK knows its profile.
    const Profile* profile = ProfileSet::builtin().find(in.document_type);
    b.add("certificate_fee", profile ? std::string_view(profile->title_bn) : std::string_view(fee->document_type),
          profile ? std::string_view(profile->title_en) : std::string_view(fee->document_type),
          Money::poisha(each.in_poisha() * in.copies),
          per_unit_rule(in.copies * 100, each, bn ? "copy in Bangla" : "copy in English"));
    return b.finish();
}

}  // namespace poura::fees
