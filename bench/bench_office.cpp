// poura_bench_office: the office's figures, each beside what bounds it.
//   1. Issuing into the store (sign, registry row, action, audit entry, SMS;
//      each issue its own durable transaction) against a bare durable SQLite
//      transaction of one row and against Ed25519 signing alone.
//   2. A work-queue query over a table of a million applications.
//   3. Re-verifying the whole registry on one core and on every core.
//
//   poura_bench_office [--quick] [--applications N] [--registry N] [--dir DIR]
#include "need.hpp"
#include "report.hpp"
#include "timer.hpp"

#include "store/sqlite.hpp"
#include "store/store.hpp"

#include <poura/office.hpp>
#include <poura/poura.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

using namespace poura;
using namespace poura::bench;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1768035600;  // 2026-01-10, in the sample schedules' fiscal year

nlohmann::json sample_document() {
    std::ifstream in(POURA_EXAMPLES_DIR "/citizenship.json");
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

struct Office_ {
    Office office;
    std::int64_t udc = 0, councilor = 0, mayor = 0, secretary = 0;
};

Office_ make_office(const fs::path& db, const Keyset& keyset) {
    Municipality m;
    m.code = "kaliganj";
    m.name_bn = "কালীগঞ্জ পৌরসভা";
    m.name_en = "Kaliganj Pourashava";
    m.body_class = "B";
    OfficeOptions options;
    options.now = kNow;
    Office_ o{need(Office::create(db.string(), m, options), "create the office")};
    o.office.set_keyset(keyset);
    auto add = [&](const char* login, Role role, int ward) {
        User u;
        u.login = login;
        u.name = login;
        u.role = role;
        u.ward = ward;
        return need(o.office.add_user(u), "add a user").id;
    };
    o.udc = add("udc", Role::digital_centre, 0);
    o.councilor = add("karim", Role::councilor, 3);
    o.mayor = add("mayor", Role::mayor, 0);
    o.secretary = add("secretary", Role::secretary, 0);
    return o;
}

std::string nid(std::int64_t i) { return "19901" + std::to_string(10000000 + i); }

// 1. Issuing, in blocks taken in turns with the two bounds.
void bench_issue(const fs::path& dir, const Keyset& keyset, std::size_t n, Checks& checks) {
    section(std::cout, "1. Issuing into the store, each issue one durable transaction (WAL, synchronous=FULL)");
    Office_ o = make_office(dir / "issue.db", keyset);
    auto doc = sample_document();
    std::vector<std::int64_t> approved;
    const auto prepare = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < n; ++i) {
        doc["nid"] = nid(static_cast<std::int64_t>(i));
        NewApplication a;
        a.document = doc;
        a.mobile = "01712345678";
        const auto id = need(o.office.apply(o.udc, a), "apply").id;
        need(o.office.act(o.councilor, id, Action::recommend), "recommend");
        need(o.office.act(o.mayor, id, Action::approve), "approve");
        approved.push_back(id);
    }
    std::cout << "  prepared " << n << " approved applications in " << fixed(seconds_since(prepare), 1) << " s\n";

    // The bound of the store: one durable transaction inserting one row of a
    // certificate's size, in a database of its own beside the office's.
    sqlite3* raw = nullptr;
    sqlite3_open((dir / "bare.db").string().c_str(), &raw);
    need(store::exec(raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                          "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;"),
         "the bare database");
    const std::string body(1500, 'x');
    store::StatementCache cache;  // prepared once, as the office's are
    auto bare_commit = [&] {
        bool ok = static_cast<bool>(store::exec(raw, "BEGIN IMMEDIATE"));
        {
            store::Statement s(raw, cache, "INSERT INTO t (body) VALUES (?)");
            s.bind(1, body);
            ok = ok && s.run();
        }
        ok = ok && store::exec(raw, "COMMIT");
        if (!ok) checks.expect(false, "a bare commit succeeded");
    };
    const PrivateKey& key = keyset.primary().key;
    const Bytes message(600, 0x42);
    auto sign = [&] { checks.expect(key.sign(message).value().size() == 64, "signing gives 64 bytes"); };
    std::size_t next = 0;
    std::size_t failures = 0;
    auto issue = [&] {
        if (next >= approved.size() || !o.office.act(o.secretary, approved[next++], Action::issue)) ++failures;
    };
    const std::size_t per_round = 20;
    const std::size_t rounds = n / per_round;
    const auto samples = interleave({timed(issue), timed(bare_commit), timed(sign)}, rounds, per_round);
    sqlite3_close_v2(raw);  // closed for good when the cache finalizes its statement
    checks.expect(failures == 0, "every timed issue succeeded");
    const double issue_ns = samples[0].median(), bare_ns = samples[1].median(), sign_ns = samples[2].median();
    Table table({"measurement", "iterations", "µs/op", "per second", "issue / this"});
    table.add({"Office::act(issue): serial, sign, registry, action, audit, SMS", iterations(rounds, per_round),
               microseconds(issue_ns), per_second(issue_ns), "1.00"});
    table.add({"bare SQLite: one durable transaction, one 1.5 kB row", iterations(rounds, per_round),
               microseconds(bare_ns), per_second(bare_ns), fixed(issue_ns / bare_ns, 2)});
    table.add({"Ed25519 signing alone (600 bytes)", iterations(rounds, per_round), microseconds(sign_ns),
               per_second(sign_ns), fixed(issue_ns / sign_ns, 2)});
    table.print(std::cout);
    // Where an issue's time goes: the CPU's share, the rest waiting on the disk.
    std::vector<std::int64_t> more;
    for (std::size_t i = 0; i < std::min<std::size_t>(n / 4, 500); ++i) {
        doc["nid"] = nid(static_cast<std::int64_t>(n + i));
        NewApplication a;
        a.document = doc;
        a.mobile = "01712345678";
        const auto id = need(o.office.apply(o.udc, a), "apply").id;
        need(o.office.act(o.councilor, id, Action::recommend), "recommend");
        more.push_back(need(o.office.act(o.mayor, id, Action::approve), "approve").id);
    }
    auto cpu_now = [] {
        rusage r{};
        getrusage(RUSAGE_SELF, &r);
        auto us = [](const timeval& t) { return 1e6 * static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec); };
        return std::pair<double, double>{us(r.ru_utime), us(r.ru_stime)};
    };
    const auto cpu_start = cpu_now();
    const auto wall_start = std::chrono::steady_clock::now();
    for (auto id : more) need(o.office.act(o.secretary, id, Action::issue), "issue");
    const double count = static_cast<double>(more.size());
    const double wall_us = 1e6 * seconds_since(wall_start) / count;
    const auto cpu_end = cpu_now();
    const double user_us = (cpu_end.first - cpu_start.first) / count, system_us = (cpu_end.second - cpu_start.second) / count;
    std::cout << "  an issue: " << fixed(wall_us, 0) << " µs, of which " << fixed(user_us, 0) << " µs in Poura and SQLite, "
              << fixed(system_us, 0) << " µs in the kernel (writes and fsync), the rest waiting on the disk ("
              << more.size() << " issues)\n";
    // Everything issued verifies and the chain holds.
    auto audit = need(o.office.verify_audit(), "verify the audit log");
    checks.expect(audit.ok, "the audit chain is intact after the timed issues");
}

