#include "store/store.hpp"
#include "store/store_impl.hpp"

#include "core/try.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

#include <sys/stat.h>

namespace poura::store {

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

namespace {

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

template <typename E>
E enum_or(Result<E> r, E fallback) {
    return r ? *r : fallback;
}

// Columns of users, in the order read_user reads them.
constexpr const char* kUserColumns = "id, login, name, role, ward, nid, mobile, authorised";
User read_user(const Statement& s) {
    User u;
    u.id = s.integer(0);
    u.login = s.text(1);
    u.name = s.text(2);
    u.role = enum_or(role_from_name(s.text(3)), Role::citizen);
    u.ward = static_cast<int>(s.integer(4));
    u.nid = s.text(5);
    u.mobile = s.text(6);
    u.authorised = s.integer(7) != 0;
    return u;
}

constexpr const char* kApplicationColumns =
    "id, type, state, person, ward, document, submitted_by, on_behalf, mobile, fee_poisha, holding_tax_receipt, "
    "submitted_at, due_at, updated_at, duplicate_of, serial";
Application read_application(const Statement& s) {
    Application a;
    a.id = s.integer(0);
    a.type = s.text(1);
    a.state = enum_or(state_from_name(s.text(2)), ApplicationState::submitted);
    a.person = s.integer(3);
    a.ward = static_cast<int>(s.integer(4));
    a.document = stored_json(s.text(5));
    a.submitted_by = s.integer(6);
    a.on_behalf = s.integer(7) != 0;
    a.mobile = s.text(8);
    a.fee_poisha = s.integer(9);
    a.holding_tax_receipt = s.text(10);
    a.submitted_at = s.integer(11);
    a.due_at = s.integer(12);
    a.updated_at = s.integer(13);
    if (!s.is_null(14)) a.duplicate_of = s.integer(14);
    a.serial = s.text(15);
    return a;
}

constexpr const char* kCertificateColumns =
    "serial, application, type, person, issued_at, expires_at, kid, qr_text, document, status, status_reason, "
    "status_at, replaced_by, recommended_by, approved_by, "
    "(SELECT count(*) FROM prints WHERE prints.serial = certificates.serial)";
CertificateStatus status_from_name(const std::string& name) {
    if (name == "revoked") return CertificateStatus::revoked;
    if (name == "superseded") return CertificateStatus::superseded;
    return CertificateStatus::valid;
}
Certificate read_certificate(const Statement& s) {
    Certificate c;
    c.serial = s.text(0);
    c.application = s.integer(1);
    c.type = s.text(2);
    c.person = s.integer(3);
    c.issued_at = s.integer(4);
    c.expires_at = s.integer(5);
    c.kid = s.text(6);
    c.qr_text = s.text(7);
    c.document = stored_json(s.text(8));
    c.status = status_from_name(s.text(9));
    c.status_reason = s.text(10);
    c.status_at = s.integer(11);
    c.replaced_by = s.text(12);
    c.recommended_by = s.text(13);
    c.approved_by = s.text(14);
    c.prints = static_cast<int>(s.integer(15));
    return c;
}

constexpr const char* kOutboxColumns =
    "id, recipient, text, event, coalesce(application, 0), parts, ucs2, status, attempts, next_attempt_at, "
    "gateway_id, detail";
OutboxMessage read_outbox(const Statement& s) {
    OutboxMessage m;
    m.id = s.integer(0);
    m.to = s.text(1);
    m.text = s.text(2);
    m.event = s.text(3);
    m.application = s.integer(4);
    m.parts = static_cast<int>(s.integer(5));
    m.ucs2 = s.integer(6) != 0;
    m.status = s.text(7);
    m.attempts = static_cast<int>(s.integer(8));
    m.next_attempt_at = s.integer(9);
    m.gateway_id = s.text(10);
    m.detail = s.text(11);
    return m;
}

}  // namespace

Result<Store> Store::open(const std::string& path, bool create) {
    if (create && exists(path)) return make_error(Errc::conflict, "the database " + path + " exists already");
    if (!create && !exists(path)) return make_error(Errc::not_found, "no database at " + path);
    auto impl = std::make_unique<Impl>();
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK)
        return sqlite_error(impl->db, "cannot open " + path);
    sqlite3_extended_result_codes(impl->db, 1);
    sqlite3_busy_timeout(impl->db, 10000);
    // WAL with synchronous=FULL: a commit is durable when it returns.
    auto pragmas = exec(impl->db,
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                        "PRAGMA trusted_schema = OFF;");
    if (!pragmas) return make_error(Errc::storage, path + " is not a usable database: " + pragmas.error().message);
    auto migrated = migrate(impl->db);
    POURA_RETURN_IF_ERROR(migrated);
    return Store(std::move(impl));
}

