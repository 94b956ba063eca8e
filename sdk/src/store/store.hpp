// The office's records in one SQLite file. Every SQL statement of the SDK is
// in this folder, behind this interface: the workflow above it speaks in
// records, so another database can back it by implementing these methods.
//
// The file: numbered migrations recorded in PRAGMA user_version, each in one
// transaction; a file of a newer schema is refused. WAL, foreign keys on,
// synchronous=FULL (a commit is on disk when it returns), a busy timeout, and
// STRICT tables.
#pragma once

#include <poura/office.hpp>
#include <poura/result.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poura::store {

// The schema version this library writes (the last migration's number).
int schema_version();

struct AuditEntry {
    std::int64_t seq = 0;  // 1, 2, 3 ... in order of writing
    std::int64_t at = 0;
    std::int64_t actor = 0;
    std::string event;    // "apply", "recommend", "issue", "key_use" ...
    std::string subject;  // "application:12", "certificate:KLG-2026-000001"
    std::string detail;   // JSON text
    Bytes prev_hash;      // the previous entry's hash; 32 zero bytes for the first
    Bytes hash;           // SHA-256 of the entry's canonical encoding
};

struct AuditCheckpoint {
    std::int64_t seq = 0;  // the last entry it covers
    Bytes hash;            // that entry's hash
    std::int64_t at = 0;
    std::string kid;       // hex
    Bytes signature;
};

struct SmsOutcome {
    std::int64_t id = 0;
    std::string status;  // "sent", "queued" (to retry) or "failed"
    std::int64_t next_attempt_at = 0;
    std::string gateway_id;
    std::string detail;
};

class Store {
public:
    // create: a new file (refused when it exists); else an existing one,
    // migrated. Errc::storage for anything SQLite refuses.
    static Result<Store> open(const std::string& path, bool create);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    // Runs body inside BEGIN IMMEDIATE ... COMMIT; an error from body, or a
    // failed commit, rolls everything back and is returned.
    Status transaction(const std::function<Status()>& body);
    // Inside a transaction: a point to go back to, undoing part of it.
    Status savepoint();
    Status release();                // keeps what was written since the savepoint
    Status rollback_to_savepoint();  // undoes it

    Status put_municipality(const Municipality& m);
    Result<Municipality> municipality() const;

    Result<std::int64_t> insert_user(const User& user, std::int64_t at);
    Result<std::optional<User>> user(std::int64_t id) const;
    Result<std::optional<User>> user_by_login(std::string_view login) const;
    Result<std::vector<User>> users() const;

    // Finds the person by NID or BRN and updates their details, or adds them.
    Result<std::int64_t> upsert_person(const Person& person);
    Result<std::optional<Person>> person(std::int64_t id) const;

    Result<std::int64_t> insert_application(const Application& a);
    Status update_application(const Application& a);  // state, document, mobile, updated_at, serial
    Result<std::optional<Application>> application(std::int64_t id) const;
    // An open application (not issued, rejected or revoked) for the person and type.
    Result<std::optional<std::int64_t>> open_application(std::int64_t person, std::string_view type,
                                                         std::int64_t except) const;
    struct Query {
        std::vector<ApplicationState> states;  // any of them; empty: all
        std::optional<int> ward;
        std::optional<std::string> type;
        std::optional<std::int64_t> submitted_by;
        std::optional<std::int64_t> due_before;
        int limit = 100;
    };
    Result<std::vector<Application>> applications(const Query& q) const;

    Status insert_action(const ActionRecord& action);
    Result<std::vector<ActionRecord>> actions(std::int64_t application) const;

    // The next number in a scope ("KLG-2026"): 1, 2, 3 ... never given twice.
    Result<std::int64_t> next_serial(std::string_view scope);

    Status insert_certificate(const Certificate& c);
    Result<std::optional<Certificate>> certificate(std::string_view serial) const;
    Status set_certificate_status(std::string_view serial, CertificateStatus status, std::string_view reason,
                                  std::int64_t at, std::string_view replaced_by, std::int64_t actor);
    // Records a printed copy; returns its number (1 for the first).
    Result<int> insert_print(std::string_view serial, std::int64_t actor, std::int64_t at);
    // Revoked and superseded certificates, oldest revocation first.
    Result<std::vector<Certificate>> withdrawn_certificates() const;
    Status for_each_certificate(const std::function<bool(const Certificate&)>& visit) const;
    Result<std::int64_t> count_certificates() const;
    // Only what re-verifying needs: serial, QR text and status, in serial order.
    Status for_each_qr_text(
        const std::function<bool(std::string serial, std::string qr_text, CertificateStatus status)>& visit) const;

    Result<std::int64_t> queue_sms(const OutboxMessage& m, std::int64_t at);
    Result<std::vector<OutboxMessage>> outbox(std::optional<std::string> status, int limit) const;
    Result<std::vector<OutboxMessage>> due_sms(std::int64_t now, int limit) const;
    Status record_sms(const SmsOutcome& outcome);

    Result<std::optional<AuditEntry>> last_audit() const;
    Status insert_audit(const AuditEntry& e);
    // In seq order; visit returns false to stop.
    Status for_each_audit(const std::function<bool(const AuditEntry&)>& visit) const;
    Status insert_checkpoint(const AuditCheckpoint& c);
    Result<std::vector<AuditCheckpoint>> checkpoints() const;

private:
    friend class RevenueStore;
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace poura::store
