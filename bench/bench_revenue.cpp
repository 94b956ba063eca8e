// poura_bench_revenue: the revenue section's figures, each beside what bounds it.
//   1. Importing a register of holdings (one transaction).
//   2. A bill run over every holding, demands and their explained lines
//      stored, against the fee engine pricing the same holdings alone.
//   3. A settlement file of payments reconciled (each payment allocated,
//      receipted, signed, its SMS queued and audited), against signing the
//      receipts alone.
//   4. The ledger check over all of it.
//
//   poura_bench_revenue [--quick] [--holdings N] [--payments N] [--dir DIR]
#include "need.hpp"
#include "report.hpp"

#include <poura/poura.hpp>
#include <poura/revenue.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace poura;
using namespace poura::bench;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1768035600;  // 2026-01-10, in the sample schedules' fiscal year

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string holding_number(int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d-%03d-%04d-00", 1 + i % 9, i / 1000, i % 1000);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    int holdings = 100'000, payments = 1'000'000;
    fs::path dir;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
        else if (std::strcmp(argv[i], "--holdings") == 0 && i + 1 < argc) holdings = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--payments") == 0 && i + 1 < argc) payments = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) dir = argv[++i];
        else {
            std::cerr << "usage: poura_bench_revenue [--quick] [--holdings N] [--payments N] [--dir DIR]\n";
            return 2;
        }
    }
    if (quick) holdings = 2'000, payments = 4'000;
    if (holdings < 10 || payments < 10 || holdings > 10'000'000 || payments > 100'000'000) {
        std::cerr << "poura_bench_revenue: --holdings and --payments are 10 to 10^7 / 10^8\n";
        return 2;
    }
    const bool own_dir = dir.empty();
    if (own_dir) {
        char tmpl[] = "/tmp/poura-bench-revenue-XXXXXX";
        if (!mkdtemp(tmpl)) return 3;
        dir = tmpl;
    }
    const fs::path db = dir / "revenue.db";
    fs::remove(db);
    fs::remove(dir / "revenue.db-wal");
    fs::remove(dir / "revenue.db-shm");
    std::cout << "Poura " << version() << " revenue benchmark" << (quick ? " (quick)" : "") << ", database in " << dir
              << "\n";
    Checks checks;

    OfficeOptions options;
    for (const auto& entry : fs::directory_iterator(POURA_SCHEDULES_DIR))
        need(options.schedules.add(read(entry.path()), entry.path().string()), "schedule");
    options.now = kNow;
    Municipality m;
    m.code = "kaliganj";
    m.name_bn = "কালীগঞ্জ পৌরসভা";
    m.name_en = "Kaliganj Pourashava";
    m.body_class = "B";
    m.wards = 9;
    Office office = need(Office::create(db.string(), m, options), "create");
    const Keyset keyset = Keyset::create(PrivateKey::generate().value(), kNow - 400 * 86400);
    office.set_keyset(keyset);
    User clerk;
    clerk.login = "secretary";
    clerk.name = "Secretary";
    clerk.role = Role::secretary;
    const auto secretary = need(office.add_user(clerk), "user").id;
    revenue::Revenue revenue(office);

    // 1. The register.
    std::string csv = "number,ward,use,occupancy,monthly_rent,owner_name_bn,owner_mobile\n";
    csv.reserve(static_cast<std::size_t>(holdings) * 80);
    for (int i = 0; i < holdings; ++i)
        csv += holding_number(i) + "," + std::to_string(1 + i % 9) + (i % 50 == 7 ? ",religious," : ",residential,") +
               (i % 3 ? "rented," : "owner_occupied,") + std::to_string(2000 + i % 20000) + ",রহিম উদ্দিন,01712345678\n";
    auto start = std::chrono::steady_clock::now();
    checks.expect(need(revenue.import_register(secretary, "holdings", csv), "import") == holdings, "every holding imported");
    const double import_s = seconds_since(start);

    // 2. The bill run against the engine alone.
    start = std::chrono::steady_clock::now();
    const auto run = need(revenue.run_bills(secretary, {"holding_tax", "2025-26", 0}), "bill run");
    const double run_s = seconds_since(start);
    checks.expect(run.billed == holdings, "every holding billed");
    start = std::chrono::steady_clock::now();
    Money engine_total;
    for (int i = 0; i < holdings; ++i) {
        fees::HoldingTaxInput in;
        in.municipality = "kaliganj";
        in.fiscal_year = "2025-26";
        in.use = i % 50 == 7 ? "religious" : "residential";
        in.occupancy = i % 3 ? "rented" : "owner_occupied";
        in.monthly_rent = Money::taka(2000 + i % 20000);
        engine_total += need(fees::holding_tax(options.schedules, in), "engine").total;
    }
    const double engine_s = seconds_since(start);
    checks.expect(engine_total == run.demand, "the run's demand is the engine's");
    const auto again = need(revenue.run_bills(secretary, {"holding_tax", "2025-26", 0}), "bill run again");
    checks.expect(again.billed == 0 && again.already_billed == holdings, "a second run bills nothing");

    section(std::cout, "Registers and bill runs (one core)");
    Table t1({"measurement", "holdings", "seconds", "holdings/s", "× engine alone"});
    t1.add({"register import (CSV, checked, one transaction)", grouped(holdings), fixed(import_s, 2),
            grouped(holdings / import_s), "-"});
    t1.add({"bill run (demands, dues, explained lines stored)", grouped(holdings), fixed(run_s, 2),
            grouped(holdings / run_s), fixed(run_s / engine_s, 2)});
    t1.add({"fee engine alone, same holdings", grouped(holdings), fixed(engine_s, 2), grouped(holdings / engine_s), "1.00"});
    t1.print(std::cout);
    std::cout << "goal: a run over 100,000 holdings in under 10 s on one core: "
              << (holdings >= 100'000 ? (run_s * 100'000 / holdings < 10 ? "met" : "NOT met") : "not measured at this size")
              << "\n";

    // 3. Payments: a settlement file, Tk 50 each, spread over the holdings' dues.
    std::string settlement = "reference,service,account,amount,paid_on\n";
    settlement.reserve(static_cast<std::size_t>(payments) * 50);
    int made = 0;
    for (int i = 0; made < payments; ++i) {
        if (i % 50 == 7) continue;  // exempt: owes nothing
        const int holding = i % holdings;
        if (holding % 50 == 7) continue;
        settlement += "BK" + std::to_string(10'000'000 + made) + ",holding_tax," + holding_number(holding) +
                      ",50,2026-01-0" + std::to_string(1 + made % 9) + "\n";
        ++made;
    }
    start = std::chrono::steady_clock::now();
    const auto imported = need(revenue.import_payments(secretary, "bkash", settlement, "bench.csv"), "payments");
    const double pay_s = seconds_since(start);
    checks.expect(imported.recorded == payments, "every payment recorded");
    // Signing the same receipts alone: what every payment must cost at least.
    const int sign_n = quick ? 2'000 : 20'000;
    nlohmann::json receipt = {{"type", "receipt"},     {"municipality", "kaliganj"}, {"service", "holding_tax"},
                              {"period", "2025-2026"}, {"amount_poisha", 5000},      {"payer_name_bn", "রহিম উদ্দিন"},
                              {"reference", "01-000-0001-00"}, {"paid_on", "2026-01-02"}, {"method", "mobile"}};
    IssueOptions io;
    io.issuer = "kaliganj";
    io.issued_at = kNow;
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < sign_n; ++i) {
        io.serial = "R-" + std::to_string(i);
        need(issue(receipt, keyset, io), "sign");
    }
    const double sign_each = seconds_since(start) / sign_n;

    // 4. The ledger check over it all.
    start = std::chrono::steady_clock::now();
    const auto ledger = need(revenue.check_ledger(), "ledger");
    const double ledger_s = seconds_since(start);
    checks.expect(ledger.ok, "the ledger balances");
    checks.expect(ledger.payments == payments, "the ledger counts every payment");

    section(std::cout, "Payments and the ledger (one core)");
    Table t2({"measurement", "count", "seconds", "per second", "µs each"});
    t2.add({"settlement import: allocate, sign receipt, SMS, audit (batches of 500)", grouped(payments), fixed(pay_s, 1),
            grouped(payments / pay_s), fixed(pay_s / payments * 1e6, 1)});
    t2.add({"signing the receipts alone", grouped(sign_n), fixed(sign_each * sign_n, 2), grouped(1 / sign_each),
            fixed(sign_each * 1e6, 1)});
    t2.add({"ledger check (totals and every row re-added)", grouped(payments), fixed(ledger_s, 2),
            grouped(payments / ledger_s), "-"});
    t2.print(std::cout);
    std::cout << "import / signing alone: " << fixed(pay_s / payments / sign_each, 2) << "×; database "
              << fixed(static_cast<double>(fs::file_size(db)) / 1e6, 1) << " MB\n";

    if (own_dir) fs::remove_all(dir);
    for (const auto& f : checks.failures()) std::cerr << "FAILED: " << f << "\n";
    return checks.failures().empty() ? 0 : 1;
}
