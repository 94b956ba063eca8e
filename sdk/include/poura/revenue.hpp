// The revenue section of a municipal office: holdings, water connections and
// trade licences as records; bill runs that turn them into a fiscal year's
// demands; payments allocated to those demands, each with a signed receipt;
// and the ledger and reports over them. It keeps its records in the office's
// database, beside the applications, under the same audit chain.
//
// Money moves only in whole transactions: a bill run is one transaction (a
// run killed half-way leaves nothing and is simply run again), a payment is
// one transaction with its allocation, receipt, SMS and audit entry, and a
// payment is recorded once per (method, reference) however often it is sent.
//
// The rules of what is charged are the fee engine's (fees.hpp): this layer
// decides what is billed when, and what is still owed.
#pragma once

#include <poura/export.hpp>
#include <poura/fees.hpp>
#include <poura/money.hpp>
#include <poura/office.hpp>
#include <poura/result.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poura::revenue {

// An owner of a holding and their share of it ("1/2", "7/24"); the shares of
// a holding's owners add up to exactly 1.
struct POURA_API Owner {
    std::string name_bn;
    std::string name_en;
    std::string nid;     // optional; 10, 13 or 17 digits
    std::string mobile;  // optional; canonical 11 digits
    std::string share = "1";
};

struct POURA_API Holding {
    std::int64_t id = 0;
    // Ward-road-holding-sub, as the assessment register writes it: ASCII or
    // Bengali digits (stored as ASCII) and Bengali letters for sub-holdings
    // ("02-022-0047-00", "03-011-0009-6খ").
    std::string number;
    int ward = 0;
    std::string mohalla;
    std::string road;
    // residential | commercial | industrial | religious | educational |
    // government | vacant_land | mixed (then each unit names its use)
    std::string use = "residential";
    std::string construction = "pucca";  // pucca | semi_pucca | kutcha | none
    std::int64_t land_area = 0;          // hundredths of the schedule's land unit (decimals)
    std::int64_t floor_area = 0;         // hundredths of a square foot
    // Per unit or floor, in the fee engine's form (fees::HoldingTaxInput's
    // "units"): [{"label", "use", "occupancy", "monthly_rent", "loan_interest", "floor_area"}].
    nlohmann::json units = nlohmann::json::array();
    // The holding as a whole when it has no units: its monthly rent and occupancy.
    std::string occupancy = "rented";  // rented | owner_occupied (vacant land: the use says so)
    Money monthly_rent;
    Money loan_interest;                // yearly interest on a house-building loan
    std::vector<std::string> waivers;   // the schedule's waiver codes ("rooftop_garden")
    std::vector<Owner> owners;          // the current owners
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// A holding's annual value as the assessment list fixes it from a date.
struct POURA_API Assessment {
    std::int64_t id = 0;
    std::int64_t holding = 0;
    std::string effective;  // ISO date it applies from
    // general: the five-yearly reassessment; interim: a new or changed holding
    // mid-year (billed pro rata by month); review: the review board's revised
    // value after an objection, in place of the assessment objected to.
    std::string kind = "general";
    Money annual_value;
    std::string status = "in_force";  // in_force | objected | superseded
    std::string note;
    std::int64_t actor = 0;
    std::int64_t at = 0;
};

struct POURA_API WaterConnection {
    std::int64_t id = 0;
    std::string number;   // "W-0001"
    std::string holding;  // the holding number it serves
    std::string diameter; // a pipe size the schedule lists: "1/2", "3/4", "1"
    std::string use = "residential";
    int storeys = 1;
    int flats = 1;
    bool metered = false;
    std::string meter_no;
    std::string status = "active";  // active | disconnected
    std::string connected_on;       // ISO date
};

struct POURA_API TradeLicence {
    std::int64_t id = 0;
    std::string number;  // given by the office: "TL-<code>-<year>-000001"
    std::string business_name_bn;
    std::string business_name_en;
    std::string owner_name_bn;
    std::string owner_name_en;
    std::string owner_nid;
    std::string mobile;
    std::string holding;  // the premises' holding number
    int ward = 0;
    std::string address_bn;
    std::string category;  // the schedule's business category code
    std::vector<fees::SignboardInput> signboards;
    std::string first_year;  // "2025-26": the first fiscal year of the current term
    std::string last_year;   // the last fiscal year it is valid for
    // pending: its fee is not paid yet; active: the signed licence is issued;
    // surrendered: given up (its certificate revoked).
    std::string status = "pending";
    std::string serial;   // the signed licence's serial, once issued
    std::string qr_text;  // the signed licence
};

// One line of what is owed: an instalment of a year's demand, or a surcharge
// on an arrear year.
struct POURA_API Due {
    std::int64_t id = 0;
    std::string period;   // the fiscal year or month it is for
    int instalment = 0;   // 1..4 for holding tax; 0 for a single amount
    std::string kind;     // "tax" or "surcharge"
    std::string due;      // ISO date
    Money amount;
    Money paid;
    Money adjusted;       // rebates and waivers (negative) or a review's change
    Money outstanding() const { return amount + adjusted - paid; }
};

// A bill for an account and a period, as a bill run or an issue wrote it.
struct POURA_API Demand {
    std::int64_t id = 0;
    std::string service;  // holding_tax | water | trade_licence
    std::string account;  // holding, connection or licence number
    int ward = 0;
    std::string period;
    std::int64_t run = 0;  // 0: not from a bill run
    std::string payer_bn;
    std::string mobile;
    std::string schedule;  // the fee schedule the bill was made under
    nlohmann::json bill;   // fees::Bill::to_json(): the explained lines, arrears shown for information
    Money total;           // what this demand adds to what is owed
    std::vector<Due> dues;
    std::int64_t at = 0;
};

struct POURA_API RunSummary {
    std::int64_t run = 0;
    std::string service;
    std::string period;
    int ward = 0;             // 0: the whole municipality
    std::int64_t accounts = 0;
    std::int64_t billed = 0;
    std::int64_t already_billed = 0;  // billed by an earlier run: left as they were
    std::int64_t exempt = 0;
    std::int64_t skipped = 0;         // not billable (e.g. a metered month with no reading)
    std::int64_t surcharges = 0;      // arrear periods surcharged by this run
    Money demand;                     // the sum of the new demands
    Money arrears;                    // what was owed from earlier periods when it ran
    std::vector<std::string> problems;  // "account: why", for accounts not billed
};

struct POURA_API NewPayment {
    std::string service;    // holding_tax | water | trade_licence
    std::string account;
    Money amount;
    std::string paid_on;    // ISO date
    std::string method = "cash";  // cash | bank | bkash | nagad | rocket
    std::string reference;  // the bank's or mobile-money transaction reference; the counter's receipt book no.
    std::string payer_bn;   // defaults to the demand's payer
    // Instalments to pay, as "2025-26:1", "2025-26:2"...; empty: the oldest dues first.
    std::vector<std::string> instalments;
};

struct POURA_API Allocation {
    std::int64_t due = 0;
    std::string period;
    int instalment = 0;
    std::string kind;
    Money amount;
};

struct POURA_API Payment {
    std::int64_t id = 0;
    std::string service;
    std::string account;
    int ward = 0;
    Money amount;
    Money rebate;  // granted with it, for paying early
    std::string paid_on;
    std::string method;
    std::string reference;
    std::string payer_bn;
    std::vector<Allocation> allocations;
    std::string receipt_serial;
    std::string receipt_qr;  // the signed receipt, verified like any certificate
    bool duplicate = false;  // the reference was recorded before: this is that payment
    std::int64_t at = 0;
};

struct POURA_API ImportReport {
    std::int64_t rows = 0;
    std::int64_t recorded = 0;   // new payments (matched to an account's dues)
    std::int64_t duplicates = 0; // the reference was recorded already
    std::int64_t unmatched = 0;  // no such account, nothing owed, or more than is owed: kept for review
    Money amount;                // of the new payments
    std::vector<std::string> unmatched_sample;  // "row N: reference: why", the first 100
};

struct POURA_API LedgerCheck {
    bool ok = true;
    Money demand;       // every due's amount
    Money collection;   // every payment
    Money adjustments;  // rebates, waivers and reviews (negative: less owed)
    Money outstanding;  // what is owed
    std::int64_t dues = 0;
    std::int64_t payments = 0;
    std::vector<std::string> problems;  // the first 100
};

// Where a bill run, an import or a report reads from.
struct POURA_API Scope {
    std::string service;  // holding_tax | water | trade_licence; reports: empty for all
    std::string period;   // "2025-26"; water: a month "2025-07" or a fiscal year
    int ward = 0;         // 0: every ward
};

class POURA_API Revenue {
public:
    // The revenue section of an office; it uses the office's database, clock,
    // keyset (to sign receipts and licences), fee schedules and SMS outbox,
    // and must not outlive it.
    explicit Revenue(Office& office);

