// Fee schedules, the bill calculators and payment receipts.
#include "objects.hpp"

#include <nlohmann/json.hpp>

using namespace poura::capi;
namespace fees = poura::fees;

namespace {

nlohmann::json parse_object(const char* json, const char* name) {
    auto j = parse_json_text(text(json, name), name);
    if (!j.is_object()) fail(POURA_ERROR_INVALID_ARGUMENT, std::string(name) + ": not a JSON object");
    return j;
}

// Parses the input with the calculator's own reader, then calculates.
template <typename Input, typename Calculate>
int calculate(const poura_schedules* schedules, const char* input_json, poura_bill** out_bill, Calculate calculator) {
    return guarded([&] {
        out_pointer(out_bill, "out_bill");
        const auto& set = use(schedules, "schedules");
        const Input input = take(Input::from_json(parse_object(input_json, "input_json")));
        *out_bill = make_handle<poura_bill>(take(calculator(set, input)));
    });
}

fees::ReceiptDetails receipt_details(const nlohmann::json& j) {
    fees::ReceiptDetails details;
    const std::pair<const char*, std::string*> members[] = {
        {"payer_name_bn", &details.payer_name_bn}, {"payer_name_en", &details.payer_name_en},
        {"reference", &details.reference},         {"paid_on", &details.paid_on},
        {"method", &details.method},
    };
    for (const auto& [key, value] : j.items()) {
        std::string* target = nullptr;
        for (const auto& [name, field] : members)
            if (key == name) target = field;
        if (target == nullptr) fail(POURA_ERROR_INVALID_ARGUMENT, "details_json: unknown member \"" + key + "\"");
        if (!value.is_string()) fail(POURA_ERROR_INVALID_ARGUMENT, "details_json: \"" + key + "\" is not a string");
        *target = value.get<std::string>();
    }
    return details;
}

}  // namespace

extern "C" {

int poura_schedules_new(poura_schedules** out_schedules) {
    return guarded([&] {
        out_pointer(out_schedules, "out_schedules");
        *out_schedules = make_handle<poura_schedules>();
    });
}

int poura_schedules_add(poura_schedules* schedules, const char* json, const char* source_name) {
    return guarded([&] {
        auto& set = use(schedules, "schedules");
        const std::string_view name = source_name ? std::string_view(source_name) : std::string_view("schedule");
        take(set.add(text(json, "json"), name));
    });
}

int poura_schedules_add_file(poura_schedules* schedules, const char* path) {
    return guarded([&] {
        auto& set = use(schedules, "schedules");
        const std::string content = read_file(path);  // refuses a NULL path before it is used as a name
        take(set.add(content, path));
    });
}

int poura_schedules_count(const poura_schedules* schedules, size_t* out_count) {
    return guarded([&] {
        require(out_count, "out_count");
        *out_count = 0;
        *out_count = use(schedules, "schedules").size();
    });
}

int poura_schedules_to_list_json(const poura_schedules* schedules, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give(out_json, use(schedules, "schedules").list().dump());
    });
}

int poura_schedules_free(poura_schedules* schedules) { return free_handle(schedules); }

int poura_bill_holding_tax(const poura_schedules* schedules, const char* input_json, poura_bill** out_bill) {
    return calculate<fees::HoldingTaxInput>(schedules, input_json, out_bill, fees::holding_tax);
}

int poura_bill_water(const poura_schedules* schedules, const char* input_json, poura_bill** out_bill) {
    return calculate<fees::WaterInput>(schedules, input_json, out_bill, fees::water_bill);
}

int poura_bill_trade_licence(const poura_schedules* schedules, const char* input_json, poura_bill** out_bill) {
    return calculate<fees::TradeLicenceInput>(schedules, input_json, out_bill, fees::trade_licence_fee);
}

int poura_bill_certificate_fee(const poura_schedules* schedules, const char* input_json, poura_bill** out_bill) {
    return calculate<fees::CertificateFeeInput>(schedules, input_json, out_bill, fees::certificate_fee);
}

int poura_bill_total_poisha(const poura_bill* bill, int64_t* out_total) {
    return guarded([&] {
        require(out_total, "out_total");
        *out_total = 0;
        *out_total = use(bill, "bill").total.in_poisha();
    });
}

int poura_bill_json(const poura_bill* bill, const char** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        const auto& b = live(bill, "bill");
        lend(out_json, b.texts.json.get([&] { return b.value.to_json().dump(); }));
    });
}

int poura_bill_text(const poura_bill* bill, const char** out_text) {
    return guarded([&] {
        out_pointer(out_text, "out_text");
        const auto& b = live(bill, "bill");
        lend(out_text, b.texts.text.get([&] { return b.value.to_text(); }));
    });
}

int poura_bill_to_receipt_json(const poura_bill* bill, const char* details_json, poura_buffer** out_document_json) {
    return guarded([&] {
        out_pointer(out_document_json, "out_document_json");
        const auto& b = use(bill, "bill");
        const fees::ReceiptDetails details = receipt_details(parse_object(details_json, "details_json"));
        give(out_document_json, take(fees::receipt_document(b, details)).dump());
    });
}

int poura_bill_free(poura_bill* bill) { return free_handle(bill); }

}  // extern "C"
