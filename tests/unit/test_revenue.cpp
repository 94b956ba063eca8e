// The revenue section: records, bill runs, payments with their receipts, the
// ledger and reports, on real database files with the sample schedules.
#include <poura/poura.hpp>
#include <poura/revenue.hpp>

#include "office_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>

using namespace poura;
using namespace poura::revenue;
namespace fs = std::filesystem;

namespace {

// 2026-01-10 09:00 UTC: inside fiscal year 2025-26.
constexpr std::int64_t kNow = 1768035600;

using test::sql;

template <typename T>
T take(Result<T> r) {
    if (!r) FAIL(r.error().message);
    return std::move(*r);
}

Holding sample_holding(const std::string& number = "03-011-0009-00", int ward = 3) {
    Holding h;
    h.number = number;
    h.ward = ward;
    h.mohalla = "মধ্যপাড়া";
    h.use = "residential";
    h.occupancy = "rented";
    h.monthly_rent = Money::taka(10000);
    Owner o;
    o.name_bn = "রহিম উদ্দিন";
    o.name_en = "Rahim Uddin";
    o.mobile = "01712345678";
    h.owners = {o};
    return h;
}

struct Fixture {
    fs::path dir = test::temp_dir("revenue");
    fs::path db = dir / "office.db";
    Keyset keyset = Keyset::create(PrivateKey::generate().value(), kNow - 400 * 86400);
    Office office = make();
    Revenue revenue{office};
    User secretary, councilor;

    Office make() {
        OfficeOptions o;
        for (const auto& entry : fs::directory_iterator(POURA_SOURCE_DIR "/examples/schedules"))
            REQUIRE(o.schedules.add(test::read_file(entry.path().string()), entry.path().string()));
        o.now = kNow;
        auto created = Office::create(db.string(), test::kaliganj(), o);
        REQUIRE(created);
        return std::move(*created);
    }

    Fixture() {
        office.set_keyset(keyset);
        secretary = test::add_user(office, "secretary", Role::secretary);
        councilor = test::add_user(office, "karim", Role::councilor, 3);
    }
    ~Fixture() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    Holding add(const Holding& h = sample_holding()) { return take(revenue.add_holding(secretary.id, h)); }

    RunSummary run(const std::string& service, const std::string& period, int ward = 0) {
        return take(revenue.run_bills(secretary.id, {service, period, ward}));
    }

    Payment pay(const std::string& account, Money amount, const std::string& paid_on, const std::string& method = "cash",
                const std::string& reference = "", const std::vector<std::string>& instalments = {}) {
        NewPayment p;
        p.service = "holding_tax";
        p.account = account;
        p.amount = amount;
        p.paid_on = paid_on;
        p.method = method;
        p.reference = reference;
        p.instalments = instalments;
        return take(revenue.pay(secretary.id, p));
    }

    Money outstanding(const std::string& service, const std::string& account) {
        Money m;
        for (const auto& d : take(revenue.demands(service, account)))
            for (const auto& x : d.dues) m += x.outstanding();
        return m;
    }

    Trust trust() { return test::kaliganj_trust(keyset, kNow, {"receipt", "trade_licence"}); }

    void ledger_balances() {
        auto c = take(revenue.check_ledger());
        INFO((c.problems.empty() ? std::string() : c.problems.front()));
        REQUIRE(c.ok);
        REQUIRE(c.demand - c.collection + c.adjustments == c.outstanding);
    }
};

VerifyResult check(const std::string& text, const Trust& trust) {
    VerifyOptions options;
    options.now = kNow + 60;
    return verify(text, trust, options);
}

}  // namespace

