// The office under failure: a worker killed with SIGKILL at random points
// of the workflow, again and again, and a disk that fills up. What was
// committed must stay whole: no half-issued certificate, no serial given
// twice, an intact audit chain and a database SQLite finds sound.
#include <poura/office.hpp>
#include <poura/poura.hpp>

#include "office_support.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <random>

using namespace poura;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1768035600;  // 2026-01-10

// One value from the sqlite3 shell.
using test::query;

struct Setup {
    fs::path dir;
    fs::path db;
    Keyset keyset = Keyset::create(PrivateKey::generate().value(), kNow - 86400);
    std::int64_t citizen = 0, councilor = 0, mayor = 0, secretary = 0;

    static OfficeOptions options() {
        OfficeOptions o;
        o.now = kNow;
        o.checkpoint_every = 7;  // checkpoints get interrupted too
        return o;
    }

    Setup() {
        dir = test::temp_dir("crash");
        db = dir / "office.db";
        auto office = Office::create(db.string(), test::kaliganj(), options());
        REQUIRE(office);
        auto add = [&](const char* login, Role role, int ward) { return test::add_user(*office, login, role, ward).id; };
        citizen = add("udc", Role::digital_centre, 0);
        councilor = add("karim", Role::councilor, 3);
        mayor = add("mayor", Role::mayor, 0);
        secretary = add("secretary", Role::secretary, 0);
    }
    ~Setup() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    // The whole workflow for one application after another, until killed.
    [[noreturn]] void work(int seed) const {
        auto office = Office::open(db.string(), options());
        if (!office) _exit(2);
        office->set_keyset(keyset);
        auto doc = nlohmann::json::parse(test::read_file(POURA_SOURCE_DIR "/examples/documents/citizenship.json"));
        for (int i = 0;; ++i) {
            doc["nid"] = "19901" + std::to_string(10000000 + (seed * 10007 + i) % 89999999);
            NewApplication n;
            n.document = doc;
            n.mobile = "01712345678";
            auto a = office->apply(citizen, n);
            if (!a) _exit(3);
            if (!office->act(councilor, a->id, Action::recommend)) _exit(4);
            if (!office->act(mayor, a->id, Action::approve)) _exit(5);
            auto issued = office->act(secretary, a->id, Action::issue);
            if (!issued) _exit(6);
            if (!office->print(secretary, issued->serial)) _exit(7);
        }
    }

    // Everything committed is whole and consistent.
    void check_consistent() const {
        CHECK(query(db, "PRAGMA integrity_check") == "ok");
        CHECK(query(db, "PRAGMA foreign_key_check") == "");
        auto office = Office::open(db.string(), options());
        REQUIRE(office);
        office->set_keyset(keyset);
        auto audit = office->verify_audit();
        REQUIRE(audit);
        CHECK(audit->ok);
        INFO(audit->message);
        const std::string certificates = query(db, "SELECT count(*) FROM certificates");
        // Issued applications and registry rows match one to one, with the serial on both.
        CHECK(query(db, "SELECT count(*) FROM applications WHERE state = 'issued'") == certificates);
        CHECK(query(db, "SELECT count(*) FROM applications a JOIN certificates c ON c.serial = a.serial "
                        "AND c.application = a.id WHERE a.state = 'issued'") == certificates);
        CHECK(query(db, "SELECT count(*) FROM applications WHERE state <> 'issued' AND serial <> ''") == "0");
        // Each issue has its action, its key-use audit entry and its SMS; no number was used up or given twice.
        CHECK(query(db, "SELECT count(*) FROM actions WHERE action = 'issue'") == certificates);
        CHECK(query(db, "SELECT count(*) FROM audit_log WHERE event = 'key_use'") == certificates);
        CHECK(query(db, "SELECT count(*) FROM sms_outbox WHERE event = 'issued'") == certificates);
        CHECK(query(db, "SELECT coalesce(max(last), 0) FROM serials") == certificates);
        // Every action of every application is in the audit log.
        CHECK(query(db, "SELECT count(*) FROM actions WHERE action <> 'print'") ==
              query(db, "SELECT count(*) FROM audit_log WHERE subject LIKE 'application:%'"));
    }
};

}  // namespace

TEST_CASE("Killing the office at random points loses nothing committed", "[office][reliability]") {
    Setup s;
    std::mt19937 random(20261206);
    std::uniform_int_distribution<int> delay_us(2000, 40000);
    constexpr int kKills = 120;
    int killed = 0;
    for (int round = 0; round < kKills; ++round) {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) s.work(round);
        usleep(static_cast<useconds_t>(delay_us(random)));
        kill(child, SIGKILL);
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        // A worker that stopped by itself hit an error: that is a failure too.
        if (WIFEXITED(status)) FAIL("worker exited with " << WEXITSTATUS(status) << " in round " << round);
        killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        if (round % 40 == 39) s.check_consistent();
    }
    CHECK(killed == kKills);
    s.check_consistent();
    const auto issued = std::stoi(query(s.db, "SELECT count(*) FROM certificates"));
    CHECK(issued > 10);  // the workers got somewhere between the kills
}

TEST_CASE("A full disk gives a clear error and keeps what was committed", "[office][reliability]") {
    Setup s;
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The files may not grow past 1 MiB more than they are: writes then fail
        // as on a full disk (EFBIG rather than a signal).
        signal(SIGXFSZ, SIG_IGN);
        std::error_code ec;
        const auto size = fs::file_size(s.db, ec) + 1024 * 1024;
        rlimit limit{size, size};
        if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(10);
        auto office = Office::open(s.db.string(), Setup::options());
        if (!office) _exit(11);
        office->set_keyset(s.keyset);
        auto doc = nlohmann::json::parse(test::read_file(POURA_SOURCE_DIR "/examples/documents/citizenship.json"));
        for (int i = 0; i < 100000; ++i) {
            doc["nid"] = "19901" + std::to_string(10000000 + i);
            NewApplication n;
            n.document = doc;
            n.mobile = "01712345678";
            auto a = office->apply(s.citizen, n);
            if (!a) {
                // The error names the storage, and the office still answers.
                if (a.error().code != Errc::storage) _exit(12);
                if (a.error().message.find("disk") == std::string::npos) _exit(15);
                std::fprintf(stderr, "after %d applications: %s\n", i, a.error().message.c_str());
                if (!office->application(1)) _exit(13);
                _exit(0);
            }
        }
        _exit(14);  // never filled up
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const auto applications = std::stoi(query(s.db, "SELECT count(*) FROM applications"));
    CHECK(applications > 10);
    s.check_consistent();
    // With room again, work goes on where it stopped.
    auto office = Office::open(s.db.string(), Setup::options());
    REQUIRE(office);
    NewApplication n;
    n.document = nlohmann::json::parse(test::read_file(POURA_SOURCE_DIR "/examples/documents/citizenship.json"));
    n.mobile = "01712345678";
    auto a = office->apply(s.citizen, n);
    REQUIRE(a);
    CHECK(a->id == applications + 1);
}
