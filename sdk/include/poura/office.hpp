// The municipal office: applications for certificates and their workflow
// (apply -> the ward councilor recommends -> the mayor approves -> issue),
// the registry of issued certificates, revocations, the SMS outbox and the
// audit log, kept in one SQLite database file per office.
//
// Every method that changes something does it in one transaction: it either
// happens whole, with its action, audit entry and queued SMS, or not at all.
// Role checks are the library's: each action names the acting user, and the
// office refuses what that user's role and ward do not allow.
#pragma once

#include <poura/documents.hpp>
#include <poura/export.hpp>
#include <poura/fees.hpp>
#include <poura/result.hpp>
#include <poura/trust.hpp>
#include <poura/verify.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poura {

// Who a user is in the office.
enum class Role {
    citizen,         // applies for themself (their NID or birth registration number)
    digital_centre,  // a digital-centre operator applying on a citizen's behalf
    councilor,       // the ward councilor: checks and recommends for their ward
    panel_mayor,     // acts for the mayor when authorised
    mayor,           // (or chairman) approves
    secretary,       // the office: issues, prints, returns
    admin,           // the office's IT officer: users, revocation
};
POURA_API std::string_view role_name(Role role) noexcept;
POURA_API Result<Role> role_from_name(std::string_view name);

// Where an application is in its life (docs/workflow.md has the diagram).
enum class ApplicationState {
    submitted,             // waiting for the ward councilor
    returned,              // back with the applicant for a correction
    recommended,           // waiting for the mayor
    approved,              // waiting to be issued
    issued,                // its certificate is in the registry
    rejected,              // closed, with a reason
    correction_requested,  // an issued certificate's correction waits for approval
    revoked,               // its certificate was revoked
    withdrawn,             // the applicant withdrew it before issue
};
POURA_API std::string_view state_name(ApplicationState state) noexcept;
POURA_API Result<ApplicationState> state_from_name(std::string_view name);

enum class Action {
    submit,
    return_for_correction,
    resubmit,
    investigate,  // an investigation note (heirship needs one before recommending)
    recommend,
    reject,
    approve,
    issue,
    print,
    request_correction,
    approve_correction,
    revoke,
    withdraw,  // the applicant (or the office on their behalf) takes it back before issue
};
POURA_API std::string_view action_name(Action action) noexcept;
POURA_API Result<Action> action_from_name(std::string_view name);

struct POURA_API Municipality {
    std::string code;  // the issuer code certificates carry ("kaliganj")
    std::string name_bn;
    std::string name_en;
    std::string body_class;  // "A", "B" or "C"
    int wards = 9;
    // Some bodies issue certificates only against a paid-up holding-tax
    // receipt: then applications of types that the rule covers must name one.
    bool require_holding_tax_clearance = false;
    // SMS templates by event ("submitted", "returned", "issued", "rejected"),
    // each {"bn": ..., "en": ...} with {serial}, {type}, {reason}, {application}
    // and {url} filled in; defaults when absent.
    nlohmann::json sms_templates = nlohmann::json::object();
    std::string download_url;  // where citizens download certificates, for {url}
    std::string sms_language = "bn";  // "bn" or "en"
    nlohmann::json sms_gateway;  // {"url", "api_key", "sender", "timeout_ms"}, or null
};

struct POURA_API User {
    std::int64_t id = 0;  // given by the office
    std::string login;    // unique, [a-z0-9._-], 1 to 64 characters
    std::string name;
    Role role = Role::citizen;
    int ward = 0;            // the councilor's ward; 0 for others
    std::string nid;         // a citizen's own NID (or birth registration number)
    std::string mobile;      // optional
    bool authorised = false; // a panel mayor authorised to approve
};

// A person the office has issued to or received an application for, keyed by
// the NID or, for a child, the birth registration number.
struct POURA_API Person {
    std::int64_t id = 0;
    std::string nid;
    std::string brn;
    std::string name_bn;
    std::string name_en;
    std::string father_name_bn;
    std::string mother_name_bn;
    std::string date_of_birth;  // ISO date
    std::string address_bn;
    std::string mobile;  // canonical 11 digits
    int ward = 0;
};

struct POURA_API ActionRecord {
    std::int64_t application = 0;
    Action action = Action::submit;
    std::int64_t actor = 0;  // user id
    Role role = Role::citizen;
    std::int64_t at = 0;     // unix seconds
    std::string comment;     // reason, note or correction
    ApplicationState from = ApplicationState::submitted;
    ApplicationState to = ApplicationState::submitted;
};