TEST_CASE("Holdings are checked before they are kept", "[revenue]") {
    Fixture f;
    auto h = f.add();
    CHECK(h.number == "03-011-0009-00");
    CHECK(h.owners.size() == 1);

    // Bengali digits are the same number; a Bengali-letter sub-holding is its own.
    auto same = sample_holding("০৩-০১১-০০০৯-০০");
    auto twice = f.revenue.add_holding(f.secretary.id, same);
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == Errc::conflict);
    auto sub = f.add(sample_holding("03-011-0009-6খ"));
    CHECK(sub.number == "03-011-0009-6খ");
    CHECK(f.revenue.holding("03-011-0009-6খ"));

    auto refused = [&](Holding bad, const std::string& field) {
        auto r = f.revenue.add_holding(f.secretary.id, bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Errc::invalid_argument);
        CHECK_THAT(r.error().message, Catch::Contains(field));
    };
    auto h2 = sample_holding("03-011-0010-00");
    h2.ward = 12;
    refused(h2, "ward");
    h2 = sample_holding("03 011 0010");
    refused(h2, "holding number");
    h2 = sample_holding("03-011-0010-00");
    h2.owners.push_back(h2.owners[0]);
    h2.owners[0].share = "1/2";
    h2.owners[1].share = "1/3";
    refused(h2, "add up to 5/6");
    h2.owners[1].share = "1/2";
    CHECK(f.revenue.add_holding(f.secretary.id, h2));
    h2 = sample_holding("03-011-0011-00");
    h2.use = "vacant_land";
    refused(h2, "land_area");
    h2.owners[0].name_bn = "Rahim";
    h2.land_area = 500;
    refused(h2, "Bengali");
    h2 = sample_holding("03-011-0012-00");
    h2.waivers = {"rooftop_garden", "rooftop_garden"};
    refused(h2, "once");
    h2.waivers = {"no_such_waiver"};
    auto unknown = f.revenue.add_holding(f.secretary.id, h2);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == Errc::not_in_schedule);

    // Only the office's secretary or admin keeps records.
    auto denied = f.revenue.add_holding(f.councilor.id, sample_holding("03-011-0013-00"));
    REQUIRE_FALSE(denied);
    CHECK(denied.error().code == Errc::permission_denied);
}

TEST_CASE("A bill run bills every holding once, with the engine's explained lines", "[revenue]") {
    Fixture f;
    f.add();
    f.add(sample_holding("05-002-0001-00", 5));
    auto religious = sample_holding("05-002-0002-00", 5);
    religious.use = "religious";
    f.add(religious);

    auto first = f.run("holding_tax", "2025-26");
    CHECK(first.accounts == 3);
    CHECK(first.billed == 3);
    CHECK(first.exempt == 1);
    CHECK(first.already_billed == 0);
    // Rent Tk 10,000 a month: annual value 1,00,000 after two months' repairs; 22.5% in rates.
    CHECK(first.demand == Money::taka(45000));

    auto d = take(f.revenue.demands("holding_tax", "03-011-0009-00"));
    REQUIRE(d.size() == 1);
    CHECK(d[0].period == "2025-2026");
    CHECK(d[0].total == Money::taka(22500));
    REQUIRE(d[0].dues.size() == 4);
    CHECK(d[0].dues[0].amount == Money::taka(5625));
    CHECK(d[0].dues[0].due == "2025-09-30");
    CHECK(d[0].dues[3].due == "2026-06-30");
    CHECK(d[0].payer_bn == "রহিম উদ্দিন");
    bool explained = false;
    for (const auto& line : d[0].bill["lines"])
        if (line["code"] == "lighting") explained = line["explain_bn"].get<std::string>().find("৩%") != std::string::npos;
    CHECK(explained);
    CHECK(take(f.revenue.demands("holding_tax", "05-002-0002-00"))[0].dues.empty());

    // Running again bills nothing twice.
    auto again = f.run("holding_tax", "2025-26");
    CHECK(again.billed == 0);
    CHECK(again.already_billed == 3);
    CHECK(again.demand == Money());
    CHECK(take(f.revenue.demands("holding_tax", "03-011-0009-00")).size() == 1);

    // A ward's run touches only that ward.
    f.add(sample_holding("05-002-0003-00", 5));
    f.add(sample_holding("03-011-0020-00", 3));
    auto ward5 = f.run("holding_tax", "2025-26", 5);
    CHECK(ward5.accounts == 3);
    CHECK(ward5.billed == 1);
    CHECK(take(f.revenue.demands("holding_tax", "03-011-0020-00")).empty());

    auto bad = f.revenue.run_bills(f.secretary.id, {"holding_tax", "2019-20", 0});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Errc::not_in_schedule);
    CHECK_FALSE(f.revenue.run_bills(f.secretary.id, {"holding", "2025-26", 0}));
    CHECK_FALSE(f.revenue.run_bills(f.secretary.id, {"holding_tax", "2025", 0}));
    f.ledger_balances();
}