    // ----- Records (the office's secretary or admin) ---------------------
    Result<Holding> add_holding(std::int64_t actor, const Holding& holding);
    Result<Holding> holding(std::string_view number) const;
    Result<std::vector<Holding>> holdings(int ward = 0, int limit = 1000) const;
    // Changes a holding's description (not its number or owners).
    Result<Holding> update_holding(std::int64_t actor, const Holding& holding);
    // Mutation (নামজারি): the new owners replace the current ones from a
    // date; what the holding owes stays on it.
    Result<Holding> mutate(std::int64_t actor, std::string_view number, const std::vector<Owner>& owners,
                           std::string_view effective, std::string_view note);
    // An assessment of the holding's annual value. Without a value, it is
    // computed by the schedule in force from the holding's rents.
    Result<Assessment> assess(std::int64_t actor, std::string_view number, const Assessment& assessment);
    // The owner objects to the assessment in force; the review board's
    // revised value then replaces it (and revises demands already made).
    Result<Assessment> object(std::int64_t actor, std::string_view number, std::string_view reason);
    Result<Assessment> review(std::int64_t actor, std::string_view number, Money revised_value,
                              std::string_view note);
    Result<std::vector<Assessment>> assessments(std::string_view number) const;

    Result<WaterConnection> add_connection(std::int64_t actor, const WaterConnection& connection);
    Result<WaterConnection> connection(std::string_view number) const;
    // A meter reading (cumulative litres) for a month "2025-07".
    Status record_reading(std::int64_t actor, std::string_view connection, std::string_view month,
                          std::int64_t litres);