struct POURA_API Application {
    std::int64_t id = 0;
    std::string type;  // a profile type
    ApplicationState state = ApplicationState::submitted;
    std::int64_t person = 0;
    int ward = 0;
    nlohmann::json document;  // the certificate's fields as applied for
    std::int64_t submitted_by = 0;
    bool on_behalf = false;  // applied by a digital-centre operator or the office
    std::string mobile;      // where SMS go
    std::int64_t fee_poisha = -1;  // from the fee engine; -1 when the office has no schedule
    std::string holding_tax_receipt;
    std::int64_t submitted_at = 0;
    std::int64_t due_at = 0;  // the service-time target
    std::int64_t updated_at = 0;
    std::optional<std::int64_t> duplicate_of;  // another open application, same person and type
    std::string serial;        // the certificate, once issued
    std::vector<ActionRecord> history;  // filled by Office::application()
};

struct POURA_API NewApplication {
    nlohmann::json document;  // with "type": the certificate's fields, validated against its profile
    std::string mobile;       // the applicant's, for SMS (required)
    // The applicant's NID or birth registration number; the document's own
    // nid/brn when empty (a heirship application must give it).
    std::string applicant_id;
    std::string applicant_name_bn;  // when the document does not carry the applicant's name
    std::string holding_tax_receipt;  // when the municipality requires clearance
};

enum class CertificateStatus { valid, revoked, superseded };
POURA_API std::string_view certificate_status_name(CertificateStatus status) noexcept;

struct POURA_API Certificate {
    std::string serial;
    std::int64_t application = 0;
    std::string type;
    std::int64_t person = 0;
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;  // 0: none
    std::string kid;              // hex, the key that signed it
    std::string qr_text;
    nlohmann::json document;
    CertificateStatus status = CertificateStatus::valid;
    std::string status_reason;
    std::int64_t status_at = 0;
    std::string replaced_by;  // the corrected certificate's serial
    int prints = 0;           // copies printed so far
    std::string recommended_by;  // the councilor's name
    std::string approved_by;     // the mayor's name
};

// A work queue: what waits for a user.
struct POURA_API QueueFilter {
    std::optional<ApplicationState> state;  // unset: what the user's role acts on
    std::optional<int> ward;
    std::optional<std::string> type;
    bool overdue_only = false;
    std::int64_t now = 0;  // for overdue; the clock when 0
    int limit = 100;       // 1 to 10,000
};

struct POURA_API OutboxMessage {
    std::int64_t id = 0;
    std::string to;
    std::string text;
    std::string event;
    std::int64_t application = 0;
    int parts = 1;
    bool ucs2 = false;
    std::string status;  // "queued", "sent", "failed"
    int attempts = 0;
    std::int64_t next_attempt_at = 0;
    std::string gateway_id;
    std::string detail;
};

struct POURA_API SendReport {
    int sent = 0;
    int retried = 0;
    int failed = 0;
};

// What `poura audit verify` reports: ok, or the first entry that breaks the
// chain and how.
struct POURA_API AuditReport {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t checkpoints = 0;
    std::int64_t bad_entry = 0;  // the entry found edited, missing or out of place
    std::string problem;         // "edited", "deleted", "reordered", "truncated", "checkpoint"
    std::string message;
};

// Every certificate of the registry verified again, as a verifier would
// with a given trust bundle: after a key was suspended, or to see that the
// published bundle carries every revocation.
struct POURA_API RegistryCheck {
    std::int64_t certificates = 0;
    std::int64_t valid = 0;
    std::map<std::string, std::int64_t> refused;  // by reason name ("revoked", "expired", ...)
    // Serials whose verdict disagrees with the registry: a certificate the
    // registry holds valid that is refused for another reason than its age,
    // or one withdrawn from the registry that the bundle still lets pass.
    // The first 1,000 only; disagreements counts them all.
    std::vector<std::string> disagreements_sample;
    std::int64_t disagreements = 0;
};

// Options for an office: its clock and where its certificate data come from.
struct POURA_API OfficeOptions {
    ProfileSet profiles = ProfileSet::builtin();
    // Fee schedules; applications carry no fee when none is in force.
    fees::ScheduleSet schedules;
    // Every this many audit entries a checkpoint is signed (when a keyset is set).
    int checkpoint_every = 1000;
    // 0: the system clock. Tests and the demo set a fixed time.
    std::int64_t now = 0;
};

class POURA_API Office {
public:
    // Creates a new database file for a municipality (refuses an existing one).
    static Result<Office> create(const std::string& path, const Municipality& municipality,
                                 OfficeOptions options = {});
    // Opens an existing database, migrating it to this library's schema;
    // a file written by a newer library is refused.
    static Result<Office> open(const std::string& path, OfficeOptions options = {});

    Office(Office&&) noexcept;
    Office& operator=(Office&&) noexcept;
    ~Office();

