// The office's revenue section (poura_revenue_*): holdings, water
// connections, trade licences, bill runs, payments, settlement files, the
// ledger and reports, on the office handle, with records in and out as JSON
// (poura/revenue.hpp's to_json and *_from_json, the same the CLI and Python
// use). Compiled only when the library has the office (POURA_OFFICE).
#include "office.hpp"

#include <poura/revenue.hpp>

#include <functional>
#include <limits>

using namespace poura::capi;
using nlohmann::json;
namespace revenue = poura::revenue;

namespace {

// The revenue section of a live office handle: a view of it, made per call.
revenue::Revenue section(poura_office* office) { return revenue::Revenue(use(office, "office")); }

revenue::Scope scope_arg(const char* scope_json) {
    const json j = parse_optional(scope_json, "scope_json");
    return j.is_null() ? revenue::Scope{} : take_json(revenue::scope_from_json(j), "scope_json");
}

// The C callback as the core's progress function (none when NULL).
std::function<void(std::int64_t, std::int64_t)> progress_arg(poura_progress_callback progress, void* user_data) {
    if (progress == nullptr) return {};
    return [progress, user_data](std::int64_t done, std::int64_t total) { progress(done, total, user_data); };
}

}  // namespace

extern "C" {

int poura_revenue_add_holding(poura_office* office, int64_t actor, const char* holding_json,
                              poura_buffer** out_holding_json) {
    return guarded([&] {
        out_pointer(out_holding_json, "out_holding_json");
        auto r = section(office);
        const auto holding = take_json(revenue::holding_from_json(parse(holding_json, "holding_json")), "holding_json");
        give_json(out_holding_json, to_json(take(r.add_holding(actor, holding))));
    });
}

int poura_revenue_holding_to_json(poura_office* office, const char* number, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, to_json(take(section(office).holding(text(number, "number")))));
    });
}

int poura_revenue_holdings_to_json(poura_office* office, int ward, int limit, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, json_list(take(section(office).holdings(ward, limit))));
    });
}

int poura_revenue_update_holding(poura_office* office, int64_t actor, const char* holding_json,
                                 poura_buffer** out_holding_json) {
    return guarded([&] {
        out_pointer(out_holding_json, "out_holding_json");
        auto r = section(office);
        const auto holding = take_json(revenue::holding_from_json(parse(holding_json, "holding_json")), "holding_json");
        give_json(out_holding_json, to_json(take(r.update_holding(actor, holding))));
    });
}

int poura_revenue_mutate(poura_office* office, int64_t actor, const char* number, const char* owners_json,
                         const char* effective, const char* note, poura_buffer** out_holding_json) {
    return guarded([&] {
        out_pointer(out_holding_json, "out_holding_json");
        auto r = section(office);
        const std::string_view holding = text(number, "number");
        const json list = parse(owners_json, "owners_json");
        if (!list.is_array()) fail(POURA_ERROR_INVALID_ARGUMENT, "owners_json: must be a list of owners");
        std::vector<revenue::Owner> owners;
        for (const auto& owner : list) owners.push_back(take_json(revenue::owner_from_json(owner), "owners_json"));
        give_json(out_holding_json,
                  to_json(take(r.mutate(actor, holding, owners, text(effective, "effective"), optional_text(note)))));
    });
}

int poura_revenue_assess(poura_office* office, int64_t actor, const char* number, const char* assessment_json,
                         poura_buffer** out_assessment_json) {
    return guarded([&] {
        out_pointer(out_assessment_json, "out_assessment_json");
        auto r = section(office);
        const std::string_view holding = text(number, "number");
        const auto assessment =
            take_json(revenue::assessment_from_json(parse(assessment_json, "assessment_json")), "assessment_json");
        give_json(out_assessment_json, to_json(take(r.assess(actor, holding, assessment))));
    });
}

int poura_revenue_object(poura_office* office, int64_t actor, const char* number, const char* reason,
                         poura_buffer** out_assessment_json) {
    return guarded([&] {
        out_pointer(out_assessment_json, "out_assessment_json");
        auto r = section(office);
        give_json(out_assessment_json,
                  to_json(take(r.object(actor, text(number, "number"), text(reason, "reason")))));
    });
}

int poura_revenue_review(poura_office* office, int64_t actor, const char* number, int64_t revised_value_poisha,
                         const char* note, poura_buffer** out_assessment_json) {
    return guarded([&] {
        out_pointer(out_assessment_json, "out_assessment_json");
        auto r = section(office);
        if (revised_value_poisha < 0 || revised_value_poisha > poura::Money::limit)
            fail(POURA_ERROR_INVALID_ARGUMENT, "revised_value_poisha must be from 0 to " +
                                                   std::to_string(poura::Money::limit));
        give_json(out_assessment_json,
                  to_json(take(r.review(actor, text(number, "number"), poura::Money::poisha(revised_value_poisha),
                                        optional_text(note)))));
    });
}

int poura_revenue_assessments_to_json(poura_office* office, const char* number, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, json_list(take(section(office).assessments(text(number, "number")))));
    });
}

int poura_revenue_add_connection(poura_office* office, int64_t actor, const char* connection_json,
                                 poura_buffer** out_connection_json) {
    return guarded([&] {
        out_pointer(out_connection_json, "out_connection_json");
        auto r = section(office);
        const auto connection =
            take_json(revenue::connection_from_json(parse(connection_json, "connection_json")), "connection_json");
        give_json(out_connection_json, to_json(take(r.add_connection(actor, connection))));
    });
}

int poura_revenue_connection_to_json(poura_office* office, const char* number, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, to_json(take(section(office).connection(text(number, "number")))));
    });
}

