// Fees and bills: holding tax, water, trade licences and certificate fees.
// The rules live here; the numbers live in schedule files (JSON, one per
// municipality and effective period; see docs/fees.md), so a new gazette is
// a new file, not new code.
#pragma once

#include <poura/export.hpp>
#include <poura/money.hpp>
#include <poura/result.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poura::fees {

struct Schedule;  // one parsed schedule file; opaque

// The schedules a calculator chooses from: for each municipality, the one in
// force on a bill's date.
class POURA_API ScheduleSet {
public:
    ScheduleSet();
    ~ScheduleSet();
    ScheduleSet(const ScheduleSet&);
    ScheduleSet& operator=(const ScheduleSet&);
    ScheduleSet(ScheduleSet&&) noexcept;
    ScheduleSet& operator=(ScheduleSet&&) noexcept;

    // Validates a schedule and adds it. On failure nothing is added and the
    // error lists every problem with its JSON path ("$.holding_tax.rates.fire:
    // ..."), including the legal cap on holding tax and rates together, and
    // an effective period overlapping one already loaded for the municipality.
    Status add(std::string_view json_text, std::string_view source_name = "schedule");
    Status add_json(const nlohmann::json& schedule, std::string_view source_name = "schedule");

    // Every problem with a schedule, without adding it (empty when it loads).
    static std::vector<std::string> check(const nlohmann::json& schedule);

    std::size_t size() const;
    // {"id", "municipality", "from", "until"} for each schedule loaded.
    nlohmann::json list() const;

    // The schedule in force for a municipality on an ISO date, or nullptr.
    std::shared_ptr<const Schedule> find(std::string_view municipality, std::string_view iso_date) const;
    // The same for a day counted from 1970-01-01.
    std::shared_ptr<const Schedule> find_on_day(std::string_view municipality, std::int64_t day) const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

// The rule behind a line, as data; explain() puts it in words.
struct Rule {
    enum class Kind {
        fixed,      // an amount from the schedule
        rate,       // rate (basis points) of base
        per_unit,   // quantity (hundredths) × unit price
        tiered,     // a consumption tariff over several slabs
        given,      // an amount the caller supplied (e.g. rent, an arrear)
        sum,        // the sum of the lines before it (e.g. an annual value)
    };
    Kind kind = Kind::fixed;
    Money base;                  // rate: what the rate applies to
    std::int64_t rate = 0;       // rate: basis points (750 = 7.5%)
    std::int64_t quantity = 0;   // per_unit, tiered: in hundredths of `unit`
    Money unit_price;            // per_unit
    std::string unit;            // per_unit, tiered: "sq ft", "1,000 litres", "year", ...; sum: "units" when
                                 // it adds up the units' annual values rather than the lines just above
};

// A bill and its lines own their texts: a bill outlives the schedule set it was
// calculated from.
struct POURA_API LineItem {
    std::string code;            // stable, machine-readable: "lighting", "rebate", ...
    std::string label_bn, label_en;
    Money amount;                // rebates and waivers are negative
    Rule rule;
    std::string schedule;        // id of the schedule the numbers came from
    std::string period;          // the fiscal year or month of the line; empty: the bill's
    bool informational = false;  // shown on the bill, not added to the total
};

struct POURA_API Instalment {
    int number = 0;        // 1..4
    std::string due;       // ISO date
    Money amount;          // what is due: the quarter's tax less its part of any rebate
    Money rebate;          // that part of the rebate (zero or positive)
};

struct POURA_API Bill {
    std::string service;            // "holding_tax", "water", "trade_licence", "certificate_fee"
    std::string municipality;       // code
    std::string municipality_bn, municipality_en;
    std::string period;             // "2025-26", "2025-01", or the date of a certificate fee
    std::string schedule;           // the schedule in force for the period
    std::vector<LineItem> lines;
    Money total;                    // the sum of the lines that are not informational
    std::vector<Instalment> instalments;
    std::string due;                // ISO date, when the bill has one