// 2. Work queues over a large table, filled in one transaction through the store.
void bench_queue(const fs::path& dir, const Keyset& keyset, std::size_t n, Checks& checks) {
    section(std::cout, "2. Work queues over " + grouped(static_cast<double>(n)) + " applications");
    const fs::path db = dir / "queue.db";
    Office_ o = make_office(db, keyset);
    const auto fill = std::chrono::steady_clock::now();
    {
        auto st = need(store::Store::open(db.string(), false), "open the store");
        const auto doc = sample_document();
        need(st.transaction([&]() -> Status {
                 std::vector<std::int64_t> persons;
                 for (int p = 0; p < 1000; ++p) {
                     Person person;
                     person.nid = nid(p);
                     person.name_bn = "নাম";
                     person.ward = 1 + p % 9;
                     persons.push_back(need(st.upsert_person(person), "a person"));
                 }
                 static const ApplicationState states[] = {ApplicationState::submitted, ApplicationState::recommended,
                                                           ApplicationState::approved, ApplicationState::issued,
                                                           ApplicationState::issued, ApplicationState::issued,
                                                           ApplicationState::rejected};
                 Application a;
                 a.type = "citizenship";
                 a.document = doc;
                 a.submitted_by = o.udc;
                 a.mobile = "01712345678";
                 for (std::size_t i = 0; i < n; ++i) {
                     a.person = persons[i % persons.size()];
                     a.ward = 1 + static_cast<int>(i % 9);
                     a.state = states[i % 7];
                     a.submitted_at = a.updated_at = kNow - static_cast<std::int64_t>(n - i) * 600;  // one every ten minutes
                     a.due_at = a.submitted_at + 86400;
                     auto id = st.insert_application(a);
                     if (!id) return std::move(id).error();
                 }
                 return {};
             }),
             "fill the applications");
    }
    std::cout << "  filled in " << fixed(seconds_since(fill), 1) << " s\n";
    struct Query {
        const char* what;
        std::int64_t actor;
        QueueFilter filter;
    };
    QueueFilter overdue;
    overdue.overdue_only = true;
    overdue.now = kNow;
    QueueFilter all_issued;
    all_issued.state = ApplicationState::issued;
    all_issued.limit = 100;
    const std::vector<Query> queries = {
        {"councilor of ward 3: submitted, oldest 100", o.councilor, {}},
        {"mayor: recommended, oldest 100", o.mayor, {}},
        {"councilor of ward 3: overdue", o.councilor, overdue},
        {"secretary: issued, oldest 100", o.secretary, all_issued},
    };
    Table table({"query", "rows", "ms (median of 21)"});
    for (const auto& q : queries) {
        std::vector<double> ms;
        std::size_t rows = 0;
        for (int i = 0; i < 21; ++i) {
            const auto start = std::chrono::steady_clock::now();
            rows = need(o.office.queue(q.actor, q.filter), "a queue").size();
            ms.push_back(1000 * seconds_since(start));
        }
        checks.expect(rows > 0 && rows <= 100, std::string("the queue '") + q.what + "' has rows");
        table.add({q.what, std::to_string(rows), fixed(median(ms), 2)});
    }
    table.print(std::cout);
}

