// The revenue section killed with SIGKILL in the middle of a bill run and of
// a settlement import, again and again: a bill run is all or nothing, an
// import records each payment once, and running either again completes it.
#include <poura/poura.hpp>
#include <poura/revenue.hpp>

#include "office_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <random>

using namespace poura;
using namespace poura::revenue;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1768035600;  // 2026-01-10
constexpr int kHoldings = 3000;

using test::query;

std::string holding_number(int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d-%03d-%04d-00", 1 + i % 9, i / 100, i % 100);
    return buf;
}

struct Setup {
    fs::path dir;
    fs::path db;
    Keyset keyset = Keyset::create(PrivateKey::generate().value(), kNow - 400 * 86400);
    std::int64_t secretary = 0;
    std::string settlement;

    static OfficeOptions options() {
        OfficeOptions o;
        for (const auto& entry : fs::directory_iterator(POURA_SOURCE_DIR "/examples/schedules"))
            REQUIRE(o.schedules.add(test::read_file(entry.path().string()), entry.path().string()));
        o.now = kNow;
        return o;
    }

    Setup() {
        dir = test::temp_dir("revenue-crash");
        db = dir / "office.db";
        auto office = Office::create(db.string(), test::kaliganj(), options());
        REQUIRE(office);
        secretary = test::add_user(*office, "secretary", Role::secretary).id;
        std::string csv = "number,ward,use,occupancy,monthly_rent,owner_name_bn,owner_mobile\n";
        settlement = "reference,service,account,amount,paid_on\n";
        for (int i = 0; i < kHoldings; ++i) {
            csv += holding_number(i) + "," + std::to_string(1 + i % 9) + ",residential,rented," +
                   std::to_string(3000 + i) + ",রহিম উদ্দিন,01712345678\n";
            settlement += "BK" + std::to_string(100000 + i) + ",holding_tax," + holding_number(i) + ",500,2026-01-0" +
                          std::to_string(1 + i % 9) + "\n";
        }
        Revenue revenue(*office);
        auto imported = revenue.import_register(secretary, "holdings", csv);
        REQUIRE(imported);
        REQUIRE(*imported == kHoldings);
    }
    ~Setup() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    template <typename Work>
    [[noreturn]] void child(Work work) const {
        auto office = Office::open(db.string(), options());
        if (!office) _exit(2);
        office->set_keyset(keyset);
        Revenue revenue(*office);
        _exit(work(revenue) ? 0 : 3);
    }

    // Forks `work` and kills it after `delay_us`; false when it finished first.
    template <typename Work>
    bool kill_during(Work work, int delay_us) const {
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) child(work);
        int status = 0;
        // Waits for the delay, or less when the worker is done (or killed itself) sooner.
        pid_t ended = 0;
        for (int waited = 0; waited < delay_us && ended == 0; waited += 1000) {
            usleep(1000);
            ended = waitpid(pid, &status, WNOHANG);
        }
        if (ended == 0) {
            kill(pid, SIGKILL);
            ended = waitpid(pid, &status, 0);
        }
        REQUIRE(ended == pid);
        if (WIFEXITED(status)) {
            REQUIRE(WEXITSTATUS(status) == 0);
            return false;
        }
        return true;
    }

    void check_consistent() const {
        CHECK(query(db, "PRAGMA integrity_check") == "ok");
        CHECK(query(db, "PRAGMA foreign_key_check") == "");
        auto office = Office::open(db.string(), options());
        REQUIRE(office);
        auto audit = office->verify_audit();
        REQUIRE(audit);
        INFO(audit->message);
        CHECK(audit->ok);
        Revenue revenue(*office);
        auto ledger = revenue.check_ledger();
        REQUIRE(ledger);
        INFO((ledger->problems.empty() ? std::string() : ledger->problems.front()));
        CHECK(ledger->ok);
    }
};

}  // namespace