Status Store::transaction(const std::function<Status()>& body) {
    auto begun = exec(impl_->db, "BEGIN IMMEDIATE");
    POURA_RETURN_IF_ERROR(begun);
    Status done = [&]() -> Status {
        try {
            return body();
        } catch (const std::bad_alloc&) {
            return make_error(Errc::internal, "out of memory");
        } catch (const std::exception& e) {
            return make_error(Errc::internal, e.what());
        }
    }();
    if (done) done = exec(impl_->db, "COMMIT");
    if (!done) rollback(impl_->db);
    return done;
}

Status Store::savepoint() { return exec(impl_->db, "SAVEPOINT part"); }
Status Store::release() { return exec(impl_->db, "RELEASE part"); }
Status Store::rollback_to_savepoint() { return exec(impl_->db, "ROLLBACK TO part; RELEASE part"); }

Status Store::put_municipality(const Municipality& m) {
    nlohmann::json settings = {{"sms_templates", m.sms_templates},
                               {"download_url", m.download_url},
                               {"sms_language", m.sms_language},
                               {"sms_gateway", m.sms_gateway}};
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO municipality (id, code, name_bn, name_en, body_class, wards, require_clearance, settings) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code, "
                "name_bn = excluded.name_bn, name_en = excluded.name_en, body_class = excluded.body_class, "
                "wards = excluded.wards, require_clearance = excluded.require_clearance, settings = excluded.settings");
    s.bind(1, m.code).bind(2, m.name_bn).bind(3, m.name_en).bind(4, m.body_class).bind(5, m.wards);
    s.bind(6, m.require_holding_tax_clearance).bind(7, settings.dump());
    return s.run();
}

Result<Municipality> Store::municipality() const {
    Statement s(impl_->db, impl_->statements,
                "SELECT code, name_bn, name_en, body_class, wards, require_clearance, settings FROM municipality");
    auto row = s.step();
    POURA_RETURN_IF_ERROR(row);
    if (!*row) return make_error(Errc::storage, "the database has no municipality");
    Municipality m;
    m.code = s.text(0);
    m.name_bn = s.text(1);
    m.name_en = s.text(2);
    m.body_class = s.text(3);
    m.wards = static_cast<int>(s.integer(4));
    m.require_holding_tax_clearance = s.integer(5) != 0;
    const auto settings = stored_json(s.text(6));
    if (settings.is_object()) {
        m.sms_templates = settings.value("sms_templates", nlohmann::json::object());
        m.download_url = settings.value("download_url", "");
        m.sms_language = settings.value("sms_language", "bn");
        m.sms_gateway = settings.value("sms_gateway", nlohmann::json());
    }
    return m;
}

