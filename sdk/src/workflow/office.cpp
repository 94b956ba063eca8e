// The office: applications through the state machine of rules.hpp, issuing
// into the registry, revocation, printing and the SMS outbox, each change in
// one store transaction with its action record, audit entry and messages.
#include <poura/hex.hpp>
#include <poura/issue.hpp>
#include <poura/office.hpp>

#include "core/ids.hpp"
#include "core/impl_access.hpp"
#include "core/dates.hpp"
#include "core/try.hpp"
#include "print/print.hpp"
#include "sms/sms.hpp"
#include "store/revenue_store.hpp"
#include "store/store.hpp"
#include "workflow/audit.hpp"
#include "workflow/messages.hpp"
#include "workflow/office_parts.hpp"
#include "workflow/rules.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <thread>
#include <cstdio>
#include <ctime>

namespace poura {

using workflow::Rules;
using S = ApplicationState;

namespace {

constexpr std::size_t kMaxComment = 2000;
constexpr std::size_t kMaxName = 200;
constexpr int kMaxSmsAttempts = 8;

bool valid_login(std::string_view login) {
    if (login.empty() || login.size() > 64) return false;
    return std::all_of(login.begin(), login.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

// Valid UTF-8 with no control characters but the line break.
bool clean_text(std::string_view s, std::size_t max) {
    if (s.size() > max) return false;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + extra >= s.size() + (extra == 0 ? 1 : 0)) return false;
        if (extra == 0 && c < 0x20 && c != '\n') return false;
        if (c == 0x7f) return false;
        for (int k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        i += extra + 1;
    }
    return true;
}

std::string text_member(const nlohmann::json& doc, const char* name) {
    auto it = doc.find(name);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool has_role(const std::vector<Role>& roles, Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

Error denied(const User& u, const std::string& what) {
    return make_error(Errc::permission_denied,
                      "user '" + u.login + "' (" + std::string(role_name(u.role)) + ") may not " + what);
}

}  // namespace

struct Office::Impl {
    store::Store store;
    OfficeOptions options;
    std::optional<Keyset> keyset;
    std::int64_t now_override = 0;
    Municipality municipality;  // read once: the office's own record does not change under it

    std::int64_t now() const {
        if (now_override) return now_override;
        if (options.now) return options.now;
        return static_cast<std::int64_t>(std::time(nullptr));
    }

    Result<User> user(std::int64_t id) const {
        auto u = store.user(id);
        POURA_RETURN_IF_ERROR(u);
        if (!*u) return make_error(Errc::not_found, "no user " + std::to_string(id));
        return **u;
    }

    Result<Application> application(std::int64_t id) const {
        auto a = store.application(id);
        POURA_RETURN_IF_ERROR(a);
        if (!*a) return make_error(Errc::not_found, "no application " + std::to_string(id));
        auto history = store.actions(id);
        POURA_RETURN_IF_ERROR(history);
        (*a)->history = std::move(*history);
        return **a;
    }

    Result<std::pair<const Profile*, Rules>> rules(const std::string& type) const {
        const Profile* profile = options.profiles.find(type);
        if (!profile) return make_error(Errc::unknown_document_type, "unknown certificate type '" + type + "'");
        auto rules = workflow::rules_for(*profile);
        POURA_RETURN_IF_ERROR(rules);
        return std::make_pair(profile, *rules);
    }

    // An audit entry, and a signed checkpoint every checkpoint_every entries.
    Status audit(std::int64_t actor, std::string event, std::string subject, const nlohmann::json& detail) {
        auto seq = workflow::append_audit(store, now(), actor, std::move(event), std::move(subject), detail);
        POURA_RETURN_IF_ERROR(seq);
        if (!keyset || options.checkpoint_every <= 0 || *seq % options.checkpoint_every != 0) return {};
        auto last = store.last_audit();
        POURA_RETURN_IF_ERROR(last);
        return checkpoint(**last);
    }

    Status checkpoint(const store::AuditEntry& head) {
        if (!keyset) return make_error(Errc::no_signing_key, "a checkpoint needs the office's keyset");
        store::AuditCheckpoint c;
        c.seq = head.seq;
        c.hash = head.hash;
        c.at = now();
        const auto& key = keyset->primary().key;
        c.kid = to_hex(key.public_key().key_id());
        auto signature = key.sign(workflow::checkpoint_message(c));
        POURA_RETURN_IF_ERROR(signature);
        c.signature = std::move(*signature);
        return store.insert_checkpoint(c);
    }

    Status queue_sms(const Application& a, const char* event, std::string_view reason) {
        const Municipality* m = &municipality;
        auto profile = options.profiles.find(a.type);
        auto text = workflow::sms_text(*m, event, profile, a, reason);
        POURA_RETURN_IF_ERROR(text);
        OutboxMessage msg;
        msg.to = a.mobile;
        msg.text = *text;
        msg.event = event;
        msg.application = a.id;
        return queue(std::move(msg));
    }

    // Into the outbox, counted in SMS segments.
    Status queue(OutboxMessage msg) {
        const auto segments = sms::count_segments(msg.text);
        msg.parts = segments.parts;
        msg.ucs2 = segments.ucs2;
        auto id = store.queue_sms(msg, now());
        POURA_RETURN_IF_ERROR(id);
        return {};
    }

    // Records the action, its audit entry, and adds it to a's history.
    Status record(Application& a, const User& actor, Action action, S from, std::string_view comment) {
        ActionRecord r;
        r.application = a.id;
        r.action = action;
        r.actor = actor.id;
        r.role = actor.role;
        r.at = now();
        r.comment = std::string(comment);
        r.from = from;
        r.to = a.state;
        auto done = store.insert_action(r);
        POURA_RETURN_IF_ERROR(done);
        a.history.push_back(r);
        nlohmann::json detail = {{"action", action_name(action)},
                                 {"from", state_name(from)},
                                 {"to", state_name(a.state)},
                                 {"role", role_name(actor.role)}};
        if (!comment.empty()) detail["comment"] = comment;
        return audit(actor.id, std::string(action_name(action)), "application:" + std::to_string(a.id), detail);
    }

    // The applicant's person record, from the application and its document.
    Result<Person> applicant(const NewApplication& n, const nlohmann::json& doc, int ward) const {
        Person p;
        std::string id = n.applicant_id;
        if (id.empty()) id = text_member(doc, "nid");
        if (id.empty()) id = text_member(doc, "brn");
        if (id.empty()) id = text_member(doc, "owner_nid");
        if (id.empty())
            return make_error(Errc::invalid_argument,
                              "the applicant's NID or birth registration number is required (applicant_id)");
        if (auto nid = ids::national_id(id)) p.nid = *nid;
        else if (auto brn = ids::birth_registration(id)) p.brn = *brn;
        else
            return make_error(Errc::invalid_argument,
                              "'" + id + "' is not an NID (10, 13 or 17 digits) or a birth registration number (17 digits)");
        p.name_bn = text_member(doc, "name_bn");
        if (p.name_bn.empty()) p.name_bn = n.applicant_name_bn;
        if (p.name_bn.empty()) p.name_bn = text_member(doc, "applicant_name_bn");
        if (p.name_bn.empty())
            return make_error(Errc::invalid_argument, "the applicant's name is required (applicant_name_bn)");
        if (!clean_text(p.name_bn, kMaxName))
            return make_error(Errc::invalid_argument, "the applicant's name is not clean text of at most 200 bytes");
        p.name_en = text_member(doc, "name_en");
        p.father_name_bn = text_member(doc, "father_name_bn");
        p.mother_name_bn = text_member(doc, "mother_name_bn");
        p.date_of_birth = text_member(doc, "date_of_birth");
        p.address_bn = text_member(doc, "address_bn");
        p.mobile = n.mobile;
        p.ward = ward;
        return p;
    }

    Result<int> ward_of(const nlohmann::json& doc) const {
        const Municipality* m = &municipality;
        auto it = doc.find("ward");
        if (it == doc.end() || !it->is_number_integer())
            return make_error(Errc::invalid_argument, "the document must give the applicant's ward (\"ward\")");
        const auto ward = it->get<long long>();
        if (ward < 1 || ward > m->wards)
            return make_error(Errc::invalid_argument, "ward " + std::to_string(ward) + " is not a ward of " +
                                                          m->name_en + " (1 to " + std::to_string(m->wards) + ")");
        return static_cast<int>(ward);
    }

    Result<std::int64_t> fee(const std::string& code, const std::string& type, const nlohmann::json& doc) const {
        const auto today = dates::format_iso_date(dates::from_unix(now()));
        if (!options.schedules.find(code, today)) return std::int64_t{-1};
        fees::CertificateFeeInput in;
        in.municipality = code;
        in.date = today;
        in.document_type = type;
        in.language = text_member(doc, "language") == "en" ? Language::en : Language::bn;
        auto bill = fees::certificate_fee(options.schedules, in);
        POURA_RETURN_IF_ERROR(bill);
        return bill->total.in_poisha();
    }

    // The names on a certificate: who recommended, who approved.
    std::pair<std::string, std::string> signatories(const Application& a) const {
        std::string recommended, approved;
        for (const auto& h : a.history) {
            auto u = store.user(h.actor);
            const std::string name = u && *u ? (*u)->name : std::string();
            if (h.action == Action::recommend) recommended = name;
            if (h.action == Action::approve || h.action == Action::approve_correction) approved = name;
        }
        return {recommended, approved};
    }

    // A certificate's printable page.
    Result<print::CertificatePage> page(const Certificate& c, int copy) const {
        const Municipality* m = &municipality;
        auto page = print::page_for_document(options.profiles, c.document);
        POURA_RETURN_IF_ERROR(page);
        page->municipality_bn = m->name_bn;
        page->municipality_en = m->name_en;
        page->serial = c.serial;
        page->issued_at = c.issued_at;
        page->expires_at = c.expires_at;
        page->recommended_by = c.recommended_by;
        page->approved_by = c.approved_by;
        page->qr_text = c.qr_text;
        page->copy = copy;
        return page;
    }

    // Signs the application's document into a new certificate in the registry.
    Result<Certificate> issue_certificate(Application& a, const User& actor) {
        if (!keyset) return make_error(Errc::no_signing_key, "issuing needs the office's keyset (set_keyset)");
        const Municipality* m = &municipality;
        const int year = dates::from_unix(now()).year;
        std::string scope = m->code;
        std::transform(scope.begin(), scope.end(), scope.begin(), [](unsigned char c) { return std::toupper(c); });
        scope += "-" + std::to_string(year);
        auto number = store.next_serial(scope);
        POURA_RETURN_IF_ERROR(number);
        char digits[32];
        std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(*number));
        IssueOptions io;
        io.issuer = m->code;
        io.serial = scope + "-" + digits;
        io.issued_at = now();
        io.profiles = options.profiles;
        auto issued = issue(a.document, *keyset, io);
        POURA_RETURN_IF_ERROR(issued);
        const auto [recommended, approved] = signatories(a);
        Certificate c;
        c.serial = issued->serial;
        c.application = a.id;
        c.type = a.type;
        c.person = a.person;
        c.issued_at = issued->issued_at;
        c.expires_at = issued->expires_at;
        c.kid = to_hex(issued->kid);
        c.qr_text = issued->qr_text;
        c.document = issued->document;
        c.recommended_by = recommended;
        c.approved_by = approved;
        auto inserted = store.insert_certificate(c);
        POURA_RETURN_IF_ERROR(inserted);
        a.serial = c.serial;
        auto used = audit(actor.id, "key_use", "certificate:" + c.serial,
                          {{"kid", c.kid}, {"purpose", "issue"}, {"application", a.id}});
        POURA_RETURN_IF_ERROR(used);
        return c;
    }
};

Office::Office(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Office::Office(Office&&) noexcept = default;
Office& Office::operator=(Office&&) noexcept = default;
Office::~Office() = default;

Result<Office> Office::create(const std::string& path, const Municipality& m, OfficeOptions options) {
    // The issuer code certificates carry: a geocode ("BD-10-06-88") or a name ("kaliganj").
    if (m.code.empty() || m.code.size() > 32 || !std::all_of(m.code.begin(), m.code.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        }))
        return make_error(Errc::invalid_argument, "the municipality code must be 1 to 32 of A-Z, a-z, 0-9, '_' and '-'");
    if (m.name_bn.empty() || m.name_en.empty() || !clean_text(m.name_bn, kMaxName) || !clean_text(m.name_en, kMaxName))
        return make_error(Errc::invalid_argument, "the municipality needs its Bangla and English names (at most 200 bytes)");
    if (m.wards < 1 || m.wards > 99) return make_error(Errc::invalid_argument, "wards must be from 1 to 99");
    if (m.body_class != "A" && m.body_class != "B" && m.body_class != "C")
        return make_error(Errc::invalid_argument, "the class must be A, B or C");
    if (m.sms_language != "bn" && m.sms_language != "en")
        return make_error(Errc::invalid_argument, "the SMS language must be bn or en");
    auto templates = workflow::check_sms_templates(m.sms_templates);
    POURA_RETURN_IF_ERROR(templates);
    if (!m.sms_gateway.is_null()) {
        auto gateway = sms::gateway_from_json(m.sms_gateway);
        POURA_RETURN_IF_ERROR(gateway);
    }
    auto store = store::Store::open(path, true);
    POURA_RETURN_IF_ERROR(store);
    auto impl = std::make_unique<Impl>(Impl{std::move(*store), std::move(options), std::nullopt, 0, m});
    auto done = impl->store.transaction([&]() -> Status {
        auto put = impl->store.put_municipality(m);
        POURA_RETURN_IF_ERROR(put);
        return impl->audit(0, "create", "municipality:" + m.code, {{"code", m.code}, {"name_en", m.name_en}});
    });
    POURA_RETURN_IF_ERROR(done);
    return Office(std::move(impl));
}

Result<Office> Office::open(const std::string& path, OfficeOptions options) {
    auto store = store::Store::open(path, false);
    POURA_RETURN_IF_ERROR(store);
    auto m = store->municipality();
    POURA_RETURN_IF_ERROR(m);
    return Office(std::make_unique<Impl>(Impl{std::move(*store), std::move(options), std::nullopt, 0, std::move(*m)}));
}

Result<Municipality> Office::municipality() const { return impl_->municipality; }
void Office::set_keyset(Keyset keyset) { impl_->keyset = std::move(keyset); }
void Office::set_time(std::int64_t now) { impl_->now_override = now; }

Result<User> Office::add_user(const User& u) {
    if (!valid_login(u.login))
        return make_error(Errc::invalid_argument, "a login is 1 to 64 of a-z, 0-9, '.', '_' and '-'");
    if (u.name.empty() || !clean_text(u.name, kMaxName))
        return make_error(Errc::invalid_argument, "a user needs a name of at most 200 bytes of clean text");
    const Municipality* m = &impl_->municipality;
    User user = u;
    if (u.role == Role::councilor) {
        if (u.ward < 1 || u.ward > m->wards)
            return make_error(Errc::invalid_argument,
                              "a councilor needs their ward, 1 to " + std::to_string(m->wards));
    } else if (u.ward != 0) {
        return make_error(Errc::invalid_argument, "only a councilor has a ward");
    }
    if (!u.nid.empty()) {
        auto nid = ids::national_id(u.nid);
        if (!nid) nid = ids::birth_registration(u.nid);
        if (!nid) return make_error(Errc::invalid_argument, "'" + u.nid + "' is not an NID or birth registration number");
        user.nid = *nid;
    } else if (u.role == Role::citizen) {
        return make_error(Errc::invalid_argument, "a citizen user needs their NID or birth registration number");
    }
    if (!u.mobile.empty()) {
        auto mobile = ids::mobile(u.mobile);
        if (!mobile) return make_error(Errc::invalid_argument, "'" + u.mobile + "' is not a Bangladeshi mobile number");
        user.mobile = *mobile;
    }
    if (u.authorised && u.role != Role::panel_mayor)
        return make_error(Errc::invalid_argument, "only a panel mayor is authorised to approve");
    Status done = impl_->store.transaction([&]() -> Status {
        auto id = impl_->store.insert_user(user, impl_->now());
        POURA_RETURN_IF_ERROR(id);
        user.id = *id;
        return impl_->audit(0, "user_add", "user:" + std::to_string(user.id),
                            {{"login", user.login}, {"role", role_name(user.role)}, {"ward", user.ward}});
    });
    POURA_RETURN_IF_ERROR(done);
    return user;
}

Result<User> Office::user(std::int64_t id) const { return impl_->user(id); }

Result<User> Office::user_by_login(std::string_view login) const {
    auto u = impl_->store.user_by_login(login);
    POURA_RETURN_IF_ERROR(u);
    if (!*u) return make_error(Errc::not_found, "no user '" + std::string(login) + "'");
    return **u;
}

Result<std::vector<User>> Office::users() const { return impl_->store.users(); }

Result<Application> Office::apply(std::int64_t actor_id, const NewApplication& n) {
    auto actor = impl_->user(actor_id);
    POURA_RETURN_IF_ERROR(actor);
    if (!n.document.is_object() || !n.document.contains("type") || !n.document["type"].is_string())
        return make_error(Errc::invalid_argument, "the application's document must be an object with a \"type\"");
    const std::string type = n.document["type"].get<std::string>();
    auto rules = impl_->rules(type);
    POURA_RETURN_IF_ERROR(rules);
    const Rules& r = rules->second;
    if (!has_role(r.applicants, actor->role)) return denied(*actor, "apply for a " + type + " certificate");
    auto document = impl_->options.profiles.validate(n.document);
    POURA_RETURN_IF_ERROR(document);
    auto mobile = ids::mobile(n.mobile);
    if (!mobile) return make_error(Errc::invalid_argument, "'" + n.mobile + "' is not a Bangladeshi mobile number (01[3-9] and 8 digits)");
    auto ward = impl_->ward_of(*document);
    POURA_RETURN_IF_ERROR(ward);
    NewApplication normalised = n;
    normalised.mobile = *mobile;
    auto person = impl_->applicant(normalised, *document, *ward);
    POURA_RETURN_IF_ERROR(person);
    if (actor->role == Role::citizen && actor->nid != person->nid && actor->nid != person->brn)
        return denied(*actor, "apply on another person's behalf (a digital-centre operator can)");
    const Municipality* m = &impl_->municipality;
    if (m->require_holding_tax_clearance && r.holding_tax_clearance) {
        if (n.holding_tax_receipt.empty())
            return make_error(Errc::invalid_argument, m->name_en + " issues " + type +
                                                          " certificates against a paid-up holding-tax receipt: give its number");
    }
    if (!clean_text(n.holding_tax_receipt, 64))
        return make_error(Errc::invalid_argument, "the holding-tax receipt number is at most 64 bytes of clean text");
    auto fee = impl_->fee(m->code, type, *document);
    POURA_RETURN_IF_ERROR(fee);

    Application a;
    a.type = type;
    a.state = S::submitted;
    a.ward = *ward;
    a.document = *document;
    a.submitted_by = actor->id;
    a.on_behalf = actor->role != Role::citizen;
    a.mobile = *mobile;
    a.fee_poisha = *fee;
    a.holding_tax_receipt = n.holding_tax_receipt;
    a.submitted_at = a.updated_at = impl_->now();
    a.due_at = a.submitted_at + static_cast<std::int64_t>(r.service_days) * 86400;
    Status done = impl_->store.transaction([&]() -> Status {
        auto pid = impl_->store.upsert_person(*person);
        POURA_RETURN_IF_ERROR(pid);
        a.person = *pid;
        auto duplicate = impl_->store.open_application(a.person, type, 0);
        POURA_RETURN_IF_ERROR(duplicate);
        a.duplicate_of = *duplicate;
        auto id = impl_->store.insert_application(a);
        POURA_RETURN_IF_ERROR(id);
        a.id = *id;
        auto recorded = impl_->record(a, *actor, Action::submit, S::submitted,
                                      a.duplicate_of ? "possible duplicate of application " + std::to_string(*a.duplicate_of)
                                                     : std::string());
        POURA_RETURN_IF_ERROR(recorded);
        return impl_->queue_sms(a, "submitted", {});
    });
    POURA_RETURN_IF_ERROR(done);
    return a;  // with its id, person, duplicate flag and the submit in its history
}

Result<Application> Office::act(std::int64_t actor_id, std::int64_t application_id, Action action,
                                std::string_view comment, const nlohmann::json& document) {
    if (action == Action::submit) return make_error(Errc::invalid_argument, "use apply to submit an application");
    if (action == Action::print) return make_error(Errc::invalid_argument, "use print to print a certificate");
    auto actor = impl_->user(actor_id);
    POURA_RETURN_IF_ERROR(actor);
    auto app = impl_->application(application_id);
    POURA_RETURN_IF_ERROR(app);
    Application& a = *app;
    const auto* t = workflow::transition_for(action);
    if (!t) return make_error(Errc::invalid_argument, "unknown action");
    auto rules = impl_->rules(a.type);
    POURA_RETURN_IF_ERROR(rules);
    const Rules& r = rules->second;
    const std::string what = std::string(action_name(action)) + " application " + std::to_string(a.id);
    if (!has_role(t->roles, actor->role)) return denied(*actor, what);

    std::vector<S> from = t->from;
    // A type that needs no recommendation goes from submitted to the mayor.
    if (action == Action::approve && !r.recommendation) from.push_back(S::submitted);
    if (std::find(from.begin(), from.end(), a.state) == from.end())
        return make_error(Errc::invalid_state, "cannot " + what + ": it is " + std::string(state_name(a.state)));
    if (t->ward_bound && actor->role == Role::councilor && actor->ward != a.ward)
        return denied(*actor, what + ": it is of ward " + std::to_string(a.ward) + ", the councilor's is ward " +
                                  std::to_string(actor->ward));
    if (t->needs_comment && comment.empty())
        return make_error(Errc::invalid_argument, std::string(action_name(action)) + " needs a reason or note");
    if (!clean_text(comment, kMaxComment))
        return make_error(Errc::invalid_argument, "a comment is at most 2,000 bytes of clean text");

    auto person = impl_->store.person(a.person);
    POURA_RETURN_IF_ERROR(person);
    const bool own = actor->id == a.submitted_by ||
                     (*person && !actor->nid.empty() && (actor->nid == (*person)->nid || actor->nid == (*person)->brn));
    if ((action == Action::resubmit || action == Action::request_correction || action == Action::withdraw) &&
        actor->role != Role::secretary && actor->id != a.submitted_by)
        return denied(*actor, what + ": only its applicant or the office can");
    if ((action == Action::recommend || action == Action::approve || action == Action::approve_correction ||
         action == Action::issue) && own)
        return denied(*actor, what + ": nobody acts on their own application");
    if ((action == Action::approve || action == Action::approve_correction) && actor->role == Role::panel_mayor &&
        !actor->authorised)
        return denied(*actor, what + ": the panel mayor is not authorised to approve");
    if (action == Action::recommend && r.investigation &&
        std::none_of(a.history.begin(), a.history.end(), [](const ActionRecord& h) { return h.action == Action::investigate; }))
        return make_error(Errc::invalid_state, "cannot " + what + ": a " + a.type +
                                                   " application needs an investigation note first");

    nlohmann::json corrected;
    if (action == Action::resubmit || action == Action::request_correction) {
        if (document.is_null()) {
            if (action == Action::request_correction)
                return make_error(Errc::invalid_argument, "a correction needs the corrected document");
            corrected = a.document;
        } else {
            if (!document.is_object() || document.value("type", "") != a.type)
                return make_error(Errc::invalid_argument, "the corrected document must be a " + a.type + " document");
            auto valid = impl_->options.profiles.validate(document);
            POURA_RETURN_IF_ERROR(valid);
            auto ward = impl_->ward_of(*valid);
            POURA_RETURN_IF_ERROR(ward);
            if (*ward != a.ward)
                return make_error(Errc::invalid_argument, "a correction cannot move an application to another ward");
            corrected = *valid;
        }
    }

    const S before = a.state;
    Status done = impl_->store.transaction([&]() -> Status {
        if (t->to) a.state = *t->to;
        a.updated_at = impl_->now();
        if (!corrected.is_null()) a.document = corrected;
        switch (action) {
            case Action::issue: {
                auto c = impl_->issue_certificate(a, *actor);
                POURA_RETURN_IF_ERROR(c);
                break;
            }
            case Action::approve_correction: {
                const std::string old_serial = a.serial;
                auto history = a.history;  // the approver's name goes on the new certificate
                ActionRecord approval;
                approval.action = Action::approve_correction;
                approval.actor = actor->id;
                a.history.push_back(approval);
                auto c = impl_->issue_certificate(a, *actor);
                a.history = std::move(history);
                POURA_RETURN_IF_ERROR(c);
                auto superseded = impl_->store.set_certificate_status(old_serial, CertificateStatus::superseded,
                                                                      "corrected", impl_->now(), c->serial, actor->id);
                POURA_RETURN_IF_ERROR(superseded);
                break;
            }
            case Action::revoke: {
                auto revoked = impl_->store.set_certificate_status(a.serial, CertificateStatus::revoked, comment,
                                                                   impl_->now(), {}, actor->id);
                POURA_RETURN_IF_ERROR(revoked);
                break;
            }
            default:
                break;
        }
        auto updated = impl_->store.update_application(a);
        POURA_RETURN_IF_ERROR(updated);
        auto recorded = impl_->record(a, *actor, action, before, comment);
        POURA_RETURN_IF_ERROR(recorded);
        switch (action) {
            case Action::return_for_correction: return impl_->queue_sms(a, "returned", comment);
            case Action::reject: return impl_->queue_sms(a, "rejected", comment);
            case Action::issue:
            case Action::approve_correction: return impl_->queue_sms(a, "issued", {});
            default: return {};
        }
    });
    POURA_RETURN_IF_ERROR(done);
    return a;
}

Result<Application> Office::application(std::int64_t id) const { return impl_->application(id); }

Result<std::vector<Application>> Office::queue(std::int64_t actor_id, const QueueFilter& filter) const {
    auto actor = impl_->user(actor_id);
    POURA_RETURN_IF_ERROR(actor);
    if (filter.limit < 1 || filter.limit > 10000)
        return make_error(Errc::invalid_argument, "a queue's limit is from 1 to 10,000");
    store::Store::Query q;
    q.limit = filter.limit;
    q.type = filter.type;
    q.ward = filter.ward;
    if (filter.state) q.states = {*filter.state};
    switch (actor->role) {
        case Role::citizen:
        case Role::digital_centre: q.submitted_by = actor->id; break;
        case Role::councilor:
            if (filter.ward && *filter.ward != actor->ward) return denied(*actor, "see another ward's queue");
            q.ward = actor->ward;
            if (!filter.state) q.states = {S::submitted};
            break;
        case Role::mayor:
        case Role::panel_mayor:
            if (!filter.state) q.states = {S::recommended, S::correction_requested};
            break;
        case Role::secretary:
            if (!filter.state) q.states = {S::approved, S::submitted, S::returned};
            break;
        case Role::admin: break;
    }
    if (filter.overdue_only) q.due_before = filter.now ? filter.now : impl_->now();
    return impl_->store.applications(q);
}

Result<Certificate> Office::certificate(std::string_view serial) const {
    auto c = impl_->store.certificate(serial);
    POURA_RETURN_IF_ERROR(c);
    if (!*c) return make_error(Errc::not_found, "no certificate " + std::string(serial) + " in the registry");
    return **c;
}

Result<Office::PrintedCopy> Office::print(std::int64_t actor_id, std::string_view serial) {
    auto actor = impl_->user(actor_id);
    POURA_RETURN_IF_ERROR(actor);
    auto c = certificate(serial);
    POURA_RETURN_IF_ERROR(c);
    if (!has_role(workflow::transition_for(Action::print)->roles, actor->role))
        return denied(*actor, "print certificates");
    auto app = impl_->application(c->application);
    POURA_RETURN_IF_ERROR(app);
    if ((actor->role == Role::citizen || actor->role == Role::digital_centre) && actor->id != app->submitted_by)
        return denied(*actor, "print another applicant's certificate");
    if (c->status != CertificateStatus::valid)
        return make_error(Errc::invalid_state, "certificate " + c->serial + " is " +
                                                   std::string(certificate_status_name(c->status)) + ": it is not printed");
    auto page = impl_->page(*c, c->prints + 1);
    POURA_RETURN_IF_ERROR(page);
    auto pdf = print::render_pdf(*page);
    POURA_RETURN_IF_ERROR(pdf);
    Status done = impl_->store.transaction([&]() -> Status {
        auto copy = impl_->store.insert_print(c->serial, actor->id, impl_->now());
        POURA_RETURN_IF_ERROR(copy);
        c->prints = *copy;
        ActionRecord r;
        r.application = app->id;
        r.action = Action::print;
        r.actor = actor->id;
        r.role = actor->role;
        r.at = impl_->now();
        r.comment = "copy " + std::to_string(*copy) + " of " + c->serial;
        r.from = r.to = app->state;
        auto recorded = impl_->store.insert_action(r);
        POURA_RETURN_IF_ERROR(recorded);
        return impl_->audit(actor->id, "print", "certificate:" + c->serial, {{"copy", *copy}});
    });
    POURA_RETURN_IF_ERROR(done);
    return PrintedCopy{std::move(*c), std::move(*pdf)};
}

Result<Bytes> Office::page_image(std::string_view serial, int dpi) const {
    auto c = certificate(serial);
    POURA_RETURN_IF_ERROR(c);
    auto page = impl_->page(*c, std::max(c->prints, 1));
    POURA_RETURN_IF_ERROR(page);
    return print::render_png(*page, dpi);
}

Result<Certificate> Office::revoke(std::int64_t actor_id, std::string_view serial, std::string_view reason) {
    auto c = certificate(serial);
    POURA_RETURN_IF_ERROR(c);
    if (c->status != CertificateStatus::valid)
        return make_error(Errc::invalid_state, "certificate " + c->serial + " is already " +
                                                   std::string(certificate_status_name(c->status)));
    auto app = act(actor_id, c->application, Action::revoke, reason);
    POURA_RETURN_IF_ERROR(app);
    return certificate(serial);
}

Result<nlohmann::json> Office::revocation_list() const {
    const Municipality* m = &impl_->municipality;
    auto withdrawn = impl_->store.withdrawn_certificates();
    POURA_RETURN_IF_ERROR(withdrawn);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : *withdrawn)
        list.push_back({{"issuer", m->code},
                        {"serial", c.serial},
                        {"revoked_at", c.status_at},
                        {"status", certificate_status_name(c.status)},
                        {"reason", c.status_reason}});
    // Trade licences given up before their term ended (the revenue section's).
    auto surrendered = store::RevenueStore(impl_->store).surrendered_licences();
    POURA_RETURN_IF_ERROR(surrendered);
    for (const auto& [serial, at] : *surrendered)
        list.push_back({{"issuer", m->code},
                        {"serial", serial},
                        {"revoked_at", at},
                        {"status", "revoked"},
                        {"reason", "trade licence surrendered"}});
    return list;
}

Result<std::vector<OutboxMessage>> Office::outbox(std::optional<std::string> status, int limit) const {
    if (status && *status != "queued" && *status != "sent" && *status != "failed")
        return make_error(Errc::invalid_argument, "an outbox status is queued, sent or failed");
    if (limit < 1 || limit > 10000) return make_error(Errc::invalid_argument, "limit is from 1 to 10,000");
    return impl_->store.outbox(std::move(status), limit);
}

Result<SendReport> Office::send_sms(const nlohmann::json& transport, int limit) {
    if (limit < 1 || limit > 10000) return make_error(Errc::invalid_argument, "limit is from 1 to 10,000");
    const Municipality* m = &impl_->municipality;
    std::unique_ptr<sms::Transport> sender;
    const nlohmann::json& config = transport.is_null() && !m->sms_gateway.is_null()
                                       ? nlohmann::json{{"http", m->sms_gateway}}
                                       : transport;
    if (config.is_null()) {
        sender = sms::file_transport("-");
    } else if (config.is_object() && config.size() == 1 && config.contains("file") && config["file"].is_string()) {
        sender = sms::file_transport(config["file"].get<std::string>());
    } else if (config.is_object() && config.size() == 1 && config.contains("http")) {
        auto gateway = sms::gateway_from_json(config["http"]);
        POURA_RETURN_IF_ERROR(gateway);
        sender = sms::http_transport(*gateway);
    } else {
        return make_error(Errc::invalid_argument, "an SMS transport is {\"file\": PATH} or {\"http\": {\"url\": ...}}");
    }
    auto due = impl_->store.due_sms(impl_->now(), limit);
    POURA_RETURN_IF_ERROR(due);
    SendReport report;
    for (const auto& msg : *due) {
        const auto delivery = sender->send({"poura-" + m->code + "-" + std::to_string(msg.id), msg.to, msg.text});
        store::SmsOutcome o;
        o.id = msg.id;
        o.gateway_id = delivery.gateway_id;
        o.detail = delivery.detail;
        const int attempts = msg.attempts + 1;
        if (delivery.outcome == sms::Outcome::sent) {
            o.status = "sent";
            ++report.sent;
        } else if (delivery.outcome == sms::Outcome::retry && attempts < kMaxSmsAttempts) {
            o.status = "queued";
            o.next_attempt_at = impl_->now() + (std::int64_t{60} << (attempts - 1));
            ++report.retried;
        } else {
            o.status = "failed";
            ++report.failed;
        }
        Status recorded = impl_->store.transaction([&]() -> Status {
            auto r = impl_->store.record_sms(o);
            POURA_RETURN_IF_ERROR(r);
            return impl_->audit(0, "sms_" + o.status, "sms:" + std::to_string(msg.id),
                                {{"attempt", attempts}, {"detail", o.detail}});
        });
        POURA_RETURN_IF_ERROR(recorded);
    }
    return report;
}

Result<AuditReport> Office::verify_audit() const {
    return workflow::verify_audit_chain(impl_->store, impl_->keyset ? &*impl_->keyset : nullptr);
}

Status Office::checkpoint_audit() {
    return impl_->store.transaction([&]() -> Status {
        auto last = impl_->store.last_audit();
        POURA_RETURN_IF_ERROR(last);
        if (!*last) return make_error(Errc::invalid_state, "the audit log is empty");
        return impl_->checkpoint(**last);
    });
}

Status Office::for_each_certificate(const std::function<bool(const Certificate&)>& visit) const {
    return impl_->store.for_each_certificate(visit);
}

Result<RegistryCheck> Office::verify_registry(
    const Trust& trust, const VerifyOptions& options, int threads,
    const std::function<void(std::int64_t, std::int64_t)>& progress) const {
    if (threads < 0 || threads > 256) return make_error(Errc::invalid_argument, "threads must be from 0 to 256");
    if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto total = impl_->store.count_certificates();
    POURA_RETURN_IF_ERROR(total);
    RegistryCheck check;
    check.certificates = *total;
    // Read in batches; each batch is verified by every thread, one
    // certificate at a time taken from a shared counter.
    constexpr std::size_t kBatch = 4096;
    struct Entry {
        std::string serial, qr_text;
        CertificateStatus status;
    };
    std::vector<Entry> batch;
    std::vector<VerifyResult> results;
    std::int64_t done = 0;
    auto run_batch = [&]() {
        results.assign(batch.size(), VerifyResult{});
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t i = next++; i < batch.size(); i = next++) results[i] = verify(batch[i].qr_text, trust, options);
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const bool withdrawn = batch[i].status != CertificateStatus::valid;
            const bool valid = results[i].valid();
            if (valid) ++check.valid;
            else ++check.refused[std::string(reason_code(results[i].reason))];
            const bool disagrees = withdrawn ? valid : (!valid && results[i].reason != Reason::expired);
            if (disagrees) {
                ++check.disagreements;
                if (check.disagreements_sample.size() < 1000) check.disagreements_sample.push_back(batch[i].serial);
            }
        }
        done += static_cast<std::int64_t>(batch.size());
        if (progress) progress(done, check.certificates);
        batch.clear();
    };
    auto walked = impl_->store.for_each_qr_text([&](std::string serial, std::string qr_text, CertificateStatus status) {
        batch.push_back({std::move(serial), std::move(qr_text), status});
        if (batch.size() == kBatch) run_batch();
        return true;
    });
    POURA_RETURN_IF_ERROR(walked);
    if (!batch.empty()) run_batch();
    check.certificates = done;
    return check;
}

}  // namespace poura

namespace poura::workflow {

OfficeParts::OfficeParts(Office& office) : office_(office) {}

store::Store& OfficeParts::store() { return detail::ImplAccess::of(office_).store; }
const OfficeOptions& OfficeParts::options() const { return detail::ImplAccess::of(office_).options; }
const std::optional<Keyset>& OfficeParts::keyset() const { return detail::ImplAccess::of(office_).keyset; }
const Municipality& OfficeParts::municipality() const { return detail::ImplAccess::of(office_).municipality; }
std::int64_t OfficeParts::now() const { return detail::ImplAccess::of(office_).now(); }
Result<User> OfficeParts::user(std::int64_t id) const { return detail::ImplAccess::of(office_).user(id); }

Status OfficeParts::audit(std::int64_t actor, std::string event, std::string subject, const nlohmann::json& detail) {
    return detail::ImplAccess::of(office_).audit(actor, std::move(event), std::move(subject), detail);
}

Status OfficeParts::queue_sms(std::string_view to, std::string_view text, std::string_view event) {
    OutboxMessage msg;
    msg.to = std::string(to);
    msg.text = std::string(text);
    msg.event = std::string(event);
    return detail::ImplAccess::of(office_).queue(std::move(msg));
}

}  // namespace poura::workflow
