// The office's records as JSON, out and in: the one form shared by the CLI,
// the C API and the Python package.
#include <poura/office.hpp>
#include <poura/time.hpp>

#include <initializer_list>
#include <limits>

namespace poura {
namespace {

using nlohmann::json;

std::string iso(std::int64_t t) { return t ? format_time(t) : std::string(); }

// Reads the members of one JSON object into a record, refusing members it
// does not know and members of the wrong kind. The first problem is kept;
// later reads do nothing once there is one.
class Members {
public:
    Members(const json& j, const char* what, std::initializer_list<const char*> known) : j_(j), what_(what) {
        if (!j.is_object()) {
            problem(std::string(what) + " must be a JSON object");
            return;
        }
        for (const auto& [key, value] : j.items()) {
            bool found = false;
            for (const char* k : known) found = found || key == k;
            if (!found) {
                problem(std::string(what) + ": unknown member \"" + key + "\"");
                return;
            }
        }
    }

    void text(const char* member, std::string& out) {
        if (const json* v = get(member)) {
            if (v->is_string()) out = v->get<std::string>();
            else wrong(member, "text");
        }
    }
    template <typename Int>
    void integer(const char* member, Int& out) {
        const json* v = get(member);
        if (!v) return;
        constexpr auto lowest = std::int64_t(std::numeric_limits<Int>::min());
        constexpr auto highest = std::int64_t(std::numeric_limits<Int>::max());
        const bool in_range = v->is_number_unsigned() ? v->get<std::uint64_t>() <= std::uint64_t(highest)
                              : v->is_number_integer() && v->get<std::int64_t>() >= lowest &&
                                    v->get<std::int64_t>() <= highest;
        if (in_range) out = static_cast<Int>(v->get<std::int64_t>());
        else wrong(member, "an integer in range");
    }
    void boolean(const char* member, bool& out) {
        if (const json* v = get(member)) {
            if (v->is_boolean()) out = v->get<bool>();
            else wrong(member, "true or false");
        }
    }
    // An object (or null for none).
    void object(const char* member, json& out) {
        if (const json* v = get(member)) {
            if (v->is_object()) out = *v;
            else wrong(member, "an object");
        }
    }
    // A name read by from_name (a role, a state).
    template <typename T, typename FromName>
    void named(const char* member, T& out, FromName from_name) {
        std::string name;
        text(member, name);
        if (!ok() || !get(member)) return;
        auto parsed = from_name(name);
        if (parsed) out = *parsed;
        else problem(std::string(what_) + ": \"" + member + "\": " + parsed.error().message);
    }
    bool has(const char* member) const { return ok() && get(member) != nullptr; }

    bool ok() const { return problem_.empty(); }
    Error error() const { return make_error(Errc::invalid_argument, problem_); }

private:
    // The member, or nullptr when it is absent or null (the default).
    const json* get(const char* member) const {
        if (!ok()) return nullptr;
        auto it = j_.find(member);
        if (it == j_.end() || it->is_null()) return nullptr;
        return &*it;
    }
    void wrong(const char* member, const char* kind) {
        problem(std::string(what_) + ": \"" + member + "\" must be " + kind);
    }
    void problem(std::string message) {
        if (problem_.empty()) problem_ = std::move(message);
    }