Result<std::int64_t> Store::insert_user(const User& u, std::int64_t at) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO users (login, name, role, ward, nid, mobile, authorised, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, u.login).bind(2, u.name).bind(3, role_name(u.role)).bind(4, u.ward).bind(5, u.nid);
    s.bind(6, u.mobile).bind(7, u.authorised).bind(8, at);
    auto done = s.run();
    if (!done) {
        if ((sqlite3_extended_errcode(impl_->db) & 0xff) == SQLITE_CONSTRAINT)
            return make_error(Errc::conflict, "a user with the login '" + u.login + "' exists already");
        return std::move(done).error();
    }
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::optional<User>> Store::user(std::int64_t id) const {
    Statement s(impl_->db, impl_->statements, std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
    s.bind(1, id);
    return one<User>(s, read_user);
}

Result<std::optional<User>> Store::user_by_login(std::string_view login) const {
    Statement s(impl_->db, impl_->statements, std::string("SELECT ") + kUserColumns + " FROM users WHERE login = ?");
    s.bind(1, login);
    return one<User>(s, read_user);
}

Result<std::vector<User>> Store::users() const {
    Statement s(impl_->db, impl_->statements, std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id");
    return rows<User>(s, read_user);
}

Result<std::int64_t> Store::upsert_person(const Person& p) {
    Statement find(impl_->db, impl_->statements, "SELECT id FROM persons WHERE (nid = ?1 AND ?1 <> '') OR (brn = ?2 AND ?2 <> '')");
    find.bind(1, p.nid).bind(2, p.brn);
    auto found = one<std::int64_t>(find, [](const Statement& s) { return s.integer(0); });
    POURA_RETURN_IF_ERROR(found);
    if (*found) {
        Statement s(impl_->db, impl_->statements,
                    "UPDATE persons SET name_bn = ?, name_en = ?, father_name_bn = ?, mother_name_bn = ?, "
                    "date_of_birth = ?, address_bn = ?, mobile = ?, ward = ?, "
                    "nid = coalesce(nid, nullif(?, '')), brn = coalesce(brn, nullif(?, '')) WHERE id = ?");
        s.bind(1, p.name_bn).bind(2, p.name_en).bind(3, p.father_name_bn).bind(4, p.mother_name_bn);
        s.bind(5, p.date_of_birth).bind(6, p.address_bn).bind(7, p.mobile).bind(8, p.ward);
        s.bind(9, p.nid).bind(10, p.brn).bind(11, **found);
        auto done = s.run();
        POURA_RETURN_IF_ERROR(done);
        return **found;
    }
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO persons (nid, brn, name_bn, name_en, father_name_bn, mother_name_bn, date_of_birth, "
                "address_bn, mobile, ward) VALUES (nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, p.nid).bind(2, p.brn).bind(3, p.name_bn).bind(4, p.name_en).bind(5, p.father_name_bn);
    s.bind(6, p.mother_name_bn).bind(7, p.date_of_birth).bind(8, p.address_bn).bind(9, p.mobile).bind(10, p.ward);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::optional<Person>> Store::person(std::int64_t id) const {
    Statement s(impl_->db, impl_->statements,
                "SELECT id, coalesce(nid, ''), coalesce(brn, ''), name_bn, name_en, father_name_bn, mother_name_bn, "
                "date_of_birth, address_bn, mobile, ward FROM persons WHERE id = ?");
    s.bind(1, id);
    return one<Person>(s, [](const Statement& r) {
        Person p;
        p.id = r.integer(0);
        p.nid = r.text(1);
        p.brn = r.text(2);
        p.name_bn = r.text(3);
        p.name_en = r.text(4);
        p.father_name_bn = r.text(5);
        p.mother_name_bn = r.text(6);
        p.date_of_birth = r.text(7);
        p.address_bn = r.text(8);
        p.mobile = r.text(9);
        p.ward = static_cast<int>(r.integer(10));
        return p;
    });
}

Result<std::int64_t> Store::insert_application(const Application& a) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO applications (type, state, person, ward, document, submitted_by, on_behalf, mobile, "
                "fee_poisha, holding_tax_receipt, submitted_at, due_at, updated_at, duplicate_of, serial) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.type).bind(2, state_name(a.state)).bind(3, a.person).bind(4, a.ward).bind(5, a.document.dump());
    s.bind(6, a.submitted_by).bind(7, a.on_behalf).bind(8, a.mobile).bind(9, a.fee_poisha);
    s.bind(10, a.holding_tax_receipt).bind(11, a.submitted_at).bind(12, a.due_at).bind(13, a.updated_at);
    s.bind(14, a.duplicate_of).bind(15, a.serial);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Status Store::update_application(const Application& a) {
    Statement s(impl_->db, impl_->statements,
                "UPDATE applications SET state = ?, document = ?, mobile = ?, updated_at = ?, serial = ?, "
                "person = ?, ward = ? WHERE id = ?");
    s.bind(1, state_name(a.state)).bind(2, a.document.dump()).bind(3, a.mobile).bind(4, a.updated_at);
    s.bind(5, a.serial).bind(6, a.person).bind(7, a.ward).bind(8, a.id);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    if (sqlite3_changes(impl_->db) != 1)
        return make_error(Errc::not_found, "no application " + std::to_string(a.id));
    return {};
}

Result<std::optional<Application>> Store::application(std::int64_t id) const {
    Statement s(impl_->db, impl_->statements,
                std::string("SELECT ") + kApplicationColumns + " FROM applications WHERE id = ?");
    s.bind(1, id);
    return one<Application>(s, read_application);
}

Result<std::optional<std::int64_t>> Store::open_application(std::int64_t person, std::string_view type,
                                                            std::int64_t except) const {
    Statement s(impl_->db, impl_->statements,
                "SELECT id FROM applications WHERE person = ? AND type = ? AND id <> ? "
                "AND state NOT IN ('issued', 'rejected', 'revoked', 'withdrawn') ORDER BY id LIMIT 1");
    s.bind(1, person).bind(2, type).bind(3, except);
    return one<std::int64_t>(s, [](const Statement& r) { return r.integer(0); });
}

Result<std::vector<Application>> Store::applications(const Query& q) const {
    std::string sql = std::string("SELECT ") + kApplicationColumns + " FROM applications WHERE 1";
    if (!q.states.empty()) {
        sql += " AND state IN (";
        for (std::size_t i = 0; i < q.states.size(); ++i) sql += i ? ", ?" : "?";
        sql += ")";
    }
    if (q.ward) sql += " AND ward = ?";
    if (q.type) sql += " AND type = ?";
    if (q.submitted_by) sql += " AND submitted_by = ?";
    if (q.due_before) sql += " AND due_at < ?";
    sql += " ORDER BY submitted_at, id LIMIT ?";
    Statement s(impl_->db, impl_->statements, sql);
    int i = 1;
    for (auto state : q.states) s.bind(i++, state_name(state));
    if (q.ward) s.bind(i++, *q.ward);
    if (q.type) s.bind(i++, *q.type);
    if (q.submitted_by) s.bind(i++, *q.submitted_by);
    if (q.due_before) s.bind(i++, *q.due_before);
    s.bind(i, q.limit);
    return rows<Application>(s, read_application);
}

Status Store::insert_action(const ActionRecord& a) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO actions (application, action, actor, role, at, comment, from_state, to_state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.application).bind(2, action_name(a.action)).bind(3, a.actor).bind(4, role_name(a.role));
    s.bind(5, a.at).bind(6, a.comment).bind(7, state_name(a.from)).bind(8, state_name(a.to));
    return s.run();
}

Result<std::vector<ActionRecord>> Store::actions(std::int64_t application) const {
    Statement s(impl_->db, impl_->statements,
                "SELECT application, action, actor, role, at, comment, from_state, to_state FROM actions "
                "WHERE application = ? ORDER BY id");
    s.bind(1, application);
    return rows<ActionRecord>(s, [](const Statement& r) {
        ActionRecord a;
        a.application = r.integer(0);
        a.action = enum_or(action_from_name(r.text(1)), Action::submit);
        a.actor = r.integer(2);
        a.role = enum_or(role_from_name(r.text(3)), Role::citizen);
        a.at = r.integer(4);
        a.comment = r.text(5);
        a.from = enum_or(state_from_name(r.text(6)), ApplicationState::submitted);
        a.to = enum_or(state_from_name(r.text(7)), ApplicationState::submitted);
        return a;
    });
}

Result<std::int64_t> Store::next_serial(std::string_view scope) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO serials (scope, last) VALUES (?, 1) "
                "ON CONFLICT (scope) DO UPDATE SET last = last + 1 RETURNING last");
    s.bind(1, scope);
    auto row = s.step();
    POURA_RETURN_IF_ERROR(row);
    if (!*row) return make_error(Errc::storage, "no serial number was allocated");
    const auto last = s.integer(0);
    auto rest = s.run();
    POURA_RETURN_IF_ERROR(rest);
    return last;
}

Status Store::insert_certificate(const Certificate& c) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO certificates (serial, application, type, person, issued_at, expires_at, kid, qr_text, "
                "document, status, status_reason, status_at, replaced_by, recommended_by, approved_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, c.serial).bind(2, c.application).bind(3, c.type).bind(4, c.person).bind(5, c.issued_at);
    s.bind(6, c.expires_at).bind(7, c.kid).bind(8, c.qr_text).bind(9, c.document.dump());
    s.bind(10, certificate_status_name(c.status)).bind(11, c.status_reason).bind(12, c.status_at);
    s.bind(13, c.replaced_by).bind(14, c.recommended_by).bind(15, c.approved_by);
    auto done = s.run();
    if (!done && (sqlite3_extended_errcode(impl_->db) & 0xff) == SQLITE_CONSTRAINT)
        return make_error(Errc::conflict, "the serial " + c.serial + " is in the registry already");
    return done;
}

Result<std::optional<Certificate>> Store::certificate(std::string_view serial) const {
    Statement s(impl_->db, impl_->statements,
                std::string("SELECT ") + kCertificateColumns + " FROM certificates WHERE serial = ?");
    s.bind(1, serial);
    return one<Certificate>(s, read_certificate);
}

Status Store::set_certificate_status(std::string_view serial, CertificateStatus status, std::string_view reason,
                                     std::int64_t at, std::string_view replaced_by, std::int64_t actor) {
    Statement s(impl_->db, impl_->statements,
                "UPDATE certificates SET status = ?, status_reason = ?, status_at = ?, replaced_by = ? "
                "WHERE serial = ?");
    s.bind(1, certificate_status_name(status)).bind(2, reason).bind(3, at).bind(4, replaced_by).bind(5, serial);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    if (sqlite3_changes(impl_->db) != 1)
        return make_error(Errc::not_found, "no certificate " + std::string(serial));
    if (status == CertificateStatus::valid) return {};
    Statement r(impl_->db, impl_->statements, "INSERT INTO revocations (serial, at, reason, actor) VALUES (?, ?, ?, ?)");
    r.bind(1, serial).bind(2, at).bind(3, reason).bind(4, actor);
    return r.run();
}

Result<int> Store::insert_print(std::string_view serial, std::int64_t actor, std::int64_t at) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO prints (serial, actor, at, copy) VALUES (?1, ?2, ?3, "
                "(SELECT count(*) + 1 FROM prints WHERE serial = ?1)) RETURNING copy");
    s.bind(1, serial).bind(2, actor).bind(3, at);
    auto row = s.step();
    POURA_RETURN_IF_ERROR(row);
    if (!*row) return make_error(Errc::storage, "no print was recorded");
    const int copy = static_cast<int>(s.integer(0));
    auto rest = s.run();
    POURA_RETURN_IF_ERROR(rest);
    return copy;
}

Result<std::vector<Certificate>> Store::withdrawn_certificates() const {
    Statement s(impl_->db, impl_->statements, std::string("SELECT ") + kCertificateColumns +
                            " FROM certificates WHERE status <> 'valid' ORDER BY status_at, serial");
    return rows<Certificate>(s, read_certificate);
}

Status Store::for_each_certificate(const std::function<bool(const Certificate&)>& visit) const {
    Statement s(impl_->db, impl_->statements,
                std::string("SELECT ") + kCertificateColumns + " FROM certificates ORDER BY serial");
    for (;;) {
        auto row = s.step();
        POURA_RETURN_IF_ERROR(row);
        if (!*row || !visit(read_certificate(s))) return {};
    }
}

Status Store::for_each_qr_text(
    const std::function<bool(std::string, std::string, CertificateStatus)>& visit) const {
    Statement s(impl_->db, impl_->statements, "SELECT serial, qr_text, status FROM certificates ORDER BY serial");
    for (;;) {
        auto row = s.step();
        POURA_RETURN_IF_ERROR(row);
        if (!*row || !visit(s.text(0), s.text(1), status_from_name(s.text(2)))) return {};
    }
}

Result<std::int64_t> Store::count_certificates() const {
    Statement s(impl_->db, impl_->statements, "SELECT count(*) FROM certificates");
    auto row = s.step();
    POURA_RETURN_IF_ERROR(row);
    return s.integer(0);
}

Result<std::int64_t> Store::queue_sms(const OutboxMessage& m, std::int64_t at) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO sms_outbox (application, event, recipient, text, parts, ucs2, status, attempts, "
                "next_attempt_at, created_at, gateway_id, detail) "
                "VALUES (nullif(?, 0), ?, ?, ?, ?, ?, 'queued', 0, ?, ?, '', '')");
    s.bind(1, m.application).bind(2, m.event).bind(3, m.to).bind(4, m.text).bind(5, m.parts).bind(6, m.ucs2);
    s.bind(7, at).bind(8, at);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(impl_->db));
}

