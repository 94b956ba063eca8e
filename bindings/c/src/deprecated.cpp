// The names poura.h keeps for functions renamed to follow its rule on lent and
// made strings: each calls its replacement, so the two never drift apart.
#include <poura.h>

extern "C" {

int poura_private_key_public_json(const poura_private_key* key, poura_buffer** out_json) {
    return poura_private_key_to_public_json(key, out_json);
}

int poura_keyset_public_json(const poura_keyset* keyset, poura_buffer** out_json) {
    return poura_keyset_to_public_json(keyset, out_json);
}

int poura_schedules_list_json(const poura_schedules* schedules, poura_buffer** out_json) {
    return poura_schedules_to_list_json(schedules, out_json);
}

int poura_bill_receipt_document(const poura_bill* bill, const char* details_json, poura_buffer** out_document_json) {
    return poura_bill_to_receipt_json(bill, details_json, out_document_json);
}

}  // extern "C"