int poura_revenue_record_reading(poura_office* office, int64_t actor, const char* connection, const char* month,
                                 int64_t litres) {
    return guarded([&] {
        auto r = section(office);
        take(r.record_reading(actor, text(connection, "connection"), text(month, "month"), litres));
    });
}

int poura_revenue_issue_licence(poura_office* office, int64_t actor, const char* licence_json, int years,
                                const char* on, poura_buffer** out_licence_json) {
    return guarded([&] {
        out_pointer(out_licence_json, "out_licence_json");
        auto r = section(office);
        const auto licence = take_json(revenue::licence_from_json(parse(licence_json, "licence_json")), "licence_json");
        give_json(out_licence_json, to_json(take(r.issue_licence(actor, licence, years, text(on, "on")))));
    });
}

int poura_revenue_renew_licence(poura_office* office, int64_t actor, const char* number, int years, const char* on,
                                poura_buffer** out_licence_json) {
    return guarded([&] {
        out_pointer(out_licence_json, "out_licence_json");
        auto r = section(office);
        give_json(out_licence_json,
                  to_json(take(r.renew_licence(actor, text(number, "number"), years, text(on, "on")))));
    });
}

int poura_revenue_surrender_licence(poura_office* office, int64_t actor, const char* number, const char* reason,
                                    poura_buffer** out_licence_json) {
    return guarded([&] {
        out_pointer(out_licence_json, "out_licence_json");
        auto r = section(office);
        give_json(out_licence_json,
                  to_json(take(r.surrender_licence(actor, text(number, "number"), text(reason, "reason")))));
    });
}

int poura_revenue_licence_to_json(poura_office* office, const char* number, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, to_json(take(section(office).licence(text(number, "number")))));
    });
}

int poura_revenue_import_register(poura_office* office, int64_t actor, const char* kind, const char* csv,
                                  int64_t* out_added) {
    return guarded([&] {
        require(out_added, "out_added");
        *out_added = 0;
        auto r = section(office);
        *out_added = take(r.import_register(actor, text(kind, "kind"), text(csv, "csv")));
    });
}

int poura_revenue_run_bills(poura_office* office, int64_t actor, const char* scope_json,
                            poura_progress_callback progress, void* user_data, poura_buffer** out_summary_json) {
    return guarded([&] {
        out_pointer(out_summary_json, "out_summary_json");
        auto r = section(office);
        const auto scope = scope_arg(scope_json);
        give_json(out_summary_json, to_json(take(r.run_bills(actor, scope, progress_arg(progress, user_data)))));
    });
}

int poura_revenue_demands_to_json(poura_office* office, const char* service, const char* account,
                                  poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        auto r = section(office);
        give_json(out_json, json_list(take(r.demands(text(service, "service"), text(account, "account")))));
    });
}

int poura_revenue_pay(poura_office* office, int64_t actor, const char* payment_json,
                      poura_buffer** out_payment_json) {
    return guarded([&] {
        out_pointer(out_payment_json, "out_payment_json");
        auto r = section(office);
        const auto payment = take_json(revenue::payment_from_json(parse(payment_json, "payment_json")), "payment_json");
        give_json(out_payment_json, to_json(take(r.pay(actor, payment))));
    });
}

int poura_revenue_payments_to_json(poura_office* office, const char* service, const char* account,
                                   poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        auto r = section(office);
        give_json(out_json, json_list(take(r.payments(text(service, "service"), text(account, "account")))));
    });
}

int poura_revenue_import_payments(poura_office* office, int64_t actor, const char* method, const char* csv,
                                  const char* file_name, poura_progress_callback progress, void* user_data,
                                  poura_buffer** out_report_json) {
    return guarded([&] {
        out_pointer(out_report_json, "out_report_json");
        auto r = section(office);
        const std::string_view name = file_name == nullptr ? std::string_view("settlement") : file_name;
        give_json(out_report_json, to_json(take(r.import_payments(actor, text(method, "method"), text(csv, "csv"), name,
                                                                  progress_arg(progress, user_data)))));
    });
}

int poura_revenue_check_ledger_to_json(poura_office* office, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, to_json(take(section(office).check_ledger())));
    });
}

int poura_revenue_report_to_json(poura_office* office, const char* name, const char* scope_json,
                                 poura_buffer** out_rows_json) {
    return guarded([&] {
        out_pointer(out_rows_json, "out_rows_json");
        auto r = section(office);
        const std::string_view report = text(name, "name");
        give_json(out_rows_json, take(r.report(report, scope_arg(scope_json))));
    });
}

int poura_revenue_rows_to_csv(const char* rows_json, poura_buffer** out_csv) {
    return guarded([&] {
        out_pointer(out_csv, "out_csv");
        const json rows = parse(rows_json, "rows_json");
        if (!rows.is_array()) fail(POURA_ERROR_INVALID_ARGUMENT, "rows_json: must be a list of report rows");
        for (const auto& row : rows)
            if (!row.is_object()) fail(POURA_ERROR_INVALID_ARGUMENT, "rows_json: must be a list of report rows");
        give(out_csv, revenue::report_csv(rows));
    });
}

int poura_revenue_rows_to_svg(const char* rows_json, const char* label_column, const char* value_column,
                              const char* title, poura_buffer** out_svg) {
    return guarded([&] {
        out_pointer(out_svg, "out_svg");
        const json rows = parse(rows_json, "rows_json");
        give(out_svg, take(revenue::report_svg(rows, text(label_column, "label_column"),
                                               text(value_column, "value_column"), optional_text(title))));
    });
}

}  // extern "C"
