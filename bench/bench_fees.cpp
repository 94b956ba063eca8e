// Bills per second for each fee calculator, with the whole breakdown built:
// every line with its labels, rule and schedule, the total and instalments.
#include "sections.hpp"
#include "timer.hpp"

#include <fstream>
#include <sstream>

namespace poura::bench {
namespace {

fees::ScheduleSet load_samples(const std::string& dir) {
    fees::ScheduleSet set;
    for (const char* name : {"kaliganj-2024-25.json", "kaliganj-2025-26.json", "shantipur-2025-26.json"}) {
        std::ifstream in(dir + "/" + name);
        std::ostringstream text;
        text << in.rdbuf();
        const Status added = set.add(text.str(), name);
        if (!added) throw SetupError(added.error().message);
    }
    return set;
}

}  // namespace

void bench_fees(const Fixture& f, Checks& checks, std::ostream& out) {
    const Config& c = f.config;
    section(out, "5. Fee calculators (sample schedules, one core)");
    const fees::ScheduleSet schedules = load_samples(c.schedules_dir);

    fees::HoldingTaxInput holding;
    holding.municipality = "kaliganj";
    holding.fiscal_year = "2025-26";
    holding.monthly_rent = Money::taka(10000);
    fees::HoldingTaxInput holding_full = holding;
    holding_full.waivers = {"rooftop_garden"};
    holding_full.paid_on = "2025-09-15";
    holding_full.arrears = {{"2024-25", Money::taka(100000), Money::taka(5000), ""}};

    fees::WaterInput water;
    water.municipality = "kaliganj";
    water.month = "2025-08";
    water.diameter = "1/2";
    water.metered = true;
    water.litres = 35000;
    water.paid_on = "2025-09-11";

    fees::TradeLicenceInput trade;
    trade.municipality = "kaliganj";
    trade.fiscal_year = "2025-26";
    trade.category = "grocery";
    trade.renewal = true;
    trade.signboards = {{1250, true}};
    trade.paid_on = "2025-11-15";

    fees::CertificateFeeInput certificate;
    certificate.municipality = "kaliganj";
    certificate.date = "2025-08-01";
    certificate.document_type = "heirship";
    certificate.language = Language::en;

    std::size_t failures = 0;
    Money sink;
    auto bill_of = [&](Result<fees::Bill> bill) {
        if (bill) sink += bill->total;
        else ++failures;
    };
    auto holding_one = [&] { bill_of(fees::holding_tax(schedules, holding)); };
    auto holding_full_one = [&] { bill_of(fees::holding_tax(schedules, holding_full)); };
    auto water_one = [&] { bill_of(fees::water_bill(schedules, water)); };
    auto trade_one = [&] { bill_of(fees::trade_licence_fee(schedules, trade)); };
    auto certificate_one = [&] { bill_of(fees::certificate_fee(schedules, certificate)); };

    const std::size_t n = c.fee_per_round;
    warm_up(n, holding_one);
    warm_up(n, holding_full_one);
    warm_up(n, water_one);
    warm_up(n, trade_one);
    warm_up(n, certificate_one);
    const std::vector<Samples> samples = interleave(
        {timed(holding_one), timed(holding_full_one), timed(water_one), timed(trade_one), timed(certificate_one)},
        c.rounds, n);
    checks.expect(failures == 0, "every timed bill was calculated");
    checks.expect(fees::holding_tax(schedules, holding).value().total == Money::taka(22500),
                  "the holding tax bill is the one worked out by hand (Tk 22,500)");
    checks.expect(fees::water_bill(schedules, water).value().total == Money::taka(600),
                  "the water bill is the one worked out by hand (Tk 600)");

    const char* names[] = {"holding tax: rented, 5 rates, instalments",
                           "holding tax: + waiver, rebate, a year's arrears",
                           "water: metered, 3 tiers, meter rent, late",
                           "trade licence: renewal, signboard, VAT, late",
                           "certificate fee"};
    Table table({"calculator", "iterations", "undisturbed", "µs/bill", "bills/s"});
    for (std::size_t i = 0; i < samples.size(); ++i)
        table.add({names[i], iterations(c.rounds, n), fraction(samples[i].undisturbed(), c.rounds),
                   microseconds(samples[i].median()), per_second(samples[i].median())});
    table.print(out);
    const double holding_per_second = 1e9 / samples[0].median();
    out << "\nGoal: at least 1,000,000 holding-tax bills per second per core, breakdown built: "
        << (holding_per_second >= 1e6 ? "MET" : "NOT MET") << " (" << grouped(holding_per_second) << ")\n";
}

}  // namespace poura::bench