TEST_CASE("A bill run killed half-way leaves nothing, and runs again whole", "[revenue][reliability]") {
    Setup s;
    std::mt19937 random(20261206);
    int killed = 0;
    for (int round = 0; round < 12; ++round) {
        // The first worker kills itself half-way through the run, for certain;
        // the others are killed from outside after a while that doubles.
        const bool was_killed = s.kill_during(
            [&](Revenue& r) {
                return static_cast<bool>(r.run_bills(s.secretary, {"holding_tax", "2025-26", 0},
                                                      [&](std::int64_t done, std::int64_t total) {
                                                          if (round == 0 && done >= total / 2) raise(SIGKILL);
                                                      }));
            },
            round == 0 ? 10'000'000 : std::min(2000 << round, 5'000'000) + static_cast<int>(random() % 2000));
        killed += was_killed;
        const int demands = std::stoi(query(s.db, "SELECT count(*) FROM demands"));
        if (round == 0) CHECK(demands == 0);
        // All or nothing: never a part of the run.
        CHECK((demands == 0 || demands == kHoldings));
        CHECK(query(s.db, "SELECT count(*) FROM bill_runs WHERE summary = '{}'") == "0");
        if (demands == kHoldings) break;
    }
    CHECK(killed > 0);
    auto office = Office::open(s.db.string(), Setup::options());
    REQUIRE(office);
    Revenue revenue(*office);
    auto run = revenue.run_bills(s.secretary, {"holding_tax", "2025-26", 0});
    REQUIRE(run);
    CHECK(run->billed + run->already_billed == kHoldings);
    CHECK(query(s.db, "SELECT count(*) FROM demands") == std::to_string(kHoldings));
    CHECK(query(s.db, "SELECT count(*) FROM dues") == std::to_string(4 * kHoldings));
    s.check_consistent();
}

TEST_CASE("A settlement import killed again and again records each payment once", "[revenue][reliability]") {
    Setup s;
    {
        auto office = Office::open(s.db.string(), Setup::options());
        REQUIRE(office);
        Revenue revenue(*office);
        REQUIRE(revenue.run_bills(s.secretary, {"holding_tax", "2025-26", 0}));
    }
    std::mt19937 random(7);
    int killed = 0;
    for (int round = 0; round < 15; ++round) {
        // The first worker kills itself after its second batch, for certain.
        killed += s.kill_during(
            [&](Revenue& r) {
                return static_cast<bool>(r.import_payments(s.secretary, "bkash", s.settlement, "bkash.csv",
                                                           [&](std::int64_t done, std::int64_t) {
                                                               if (round == 0 && done >= 1000) raise(SIGKILL);
                                                           }));
            },
            round == 0 ? 60'000'000 : std::min(4000 << round, 5'000'000) + static_cast<int>(random() % 4000));
        // Never a payment twice, never a payment without its allocation and receipt.
        CHECK(query(s.db, "SELECT count(*) FROM (SELECT reference FROM payments GROUP BY reference HAVING count(*) > 1)") == "0");
        CHECK(query(s.db, "SELECT count(*) FROM payments WHERE receipt_qr = ''") == "0");
        CHECK(query(s.db, "SELECT count(*) FROM payments p WHERE amount <> "
                          "(SELECT coalesce(sum(amount), 0) FROM allocations a WHERE a.payment = p.id)") == "0");
        // Killed after its second batch: exactly those two batches are in.
        if (round == 0) CHECK(query(s.db, "SELECT count(*) FROM payments") == "1000");
        if (query(s.db, "SELECT count(*) FROM payments") == std::to_string(kHoldings)) break;
    }
    CHECK(killed > 0);
    const int before = std::stoi(query(s.db, "SELECT count(*) FROM payments"));
    auto office = Office::open(s.db.string(), Setup::options());
    REQUIRE(office);
    office->set_keyset(s.keyset);
    Revenue revenue(*office);
    auto report = revenue.import_payments(s.secretary, "bkash", s.settlement, "bkash.csv");
    REQUIRE(report);
    CHECK(report->duplicates == before);
    CHECK(report->recorded == kHoldings - before);
    CHECK(report->unmatched == 0);
    CHECK(query(s.db, "SELECT count(*) FROM payments") == std::to_string(kHoldings));
    CHECK(query(s.db, "SELECT sum(amount) FROM payments") == std::to_string(kHoldings * 50000));
    CHECK(query(s.db, "SELECT count(*) FROM sms_outbox WHERE event = 'payment'") == std::to_string(kHoldings));
    s.check_consistent();
}