TEST_CASE("Arrears are carried onto the next year's bill and surcharged once", "[revenue]") {
    Fixture f;
    f.add();
    auto last_year = f.run("holding_tax", "2024-25");
    // 2024-25: 21% of the same annual value.
    CHECK(last_year.demand == Money::taka(21000));
    f.pay("03-011-0009-00", Money::taka(1000), "2024-10-01");

    auto run = f.run("holding_tax", "2025-26");
    CHECK(run.arrears == Money::taka(20000));
    CHECK(run.surcharges == 1);
    auto demands = take(f.revenue.demands("holding_tax", "03-011-0009-00"));
    REQUIRE(demands.size() == 2);
    const auto& now = demands[1];
    // This year's tax and 15% on what 2024-25 still owes.
    CHECK(now.total == Money::taka(22500 + 3000));
    bool shown = false;
    for (const auto& line : now.bill["lines"])
        if (line["code"] == "arrears")
            shown = line["period"] == "2024-2025" && line["amount_poisha"] == 20000 * 100 && line["informational"] == true;
    CHECK(shown);

    // A second run of another year's bills (or the same) never surcharges 2024-25 again.
    CHECK(f.run("holding_tax", "2025-26").surcharges == 0);
    CHECK(f.outstanding("holding_tax", "03-011-0009-00") == Money::taka(20000 + 22500 + 3000));

    // Payments go to the oldest dues first: the arrear, then its surcharge, then this year.
    auto p = f.pay("03-011-0009-00", Money::taka(21000), "2026-01-05");
    REQUIRE(p.allocations.size() == 5);
    CHECK(p.allocations[0].period == "2024-2025");
    CHECK(p.allocations[0].amount == Money::taka(4250));  // what the earlier Tk 1,000 left of instalment 1
    CHECK(p.allocations[3].amount == Money::taka(5250));
    CHECK(p.allocations[4].kind == "surcharge");
    CHECK(p.allocations[4].amount == Money::taka(1000));
    f.ledger_balances();
}

TEST_CASE("A payment is allocated, receipted, signed and recorded once", "[revenue]") {
    Fixture f;
    f.add();
    f.run("holding_tax", "2025-26");
    const auto trust = f.trust();

    auto p = f.pay("03-011-0009-00", Money::taka(7000), "2026-01-08", "bkash", "BK8X2Q91");
    CHECK_FALSE(p.duplicate);
    REQUIRE(p.allocations.size() == 2);
    CHECK(p.allocations[0].instalment == 1);
    CHECK(p.allocations[0].amount == Money::taka(5625));
    CHECK(p.allocations[1].amount == Money::taka(1375));
    CHECK(f.outstanding("holding_tax", "03-011-0009-00") == Money::taka(22500 - 7000));

    // The receipt verifies like any certificate and says what was paid.
    auto v = check(p.receipt_qr, trust);
    INFO(v.message_en + " " + v.detail);
    REQUIRE(v.verdict == Verdict::valid);
    CHECK(v.document["amount_poisha"] == 700000);
    CHECK(v.document["reference"] == "03-011-0009-00");
    CHECK(v.document["method"] == "mobile");
    auto outbox = take(f.office.outbox());
    REQUIRE_FALSE(outbox.empty());
    CHECK(outbox.back().event == "payment");
    CHECK(outbox.back().to == "01712345678");

    // The same reference again is that payment, not a second one.
    auto again = f.pay("03-011-0009-00", Money::taka(7000), "2026-01-08", "bkash", "BK8X2Q91");
    CHECK(again.duplicate);
    CHECK(again.receipt_serial == p.receipt_serial);
    CHECK(f.outstanding("holding_tax", "03-011-0009-00") == Money::taka(22500 - 7000));
    CHECK(take(f.revenue.payments("holding_tax", "03-011-0009-00")).size() == 1);

    auto refuse = [&](NewPayment n, Errc code, const std::string& words) {
        auto r = f.revenue.pay(f.secretary.id, n);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == code);
        CHECK_THAT(r.error().message, Catch::Contains(words));
    };
    NewPayment n;
    n.service = "holding_tax";
    n.account = "03-011-0009-00";
    n.amount = Money::taka(100);
    n.paid_on = "2026-01-09";
    n.method = "bkash";
    n.reference = "BK8X2Q91";
    refuse(n, Errc::conflict, "another payment");
    n.reference = "NG1";
    n.method = "nagad";
    n.amount = Money::taka(15501);
    refuse(n, Errc::invalid_argument, "more than");
    n.amount = Money::taka(100);
    n.paid_on = "2026-02-01";
    refuse(n, Errc::invalid_argument, "after today");
    n.paid_on = "2025-06-30";
    refuse(n, Errc::invalid_argument, "before the period");
    n.paid_on = "2026-01-09";
    n.reference = "";
    refuse(n, Errc::invalid_argument, "transaction reference");
    n.reference = "NG2";
    n.account = "09-999-9999-00";
    refuse(n, Errc::not_found, "nothing was ever billed");
    n.account = "03-011-0009-00";
    n.amount = Money();
    refuse(n, Errc::invalid_argument, "amount");
    n.amount = Money::taka(100);
    n.method = "cheque";
    refuse(n, Errc::invalid_argument, "method");
    CHECK(take(f.revenue.payments("holding_tax", "03-011-0009-00")).size() == 1);

    // Named instalments instead of the oldest first.
    auto named = f.pay("03-011-0009-00", Money::taka(5625), "2026-01-09", "cash", "", {"2025-26:3"});
    REQUIRE(named.allocations.size() == 1);
    CHECK(named.allocations[0].instalment == 3);
    f.ledger_balances();
}

