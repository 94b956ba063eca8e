// A fee schedule as parsed from its JSON file: the numbers every calculator
// reads. Lookups are linear over short vectors: schedules list a handful of
// uses, pipe sizes and categories, and bills must be cheap to compute.
#pragma once

#include <poura/fees.hpp>

#include "core/dates.hpp"

#include <array>
#include <string>
#include <vector>

namespace poura::fees {

// A day of the fiscal year, written "MM-DD" in schedules: July to December
// fall in the fiscal year's first calendar year, January to June in its second.
struct FiscalDay {
    int month = 6;
    int day = 30;

    dates::Date in_fiscal_year(int first_year) const {
        return dates::Date{month >= 7 ? first_year : first_year + 1, month, day};
    }
};

struct Labelled {
    std::string code;
    std::string label_bn, label_en;
};

template <typename T>
const T* find_code(const std::vector<T>& items, std::string_view code) {
    for (const auto& item : items)
        if (item.code == code) return &item;
    return nullptr;
}

struct Component : Labelled {
    std::int64_t rate = 0;  // basis points of annual value
};

// The rates for one use where they differ from the schedule's default
// (commercial holdings taxed higher than residential ones, say).
struct UseRates {
    std::string use;
    std::vector<Component> components;  // in the Act's order
    std::int64_t total_rate = 0;
};

struct Rebate : Labelled {
    // What a payment must cover: the whole year, one quarter, or the current
    // quarter with some of the following ones ("current_and_advance").
    enum class Covers { year, quarter, current_and_advance } covers = Covers::year;
    int quarter = 0;      // quarter: 1..4
    FiscalDay paid_by;    // year, quarter (current_and_advance: by the current quarter's own due day)
    int min_advance = 1;  // current_and_advance: how many later quarters at least ...
    int max_advance = 3;  // ... and at most
    std::int64_t rate = 0;
};

struct Waiver : Labelled {
    std::int64_t rate = 0;
    // Conditions; empty or zero: none.
    std::vector<std::string> uses;         // every part of the holding has one of these uses
    std::vector<std::string> occupancies;  // and one of these occupancies
    std::int64_t max_floor_area = 0;       // hundredths of a sq ft: the holding's floor area at most this
};

struct HoldingRules {
    bool present = false;
    enum class Method { rent_less_repairs, annual_rent } method = Method::rent_less_repairs;
    int repairs_months = 0;
    std::int64_t owner_occupied_reduction = 0;  // basis points
    bool deduct_loan_interest = false;          // yearly interest on a house-building loan
    enum class Land { none, per_area, per_plot } land = Land::none;
    Money vacant_land_rate;                      // per_area: per unit of land; per_plot: per plot
    std::string land_unit = "decimal";
    std::vector<Component> components;           // the default rates
    std::int64_t total_rate = 0;                 // sum of the default rates
    std::vector<UseRates> rates_by_use;
    std::vector<std::string> uses;
    std::vector<std::string> exempt_uses;
    std::array<FiscalDay, 4> instalment_due{};
    std::vector<Rebate> rebates;
    std::vector<Waiver> waivers;
    std::int64_t arrears_surcharge = 0;  // basis points

    const std::vector<Component>& components_for(std::string_view use) const {
        for (const auto& r : rates_by_use)
            if (r.use == use) return r.components;
        return components;
    }
    std::int64_t total_rate_for(std::string_view use) const {
        for (const auto& r : rates_by_use)
            if (r.use == use) return r.total_rate;
        return total_rate;
    }
    bool exempt(std::string_view use) const {
        for (const auto& e : exempt_uses)
            if (e == use) return true;
        return false;
    }
};

struct PipeRate {
    std::string diameter;
    Money amount;
};

struct Tier {
    std::int64_t up_to_litres = 0;  // 0: no upper limit (the last tier)
    Money per_thousand_litres;
};

struct WaterUse {
    std::string code;
    std::vector<PipeRate> flat;  // monthly, by pipe diameter
    Money extra_flat;            // monthly, per flat beyond the first
    std::vector<Tier> tiers;     // metered tariff
};

struct WaterRules {
    bool present = false;
    std::vector<WaterUse> uses;
    std::vector<PipeRate> meter_rent;
    std::vector<PipeRate> connection_fee;
    int due_day = 10;                 // of the month after the one billed
    std::int64_t late_surcharge = 0;  // basis points
};

struct Category : Labelled {
    std::vector<std::pair<std::string, Money>> fee_by_class;  // "A", "B", "C"
};

struct TradeRules {
    bool present = false;
    std::vector<Category> categories;
    Money signboard_lit, signboard_unlit;  // per square foot per year
    std::int64_t vat = 0;                  // basis points
    bool vat_on_signboard = false;
    std::vector<std::pair<std::string, Money>> source_tax;  // by location class
    // Income Tax Act 2023 s.131 collects the tax "at the time of renewal": once
    // a renewal, however many years it covers; some offices charge it a year.
    enum class SourceTaxPer { renewal, year } source_tax_per = SourceTaxPer::renewal;
    FiscalDay renewal_grace;
    enum class Late { once, per_month } late_mode = Late::once;
    std::int64_t late_surcharge = 0;       // basis points of the licence fee
    std::int64_t late_surcharge_max = 0;   // per_month: cap in basis points
    int max_years = 1;
    std::int64_t arrears_surcharge = 0;
};

struct CertificateFee {
    std::string document_type;
    Money bn, en;
};

struct Schedule {
    std::string id;
    std::string source;
    std::string municipality, municipality_bn, municipality_en;
    std::string municipality_class;  // "A", "B", "C"
    std::string location_class;      // picks the source income tax
    std::int64_t from_day = 0;       // effective period, days since 1970-01-01
    std::int64_t until_day = INT64_MAX;
    std::string from, until;         // ISO; until empty when open-ended
    Rounding rounding;

    HoldingRules holding;
    WaterRules water;
    TradeRules trade;
    std::vector<CertificateFee> certificate_fees;
};

// Parses and validates; problems get their JSON paths.
Schedule parse_schedule(const nlohmann::json& j, std::vector<std::string>& problems);

// The legal cap on holding tax and rates together (rule 17 of the Pourashava
// Tax Levy and Collection Rules 2013): 39% of annual value.
inline constexpr std::int64_t kHoldingRateCap = 3900;

}  // namespace poura::fees
