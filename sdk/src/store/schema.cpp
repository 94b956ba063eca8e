// The schema, as numbered migrations. Each runs in one transaction with the
// user_version it brings the file to; a migration, once released, is never
// edited: a change is a new migration at the end.
#include "store/schema.hpp"

#include "core/try.hpp"
#include "store/sqlite.hpp"

#include <iterator>
#include <string>

namespace poura::store {
namespace {

const char* const kMigrations[] = {
    // 1: the office.
    R"sql(
CREATE TABLE municipality (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code TEXT NOT NULL, name_bn TEXT NOT NULL, name_en TEXT NOT NULL,
  body_class TEXT NOT NULL, wards INTEGER NOT NULL,
  require_clearance INTEGER NOT NULL, settings TEXT NOT NULL
) STRICT;
CREATE TABLE users (
  id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  role TEXT NOT NULL, ward INTEGER NOT NULL, nid TEXT NOT NULL, mobile TEXT NOT NULL,
  authorised INTEGER NOT NULL, created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE persons (
  id INTEGER PRIMARY KEY, nid TEXT UNIQUE, brn TEXT UNIQUE,
  name_bn TEXT NOT NULL, name_en TEXT NOT NULL, father_name_bn TEXT NOT NULL,
  mother_name_bn TEXT NOT NULL, date_of_birth TEXT NOT NULL, address_bn TEXT NOT NULL,
  mobile TEXT NOT NULL, ward INTEGER NOT NULL,
  CHECK (nid IS NOT NULL OR brn IS NOT NULL)
) STRICT;
CREATE TABLE applications (
  id INTEGER PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES persons(id), ward INTEGER NOT NULL,
  document TEXT NOT NULL, submitted_by INTEGER NOT NULL REFERENCES users(id),
  on_behalf INTEGER NOT NULL, mobile TEXT NOT NULL, fee_poisha INTEGER NOT NULL,
  holding_tax_receipt TEXT NOT NULL, submitted_at INTEGER NOT NULL, due_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, duplicate_of INTEGER REFERENCES applications(id),
  serial TEXT NOT NULL
) STRICT;
CREATE INDEX applications_queue ON applications(state, ward, submitted_at);
CREATE INDEX applications_person ON applications(person, type);
CREATE TABLE actions (
  id INTEGER PRIMARY KEY, application INTEGER NOT NULL REFERENCES applications(id),
  action TEXT NOT NULL, actor INTEGER NOT NULL REFERENCES users(id), role TEXT NOT NULL,
  at INTEGER NOT NULL, comment TEXT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL
) STRICT;
CREATE INDEX actions_application ON actions(application);
CREATE TABLE serials (scope TEXT PRIMARY KEY, last INTEGER NOT NULL) STRICT;
CREATE TABLE certificates (
  serial TEXT PRIMARY KEY, application INTEGER NOT NULL REFERENCES applications(id),
  type TEXT NOT NULL, person INTEGER NOT NULL REFERENCES persons(id),
  issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, kid TEXT NOT NULL,
  qr_text TEXT NOT NULL, document TEXT NOT NULL, status TEXT NOT NULL,
  status_reason TEXT NOT NULL, status_at INTEGER NOT NULL, replaced_by TEXT NOT NULL,
  recommended_by TEXT NOT NULL, approved_by TEXT NOT NULL
) STRICT;
CREATE INDEX certificates_status ON certificates(status);
CREATE TABLE prints (
  id INTEGER PRIMARY KEY, serial TEXT NOT NULL REFERENCES certificates(serial),
  actor INTEGER NOT NULL REFERENCES users(id), at INTEGER NOT NULL, copy INTEGER NOT NULL,
  UNIQUE (serial, copy)
) STRICT;
CREATE TABLE revocations (
  serial TEXT PRIMARY KEY REFERENCES certificates(serial), at INTEGER NOT NULL,
  reason TEXT NOT NULL, actor INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE TABLE sms_outbox (
  id INTEGER PRIMARY KEY, application INTEGER REFERENCES applications(id),
  event TEXT NOT NULL, recipient TEXT NOT NULL, text TEXT NOT NULL,
  parts INTEGER NOT NULL, ucs2 INTEGER NOT NULL, status TEXT NOT NULL,
  attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL,
  gateway_id TEXT NOT NULL, detail TEXT NOT NULL
) STRICT;
CREATE INDEX sms_due ON sms_outbox(status, next_attempt_at);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor INTEGER NOT NULL,
  event TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL,
  prev_hash BLOB NOT NULL, hash BLOB NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE audit_checkpoints (
  seq INTEGER PRIMARY KEY, hash BLOB NOT NULL, at INTEGER NOT NULL,
  kid TEXT NOT NULL, signature BLOB NOT NULL
) STRICT;
)sql",
    // 2: the queues that span wards (the mayor's, the secretary's) read in
    // submission order without sorting every row of their states.
    R"sql(
CREATE INDEX applications_state_time ON applications(state, submitted_at, id);
)sql",
};

}  // namespace

int schema_version() { return static_cast<int>(std::size(kMigrations)); }

Status migrate(sqlite3* db) {
    Statement read(db, "PRAGMA user_version");
    auto row = read.step();
    POURA_RETURN_IF_ERROR(row);
    const auto version = read.integer(0);
    if (version > schema_version()) {
        return make_error(Errc::storage, "the database has schema version " + std::to_string(version) +
                                             ", newer than this library's " + std::to_string(schema_version()) +
                                             ": open it with a newer Poura");
    }
    for (auto v = version; v < schema_version(); ++v) {
        auto begun = exec(db, "BEGIN IMMEDIATE");
        POURA_RETURN_IF_ERROR(begun);
        // Read again inside the transaction: another process may have migrated meanwhile.
        Statement again(db, "PRAGMA user_version");
        auto current = again.step();
        if (current && again.integer(0) > v) {
            rollback(db);
            continue;
        }
        const std::string set_version = "PRAGMA user_version = " + std::to_string(v + 1);
        Status done = exec(db, kMigrations[v]);
        if (done) done = exec(db, set_version.c_str());
        if (done) done = exec(db, "COMMIT");
        if (!done) {
            rollback(db);
            return make_error(Errc::storage, "migration " + std::to_string(v + 1) + " failed: " + done.error().message);
        }
    }
    return {};
}

}  // namespace poura::store