// 3. The registry verified again, on one thread and on every core.
void bench_registry(const fs::path& dir, const Keyset& keyset, std::size_t n, Checks& checks) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    section(std::cout, "3. Re-verifying a registry of " + grouped(static_cast<double>(n)) + " certificates, 1 thread and " +
                           std::to_string(cores));
    const fs::path db = dir / "registry.db";
    Office_ o = make_office(db, keyset);
    const auto fill = std::chrono::steady_clock::now();
    {
        auto st = need(store::Store::open(db.string(), false), "open the store");
        auto doc = sample_document();
        need(st.transaction([&]() -> Status {
                 Person person;
                 person.nid = nid(0);
                 person.name_bn = "নাম";
                 const auto pid = need(st.upsert_person(person), "a person");
                 Application a;
                 a.type = "citizenship";
                 a.state = ApplicationState::issued;
                 a.person = pid;
                 a.document = doc;
                 a.submitted_by = o.udc;
                 const auto app = need(st.insert_application(a), "an application");
                 IssueOptions io;
                 io.issuer = "kaliganj";
                 io.issued_at = kNow;
                 for (std::size_t i = 0; i < n; ++i) {
                     doc["nid"] = nid(static_cast<std::int64_t>(i));
                     io.serial = "KALIGANJ-2026-" + std::to_string(1000000 + i);
                     auto issued = issue(doc, keyset, io);
                     if (!issued) return std::move(issued).error();
                     Certificate c;
                     c.serial = issued->serial;
                     c.application = app;
                     c.type = "citizenship";
                     c.person = pid;
                     c.issued_at = issued->issued_at;
                     c.expires_at = issued->expires_at;
                     c.qr_text = issued->qr_text;
                     c.document = issued->document;
                     auto inserted = st.insert_certificate(c);
                     if (!inserted) return inserted;
                 }
                 return {};
             }),
             "fill the registry");
    }
    std::cout << "  issued and stored in " << fixed(seconds_since(fill), 1) << " s\n";
    auto entries = need(issuer_entries_from_public_json(keyset.public_json(), "kaliganj", "কালীগঞ্জ পৌরসভা",
                                                        "Kaliganj Pourashava", {"citizenship"}),
                        "issuer entries");
    const Trust trust = need(Trust::from_issuers(entries), "trust");
    VerifyOptions options;
    options.now = kNow + 60;
    Table table({"threads", "seconds", "certificates/s", "× one thread"});
    double one = 0;
    for (unsigned threads : {1u, cores}) {
        const auto start = std::chrono::steady_clock::now();
        auto check = need(o.office.verify_registry(trust, options, static_cast<int>(threads)), "verify the registry");
        const double s = seconds_since(start);
        checks.expect(check.valid == static_cast<std::int64_t>(n), "every certificate verified valid");
        const double rate = static_cast<double>(n) / s;
        if (threads == 1) one = rate;
        table.add({std::to_string(threads), fixed(s, 2), grouped(rate), fixed(rate / one, 2)});
        if (cores == 1) break;
    }
    table.print(std::cout);
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    std::size_t applications = 1000000, registry = 200000, issues = 2000;
    std::string dir_arg;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
        else if (std::strcmp(argv[i], "--applications") == 0 && i + 1 < argc) applications = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--registry") == 0 && i + 1 < argc) registry = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) dir_arg = argv[++i];
        else {
            std::cerr << "usage: poura_bench_office [--quick] [--applications N] [--registry N] [--dir DIR]\n";
            return 2;
        }
    }
    if (quick) {
        applications = 5000;
        registry = 500;
        issues = 100;
    }
    fs::path dir;
    if (dir_arg.empty()) {
        char tmpl[] = "/tmp/poura-bench-office-XXXXXX";
        if (!mkdtemp(tmpl)) return 3;
        dir = tmpl;
    } else {
        dir = dir_arg;
    }
    std::cout << "Poura " << version() << " office benchmark" << (quick ? " (quick)" : "") << ", databases in " << dir
              << "\n";
    Checks checks;
    const Keyset keyset = Keyset::create(need(PrivateKey::generate(), "a key"), kNow - 86400);
    bench_issue(dir, keyset, issues, checks);
    bench_queue(dir, keyset, applications, checks);
    bench_registry(dir, keyset, registry, checks);
    if (dir_arg.empty()) fs::remove_all(dir);
    std::cout << "\n== Self-checks: " << checks.count() - checks.failures().size() << " of " << checks.count()
              << " passed\n";
    for (const auto& failure : checks.failures()) std::cout << "FAILED: " << failure << "\n";
    return checks.failures().empty() ? 0 : 1;
}
