// Bill runs: a fiscal year's (or a month's) demands for every account of a
// service in a ward or the whole municipality, in one transaction. An account
// billed for the period already is left as it is, so a run can be repeated;
// what earlier periods still owe is shown on the new bill, and surcharged
// once per arrear period.
#include "revenue/bill_codec.hpp"
#include "revenue/internal.hpp"
#include "revenue/valuation.hpp"

#include "core/try.hpp"
#include "fees/schedule.hpp"

#include <map>

namespace poura::revenue {

using detail::bad;

namespace {

fees::LineItem line(std::string code, std::string bn, std::string en, Money amount, std::string period,
                    bool informational) {
    fees::LineItem l;
    l.code = std::move(code);
    l.label_bn = std::move(bn);
    l.label_en = std::move(en);
    l.amount = amount;
    l.rule.kind = fees::Rule::Kind::given;
    l.period = std::move(period);
    l.informational = informational;
    return l;
}

const Owner* first_owner(const Holding& h) { return h.owners.empty() ? nullptr : &h.owners.front(); }
std::string payer_mobile(const Holding& h) {
    for (const Owner& o : h.owners)
        if (!o.mobile.empty()) return o.mobile;
    return {};
}

class Run {
public:
    Run(workflow::OfficeParts& office, store::RevenueStore& records, RunSummary& summary,
        const std::function<void(std::int64_t, std::int64_t)>& progress)
        : office_(office), records_(records), summary_(summary), progress_(progress) {}