    nlohmann::json to_json() const;
    // A bill as printed: each line in Bangla and English, the total in
    // figures and in words.
    std::string to_text() const;
};

// A line's rule in words: "7% of Tk 1,00,000.00" / "১,০০,০০০.০০ টাকার ৭%".
POURA_API std::string explain(const LineItem& line, Language language);

// ----- Holding tax -------------------------------------------------------

struct POURA_API HoldingArrear {
    std::string fiscal_year;  // "2022-23": computed at that year's schedule
    Money annual_value;
    Money paid;               // already paid towards that year
    std::string use;          // the rates of that use; empty: the holding's use (default rates with units)
};

// One unit or floor of a holding assessed part by part: a building let in
// part and lived in by its owner in part, or a shop below a home.
struct POURA_API HoldingUnit {
    std::string label;                 // "Ground floor", "Flat 2B"
    std::string use = "residential";   // one of the schedule's uses
    std::string occupancy = "rented";  // rented | owner_occupied
    Money monthly_rent;                // the (assessed) monthly rent
    Money loan_interest;               // yearly interest on a house-building loan
    std::int64_t floor_area = 0;       // hundredths of a square foot
};

struct POURA_API HoldingTaxInput {
    std::string municipality;
    std::string fiscal_year;           // "2025-26" (July to June)
    std::string use = "residential";   // one of the schedule's uses
    std::string occupancy = "rented";  // rented | owner_occupied | vacant_land
    Money monthly_rent;                // rented / owner-occupied: the (assessed) monthly rent
    Money loan_interest;               // yearly interest on a house-building loan, where the schedule deducts it
    std::optional<Money> annual_value; // from the assessment list: overrides the method
    std::int64_t land_area = 0;        // vacant land: hundredths of the schedule's unit
    std::int64_t floor_area = 0;       // hundredths of a square foot: for waivers up to a floor area
    // When not empty, the holding is assessed unit by unit and use,
    // occupancy, monthly_rent and loan_interest above must be left unset.
    std::vector<HoldingUnit> units;
    std::vector<std::string> waivers;  // e.g. "rooftop_garden"; each at most once
    std::string paid_on;               // ISO date of payment: rebates
    // What the payment covers: "year", one quarter "q1".."q4", or
    // consecutive quarters joined by '+' ("q2+q3", "q1+q2+q3").
    std::string pays = "year";
    std::vector<HoldingArrear> arrears;  // each fiscal year at most once

    static Result<HoldingTaxInput> from_json(const nlohmann::json& j);
};

POURA_API Result<Bill> holding_tax(const ScheduleSet& schedules, const HoldingTaxInput& input);

// ----- Water -------------------------------------------------------------

struct POURA_API WaterInput {
    std::string municipality;
    std::string month;                 // "2025-01": the month billed
    std::string use = "residential";
    std::string diameter;              // a pipe size the schedule lists: "1/2", "3/4", "1"
    int extra_flats = 0;               // flat billing: flats beyond the first
    bool metered = false;
    std::int64_t litres = 0;           // metered: consumption in the month
    bool new_connection = false;       // adds the connection fee
    Money arrears;                     // unpaid earlier bills
    std::string paid_on;               // ISO date: a late payment adds the surcharge

    static Result<WaterInput> from_json(const nlohmann::json& j);
};

POURA_API Result<Bill> water_bill(const ScheduleSet& schedules, const WaterInput& input);

// ----- Trade licence -----------------------------------------------------

struct POURA_API SignboardInput {
    std::int64_t area = 0;  // hundredths of a square foot
    bool lit = false;
};

struct POURA_API TradeArrear {
    std::string fiscal_year;  // an unpaid earlier year, at that year's schedule
    std::string category;
};

struct POURA_API TradeLicenceInput {
    std::string municipality;
    std::string fiscal_year;            // the first year the licence covers
    std::string category;               // business category code in the schedule
    bool renewal = false;               // renewals pay source income tax
    int years = 1;                      // multi-year licences, up to the schedule's limit
    std::vector<SignboardInput> signboards;
    std::string paid_on;                // ISO date: renewal after the grace date adds the surcharge
    std::vector<TradeArrear> arrears;

    static Result<TradeLicenceInput> from_json(const nlohmann::json& j);
};

POURA_API Result<Bill> trade_licence_fee(const ScheduleSet& schedules, const TradeLicenceInput& input);

// ----- Certificates ------------------------------------------------------

struct POURA_API CertificateFeeInput {
    std::string municipality;
    std::string date;           // ISO date of the application
    std::string document_type;  // a profile type: "citizenship", "heirship", ...
    Language language = Language::bn;
    int copies = 1;

    static Result<CertificateFeeInput> from_json(const nlohmann::json& j);
};

POURA_API Result<Bill> certificate_fee(const ScheduleSet& schedules, const CertificateFeeInput& input);

// ----- Receipts ----------------------------------------------------------

struct POURA_API ReceiptDetails {
    std::string payer_name_bn;
    std::string payer_name_en;
    std::string reference;  // holding no., connection no., licence no. or application no.
    std::string paid_on;    // ISO date
    std::string method;     // optional: "cash", "bank", "mobile"
};

// A document for the `receipt` profile, ready for poura::issue(), so that a
// payment receipt is verified like any certificate.
POURA_API Result<nlohmann::json> receipt_document(const Bill& bill, const ReceiptDetails& details);

}  // namespace poura::fees
