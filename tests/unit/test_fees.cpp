#include <poura/poura.hpp>

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include "core/dates.hpp"

#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>

using namespace poura;
using test::base64_decode;
using test::read_file;
using nlohmann::json;

namespace {

json sample_schedule(const std::string& name) {
    return json::parse(read_file(std::string(POURA_SOURCE_DIR) + "/examples/schedules/" + name));
}

const json& bill_vectors() {
    static const json vectors = json::parse(read_file(std::string(POURA_VECTORS_DIR) + "/fees/bills.json"));
    return vectors;
}

const fees::ScheduleSet& samples() {
    static const fees::ScheduleSet set = [] {
        fees::ScheduleSet s;
        for (const auto& path : bill_vectors()["schedules"]) {
            const std::string file = std::string(POURA_SOURCE_DIR) + "/" + path.get<std::string>();
            const Status added = s.add(read_file(file), file);
            INFO((added ? std::string() : added.error().message));
            REQUIRE(added);
        }
        return s;
    }();
    return set;
}

template <typename Input, typename Calculate>
Result<fees::Bill> run(const json& input, Calculate calculate) {
    auto parsed = Input::from_json(input);
    if (!parsed) return parsed.error();
    return calculate(samples(), *parsed);
}

Result<fees::Bill> calculate(const std::string& calculator, const json& input) {
    if (calculator == "holding") return run<fees::HoldingTaxInput>(input, fees::holding_tax);
    if (calculator == "water") return run<fees::WaterInput>(input, fees::water_bill);
    if (calculator == "trade") return run<fees::TradeLicenceInput>(input, fees::trade_licence_fee);
    return run<fees::CertificateFeeInput>(input, fees::certificate_fee);
}

Money sum_of_lines(const fees::Bill& bill) {
    Money sum;
    for (const auto& line : bill.lines)
        if (!line.informational) sum += line.amount;
    return sum;
}

fees::HoldingTaxInput rented(const std::string& municipality, std::int64_t rent_poisha) {
    fees::HoldingTaxInput in;
    in.municipality = municipality;
    in.fiscal_year = "2025-26";
    in.monthly_rent = Money::poisha(rent_poisha);
    return in;
}

}  // namespace

TEST_CASE("money is formatted with lakh and crore grouping, in Bengali and English digits") {
    CHECK(format_money(Money::poisha(123456700), Language::bn) == "১২,৩৪,৫৬৭.০০");
    CHECK(format_money(Money::poisha(123456750), Language::en) == "12,34,567.50");
    CHECK(format_money(Money::poisha(1234567890123), Language::en) == "12,34,56,78,901.23");
    CHECK(format_money(Money::poisha(5), Language::en) == "0.05");
    CHECK(format_money(Money::poisha(-100000), Language::en) == "-1,000.00");
    CHECK(format_money(Money::poisha(99999), Language::en) == "999.99");
    CHECK(format_taka(Money::taka(20), Language::en) == "Tk 20.00");
    CHECK(format_taka(Money::taka(20), Language::bn) == "২০.০০ টাকা");
    CHECK(format_percent(750, Language::en) == "7.5%");
    CHECK(format_percent(3900, Language::bn) == "৩৯%");
    CHECK(format_percent(5, Language::en) == "0.05%");
}