TEST_CASE("Paying the whole year by the first due date earns the schedule's rebate", "[revenue]") {
    Fixture f;
    f.add();
    f.run("holding_tax", "2025-26");
    // 10% of Tk 22,500 off when the year is paid by 30 September.
    auto p = f.pay("03-011-0009-00", Money::taka(20250), "2025-09-15", "bank", "DBBL-77120");
    CHECK(p.rebate == Money::taka(2250));
    CHECK(f.outstanding("holding_tax", "03-011-0009-00") == Money());
    f.ledger_balances();

    // Late, or only in part: no rebate.
    f.add(sample_holding("03-011-0030-00"));
    f.run("holding_tax", "2025-26");
    auto late = f.revenue.pay(f.secretary.id, {"holding_tax", "03-011-0030-00", Money::taka(20250), "2025-10-01",
                                               "bank", "DBBL-77121", "", {}});
    REQUIRE(late);
    CHECK(late->rebate == Money());
    CHECK(f.outstanding("holding_tax", "03-011-0030-00") == Money::taka(2250));
    f.ledger_balances();
}

TEST_CASE("The ledger check finds records that disagree", "[revenue]") {
    Fixture f;
    f.add();
    f.run("holding_tax", "2025-26");
    f.pay("03-011-0009-00", Money::taka(6000), "2026-01-08");
    f.ledger_balances();
    REQUIRE(sql(f.db, "UPDATE dues SET paid = paid + 100 WHERE instalment = 3") == 0);
    auto c = take(f.revenue.check_ledger());
    CHECK_FALSE(c.ok);
    REQUIRE_FALSE(c.problems.empty());
    CHECK_THAT(c.problems.front(), Catch::Contains("allocations"));
}

TEST_CASE("The ledger balances after any sequence of runs, payments and reviews", "[revenue][property]") {
    Fixture f;
    std::mt19937 random(20261206);
    std::vector<std::string> numbers;
    for (int i = 0; i < 12; ++i) {
        auto h = sample_holding("0" + std::to_string(1 + i % 9) + "-001-00" + std::to_string(10 + i) + "-00", 1 + i % 9);
        h.monthly_rent = Money::taka(2000 + 1500 * i);
        if (i % 5 == 4) h.use = "religious";
        numbers.push_back(f.add(h).number);
    }
    int payments = 0;
    for (int step = 0; step < 300; ++step) {
        const auto& account = numbers[random() % numbers.size()];
        switch (random() % 6) {
            case 0: f.run("holding_tax", random() % 2 ? "2024-25" : "2025-26", static_cast<int>(random() % 10)); break;
            default: {
                const Money owed = f.outstanding("holding_tax", account);
                if (owed.is_zero()) break;
                const Money amount = Money::poisha(1 + static_cast<std::int64_t>(random() % owed.in_poisha()));
                NewPayment p{"holding_tax", account, amount, random() % 2 ? "2025-09-20" : "2026-01-02",
                             random() % 2 ? "cash" : "rocket", "R" + std::to_string(step), "", {}};
                auto r = f.revenue.pay(f.secretary.id, p);
                // The only refusals: 2025-26 dues paid before 2025-07... never; an amount above what is owed after a rebate.
                if (r) ++payments;
                else CHECK(r.error().code == Errc::invalid_argument);
            }
        }
    }
    CHECK(payments > 50);
    f.ledger_balances();
    auto c = take(f.revenue.check_ledger());
    CHECK(c.payments == payments);
}