    // A new licence: its fee becomes a demand, and once that is paid the
    // signed licence is issued (by pay()).
    Result<TradeLicence> issue_licence(std::int64_t actor, const TradeLicence& licence, int years,
                                       std::string_view on);
    // Renews for `years` from the year after the current term; the renewal
    // fee (with the source tax, and a surcharge when late) becomes a demand.
    Result<TradeLicence> renew_licence(std::int64_t actor, std::string_view number, int years,
                                       std::string_view on);
    Result<TradeLicence> surrender_licence(std::int64_t actor, std::string_view number, std::string_view reason);
    Result<TradeLicence> licence(std::string_view number) const;

    // ----- Imports --------------------------------------------------------
    // A register in CSV (header row; kind: "holdings" or "connections").
    // Every row is checked first: one bad row refuses the whole file, with
    // every bad row's number and field; otherwise all rows go in one
    // transaction. Returns how many records were added.
    Result<std::int64_t> import_register(std::int64_t actor, std::string_view kind, std::string_view csv);

    // ----- Bills ----------------------------------------------------------
    Result<RunSummary> run_bills(std::int64_t actor, const Scope& scope,
                                 const std::function<void(std::int64_t done, std::int64_t total)>& progress = {});
    Result<std::vector<Demand>> demands(std::string_view service, std::string_view account) const;

    // ----- Payments -------------------------------------------------------
    Result<Payment> pay(std::int64_t actor, const NewPayment& payment);
    Result<std::vector<Payment>> payments(std::string_view service, std::string_view account) const;
    // A bank's or mobile-money operator's settlement file (CSV with the
    // columns reference, service, account, amount, paid_on[, payer]).
    Result<ImportReport> import_payments(std::int64_t actor, std::string_view method, std::string_view csv,
                                         std::string_view file_name = "settlement",
                                         const std::function<void(std::int64_t done, std::int64_t total)>& progress = {});

    // ----- Ledger and reports --------------------------------------------
    Result<LedgerCheck> check_ledger() const;
    // "collection" (by ward and month), "demand" (demand, collection and
    // outstanding by service and ward) or "defaulters" (accounts owing, with
    // amounts and mobile numbers), as JSON rows.
    Result<nlohmann::json> report(std::string_view name, const Scope& scope) const;

private:
    Office* office_;
};

// The records as JSON, and read back (members as above; money as taka text
// "1234.50" or a number of taka, like the fee engine's inputs). A member
// outside them is refused with invalid_argument.
POURA_API nlohmann::json to_json(const Holding& holding);
POURA_API nlohmann::json to_json(const Assessment& assessment);
POURA_API nlohmann::json to_json(const WaterConnection& connection);
POURA_API nlohmann::json to_json(const TradeLicence& licence);
POURA_API nlohmann::json to_json(const Demand& demand);
POURA_API nlohmann::json to_json(const RunSummary& summary);
POURA_API nlohmann::json to_json(const Payment& payment);
POURA_API nlohmann::json to_json(const ImportReport& report);
POURA_API nlohmann::json to_json(const LedgerCheck& check);
POURA_API Result<Holding> holding_from_json(const nlohmann::json& j);
POURA_API Result<Owner> owner_from_json(const nlohmann::json& j);
POURA_API Result<WaterConnection> connection_from_json(const nlohmann::json& j);
POURA_API Result<TradeLicence> licence_from_json(const nlohmann::json& j);
POURA_API Result<NewPayment> payment_from_json(const nlohmann::json& j);
// {"effective", "kind", "annual_value", "note"}: without an annual value, the
// schedule in force computes it (Revenue::assess).
POURA_API Result<Assessment> assessment_from_json(const nlohmann::json& j);
// {"service", "period", "ward"}, every member optional.
POURA_API Result<Scope> scope_from_json(const nlohmann::json& j);

// An amount of taka as the revenue section reads one, from a register, a
// settlement file, JSON or a command line: "1500", "1500.50", "1,500.50" or
// "1,00,000" (commas only where lakh or thousand groups end, so "1,0,0,0,0"
// is refused), at most two decimals, ASCII or Bengali digits.
POURA_API Result<Money> parse_taka(std::string_view text);

// A report's rows as CSV (a header row from the first row's members), or as
// an SVG bar chart of one numeric column against a label column.
POURA_API std::string report_csv(const nlohmann::json& rows);
POURA_API Result<std::string> report_svg(const nlohmann::json& rows, std::string_view label_column,
                                         std::string_view value_column, std::string_view title);

}  // namespace poura::revenue
