// Bills per second for each fee calculator, with the whole breakdown built:
// every line with its labels, rule and schedule, the total and instalments;
// and the schedules' JSON text read by poura::parse_json beside nlohmann's.
#include "sections.hpp"
#include "timer.hpp"

#include <poura/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace poura::bench {
namespace {

const char* const kSampleSchedules[] = {"kaliganj-2024-25.json", "kaliganj-2025-26.json", "shantipur-2025-26.json"};

std::vector<std::string> read_samples(const std::string& dir) {
    std::vector<std::string> texts;
    for (const char* name : kSampleSchedules) {
        std::ifstream in(dir + "/" + name);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) throw SetupError("cannot read " + dir + "/" + name);
        texts.push_back(text.str());
    }
    return texts;
}

// The schedules' JSON text read by Poura's parser beside nlohmann's, the one
// it replaced: time per reading of all three files, and MB/s.
void bench_json_text(const std::vector<std::string>& texts, const Config& c, Checks& checks, std::ostream& out) {
    std::size_t bytes = 0, refused = 0;
    for (const auto& t : texts) bytes += t.size();
    auto ours = [&] {
        for (const auto& t : texts) refused += parse_json(t) ? 0 : 1;
    };
    auto theirs = [&] {
        for (const auto& t : texts) refused += nlohmann::json::parse(t, nullptr, false).is_discarded() ? 1 : 0;
    };
    const std::size_t n = std::max<std::size_t>(1, c.fee_per_round / 40);
    warm_up(n, ours);
    warm_up(n, theirs);
    const std::vector<Samples> samples = interleave({timed(ours), timed(theirs)}, c.rounds, n);
    checks.expect(refused == 0, "both parsers read every sample schedule");
    bool same = true;
    for (const auto& t : texts) same = same && parse_json(t).value() == nlohmann::json::parse(t);
    checks.expect(same, "both parsers read the sample schedules to the same values");

    out << "\nReading the three sample schedules' JSON text (" << grouped(static_cast<double>(bytes)) << " bytes):\n\n";
    Table table({"parser", "iterations", "undisturbed", "µs/reading", "MB/s"});
    const char* names[] = {"poura::parse_json", "nlohmann::json::parse"};
    for (std::size_t i = 0; i < samples.size(); ++i)
        table.add({names[i], iterations(c.rounds, n), fraction(samples[i].undisturbed(), c.rounds),
                   microseconds(samples[i].median()), fixed(static_cast<double>(bytes) * 1e3 / samples[i].median(), 0)});
    table.print(out);
    out << "\nparse_json / nlohmann time (median of paired rounds): " << fixed(paired_ratio(samples[0], samples[1]), 2)
        << "x\n";
}

}  // namespace

void bench_fees(const Fixture& f, Checks& checks, std::ostream& out) {
    const Config& c = f.config;
    section(out, "5. Fee calculators (sample schedules, one core)");
    const std::vector<std::string> texts = read_samples(c.schedules_dir);
    fees::ScheduleSet schedules;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const Status added = schedules.add(texts[i], kSampleSchedules[i]);
        if (!added) throw SetupError(added.error().message);
    }

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
    bench_json_text(texts, c, checks, out);
}

}  // namespace poura::bench