TEST_CASE("A settlement file is reconciled: recorded, duplicate and unmatched rows", "[revenue]") {
    Fixture f;
    f.add();
    f.add(sample_holding("03-011-0040-00"));
    f.run("holding_tax", "2025-26");
    const std::string file =
        "reference,service,account,amount,paid_on\n"
        "TX1,holding_tax,03-011-0009-00,5625,2026-01-02\n"
        "TX2,holding_tax,03-011-0040-00,\"1,000.00\",2026-01-03\n"
        "TX3,holding_tax,09-999-0001-00,500,2026-01-03\n"
        "TX4,holding_tax,03-011-0040-00,99999,2026-01-03\n";
    auto r = take(f.revenue.import_payments(f.secretary.id, "bkash", file, "bkash-2026-01-03.csv"));
    CHECK(r.rows == 4);
    CHECK(r.recorded == 2);
    CHECK(r.unmatched == 2);
    CHECK(r.duplicates == 0);
    CHECK(r.amount == Money::taka(6625));
    REQUIRE(r.unmatched_sample.size() == 2);
    CHECK_THAT(r.unmatched_sample[0], Catch::Contains("row 4"));

    // The same file again records nothing new.
    auto again = take(f.revenue.import_payments(f.secretary.id, "bkash", file, "bkash-2026-01-03.csv"));
    CHECK(again.recorded == 0);
    CHECK(again.duplicates == 2);
    CHECK(f.outstanding("holding_tax", "03-011-0040-00") == Money::taka(22500 - 1000));

    // One bad row refuses the whole file, naming the row and the field.
    const std::string bad =
        "reference,service,account,amount,paid_on\n"
        "TX9,holding_tax,03-011-0040-00,100,2026-01-03\n"
        "TX10,holding_tax,03-011-0040-00,\"1,0,0,0,0\",2026-01-03\n"
        "TX11,holding_tax,03-011-0040-00,100,2026-13-03\n";
    auto refused = f.revenue.import_payments(f.secretary.id, "bkash", bad, "bad.csv");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::malformed_input);
    CHECK_THAT(refused.error().message, Catch::Contains("row 3, amount"));
    CHECK_THAT(refused.error().message, Catch::Contains("row 4, paid_on"));
    CHECK(f.outstanding("holding_tax", "03-011-0040-00") == Money::taka(22500 - 1000));
    CHECK_FALSE(f.revenue.import_payments(f.secretary.id, "bkash", "reference,account\nX,1\n", "x.csv"));
    CHECK_FALSE(f.revenue.import_payments(f.secretary.id, "bkash", "reference,service,account,amount,paid_on,extra\n", "x.csv"));
    f.ledger_balances();
}

TEST_CASE("A register imports whole or not at all", "[revenue]") {
    Fixture f;
    const std::string good =
        "number,ward,mohalla,use,occupancy,monthly_rent,owner_name_bn,owner_mobile,share\n"
        "02-022-0047-00,2,পূর্বপাড়া,residential,rented,8000,করিম মিয়া,01812345678,1\n"
        "02-022-0048-00,2,পূর্বপাড়া,commercial,owner_occupied,\"12,000\",সালমা বেগম;জসিম উদ্দিন,01912345678;,1/2;1/2\n";
    CHECK(take(f.revenue.import_register(f.secretary.id, "holdings", good)) == 2);
    auto h = take(f.revenue.holding("02-022-0048-00"));
    REQUIRE(h.owners.size() == 2);
    CHECK(h.owners[1].share == "1/2");
    CHECK(h.monthly_rent == Money::taka(12000));

    const std::string bad =
        "number,ward,use,monthly_rent,owner_name_bn\n"
        "02-022-0050-00,2,residential,5000,করিম মিয়া\n"
        "02-022-0051-00,22,residential,5000,করিম মিয়া\n"
        "02-022-0047-00,2,residential,5000,করিম মিয়া\n"
        "02-022-0052-00,2,castle,5000,করিম মিয়া\n";
    auto r = f.revenue.import_register(f.secretary.id, "holdings", bad);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("line 3: ward"));
    CHECK_THAT(r.error().message, Catch::Contains("line 4: number"));
    CHECK_THAT(r.error().message, Catch::Contains("line 5: use"));
    CHECK(f.revenue.holding("02-022-0050-00").error().code == Errc::not_found);

    const std::string connections =
        "number,holding,diameter,connected_on,flats\n"
        "W-0001,02-022-0047-00,1/2,2024-03-01,3\n";
    CHECK(take(f.revenue.import_register(f.secretary.id, "connections", connections)) == 1);
    CHECK(take(f.revenue.connection("W-0001")).flats == 3);
    auto unknown = f.revenue.import_register(f.secretary.id, "connections",
                                             "number,holding,diameter,connected_on\nW-0002,09-000-0000-00,1/2,2024-03-01\n");
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message, Catch::Contains("no holding"));
}