Result<std::vector<OutboxMessage>> Store::outbox(std::optional<std::string> status, int limit) const {
    std::string sql = std::string("SELECT ") + kOutboxColumns + " FROM sms_outbox";
    if (status) sql += " WHERE status = ?";
    sql += " ORDER BY id LIMIT ?";
    Statement s(impl_->db, impl_->statements, sql);
    int i = 1;
    if (status) s.bind(i++, *status);
    s.bind(i, limit);
    return rows<OutboxMessage>(s, read_outbox);
}

Result<std::vector<OutboxMessage>> Store::due_sms(std::int64_t now, int limit) const {
    Statement s(impl_->db, impl_->statements, std::string("SELECT ") + kOutboxColumns +
                            " FROM sms_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?");
    s.bind(1, now).bind(2, limit);
    return rows<OutboxMessage>(s, read_outbox);
}

Status Store::record_sms(const SmsOutcome& o) {
    Statement s(impl_->db, impl_->statements,
                "UPDATE sms_outbox SET status = ?, attempts = attempts + 1, next_attempt_at = ?, gateway_id = ?, "
                "detail = ? WHERE id = ?");
    s.bind(1, o.status).bind(2, o.next_attempt_at).bind(3, o.gateway_id).bind(4, o.detail).bind(5, o.id);
    return s.run();
}

