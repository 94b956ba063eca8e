#include "workflow/rules.hpp"

#include <algorithm>

namespace poura::workflow {

using S = ApplicationState;

const std::vector<Transition>& transitions() {
    // The state machine of docs/workflow.md, as data: every action, the
    // states it applies to, where it leads and who may take it. The finer
    // rules (own ward, own application, an authorised panel mayor, the
    // investigation before recommending) are checked in office.cpp.
    static const std::vector<Transition> table = {
        {Action::submit, {}, S::submitted, {Role::citizen, Role::digital_centre, Role::secretary}, false, false},
        {Action::return_for_correction, {S::submitted, S::recommended}, S::returned,
         {Role::councilor, Role::secretary, Role::mayor, Role::panel_mayor}, true, true},
        {Action::resubmit, {S::returned}, S::submitted, {Role::citizen, Role::digital_centre, Role::secretary}, false,
         false},
        {Action::investigate, {S::submitted}, std::nullopt, {Role::councilor, Role::secretary}, true, true},
        {Action::recommend, {S::submitted}, S::recommended, {Role::councilor}, false, true},
        {Action::reject, {S::submitted, S::recommended, S::approved}, S::rejected,
         {Role::councilor, Role::mayor, Role::panel_mayor}, true, true},
        {Action::approve, {S::recommended}, S::approved, {Role::mayor, Role::panel_mayor}, false, false},
        {Action::issue, {S::approved}, S::issued, {Role::secretary, Role::mayor}, false, false},
        {Action::print, {S::issued}, std::nullopt,
         {Role::citizen, Role::digital_centre, Role::secretary, Role::mayor, Role::councilor}, false, false},
        {Action::request_correction, {S::issued}, S::correction_requested,
         {Role::citizen, Role::digital_centre, Role::secretary}, true, false},
        {Action::approve_correction, {S::correction_requested}, S::issued, {Role::mayor, Role::panel_mayor}, false,
         false},
        {Action::revoke, {S::issued, S::correction_requested}, S::revoked, {Role::mayor, Role::admin}, true, false},
        {Action::withdraw, {S::submitted, S::returned, S::recommended, S::approved}, S::withdrawn,
         {Role::citizen, Role::digital_centre, Role::secretary}, false, false},
    };
    return table;
}

const Transition* transition_for(Action action) {
    for (const auto& t : transitions())
        if (t.action == action) return &t;
    return nullptr;
}

Result<Rules> rules_for(const Profile& profile) {
    const auto& def = profile.definition;
    const auto it = def.find("workflow");
    if (it == def.end())
        return make_error(Errc::invalid_argument,
                          "certificates of type '" + profile.type + "' are not issued through applications");
    const auto& w = *it;
    const std::string at = "profile " + profile.type + ": workflow";
    auto bad = [&](const std::string& member, const std::string& what) {
        return make_error(Errc::profile_invalid, at + "." + member + " " + what);
    };
    if (!w.is_object()) return make_error(Errc::profile_invalid, at + " must be an object");
    static const char* const known[] = {"applicants", "investigation", "recommendation", "service_days",
                                        "holding_tax_clearance"};
    for (auto it = w.begin(); it != w.end(); ++it) {
        const std::string key = it.key();
        if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return key == k; }))
            return bad(key, "is not a workflow rule");
    }
    Rules rules;
    if (auto a = w.find("applicants"); a != w.end()) {
        if (!a->is_array() || a->empty()) return bad("applicants", "must be a non-empty array of roles");
        for (const auto& name : *a) {
            auto role = name.is_string() ? role_from_name(name.get<std::string>()) : Result<Role>(Error{});
            if (!role || (*role != Role::citizen && *role != Role::digital_centre && *role != Role::secretary))
                return bad("applicants", "may hold only citizen, digital_centre and secretary");
            rules.applicants.push_back(*role);
        }
    } else {
        rules.applicants = {Role::citizen, Role::digital_centre, Role::secretary};
    }
    auto flag = [&](const char* name, bool& out) -> Status {
        if (auto f = w.find(name); f != w.end()) {
            if (!f->is_boolean()) return bad(name, "must be true or false");
            out = f->get<bool>();
        }
        return {};
    };
    for (auto [name, out] : {std::pair<const char*, bool*>{"investigation", &rules.investigation},
                             {"recommendation", &rules.recommendation},
                             {"holding_tax_clearance", &rules.holding_tax_clearance}}) {
        auto ok = flag(name, *out);
        if (!ok) return std::move(ok).error();
    }
    if (auto d = w.find("service_days"); d != w.end()) {
        if (!d->is_number_integer() || d->get<long long>() < 1 || d->get<long long>() > 365)
            return bad("service_days", "must be a whole number of days from 1 to 365");
        rules.service_days = d->get<int>();
    }
    return rules;
}

}  // namespace poura::workflow