TEST_CASE("Mutation changes the owners and keeps what the holding owes", "[revenue]") {
    Fixture f;
    f.add();
    f.run("holding_tax", "2024-25");
    Owner heir;
    heir.name_bn = "সালমা বেগম";
    heir.share = "1";
    heir.mobile = "01912345678";
    auto m = take(f.revenue.mutate(f.secretary.id, "03-011-0009-00", {heir}, "2025-08-01", "inheritance"));
    REQUIRE(m.owners.size() == 1);
    CHECK(m.owners[0].name_bn == "সালমা বেগম");
    CHECK(f.outstanding("holding_tax", "03-011-0009-00") == Money::taka(21000));
    f.run("holding_tax", "2025-26");
    auto demands = take(f.revenue.demands("holding_tax", "03-011-0009-00"));
    CHECK(demands[0].payer_bn == "রহিম উদ্দিন");
    CHECK(demands[1].payer_bn == "সালমা বেগম");
    heir.share = "1/2";
    CHECK_FALSE(f.revenue.mutate(f.secretary.id, "03-011-0009-00", {heir}, "2025-08-01", ""));
}

TEST_CASE("Assessments: interim pro rata, and an objection reviewed", "[revenue]") {
    Fixture f;
    f.add();
    Assessment general;
    general.effective = "2025-07-01";
    general.annual_value = Money::taka(120000);
    take(f.revenue.assess(f.secretary.id, "03-011-0009-00", general));
    Assessment interim;
    interim.kind = "interim";
    interim.effective = "2026-01-01";
    interim.annual_value = Money::taka(240000);
    take(f.revenue.assess(f.secretary.id, "03-011-0009-00", interim));
    CHECK_FALSE(f.revenue.assess(f.secretary.id, "03-011-0009-00", interim));  // the same date twice

    f.run("holding_tax", "2025-26");
    auto d = take(f.revenue.demands("holding_tax", "03-011-0009-00"))[0];
    // Six months at 1,20,000 and six at 2,40,000: 1,80,000; 22.5% of it.
    CHECK(d.total == Money::taka(40500));
    bool pro_rata = false;
    for (const auto& line : d.bill["lines"]) pro_rata = pro_rata || line["code"] == "pro_rata";
    CHECK(pro_rata);

    // The owner objects; the board revises the interim value to 1,20,000.
    auto objected = take(f.revenue.object(f.secretary.id, "03-011-0009-00", "the extension is not finished"));
    CHECK(objected.status == "objected");
    CHECK(objected.effective == "2026-01-01");
    auto again = f.revenue.object(f.secretary.id, "03-011-0009-00", "again");
    REQUIRE_FALSE(again);
    CHECK(again.error().code == Errc::invalid_state);
    auto reviewed = take(f.revenue.review(f.secretary.id, "03-011-0009-00", Money::taka(120000), "board, 2026-01-09"));
    CHECK(reviewed.kind == "review");
    CHECK(f.outstanding("holding_tax", "03-011-0009-00") == Money::taka(27000));
    f.ledger_balances();
    auto list = take(f.revenue.assessments("03-011-0009-00"));
    REQUIRE(list.size() == 3);
    CHECK(list[1].status == "superseded");
}

