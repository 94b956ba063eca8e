// The revenue section's records in the office's database: every statement of
// holdings, connections, licences, demands, payments and the ledger. The
// revenue module above decides; this only reads and writes.
#pragma once

#include <poura/revenue.hpp>

#include "store/store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace poura::store {

class RevenueStore {
public:
    explicit RevenueStore(Store& store);

    // Holdings, with their current owners.
    Result<std::int64_t> insert_holding(const revenue::Holding& h);
    Status update_holding(const revenue::Holding& h);
    Result<std::optional<revenue::Holding>> holding(std::string_view number) const;
    // In ward and number order; ward 0: every ward; limit 0: no limit.
    Result<std::vector<revenue::Holding>> holdings(int ward, int limit) const;
    // The current owners give way to `owners` from `since`.
    Status replace_owners(std::int64_t holding, const std::vector<revenue::Owner>& owners, std::string_view since);

    Result<std::int64_t> insert_assessment(const revenue::Assessment& a);
    Status set_assessment_status(std::int64_t id, std::string_view status);
    // A holding's assessments, oldest effective date first.
    Result<std::vector<revenue::Assessment>> assessments(std::int64_t holding) const;
    // Those of every holding in a ward (0: all) that are not superseded, by holding.
    Result<std::unordered_map<std::int64_t, std::vector<revenue::Assessment>>> assessments_in(int ward) const;

    Result<std::int64_t> insert_connection(const revenue::WaterConnection& c, std::int64_t holding, std::int64_t at);
    Result<std::optional<revenue::WaterConnection>> connection(std::string_view number) const;
    // Connections with their holding's ward, in number order.
    Result<std::vector<std::pair<revenue::WaterConnection, int>>> connections(int ward) const;
    Status insert_reading(std::int64_t connection, std::string_view month, std::int64_t litres, std::int64_t at);
    Result<std::optional<std::int64_t>> reading(std::int64_t connection, std::string_view month) const;

    Result<std::int64_t> insert_licence(const revenue::TradeLicence& l, std::int64_t at);
    Status update_licence(const revenue::TradeLicence& l, std::int64_t at);
    Result<std::optional<revenue::TradeLicence>> licence(std::string_view number) const;
    Result<std::vector<revenue::TradeLicence>> licences(int ward) const;
    // The signed licences taken back by a surrender: (serial, when), for the revocation list.
    Result<std::vector<std::pair<std::string, std::int64_t>>> surrendered_licences() const;

    Result<std::int64_t> insert_run(const revenue::Scope& scope, std::int64_t actor, std::int64_t at);
    Status set_run_summary(std::int64_t run, const nlohmann::json& summary);

    Result<bool> has_demand(std::string_view service, std::string_view account, std::string_view period) const;
    // The demand and its dues, its bill as `bill_text` (JSON); returns the demand's id.
    Result<std::int64_t> insert_demand(const revenue::Demand& d, std::string_view bill_text);
    Result<std::vector<revenue::Demand>> demands(std::string_view service, std::string_view account) const;
    // A demand and its dues; its bill only when asked (parsing it costs more than the rest).
    Result<std::optional<revenue::Demand>> demand(std::int64_t id, bool with_bill) const;
    // What an account still owes, oldest due date first.
    Result<std::vector<revenue::Due>> open_dues(std::string_view service, std::string_view account) const;
    // The id of the demand a due belongs to.
    Result<std::int64_t> demand_of(std::int64_t due) const;
    // Whether an arrear period was surcharged already.
    Result<bool> surcharged(std::string_view service, std::string_view account, std::string_view period) const;

    Result<std::optional<revenue::Payment>> payment_by_reference(std::string_view method,
                                                                 std::string_view reference) const;
    Result<std::int64_t> insert_payment(const revenue::Payment& p, std::int64_t actor, std::string_view source);
    Status set_receipt(std::int64_t payment, std::string_view serial, std::string_view qr_text);
    Status allocate(std::int64_t payment, std::int64_t due, Money amount);
    Status adjust(std::int64_t due, std::string_view kind, std::string_view code, Money amount,
                  std::optional<std::int64_t> payment, std::string_view note, std::int64_t actor, std::int64_t at);
    Result<std::vector<revenue::Payment>> payments(std::string_view service, std::string_view account) const;
    // Kept for review; false when the reference was kept already.
    // A kept row recorded after all (its account was billed since).
    Status resolve_unmatched(std::string_view method, std::string_view reference);
    Result<bool> insert_unmatched(std::string_view file, std::int64_t row, std::string_view method,
                                  const revenue::NewPayment& p, std::string_view reason, std::int64_t at);

    Result<revenue::LedgerCheck> check_ledger() const;
    // Report rows as JSON objects, one member per column; a collection
    // report's period is a fiscal year.
    Result<nlohmann::json> collection_report(const revenue::Scope& scope) const;
    Result<nlohmann::json> demand_report(const revenue::Scope& scope) const;
    // Accounts with dues past their date on `as_of` (ISO), largest first.
    Result<nlohmann::json> defaulters_report(const revenue::Scope& scope, std::string_view as_of) const;

private:
    Store::Impl& impl_;
};

}  // namespace poura::store
