// A payment receipt as a `receipt` document, signed and verified like any
// certificate.
#include "fees/calc.hpp"

#include <poura/documents.hpp>

namespace poura::fees {

Result<nlohmann::json> receipt_document(const Bill& bill, const ReceiptDetails& details) {
    if (bill.total < Money()) return bad_input("total", "a receipt cannot be for a negative amount");
    nlohmann::json document = {{"type", "receipt"},
                               {"municipality", bill.municipality},
                               {"service", bill.service},
                               {"period", bill.period},
                               {"amount_poisha", bill.total.in_poisha()},
                               {"schedule", bill.schedule},
                               {"payer_name_bn", details.payer_name_bn},
                               {"reference", details.reference},
                               {"paid_on", details.paid_on}};
    if (!details.payer_name_en.empty()) document["payer_name_en"] = details.payer_name_en;
    if (!details.method.empty()) document["method"] = details.method;
    return ProfileSet::builtin().validate(document);
}

}  // namespace poura::fees