TEST_CASE("Water connections are billed monthly, metered ones from their readings", "[revenue]") {
    Fixture f;
    f.add();
    WaterConnection flat;
    flat.number = "W-0001";
    flat.holding = "03-011-0009-00";
    flat.diameter = "1/2";
    flat.flats = 2;
    flat.connected_on = "2024-01-01";
    take(f.revenue.add_connection(f.secretary.id, flat));
    WaterConnection metered = flat;
    metered.number = "W-0002";
    metered.flats = 1;
    metered.metered = true;
    metered.meter_no = "M-77";
    take(f.revenue.add_connection(f.secretary.id, metered));
    REQUIRE(f.revenue.record_reading(f.secretary.id, "W-0002", "2025-06", 100000));
    REQUIRE(f.revenue.record_reading(f.secretary.id, "W-0002", "2025-07", 112000));
    auto backwards = f.revenue.record_reading(f.secretary.id, "W-0002", "2025-08", 90000);
    REQUIRE_FALSE(backwards);
    CHECK_THAT(backwards.error().message, Catch::Contains("backwards"));
    CHECK_FALSE(f.revenue.record_reading(f.secretary.id, "W-0001", "2025-07", 5));  // no meter

    auto july = f.run("water", "2025-07");
    CHECK(july.billed == 2);
    auto august = f.run("water", "2025-08");
    CHECK(august.billed == 1);  // the metered one has no August reading
    CHECK(august.skipped == 1);
    REQUIRE(august.problems.size() == 1);
    CHECK_THAT(august.problems[0], Catch::Contains("W-0002"));
    // July unpaid past its due date: August's flat bill carries it with the late surcharge.
    CHECK(august.surcharges == 1);
    // A year's bills made ahead surcharge nothing: no month is late yet when they are made.
    f.add(sample_holding("05-002-0001-00", 5));
    WaterConnection fresh = flat;
    fresh.number = "W-0003";
    fresh.holding = "05-002-0001-00";
    take(f.revenue.add_connection(f.secretary.id, fresh));
    f.office.set_time(1782864000);  // 2026-07-01
    auto year = f.run("water", "2026-27", 5);
    f.office.set_time(0);
    CHECK(year.billed == 12);
    CHECK(year.surcharges == 0);
    auto d = take(f.revenue.demands("water", "W-0001"));
    REQUIRE(d.size() == 2);
    CHECK(d[1].dues.size() == 2);
    f.ledger_balances();
}

TEST_CASE("A trade licence is issued when its fee is paid, renewed and surrendered", "[revenue]") {
    Fixture f;
    f.add();
    TradeLicence l;
    l.business_name_bn = "মায়ের দোয়া স্টোর";
    l.business_name_en = "Mayer Doa Store";
    l.owner_name_bn = "রহিম উদ্দিন";
    l.owner_name_en = "Rahim Uddin";
    l.owner_nid = "1990101234567";
    l.mobile = "01712345678";
    l.holding = "03-011-0009-00";
    l.ward = 3;
    l.address_bn = "মধ্যপাড়া, কালীগঞ্জ";
    l.category = "grocery";
    auto issued = take(f.revenue.issue_licence(f.secretary.id, l, 1, "2025-08-01"));
    CHECK(issued.status == "pending");
    CHECK(issued.first_year == "2025-2026");
    auto fee = take(f.revenue.demands("trade_licence", issued.number));
    REQUIRE(fee.size() == 1);
    REQUIRE(fee[0].total > Money());

    NewPayment p{"trade_licence", issued.number, fee[0].total, "2025-08-02", "cash", "", "", {}};
    take(f.revenue.pay(f.secretary.id, p));
    auto active = take(f.revenue.licence(issued.number));
    CHECK(active.status == "active");
    REQUIRE_FALSE(active.qr_text.empty());
    auto v = check(active.qr_text, f.trust());
    INFO(v.message_en + " " + v.detail);
    REQUIRE(v.verdict == Verdict::valid);
    CHECK(v.document["licence_no"] == issued.number);

    // Renewal: a demand for next year, with the source tax; the licence runs on once it is paid.
    auto renewed = take(f.revenue.renew_licence(f.secretary.id, issued.number, 1, "2026-01-05"));
    auto fees = take(f.revenue.demands("trade_licence", issued.number));
    REQUIRE(fees.size() == 2);
    CHECK(fees[1].period == "2026-2027");
    CHECK_FALSE(f.revenue.renew_licence(f.secretary.id, issued.number, 1, "2026-01-05"));
    take(f.revenue.pay(f.secretary.id, {"trade_licence", issued.number, fees[1].total, "2026-01-06", "cash", "", "", {}}));
    CHECK(take(f.revenue.licence(issued.number)).last_year == "2026-2027");
    (void)renewed;

    auto gone = take(f.revenue.surrender_licence(f.secretary.id, issued.number, "business closed"));
    CHECK(gone.status == "surrendered");
    // Its signed licence goes into the next trust bundle's revocations.
    auto revoked = take(f.office.revocation_list());
    REQUIRE(revoked.size() == 1);
    CHECK(revoked[0]["serial"] == gone.serial);
    CHECK_FALSE(f.revenue.renew_licence(f.secretary.id, issued.number, 1, "2026-01-07"));
    f.ledger_balances();
}