namespace {
constexpr const char* kAuditColumns = "seq, at, actor, event, subject, detail, prev_hash, hash";
AuditEntry read_audit(const Statement& s) {
    AuditEntry e;
    e.seq = s.integer(0);
    e.at = s.integer(1);
    e.actor = s.integer(2);
    e.event = s.text(3);
    e.subject = s.text(4);
    e.detail = s.text(5);
    e.prev_hash = s.blob(6);
    e.hash = s.blob(7);
    return e;
}
}  // namespace

Result<std::optional<AuditEntry>> Store::last_audit() const {
    Statement s(impl_->db, impl_->statements,
                std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq DESC LIMIT 1");
    return one<AuditEntry>(s, read_audit);
}

Status Store::insert_audit(const AuditEntry& e) {
    Statement s(impl_->db, impl_->statements,
                "INSERT INTO audit_log (seq, at, actor, event, subject, detail, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.event).bind(5, e.subject).bind(6, e.detail);
    s.bind(7, e.prev_hash).bind(8, e.hash);
    return s.run();
}

Status Store::for_each_audit(const std::function<bool(const AuditEntry&)>& visit) const {
    Statement s(impl_->db, impl_->statements, std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq");
    for (;;) {
        auto row = s.step();
        POURA_RETURN_IF_ERROR(row);
        if (!*row || !visit(read_audit(s))) return {};
    }
}

Status Store::insert_checkpoint(const AuditCheckpoint& c) {
    Statement s(impl_->db, impl_->statements, "INSERT OR IGNORE INTO audit_checkpoints (seq, hash, at, kid, signature) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, c.seq).bind(2, c.hash).bind(3, c.at).bind(4, c.kid).bind(5, c.signature);
    return s.run();
}

Result<std::vector<AuditCheckpoint>> Store::checkpoints() const {
    Statement s(impl_->db, impl_->statements, "SELECT seq, hash, at, kid, signature FROM audit_checkpoints ORDER BY seq");
    return rows<AuditCheckpoint>(s, [](const Statement& r) {
        AuditCheckpoint c;
        c.seq = r.integer(0);
        c.hash = r.blob(1);
        c.at = r.integer(2);
        c.kid = r.text(3);
        c.signature = r.blob(4);
        return c;
    });
}

}  // namespace poura::store