    Result<Municipality> municipality() const;
    // The signing keys for issuing and audit checkpoints; not stored in the database.
    void set_keyset(Keyset keyset);
    void set_time(std::int64_t now);  // 0: the system clock again

    Result<User> add_user(const User& user);
    Result<User> user(std::int64_t id) const;
    Result<User> user_by_login(std::string_view login) const;
    Result<std::vector<User>> users() const;

    Result<Application> apply(std::int64_t actor, const NewApplication& application);
    // Every action on an application but submit and print. `comment` is the
    // reason (return, reject, revoke), the note (investigate) or free text;
    // `document` the corrected fields (resubmit, request_correction).
    Result<Application> act(std::int64_t actor, std::int64_t application, Action action,
                            std::string_view comment = {}, const nlohmann::json& document = nullptr);
    Result<Application> application(std::int64_t id) const;
    Result<std::vector<Application>> queue(std::int64_t actor, const QueueFilter& filter = {}) const;

    Result<Certificate> certificate(std::string_view serial) const;
    Result<Certificate> revoke(std::int64_t actor, std::string_view serial, std::string_view reason);
    // [{"issuer", "serial", "revoked_at", "reason"}] of every revoked or superseded
    // certificate, and of every surrendered trade licence: what
    // `poura trust revoke --list` puts into the next bundle.
    Result<nlohmann::json> revocation_list() const;

    // Renders the certificate as a printable A4 PDF and records the copy.
    struct PrintedCopy {
        Certificate certificate;  // prints counts this copy
        Bytes pdf;
    };
    Result<PrintedCopy> print(std::int64_t actor, std::string_view serial);
    // The printed page as a PNG image at `dpi` (36 to 600), as a scanner sees
    // it; a preview, not a printed copy: nothing is recorded.
    Result<Bytes> page_image(std::string_view serial, int dpi = 150) const;

    Result<std::vector<OutboxMessage>> outbox(std::optional<std::string> status = {}, int limit = 100) const;
    // Sends the SMS that are due. transport: {"file": PATH} ("-": standard
    // output) or {"http": {"url", "api_key", "sender", "timeout_ms"}}; null
    // takes the municipality's gateway, else standard output. Each outcome is
    // recorded; the message id is the gateway's idempotency key; a retry waits
    // 1, 2, 4 ... minutes, and a message fails after 8 attempts.
    Result<SendReport> send_sms(const nlohmann::json& transport = nullptr, int limit = 100);

    Result<AuditReport> verify_audit() const;
    // Signs a checkpoint over the audit chain's head now (needs a keyset).
    Status checkpoint_audit();

    // Every certificate in the registry, in serial order.
    Status for_each_certificate(const std::function<bool(const Certificate&)>& visit) const;
    // Verifies every certificate of the registry against `trust` on
    // `threads` threads (0: one per core); `progress` is called now and then
    // with how many are done of how many.
    Result<RegistryCheck> verify_registry(
        const Trust& trust, const VerifyOptions& options, int threads = 0,
        const std::function<void(std::int64_t done, std::int64_t total)>& progress = {}) const;

private:
    friend struct detail::ImplAccess;
    struct Impl;
    explicit Office(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The office's records as JSON: the one form the CLI, the C API and the
// Python package give and take them in. Times are ISO 8601 UTC text
// ("2026-01-10T09:00:00Z"), "" when unset; a fee or duplicate that is not
// there is null.
POURA_API nlohmann::json to_json(const User& user);
POURA_API nlohmann::json to_json(const Application& application);  // with its history
POURA_API nlohmann::json to_json(const Certificate& certificate);
POURA_API nlohmann::json to_json(const OutboxMessage& message);
POURA_API nlohmann::json to_json(const SendReport& report);
POURA_API nlohmann::json to_json(const AuditReport& report);

// The records read from JSON objects with the members of the structs above
// (a role or state by its name). A member outside them, or of the wrong kind,
// is refused with invalid_argument, so a misspelt option is never ignored.
// {"code", "name_bn", "name_en", "body_class", "wards", "require_holding_tax_clearance",
//  "sms_templates", "download_url", "sms_language", "sms_gateway"}
POURA_API Result<Municipality> municipality_from_json(const nlohmann::json& j);
// {"login", "name", "role", "ward", "nid", "mobile", "authorised"}; the office gives the id.
POURA_API Result<User> user_from_json(const nlohmann::json& j);
// {"document", "mobile", "applicant_id", "applicant_name_bn", "holding_tax_receipt"}
POURA_API Result<NewApplication> new_application_from_json(const nlohmann::json& j);
// {"state", "ward", "type", "overdue", "now", "limit"}; null is every default.
POURA_API Result<QueueFilter> queue_filter_from_json(const nlohmann::json& j);

}  // namespace poura
