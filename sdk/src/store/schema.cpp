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
    // 3: the revenue section: holdings, water connections and trade licences;
    // the demands bill runs make, the payments against them, and the ledger
    // that ties the two (dues.paid and dues.adjusted are kept with each
    // allocation and adjustment; `poura ledger check` re-adds them).
    R"sql(
CREATE TABLE holdings (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, ward INTEGER NOT NULL,
  mohalla TEXT NOT NULL, road TEXT NOT NULL, use TEXT NOT NULL, construction TEXT NOT NULL,
  land_area INTEGER NOT NULL, floor_area INTEGER NOT NULL, units TEXT NOT NULL,
  occupancy TEXT NOT NULL, monthly_rent INTEGER NOT NULL, loan_interest INTEGER NOT NULL,
  waivers TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX holdings_ward ON holdings(ward, number);
CREATE TABLE owners (
  id INTEGER PRIMARY KEY, holding INTEGER NOT NULL REFERENCES holdings(id),
  name_bn TEXT NOT NULL, name_en TEXT NOT NULL, nid TEXT NOT NULL, mobile TEXT NOT NULL,
  share TEXT NOT NULL, since TEXT NOT NULL, until TEXT
) STRICT;
CREATE INDEX owners_holding ON owners(holding, until);
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY, holding INTEGER NOT NULL REFERENCES holdings(id),
  effective TEXT NOT NULL, kind TEXT NOT NULL, annual_value INTEGER NOT NULL,
  status TEXT NOT NULL, note TEXT NOT NULL, actor INTEGER NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX assessments_holding ON assessments(holding, effective);
CREATE TABLE water_connections (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, holding INTEGER NOT NULL REFERENCES holdings(id),
  diameter TEXT NOT NULL, use TEXT NOT NULL, storeys INTEGER NOT NULL, flats INTEGER NOT NULL,
  metered INTEGER NOT NULL, meter_no TEXT NOT NULL, status TEXT NOT NULL, connected_on TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE meter_readings (
  connection INTEGER NOT NULL REFERENCES water_connections(id), month TEXT NOT NULL,
  litres INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (connection, month)
) STRICT;
CREATE TABLE licences (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, business_name_bn TEXT NOT NULL,
  business_name_en TEXT NOT NULL, owner_name_bn TEXT NOT NULL, owner_name_en TEXT NOT NULL,
  owner_nid TEXT NOT NULL, mobile TEXT NOT NULL, holding TEXT NOT NULL, ward INTEGER NOT NULL,
  address_bn TEXT NOT NULL, category TEXT NOT NULL, signboards TEXT NOT NULL,
  first_year TEXT NOT NULL, last_year TEXT NOT NULL, status TEXT NOT NULL,
  serial TEXT NOT NULL, qr_text TEXT NOT NULL, updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE bill_runs (
  id INTEGER PRIMARY KEY, service TEXT NOT NULL, period TEXT NOT NULL, ward INTEGER NOT NULL,
  actor INTEGER NOT NULL REFERENCES users(id), at INTEGER NOT NULL, summary TEXT NOT NULL
) STRICT;
CREATE TABLE demands (
  id INTEGER PRIMARY KEY, service TEXT NOT NULL, account TEXT NOT NULL, ward INTEGER NOT NULL,
  period TEXT NOT NULL, run INTEGER REFERENCES bill_runs(id), payer_bn TEXT NOT NULL,
  mobile TEXT NOT NULL, total INTEGER NOT NULL, schedule TEXT NOT NULL, bill TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (service, account, period)
) STRICT;
CREATE TABLE dues (
  id INTEGER PRIMARY KEY, demand INTEGER NOT NULL REFERENCES demands(id),
  service TEXT NOT NULL, account TEXT NOT NULL, ward INTEGER NOT NULL, period TEXT NOT NULL,
  instalment INTEGER NOT NULL, kind TEXT NOT NULL, due TEXT NOT NULL, amount INTEGER NOT NULL,
  paid INTEGER NOT NULL DEFAULT 0, adjusted INTEGER NOT NULL DEFAULT 0,
  CHECK (amount >= 0 AND paid >= 0 AND amount + adjusted - paid >= 0)
) STRICT;
CREATE INDEX dues_account ON dues(service, account, due, period, instalment);
CREATE INDEX dues_demand ON dues(demand);
CREATE UNIQUE INDEX dues_surcharged_once ON dues(service, account, period) WHERE kind = 'surcharge';
CREATE TABLE payments (
  id INTEGER PRIMARY KEY, method TEXT NOT NULL, reference TEXT NOT NULL, service TEXT NOT NULL,
  account TEXT NOT NULL, ward INTEGER NOT NULL, amount INTEGER NOT NULL, rebate INTEGER NOT NULL,
  paid_on TEXT NOT NULL, payer_bn TEXT NOT NULL, actor INTEGER NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL, receipt_serial TEXT NOT NULL, receipt_qr TEXT NOT NULL, source TEXT NOT NULL,
  UNIQUE (method, reference)
) STRICT;
CREATE INDEX payments_account ON payments(service, account);
CREATE INDEX payments_paid_on ON payments(paid_on);
CREATE TABLE allocations (
  payment INTEGER NOT NULL REFERENCES payments(id), due INTEGER NOT NULL REFERENCES dues(id),
  amount INTEGER NOT NULL CHECK (amount > 0), PRIMARY KEY (payment, due)
) STRICT;
CREATE INDEX allocations_due ON allocations(due);
CREATE TABLE adjustments (
  id INTEGER PRIMARY KEY, due INTEGER NOT NULL REFERENCES dues(id), kind TEXT NOT NULL,
  code TEXT NOT NULL, amount INTEGER NOT NULL, payment INTEGER REFERENCES payments(id),
  note TEXT NOT NULL, actor INTEGER NOT NULL REFERENCES users(id), at INTEGER NOT NULL
) STRICT;
CREATE INDEX adjustments_due ON adjustments(due);
CREATE UNIQUE INDEX adjustments_once ON adjustments(due, kind, code) WHERE kind <> 'review';
CREATE TABLE unmatched_payments (
  id INTEGER PRIMARY KEY, file TEXT NOT NULL, row INTEGER NOT NULL, method TEXT NOT NULL,
  reference TEXT NOT NULL, service TEXT NOT NULL, account TEXT NOT NULL, amount INTEGER NOT NULL,
  paid_on TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL, UNIQUE (method, reference)
) STRICT;
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
