// What the office's test programs share: the sample municipality, adding a
// user who must be added, a fresh folder for a database, and the sqlite3
// shell on a database, as an administrator (or an intruder) would use it.
#pragma once

#include <poura/office.hpp>
#include <poura/poura.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace poura::test {

// Kaliganj, whose fee schedules are among the samples (examples/schedules/).
inline Municipality kaliganj() {
    Municipality m;
    m.code = "kaliganj";
    m.name_bn = "কালীগঞ্জ পৌরসভা";
    m.name_en = "Kaliganj Pourashava";
    m.body_class = "B";
    m.wards = 9;
    return m;
}

// A user named "<login> name"; the test stops when the office refuses it.
inline User add_user(Office& office, const std::string& login, Role role, int ward = 0, const std::string& nid = "",
                     bool authorised = false) {
    User u;
    u.login = login;
    u.name = login + " name";
    u.role = role;
    u.ward = ward;
    u.nid = nid;
    u.authorised = authorised;
    auto added = office.add_user(u);
    REQUIRE(added);
    return *added;
}

// A trust bundle, signed by a fresh root, that trusts the office's keyset as
// Kaliganj for `types`, fresh at `now`, with the given revocations.
inline Trust kaliganj_trust(const Keyset& keyset, std::int64_t now, const std::vector<std::string>& types,
                            const std::vector<Bytes>& revoked = {}) {
    auto root = PrivateKey::generate().value();
    TrustBundle bundle;
    bundle.sequence = 1;
    bundle.issued_at = now - 3600;
    bundle.next_update = now + 30 * 86400;
    bundle.issuers = issuer_entries_from_public_json(keyset.public_json(), "kaliganj", "কালীগঞ্জ পৌরসভা",
                                                     "Kaliganj Pourashava", types)
                         .value();
    bundle.revoked = revoked;
    return Trust::from_bundle(bundle.sign(root).value(), {root.public_key()}).value();
}

// A new folder under /tmp, "/tmp/poura-<what>-XXXXXX".
inline std::filesystem::path temp_dir(const std::string& what) {
    std::string name = "/tmp/poura-" + what + "-XXXXXX";
    REQUIRE(mkdtemp(name.data()) != nullptr);
    return name;
}

// Runs SQL on the database with the sqlite3 shell; its exit status.
inline int sql(const std::filesystem::path& db, const std::string& statement) {
    const std::string command = "sqlite3 '" + db.string() + "' \"" + statement + "\" >/dev/null 2>&1";
    return std::system(command.c_str());
}

// One value (or lines of values) from the sqlite3 shell.
inline std::string query(const std::filesystem::path& db, const std::string& statement) {
    const std::string command = "sqlite3 '" + db.string() + "' \"" + statement + "\" 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[256];
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    pclose(pipe);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace poura::test