    const json& j_;
    const char* what_;
    std::string problem_;
};

}  // namespace

json to_json(const User& u) {
    return {{"id", u.id},     {"login", u.login}, {"name", u.name},     {"role", role_name(u.role)},
            {"ward", u.ward}, {"nid", u.nid},     {"mobile", u.mobile}, {"authorised", u.authorised}};
}

json to_json(const Application& a) {
    json history = json::array();
    for (const auto& h : a.history)
        history.push_back({{"action", action_name(h.action)}, {"actor", h.actor}, {"role", role_name(h.role)},
                           {"at", iso(h.at)}, {"comment", h.comment}, {"from", state_name(h.from)},
                           {"to", state_name(h.to)}});
    json j = {{"id", a.id}, {"type", a.type}, {"state", state_name(a.state)}, {"ward", a.ward},
              {"person", a.person}, {"submitted_by", a.submitted_by}, {"on_behalf", a.on_behalf},
              {"mobile", a.mobile}, {"submitted_at", iso(a.submitted_at)}, {"due_at", iso(a.due_at)},
              {"updated_at", iso(a.updated_at)}, {"serial", a.serial}, {"document", a.document},
              {"history", history}};
    j["fee_poisha"] = a.fee_poisha >= 0 ? json(a.fee_poisha) : json();
    j["duplicate_of"] = a.duplicate_of ? json(*a.duplicate_of) : json();
    if (!a.holding_tax_receipt.empty()) j["holding_tax_receipt"] = a.holding_tax_receipt;
    return j;
}

json to_json(const Certificate& c) {
    return {{"serial", c.serial}, {"application", c.application}, {"type", c.type},
            {"issued_at", iso(c.issued_at)}, {"expires_at", iso(c.expires_at)}, {"kid", c.kid},
            {"status", certificate_status_name(c.status)}, {"status_reason", c.status_reason},
            {"status_at", iso(c.status_at)}, {"replaced_by", c.replaced_by}, {"prints", c.prints},
            {"recommended_by", c.recommended_by}, {"approved_by", c.approved_by}, {"qr_text", c.qr_text},
            {"document", c.document}};
}

json to_json(const OutboxMessage& m) {
    return {{"id", m.id},         {"to", m.to},         {"event", m.event},   {"application", m.application},
            {"text", m.text},     {"parts", m.parts},   {"ucs2", m.ucs2},     {"status", m.status},
            {"attempts", m.attempts}, {"gateway_id", m.gateway_id}, {"detail", m.detail}};
}

json to_json(const SendReport& r) { return {{"sent", r.sent}, {"retried", r.retried}, {"failed", r.failed}}; }

json to_json(const AuditReport& r) {
    return {{"ok", r.ok},           {"entries", r.entries}, {"checkpoints", r.checkpoints},
            {"bad_entry", r.bad_entry}, {"problem", r.problem}, {"message", r.message}};
}

Result<Municipality> municipality_from_json(const json& j) {
    Members in(j, "municipality",
               {"code", "name_bn", "name_en", "body_class", "wards", "require_holding_tax_clearance",
                "sms_templates", "download_url", "sms_language", "sms_gateway"});
    Municipality m;
    in.text("code", m.code);
    in.text("name_bn", m.name_bn);
    in.text("name_en", m.name_en);
    in.text("body_class", m.body_class);
    in.integer("wards", m.wards);
    in.boolean("require_holding_tax_clearance", m.require_holding_tax_clearance);
    in.object("sms_templates", m.sms_templates);
    in.text("download_url", m.download_url);
    in.text("sms_language", m.sms_language);
    in.object("sms_gateway", m.sms_gateway);
    if (!in.ok()) return in.error();
    return m;
}

Result<User> user_from_json(const json& j) {
    Members in(j, "user", {"login", "name", "role", "ward", "nid", "mobile", "authorised"});
    User u;
    in.text("login", u.login);
    in.text("name", u.name);
    in.named("role", u.role, role_from_name);
    in.integer("ward", u.ward);
    in.text("nid", u.nid);
    in.text("mobile", u.mobile);
    in.boolean("authorised", u.authorised);
    if (in.ok() && !in.has("role")) return make_error(Errc::invalid_argument, "user: \"role\" is required");
    if (!in.ok()) return in.error();
    return u;
}

Result<NewApplication> new_application_from_json(const json& j) {
    Members in(j, "application",
               {"document", "mobile", "applicant_id", "applicant_name_bn", "holding_tax_receipt"});
    NewApplication n;
    in.object("document", n.document);
    in.text("mobile", n.mobile);
    in.text("applicant_id", n.applicant_id);
    in.text("applicant_name_bn", n.applicant_name_bn);
    in.text("holding_tax_receipt", n.holding_tax_receipt);
    if (in.ok() && !in.has("document"))
        return make_error(Errc::invalid_argument, "application: \"document\" is required");
    if (!in.ok()) return in.error();
    return n;
}

Result<QueueFilter> queue_filter_from_json(const json& j) {
    QueueFilter f;
    if (j.is_null()) return f;
    Members in(j, "queue filter", {"state", "ward", "type", "overdue", "now", "limit"});
    ApplicationState state = ApplicationState::submitted;
    in.named("state", state, state_from_name);
    if (in.has("state")) f.state = state;
    int ward = 0;
    in.integer("ward", ward);
    if (in.has("ward")) f.ward = ward;
    std::string type;
    in.text("type", type);
    if (in.has("type")) f.type = type;
    in.boolean("overdue", f.overdue_only);
    in.integer("now", f.now);
    in.integer("limit", f.limit);
    if (!in.ok()) return in.error();
    return f;
}

}  // namespace poura