TEST_CASE("amounts in words, as receipts print them") {
    CHECK(money_in_words(Money::poisha(123456750), Language::en) ==
          "Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven Taka and Fifty Poisha Only");
    CHECK(money_in_words(Money::poisha(123456750), Language::bn) ==
          "বারো লক্ষ চৌত্রিশ হাজার পাঁচশত সাতষট্টি টাকা পঞ্চাশ পয়সা মাত্র");
    CHECK(money_in_words(Money(), Language::en) == "Zero Taka Only");
    CHECK(money_in_words(Money(), Language::bn) == "শূন্য টাকা মাত্র");
    CHECK(money_in_words(Money::poisha(5), Language::en) == "Five Poisha Only");
    CHECK(money_in_words(Money::taka(100), Language::bn) == "একশত টাকা মাত্র");
    CHECK(money_in_words(Money::taka(1'00'00'000), Language::en) == "One Crore Taka Only");
    // Crores count on past ninety-nine.
    CHECK(money_in_words(Money::taka(1234'00'00'000), Language::en) ==
          "One Thousand Two Hundred Thirty-Four Crore Taka Only");
    CHECK(money_in_words(Money::taka(21'05'010), Language::en) == "Twenty-One Lakh Five Thousand Ten Taka Only");
    CHECK(money_in_words(Money::taka(99), Language::bn) == "নিরানব্বই টাকা মাত্র");
    // The Bangla Academy's ঊন- for 29, 39 … 89; 19 is উনিশ.
    const std::pair<int, const char*> un[] = {{19, "উনিশ"},     {29, "ঊনত্রিশ"}, {39, "ঊনচল্লিশ"}, {49, "ঊনপঞ্চাশ"},
                                              {59, "ঊনষাট"},    {69, "ঊনসত্তর"}, {79, "ঊনআশি"},   {89, "ঊননব্বই"}};
    for (const auto& [taka, word] : un)
        CHECK(money_in_words(Money::taka(taka), Language::bn) == std::string(word) + " টাকা মাত্র");
    CHECK(money_in_words(Money::taka(29'39'489), Language::bn) == "ঊনত্রিশ লক্ষ ঊনচল্লিশ হাজার চারশত ঊননব্বই টাকা মাত্র");
    CHECK(money_in_words(Money::taka(-3), Language::en) == "Minus Three Taka Only");
}

TEST_CASE("money parses from English or Bengali digits, exactly, and refuses anything else") {
    CHECK(parse_money("12,34,567.50").value() == Money::poisha(123456750));
    CHECK(parse_money("১২,৩৪,৫৬৭.০০").value() == Money::taka(1234567));
    CHECK(parse_money("0.5").value() == Money::poisha(50));
    CHECK(parse_money("-20").value() == Money::taka(-20));
    for (const char* bad : {"", "-", "1.234", "1..2", ",100", "100,", "1,,0", "12a", "1e5", " 1", "99999999999999"})
        CHECK_FALSE(parse_money(bad));
    // Commas group digits the South Asian way or the international way, not anyhow.
    CHECK(parse_money("1,00,000").value() == Money::taka(100000));
    CHECK(parse_money("100,000").value() == Money::taka(100000));
    CHECK(parse_money("1,234,567.50").value() == Money::poisha(123456750));
    CHECK(parse_money("১,০০০").value() == Money::taka(1000));
    for (const char* bad : {"1,0,0,0,0", "10,00", "1,2345", "12,345,67", "1,23,4567", "123,45,678", "1,000,00,000"}) {
        INFO(bad);
        const auto parsed = parse_money(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == Errc::invalid_argument);
    }
}

TEST_CASE("rounding: half up away from zero, half to even, up, down") {
    const Rounding taka_half_up{100, RoundingMode::half_up};
    CHECK(taka_half_up.apply(Money::poisha(250)) == Money::taka(3));
    CHECK(taka_half_up.apply(Money::poisha(-250)) == Money::taka(-3));
    CHECK(taka_half_up.apply(Money::poisha(249)) == Money::taka(2));
    const Rounding taka_even{100, RoundingMode::half_even};
    CHECK(taka_even.apply(Money::poisha(250)) == Money::taka(2));
    CHECK(taka_even.apply(Money::poisha(350)) == Money::taka(4));
    CHECK(Rounding{100, RoundingMode::up}.apply(Money::poisha(201)) == Money::taka(3));
    CHECK(Rounding{100, RoundingMode::down}.apply(Money::poisha(299)) == Money::taka(2));
    // 7.5% of Tk 1,00,000.01, exactly, to the poisha.
    CHECK(Rounding{1, RoundingMode::half_up}.scale(Money::poisha(10000001), 750, 10000) == Money::poisha(750000));
    // The largest amounts times the largest rates do not overflow.
    CHECK(Rounding{1, RoundingMode::down}.scale(Money::poisha(Money::limit), 10000, 10000) ==
          Money::poisha(Money::limit));
}

TEST_CASE("every bill vector gives the amounts worked out by hand") {
    // Every calculator has cases, so an emptied or cut file cannot pass.
    std::map<std::string, int> per_calculator;
    for (const auto& c : bill_vectors().at("cases")) ++per_calculator[c.at("calculator").get<std::string>()];
    for (const char* calculator : {"holding", "water", "trade", "certificate"}) {
        INFO("cases of " << calculator);
        REQUIRE(per_calculator[calculator] > 0);
    }
    for (const auto& c : bill_vectors()["cases"]) {
        const std::string name = c["name"].get<std::string>();
        SECTION(c["calculator"].get<std::string>() + ": " + name) {
            INFO(c["worked"].get<std::string>());
            const auto bill = calculate(c["calculator"], c["input"]);
            const json& expect = c["expect"];
            if (expect.contains("error")) {
                REQUIRE_FALSE(bill);
                INFO(bill.error().message);
                CHECK(errc_name(bill.error().code) == expect["error"].get<std::string>());
                CHECK(bill.error().message.find(expect["message_contains"].get<std::string>()) != std::string::npos);
                continue;
            }
            INFO((bill ? std::string() : bill.error().message));
            REQUIRE(bill);
            INFO(bill->to_text());
            CHECK(bill->total.in_poisha() == expect["total_poisha"].get<std::int64_t>());
            CHECK(sum_of_lines(*bill) == bill->total);
            const json lines = expect.value("lines", json::object());
            for (const auto& [code, amount] : lines.items()) {
                auto line = std::find_if(bill->lines.begin(), bill->lines.end(),
                                         [&key = code](const fees::LineItem& l) { return l.code == key; });
                INFO("line " << code);
                REQUIRE(line != bill->lines.end());
                CHECK(line->amount.in_poisha() == amount.get<std::int64_t>());
            }
            const json absent = expect.value("absent", json::array());
            for (const auto& code : absent)
                CHECK(std::none_of(bill->lines.begin(), bill->lines.end(),
                                   [&](const fees::LineItem& l) { return l.code == code.get<std::string>(); }));
            if (expect.contains("instalments_poisha")) {
                REQUIRE(bill->instalments.size() == expect["instalments_poisha"].size());
                for (std::size_t i = 0; i < bill->instalments.size(); ++i)
                    CHECK(bill->instalments[i].amount.in_poisha() == expect["instalments_poisha"][i].get<std::int64_t>());
            }
            if (expect.contains("due")) CHECK(bill->due == expect["due"].get<std::string>());
        }
    }
}

TEST_CASE("a bill explains itself: labels in both languages, rules, schedules and totals") {
    const auto bill = fees::holding_tax(samples(), rented("kaliganj", 1000000)).value();
    CHECK(bill.schedule == "kaliganj-2025-26");
    for (const auto& line : bill.lines) {
        CHECK_FALSE(line.label_bn.empty());
        CHECK_FALSE(line.label_en.empty());
        CHECK(line.schedule == "kaliganj-2025-26");
    }
    const auto& lighting = *std::find_if(bill.lines.begin(), bill.lines.end(),
                                         [](const fees::LineItem& l) { return l.code == "lighting"; });
    CHECK(fees::explain(lighting, Language::en) == "3% of Tk 1,00,000.00");
    CHECK(fees::explain(lighting, Language::bn) == "১,০০,০০০.০০ টাকার ৩%");

    const json j = bill.to_json();
    CHECK(j["total_poisha"] == 2250000);
    CHECK(j["total_words_en"] == "Twenty-Two Thousand Five Hundred Taka Only");
    CHECK(j["instalments"].size() == 4);
    CHECK(j["instalments"][0]["due"] == "2025-09-30");
    CHECK(j["lines"][0]["code"] == "annual_rent");
    const std::string text = bill.to_text();
    CHECK(text.find("Kaliganj Pourashava") != std::string::npos);
    CHECK(text.find("২২,৫০০.০০ টাকা") != std::string::npos);
    CHECK(text.find("বাইশ হাজার পাঁচশত টাকা মাত্র") != std::string::npos);
}

TEST_CASE("the components of holding tax follow the Act's order, whatever the file's order") {
    const auto bill = fees::holding_tax(samples(), rented("shantipur", 100000)).value();
    std::vector<std::string> codes;
    for (const auto& line : bill.lines)
        if (!line.informational) codes.emplace_back(line.code);
    CHECK(codes == std::vector<std::string>{"buildings_and_land", "lighting", "conservancy", "water_works", "fire",
                                            "sewerage"});
}

TEST_CASE("a schedule that breaks the law or its own format does not load, and every problem is named") {
    json s = sample_schedule("kaliganj-2025-26.json");
    s["holding_tax"]["rates_percent"]["sewerage"] = 16.51;  // 22.5 + 16.51 = 39.01%
    s["holding_tax"]["rebates"][0]["paid_by"] = "09-31";
    s["water"]["uses"]["residential"]["metered_per_1000_litres"][1]["up_to_litres"] = 5000;
    s["trade_licence"]["categories"][0]["fee"].erase("B");
    s["trade_licence"]["vat_precent"] = 15;
    s["effective"]["from"] = "2025-02-30";
    fees::ScheduleSet set;
    const Status added = set.add_json(s, "broken.json");
    REQUIRE_FALSE(added);
    const std::string& m = added.error().message;
    INFO(m);
    CHECK(added.error().code == Errc::schedule_invalid);
    CHECK(m.find("$.holding_tax.rates_percent: holding tax and rates together are 39.01%") != std::string::npos);
    CHECK(m.find("$.holding_tax.rebates[0].paid_by") != std::string::npos);
    CHECK(m.find("$.water.uses.residential.metered_per_1000_litres[1].up_to_litres: tiers must rise") !=
          std::string::npos);
    CHECK(m.find("$.trade_licence.categories[0].fee: has no fee for this municipality's class \"B\"") !=
          std::string::npos);
    CHECK(m.find("$.trade_licence.vat_precent: unknown member") != std::string::npos);
    CHECK(m.find("$.effective.from: must be a date") != std::string::npos);
    // The sewerage rate is also above its own maximum, in the default rates and
    // in the commercial ones built on them.
    CHECK(m.find("$.holding_tax.rates_percent.sewerage: 16.51% is above its maximum of 4%") != std::string::npos);
    CHECK(m.find("$.holding_tax.rates_by_use.commercial: holding tax and rates together are 44.01%") !=
          std::string::npos);
    CHECK(m.find("9 problems") != std::string::npos);
    CHECK(set.size() == 0);

    CHECK_FALSE(set.add("{not json", "x.json"));
    CHECK_FALSE(set.add("[]", "x.json"));
    CHECK_FALSE(set.add("{}", "x.json"));
}

TEST_CASE("a schedule file naming a member twice is refused, with the member's path") {
    const std::string text = read_file(std::string(POURA_SOURCE_DIR) + "/examples/schedules/kaliganj-2025-26.json");
    const std::string fire = "\"fire\": 0.5";
    const auto at = text.find(fire);
    REQUIRE(at != std::string::npos);
    std::string twice = text;
    twice.replace(at, fire.size(), fire + ", \"fire\": 39");
    fees::ScheduleSet set;
    const Status added = set.add(twice, "twice.json");
    REQUIRE_FALSE(added);
    CHECK(added.error().code == Errc::schedule_invalid);
    CHECK_THAT(added.error().message, Catch::Contains("\n  $.holding_tax.rates_percent.fire: duplicate key (line 40, column 20)"));
    CHECK(set.add(text, "once.json"));
}

TEST_CASE("schedule rules are checked: due days in order, per-rate maximums, rebates and the source tax choice") {
    json s = sample_schedule("kaliganj-2025-26.json");
    s["holding_tax"]["instalments_due"] = {"09-30", "03-31", "12-31", "06-30"};
    s["holding_tax"]["rates_by_use"]["commercial"]["lighting"] = 6;  // its maximum is 5%
    s["holding_tax"]["rebates"][2]["paid_by"] = "09-30";
    s["holding_tax"]["waivers"][1]["conditions"]["uses"] = {"palace"};
    s["holding_tax"]["annual_value"]["vacant_land"]["annual_value_per_plot"] = 170;
    s["trade_licence"]["source_tax_per"] = "decade";
    s["holding_tax"]["labels"] = {{"lighting", {{"bn", "বাতি"}, {"en", "Street lights"}}}, {"moat", {{"bn", "পরিখা"}, {"en", "Moat"}}}};
    fees::ScheduleSet set;
    const Status added = set.add_json(s, "rules.json");
    REQUIRE_FALSE(added);
    const std::string& m = added.error().message;
    INFO(m);
    CHECK_THAT(m, Catch::Contains("$.holding_tax.instalments_due[2]: falls due no later than the quarter before it"));
    CHECK_THAT(m, Catch::Contains("$.holding_tax.rates_by_use.commercial.lighting: 6% is above its maximum of 5%"));
    CHECK_THAT(m, Catch::Contains("$.holding_tax.rebates[2].paid_by: current_and_advance is due by the current"));
    CHECK_THAT(m, Catch::Contains("$.holding_tax.waivers[1].conditions.uses[0]: is not one of the uses"));
    CHECK_THAT(m, Catch::Contains("$.holding_tax.annual_value.vacant_land: a flat value per plot or a value per unit"));
    CHECK_THAT(m, Catch::Contains("$.trade_licence.source_tax_per: must be \"renewal\" or \"year\""));
    CHECK_THAT(m, Catch::Contains("$.holding_tax.labels.moat: unknown component"));
    CHECK_THAT(m, Catch::Contains("7 problems"));

    // A schedule's own label replaces the Model Tax Schedule's name.
    json labelled = sample_schedule("kaliganj-2025-26.json");
    labelled["holding_tax"]["labels"] = {{"lighting", {{"bn", "রাস্তার বাতি রেইট"}, {"en", "Street lighting rate"}}}};
    fees::ScheduleSet own;
    REQUIRE(own.add_json(labelled));
    const auto bill = fees::holding_tax(own, rented("kaliganj", 1000000)).value();
    CHECK(std::any_of(bill.lines.begin(), bill.lines.end(),
                      [](const fees::LineItem& l) { return l.label_en == "Street lighting rate"; }));
}

TEST_CASE("the Model Tax Schedule's names, Bangla digits and both languages on a printed bill") {
    auto in = rented("kaliganj", 1000000);
    in.pays = "q1+q2";
    in.paid_on = "2025-09-30";
    in.arrears = {{"2024-25", Money::taka(100000), Money(), ""}};
    const auto bill = fees::holding_tax(samples(), in).value();
    auto label_of = [&](const std::string& code) {
        for (const auto& l : bill.lines)
            if (l.code == code) return l.label_bn;
        return std::string();
    };
    CHECK(label_of("lighting") == "বাতি রেইট");
    CHECK(label_of("conservancy") == "ময়লা আবর্জনা অপসারণ রেইট");
    const std::string text = bill.to_text();
    INFO(text);
    CHECK_THAT(text, Catch::Contains("Holding tax 2025-2026 · হোল্ডিং কর ২০২৫-২৬"));
    CHECK_THAT(text, Catch::Contains("Arrears [2024-2025] · বকেয়া কর [২০২৪-২৫]"));
    CHECK_THAT(text, Catch::Contains("Instalment 1, due 2025-09-30 · কিস্তি ১, শেষ তারিখ ২০২৫-০৯-৩০"));
    CHECK_THAT(text, Catch::Contains("Instalment 4, due 2026-06-30 · কিস্তি ৪, শেষ তারিখ ২০২৬-০৬-৩০"));
    CHECK_THAT(text, Catch::Contains("after a rebate of Tk 422.00 · ৪২২.০০ টাকা রেয়াত বাদে"));
    CHECK_THAT(text, Catch::Contains("Due by 2025-09-30 · পরিশোধের শেষ তারিখ ২০২৫-০৯-৩০"));
    const json j = bill.to_json();
    CHECK(j["period_bn"] == "২০২৫-২৬");
    CHECK(j["instalments"][0]["amount_poisha"] == 520300);
    CHECK(j["instalments"][0]["rebate_poisha"] == 42200);
    CHECK(j["instalments"][2]["rebate_poisha"] == 0);
}

TEST_CASE("the source tax is once a renewal unless the schedule says a year, and a unit-by-unit value explains itself") {
    json schedule = sample_schedule("kaliganj-2025-26.json");
    schedule["trade_licence"].erase("source_tax_per");  // the default: as s.131 reads
    fees::ScheduleSet set;
    REQUIRE(set.add_json(schedule));
    fees::TradeLicenceInput in;
    in.municipality = "kaliganj";
    in.fiscal_year = "2025-26";
    in.category = "grocery";
    in.renewal = true;
    in.years = 5;
    const auto bill = fees::trade_licence_fee(set, in).value();
    const auto tax = std::find_if(bill.lines.begin(), bill.lines.end(),
                                  [](const fees::LineItem& l) { return l.code == "source_tax"; });
    REQUIRE(tax != bill.lines.end());
    CHECK(tax->amount == Money::taka(500));
    CHECK(fees::explain(*tax, Language::en) == "1 × Tk 500.00 per renewal");
    CHECK(fees::explain(*tax, Language::bn) == "১ × ৫০০.০০ টাকা (প্রতি নবায়ন)");
    schedule["trade_licence"]["source_tax_per"] = "year";
    schedule["id"] = "kaliganj-yearly";
    fees::ScheduleSet yearly;
    REQUIRE(yearly.add_json(schedule));
    const auto per_year = fees::trade_licence_fee(yearly, in).value();
    CHECK(std::any_of(per_year.lines.begin(), per_year.lines.end(), [](const fees::LineItem& l) {
        return l.code == "source_tax" && l.amount == Money::taka(2500);
    }));

    fees::HoldingTaxInput units;
    units.municipality = "kaliganj";
    units.fiscal_year = "2025-26";
    units.units = {{"Shop", "commercial", "rented", Money::taka(1000), Money(), 0},
                   {"Home", "residential", "owner_occupied", Money::taka(1000), Money(), 0}};
    const auto holding = fees::holding_tax(samples(), units).value();
    const auto value = std::find_if(holding.lines.begin(), holding.lines.end(),
                                    [](const fees::LineItem& l) { return l.code == "annual_value"; });
    REQUIRE(value != holding.lines.end());
    CHECK(fees::explain(*value, Language::en) == "the units' annual values, added up");
    CHECK(value->amount == Money::taka(10000 + 6000));
}

TEST_CASE("property: a holding let unit by unit pays what the same rent as one holding pays") {
    std::mt19937_64 rng(15);
    std::uniform_int_distribution<std::int64_t> rent(1, 5'00'000'00);
    std::uniform_int_distribution<int> count(1, 6);
    for (int i = 0; i < 500; ++i) {
        fees::HoldingTaxInput split;
        split.municipality = "kaliganj";
        split.fiscal_year = "2025-26";
        Money sum;
        const int units = count(rng);
        for (int u = 0; u < units; ++u) {
            fees::HoldingUnit unit;
            unit.label = "Flat " + std::to_string(u + 1);
            unit.monthly_rent = Money::poisha(rent(rng));
            sum += unit.monthly_rent;
            split.units.push_back(unit);
        }
        const auto whole = fees::holding_tax(samples(), rented("kaliganj", sum.in_poisha()));
        const auto parts = fees::holding_tax(samples(), split);
        REQUIRE(whole);
        REQUIRE(parts);
        CHECK(parts->total == whole->total);
    }
}

TEST_CASE("property: with any rebate, the instalments add up to the bill, each no more than before") {
    std::mt19937_64 rng(2025);
    std::uniform_int_distribution<std::int64_t> rent(1, 50'00'000'00);
    std::uniform_int_distribution<int> day(0, 364);
    const char* pays[] = {"year", "q1", "q2", "q3", "q4", "q1+q2", "q2+q3", "q3+q4", "q1+q2+q3", "q2+q3+q4"};
    for (const char* municipality : {"kaliganj", "shantipur"}) {
        for (int i = 0; i < 1000; ++i) {
            auto in = rented(municipality, rent(rng));
            const auto before = fees::holding_tax(samples(), in).value();
            in.pays = pays[static_cast<std::size_t>(i) % std::size(pays)];
            in.paid_on = dates::format_iso_date(dates::civil_from_days(dates::days_from_civil({2025, 7, 1}) + day(rng)));
            const auto bill = fees::holding_tax(samples(), in);
            REQUIRE(bill);
            Money instalments;
            for (std::size_t q = 0; q < 4; ++q) {
                const auto& instalment = bill->instalments[q];
                instalments += instalment.amount;
                CHECK(instalment.amount + instalment.rebate == before.instalments[q].amount);
                CHECK(instalment.rebate >= Money());
                CHECK(instalment.amount >= Money());
            }
            CHECK(instalments == bill->total);
        }
    }
}

TEST_CASE("a new gazette is a new file: periods may not overlap, and the one in force is chosen by date") {
    fees::ScheduleSet set;
    REQUIRE(set.add_json(sample_schedule("kaliganj-2024-25.json")));
    json next = sample_schedule("kaliganj-2025-26.json");
    next["effective"]["from"] = "2025-06-30";
    const Status overlap = set.add_json(next);
    REQUIRE_FALSE(overlap);
    CHECK(overlap.error().message.find("overlaps schedule \"kaliganj-2024-25\"") != std::string::npos);
    next["effective"]["from"] = "2025-07-01";
    REQUIRE(set.add_json(next));
    CHECK(set.size() == 2);
    CHECK(set.find("kaliganj", "2025-06-30") != nullptr);
    CHECK(set.find("kaliganj", "2024-06-30") == nullptr);
    CHECK(set.list()[1]["until"].is_null());
    // A copy is independent of its original.
    fees::ScheduleSet copy = set;
    REQUIRE(copy.add_json(sample_schedule("shantipur-2025-26.json")));
    CHECK(copy.size() == 3);
    CHECK(set.size() == 2);
}

TEST_CASE("a schedule names its municipality by the office's code, a geocode or a name") {
    fees::ScheduleSet set;
    json geocoded = sample_schedule("kaliganj-2025-26.json");
    geocoded["municipality"]["code"] = "BD-10-06-88";
    REQUIRE(set.add_json(geocoded));
    CHECK(set.find("BD-10-06-88", "2025-07-01") != nullptr);
    CHECK(set.find("kaliganj", "2025-07-01") == nullptr);
    for (const char* bad : {"BD 10", "", "kaliganj/2", "a123456789012345678901234567890123"}) {
        json refused = sample_schedule("kaliganj-2025-26.json");
        refused["municipality"]["code"] = bad;
        INFO(bad);
        CHECK_FALSE(fees::ScheduleSet().add_json(refused));
    }
}

TEST_CASE("property: no schedule whose rates exceed the cap loads, and every one within it does") {
    std::mt19937 rng(20251123);
    std::uniform_int_distribution<int> basis_points(0, 1500);
    const char* components[] = {"buildings_and_land", "lighting", "conservancy", "water_works", "fire", "sewerage"};
    int loaded = 0, refused = 0;
    for (int i = 0; i < 300; ++i) {
        json s = sample_schedule("shantipur-2025-26.json");
        json rates = json::object();
        int total = 0;
        for (const char* c : components) {
            const int bp = basis_points(rng);
            total += bp;
            rates[c] = bp / 100.0;
        }
        s["holding_tax"]["rates_percent"] = rates;
        s["holding_tax"].erase("rate_maximums_percent");  // the cap alone, here
        fees::ScheduleSet set;
        const bool ok = static_cast<bool>(set.add_json(s));
        CHECK(ok == (total <= 3900));
        (ok ? loaded : refused)++;
    }
    CHECK(loaded > 0);
    CHECK(refused > 0);
}

TEST_CASE("property: a bill's total is the sum of its lines, and holding tax never falls as rent rises") {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> rent(0, 50'00'000'00);  // up to Tk 50 lakh a month
    std::uniform_int_distribution<std::int64_t> step(1, 10'000'00);
    for (const char* municipality : {"kaliganj", "shantipur"}) {
        for (int i = 0; i < 2000; ++i) {
            auto in = rented(municipality, rent(rng));
            in.occupancy = i % 2 ? "rented" : "owner_occupied";
            if (i % 3 == 0 && std::string(municipality) == "kaliganj") in.waivers = {"rooftop_garden"};
            const auto lower = fees::holding_tax(samples(), in);
            in.monthly_rent += Money::poisha(step(rng));
            const auto higher = fees::holding_tax(samples(), in);
            REQUIRE(lower);
            REQUIRE(higher);
            CHECK(sum_of_lines(*lower) == lower->total);
            Money instalments;
            for (const auto& q : lower->instalments) instalments += q.amount;
            CHECK(instalments == lower->total);
            if (higher->total < lower->total) FAIL_CHECK("tax fell as rent rose: " << in.monthly_rent.in_poisha());
        }
    }
}

TEST_CASE("a payment receipt is a signed document, verified like a certificate") {
    const auto bill = fees::holding_tax(samples(), rented("kaliganj", 1000000)).value();
    fees::ReceiptDetails details;
    details.payer_name_bn = "রহিমা খাতুন";
    details.payer_name_en = "Rahima Khatun";
    details.reference = "KLG-07-0123";
    details.paid_on = "2025-09-15";
    details.method = "mobile";
    const json receipt = fees::receipt_document(bill, details).value();
    CHECK(receipt["amount_poisha"] == 2250000);
    CHECK(receipt["service"] == "holding_tax");

    const std::int64_t t0 = 1757894400;  // 2025-09-15
    const Keyset keys = Keyset::create(PrivateKey::generate().value(), t0);
    const Trust trust =
        Trust::from_issuers(issuer_entries_from_public_json(keys.public_json(), "kaliganj", "কালীগঞ্জ পৌরসভা",
                                                            "Kaliganj Pourashava", {"receipt"})
                                .value())
            .value();
    IssueOptions options;
    options.issuer = "kaliganj";
    options.issued_at = t0;
    const auto cert = issue(receipt, keys, options).value();
    VerifyOptions verify_options;
    verify_options.now = t0 + 400 * 86400;  // receipts do not expire
    const VerifyResult r = verify(cert.qr_text, trust, verify_options);
    INFO(r.detail);
    CHECK(r.valid());
    CHECK(r.document_type == "receipt");
    CHECK(r.document["amount_poisha"] == 2250000);
    CHECK(r.document["reference"] == "KLG-07-0123");

    details.payer_name_bn = "Rahima";  // not in Bengali script
    CHECK_FALSE(fees::receipt_document(bill, details));
}

TEST_CASE("a bill owns its texts: it outlives the schedule set it was calculated from") {
    const fees::Bill expected = fees::holding_tax(samples(), rented("kaliganj", 1000000)).value();
    std::optional<fees::Bill> bill;
    {
        fees::ScheduleSet own;
        for (const auto& path : bill_vectors()["schedules"]) {
            const std::string file = std::string(POURA_SOURCE_DIR) + "/" + path.get<std::string>();
            REQUIRE(own.add(read_file(file), file));
        }
        bill = fees::holding_tax(own, rented("kaliganj", 1000000)).value();
    }
    CHECK(bill->to_json() == expected.to_json());
    CHECK(bill->to_text() == expected.to_text());
    REQUIRE_FALSE(bill->lines.empty());
    CHECK(bill->lines.front().schedule == bill->schedule);
}

TEST_CASE("every certificate type applied for at the office has a fee in each sample schedule") {
    // One date inside each sample schedule's period.
    const std::pair<const char*, const char*> in_force[] = {
        {"kaliganj", "2025-01-15"}, {"kaliganj", "2025-08-01"}, {"shantipur", "2025-08-01"}};
    int priced = 0;
    for (const auto& type : ProfileSet::builtin().types()) {
        const Profile* profile = ProfileSet::builtin().find(type);
        if (!profile->definition.contains("workflow")) continue;
        for (const auto& [municipality, date] : in_force) {
            INFO(type << " in " << municipality << " on " << date);
            for (Language language : {Language::bn, Language::en}) {
                fees::CertificateFeeInput in;
                in.municipality = municipality;
                in.date = date;
                in.document_type = type;
                in.language = language;
                const auto bill = fees::certificate_fee(samples(), in);
                REQUIRE((bill ? std::string() : bill.error().message) == "");
                CHECK(bill->total > Money());
                REQUIRE(bill->lines.size() == 1);
                CHECK(bill->lines[0].label_bn == profile->title_bn);
                CHECK(bill->lines[0].label_en == profile->title_en);
                ++priced;
            }
        }
    }
    CHECK(priced >= 15 * 3 * 2);
}