    // What earlier periods still owe goes on the bill; each such period is
    // surcharged once, at the rate of the schedule the new bill is under.
    Status carry_arrears(Demand& d, fees::Bill& bill, std::int64_t surcharge_rate, const Rounding& rounding,
                         const std::string& due, bool exempt) {
        auto open = records_.open_dues(d.service, d.account);
        POURA_RETURN_IF_ERROR(open);
        // Owed by period, and the part of it past its due date as the run is made:
        // only that is late, and surcharged (a year's water billed ahead is not).
        const std::string today = detail::today(office_.now());
        std::map<std::string, std::pair<Money, Money>> by_period;
        for (const Due& x : *open)
            if (x.period < d.period) {
                by_period[x.period].first += x.outstanding();
                if (x.due < today) by_period[x.period].second += x.outstanding();
            }
        for (const auto& [period, amounts] : by_period) {
            const Money owed = amounts.first, late = amounts.second;
            bill.lines.push_back(line("arrears", "বকেয়া", "Arrears (owed)", owed, period, true));
            summary_.arrears += owed;
            if (exempt || surcharge_rate <= 0 || late.is_zero()) continue;
            auto done = records_.surcharged(d.service, d.account, period);
            POURA_RETURN_IF_ERROR(done);
            if (*done) continue;
            Due s;
            s.period = period;
            s.kind = "surcharge";
            s.due = due;
            s.amount = rounding.scale(late, surcharge_rate, 100'00);
            if (s.amount.is_zero()) continue;
            fees::LineItem l = line("arrears_surcharge", "বকেয়ার উপর সারচার্জ", "Surcharge on arrears", s.amount, period, false);
            l.rule.kind = fees::Rule::Kind::rate;
            l.rule.base = late;
            l.rule.rate = surcharge_rate;
            bill.lines.push_back(std::move(l));
            bill.total += s.amount;
            d.dues.push_back(std::move(s));
            ++summary_.surcharges;
        }
        return {};
    }

    Status write(Demand& d, const fees::Bill& bill) {
        d.total = bill.total;
        d.schedule = bill.schedule;
        // d.bill holds what the demand carries beside the bill (a licence's term).
        auto id = records_.insert_demand(d, detail::store_bill(bill, d.bill));
        POURA_RETURN_IF_ERROR(id);
        ++summary_.billed;
        summary_.demand += d.total;
        return {};
    }

    void problem(const std::string& account, const Error& e) {
        ++summary_.skipped;
        if (summary_.problems.size() < 1000) summary_.problems.push_back(account + ": " + e.message);
    }

    void step(std::int64_t done, std::int64_t total) {
        if (progress_ && (done % 256 == 0 || done == total)) progress_(done, total);
    }

    workflow::OfficeParts& office_;
    store::RevenueStore& records_;
    RunSummary& summary_;
    const std::function<void(std::int64_t, std::int64_t)>& progress_;
};

std::shared_ptr<const fees::Schedule> schedule_on(workflow::OfficeParts& office, const dates::Date& day) {
    return office.options().schedules.find(office.municipality().code, dates::format_iso_date(day));
}

Status run_holding_tax(Run& run, int year, int ward) {
    workflow::OfficeParts& office = run.office_;
    const std::string period = dates::format_fiscal_year(year);
    auto schedule = schedule_on(office, {year, 7, 1});
    if (!schedule)
        return make_error(Errc::not_in_schedule, "no fee schedule in force for " + office.municipality().code +
                                                     " in " + period + ": load one with --schedules");
    auto holdings = run.records_.holdings(ward, 0);
    POURA_RETURN_IF_ERROR(holdings);
    auto assessed = run.records_.assessments_in(ward);
    POURA_RETURN_IF_ERROR(assessed);
    const auto total = static_cast<std::int64_t>(holdings->size());
    std::int64_t done = 0;
    for (const Holding& h : *holdings) {
        run.step(done++, total);
        ++run.summary_.accounts;
        auto billed = run.records_.has_demand("holding_tax", h.number, period);
        POURA_RETURN_IF_ERROR(billed);
        if (*billed) {
            ++run.summary_.already_billed;
            continue;
        }
        auto it = assessed->find(h.id);
        const auto value = detail::assessed_value(it == assessed->end() ? nullptr : &it->second, year);
        auto bill = detail::holding_bill(office, h, period, value ? std::optional<Money>(value->value) : std::nullopt);
        if (!bill) {
            if (bill.error().code == Errc::storage || bill.error().code == Errc::internal) return std::move(bill).error();
            run.problem(h.number, bill.error());
            continue;
        }
        Demand d;
        d.service = "holding_tax";
        d.account = h.number;
        d.ward = h.ward;
        d.period = period;
        d.run = run.summary_.run;
        d.payer_bn = first_owner(h) ? first_owner(h)->name_bn : std::string();
        d.mobile = payer_mobile(h);
        d.at = office.now();
        if (value && !value->explanation.empty())
            bill->lines.insert(bill->lines.begin(),
                               line("pro_rata", "অন্তর্বর্তী মূল্যায়ন অনুযায়ী আনুপাতিক বার্ষিক মূল্য",
                                    "Annual value pro rata by month: " + value->explanation, value->value, period, true));
        for (const auto& i : bill->instalments) {
            if (i.amount.is_zero()) continue;
            Due x;
            x.period = period;
            x.instalment = i.number;
            x.kind = "tax";
            x.due = i.due;
            x.amount = i.amount;
            d.dues.push_back(std::move(x));
        }
        const bool exempt = bill->total.is_zero();
        if (exempt) ++run.summary_.exempt;
        const std::string first_due = bill->instalments.empty() ? dates::format_iso_date({year, 9, 30})
                                                                : bill->instalments.front().due;
        POURA_RETURN_IF_ERROR(run.carry_arrears(d, *bill, (*schedule).holding.arrears_surcharge, (*schedule).rounding,
                                                first_due, exempt));
        POURA_RETURN_IF_ERROR(run.write(d, *bill));
    }
    run.step(total, total);
    return {};
}

// One month's water bills; metered connections need that month's reading
// and the one before.
Status run_water_month(Run& run, const dates::Date& month, int ward,
                       const std::vector<std::pair<WaterConnection, int>>& connections, std::int64_t& done,
                       std::int64_t total) {
    workflow::OfficeParts& office = run.office_;
    const std::string period = detail::format_month(month);
    auto schedule = schedule_on(office, month);
    if (!schedule)
        return make_error(Errc::not_in_schedule,
                          "no fee schedule in force for " + office.municipality().code + " in " + period);
    (void)ward;
    for (const auto& [c, c_ward] : connections) {
        run.step(done++, total);
        ++run.summary_.accounts;
        if (c.status != "active" || c.connected_on > dates::format_iso_date(dates::add_months(month, 1))) {
            ++run.summary_.skipped;
            continue;
        }
        auto billed = run.records_.has_demand("water", c.number, period);
        POURA_RETURN_IF_ERROR(billed);
        if (*billed) {
            ++run.summary_.already_billed;
            continue;
        }
        std::int64_t litres = 0;
        if (c.metered) {
            auto now = run.records_.reading(c.id, period);
            POURA_RETURN_IF_ERROR(now);
            auto before = run.records_.reading(c.id, detail::format_month(dates::add_months(month, -1)));
            POURA_RETURN_IF_ERROR(before);
            if (!*now || !*before) {
                run.problem(c.number, make_error(Errc::invalid_state, "no meter reading for " + period +
                                                                           (*now ? " (the month before)" : "")));
                continue;
            }
            litres = **now - **before;
        }
        auto bill = detail::water_bill(office, c, period, litres);
        if (!bill) {
            if (bill.error().code == Errc::storage || bill.error().code == Errc::internal) return std::move(bill).error();
            run.problem(c.number, bill.error());
            continue;
        }
        auto holding = run.records_.holding(c.holding);
        POURA_RETURN_IF_ERROR(holding);
        Demand d;
        d.service = "water";
        d.account = c.number;
        d.ward = c_ward;
        d.period = period;
        d.run = run.summary_.run;
        if (*holding) {
            d.payer_bn = first_owner(**holding) ? first_owner(**holding)->name_bn : std::string();
            d.mobile = payer_mobile(**holding);
        }
        d.at = office.now();
        Due x;
        x.period = period;
        x.kind = "tax";
        x.due = bill->due;
        x.amount = bill->total;
        if (!x.amount.is_zero()) d.dues.push_back(x);
        POURA_RETURN_IF_ERROR(
            run.carry_arrears(d, *bill, (*schedule).water.late_surcharge, (*schedule).rounding, bill->due, false));
        POURA_RETURN_IF_ERROR(run.write(d, *bill));
    }
    return {};
}

// Renewal demands for the licences whose term ended with the year before.
Status run_trade(Run& run, int year, int ward) {
    workflow::OfficeParts& office = run.office_;
    const std::string period = dates::format_fiscal_year(year);
    const std::string previous = dates::format_fiscal_year(year - 1);
    auto schedule = schedule_on(office, {year, 7, 1});
    if (!schedule)
        return make_error(Errc::not_in_schedule,
                          "no fee schedule in force for " + office.municipality().code + " in " + period);
    auto licences = run.records_.licences(ward);
    POURA_RETURN_IF_ERROR(licences);
    const auto total = static_cast<std::int64_t>(licences->size());
    std::int64_t done = 0;
    for (const TradeLicence& l : *licences) {
        run.step(done++, total);
        ++run.summary_.accounts;
        if (l.status != "active" || l.last_year != previous) {
            ++run.summary_.skipped;
            continue;
        }
        auto billed = run.records_.has_demand("trade_licence", l.number, period);
        POURA_RETURN_IF_ERROR(billed);
        if (*billed) {
            ++run.summary_.already_billed;
            continue;
        }
        auto bill = detail::licence_bill(office, l, period, 1, true, {});
        if (!bill) {
            if (bill.error().code == Errc::storage || bill.error().code == Errc::internal) return std::move(bill).error();
            run.problem(l.number, bill.error());
            continue;
        }
        Demand d = detail::licence_demand(l, *bill, period, period);
        d.run = run.summary_.run;
        d.at = office.now();
        POURA_RETURN_IF_ERROR(run.carry_arrears(d, *bill, (*schedule).trade.arrears_surcharge, (*schedule).rounding,
                                                d.dues.empty() ? bill->due : d.dues.front().due, false));
        POURA_RETURN_IF_ERROR(run.write(d, *bill));
    }
    run.step(total, total);
    return {};
}

}  // namespace

Demand detail::licence_demand(const TradeLicence& l, const fees::Bill& bill, const std::string& first_year,
                              const std::string& last_year) {
    Demand d;
    d.service = "trade_licence";
    d.account = l.number;
    d.ward = l.ward;
    d.period = first_year;
    d.payer_bn = l.owner_name_bn;
    d.mobile = l.mobile;
    // What paying it buys: the licence for these years (see pay()).
    d.bill = {{"licence", {{"first_year", first_year}, {"last_year", last_year}}}};
    d.total = bill.total;
    Due x;
    x.period = first_year;
    x.kind = "tax";
    x.due = bill.due.empty() ? dates::format_iso_date({std::stoi(first_year.substr(0, 4)), 9, 30}) : bill.due;
    x.amount = bill.total;
    if (!x.amount.is_zero()) d.dues.push_back(x);
    return d;
}

Result<RunSummary> Revenue::run_bills(std::int64_t actor, const Scope& scope,
                                      const std::function<void(std::int64_t done, std::int64_t total)>& progress) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "run bills");
    POURA_RETURN_IF_ERROR(user);
    if (!detail::known_service(scope.service))
        return bad("service", "'" + scope.service + "' is not holding_tax, water or trade_licence");
    if (scope.ward < 0 || scope.ward > office.municipality().wards)
        return bad("ward", "must be 0 (every ward) to " + std::to_string(office.municipality().wards));
    // Water bills a month, or every month of a fiscal year; the others a fiscal year.
    std::vector<dates::Date> months;
    int year = 0;
    if (scope.service == "water" && scope.period.size() == 7 && detail::month("period", scope.period)) {
        months.push_back(*detail::month("period", scope.period));
    } else {
        auto y = detail::fiscal_year("period", scope.period);
        POURA_RETURN_IF_ERROR(y);
        year = *y;
        if (scope.service == "water")
            for (int m = 0; m < 12; ++m) months.push_back({year + (m + 6) / 12, (m + 6) % 12 + 1, 1});
    }
    RunSummary summary;
    summary.service = scope.service;
    summary.period = scope.service == "water" && months.size() == 1 ? detail::format_month(months[0])
                                                                     : dates::format_fiscal_year(year);
    summary.ward = scope.ward;
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        RunSummary fresh = summary;  // a retried transaction starts again from nothing
        Scope stored = scope;
        stored.period = fresh.period;
        auto id = records.insert_run(stored, actor, office.now());
        POURA_RETURN_IF_ERROR(id);
        fresh.run = *id;
        Run run(office, records, fresh, progress);
        if (scope.service == "holding_tax") {
            POURA_RETURN_IF_ERROR(run_holding_tax(run, year, scope.ward));
        } else if (scope.service == "trade_licence") {
            POURA_RETURN_IF_ERROR(run_trade(run, year, scope.ward));
        } else {
            auto connections = records.connections(scope.ward);
            POURA_RETURN_IF_ERROR(connections);
            const auto total = static_cast<std::int64_t>(connections->size() * months.size());
            std::int64_t n = 0;
            for (const auto& m : months) POURA_RETURN_IF_ERROR(run_water_month(run, m, scope.ward, *connections, n, total));
            run.step(total, total);
        }
        POURA_RETURN_IF_ERROR(records.set_run_summary(fresh.run, to_json(fresh)));
        POURA_RETURN_IF_ERROR(office.audit(actor, "bill_run", "run:" + std::to_string(fresh.run),
                                           {{"service", fresh.service},
                                            {"period", fresh.period},
                                            {"ward", fresh.ward},
                                            {"billed", fresh.billed},
                                            {"demand_poisha", fresh.demand.in_poisha()}}));
        summary = std::move(fresh);
        return {};
    });
    POURA_RETURN_IF_ERROR(done);
    return summary;
}

Result<std::vector<Demand>> Revenue::demands(std::string_view service, std::string_view account) const {
    workflow::OfficeParts office(*office_);
    if (!detail::known_service(service))
        return bad("service", "'" + std::string(service) + "' is not holding_tax, water or trade_licence");
    std::string key(account);
    if (service == "holding_tax") {
        auto n = detail::holding_number(account);
        POURA_RETURN_IF_ERROR(n);
        key = *n;
    }
    auto list = store::RevenueStore(office.store()).demands(service, key);
    POURA_RETURN_IF_ERROR(list);
    for (Demand& d : *list) d.bill = detail::expand_bill(d.bill);
    return list;
}

}  // namespace poura::revenue