TEST_CASE("Reports: collection, demand and defaulters as rows, CSV and SVG", "[revenue]") {
    Fixture f;
    f.add();
    f.add(sample_holding("05-002-0001-00", 5));
    f.run("holding_tax", "2025-26");
    f.pay("03-011-0009-00", Money::taka(5625), "2025-09-20");
    f.pay("03-011-0009-00", Money::taka(1000), "2025-12-20");

    auto collection = take(f.revenue.report("collection", {"", "2025-26", 0}));
    REQUIRE(collection.size() == 2);
    CHECK(collection[0]["month"] == "2025-09");
    CHECK(collection[0]["amount_poisha"] == 562500);
    auto demand = take(f.revenue.report("demand", {"holding_tax", "", 0}));
    REQUIRE(demand.size() == 2);
    CHECK(demand[0]["ward"] == 3);
    CHECK(demand[0]["collection_poisha"] == 662500);
    // The first quarter paid by 30 September earned 5% of it off.
    CHECK(demand[0]["adjustments_poisha"] == -28100);
    CHECK(demand[0]["outstanding_poisha"] == (22500 - 6625 - 281) * 100);
    // On 2026-01-10 the first two instalments are past due.
    auto defaulters = take(f.revenue.report("defaulters", {"", "", 0}));
    REQUIRE(defaulters.size() == 2);
    CHECK(defaulters[0]["account"] == "05-002-0001-00");
    CHECK(defaulters[0]["mobile"] == "01712345678");

    const std::string csv = report_csv(demand);
    CHECK_THAT(csv, Catch::StartsWith("accounts,adjustments_poisha,collection_poisha"));
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
    auto svg = report_svg(collection, "month", "amount_poisha", "Collection by month");
    REQUIRE(svg);
    CHECK_THAT(*svg, Catch::Contains("<svg"));
    CHECK_THAT(*svg, Catch::Contains("Tk 5,625.00"));
    CHECK(std::count(svg->begin(), svg->end(), '<') > 8);
    CHECK_FALSE(report_svg(collection, "month", "no_such_column", "x"));
    CHECK_FALSE(f.revenue.report("everything", {}));
}

TEST_CASE("Assessments and scopes read from JSON as the front ends send them", "[revenue]") {
    auto a = assessment_from_json({{"effective", "2025-07-01"}, {"kind", "interim"}, {"annual_value", "1,20,000.50"},
                                   {"note", "extension"}});
    REQUIRE(a);
    CHECK(a->effective == "2025-07-01");
    CHECK(a->kind == "interim");
    CHECK(a->annual_value == Money::poisha(12000050));
    CHECK(a->note == "extension");
    auto computed = assessment_from_json({{"effective", "2025-07-01"}});
    REQUIRE(computed);
    CHECK(computed->kind == "general");
    CHECK(computed->annual_value.is_zero());
    auto misspelt = assessment_from_json({{"effective", "2025-07-01"}, {"value", 1}});
    REQUIRE_FALSE(misspelt);
    CHECK(misspelt.error().code == Errc::invalid_argument);
    CHECK_THAT(misspelt.error().message, Catch::Contains("value"));
    CHECK_FALSE(assessment_from_json({{"annual_value", "1,0,0"}}));
    CHECK_FALSE(assessment_from_json(nlohmann::json::array()));

    auto s = scope_from_json({{"service", "water"}, {"period", "2025-07"}, {"ward", 4}});
    REQUIRE(s);
    CHECK(s->service == "water");
    CHECK(s->period == "2025-07");
    CHECK(s->ward == 4);
    auto all = scope_from_json(nlohmann::json::object());
    REQUIRE(all);
    CHECK(all->service.empty());
    CHECK(all->ward == 0);
    CHECK_FALSE(scope_from_json({{"ward", "three"}}));
    CHECK_FALSE(scope_from_json({{"year", "2025-26"}}));
}
