// The office's words as stored and shown: roles, states, actions and
// certificate statuses, by name.
#include <poura/office.hpp>

#include <array>
#include <utility>

namespace poura {
namespace {

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [e, name] : names)
        if (e == value) return name;
    return "unknown";
}

template <typename E, std::size_t N>
Result<E> from_name(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view name,
                    std::string_view what) {
    for (const auto& [e, n] : names)
        if (n == name) return e;
    std::string message = "unknown " + std::string(what) + " '" + std::string(name) + "' (one of:";
    for (const auto& entry : names) message += " " + std::string(entry.second);
    return make_error(Errc::invalid_argument, message + ")");
}

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::citizen, "citizen"},
    {Role::digital_centre, "digital_centre"},
    {Role::councilor, "councilor"},
    {Role::panel_mayor, "panel_mayor"},
    {Role::mayor, "mayor"},
    {Role::secretary, "secretary"},
    {Role::admin, "admin"},
}};

constexpr std::array<std::pair<ApplicationState, std::string_view>, 9> kStates{{
    {ApplicationState::submitted, "submitted"},
    {ApplicationState::returned, "returned"},
    {ApplicationState::recommended, "recommended"},
    {ApplicationState::approved, "approved"},
    {ApplicationState::issued, "issued"},
    {ApplicationState::rejected, "rejected"},
    {ApplicationState::correction_requested, "correction_requested"},
    {ApplicationState::revoked, "revoked"},
    {ApplicationState::withdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 13> kActions{{
    {Action::submit, "submit"},
    {Action::return_for_correction, "return"},
    {Action::resubmit, "resubmit"},
    {Action::investigate, "investigate"},
    {Action::recommend, "recommend"},
    {Action::reject, "reject"},
    {Action::approve, "approve"},
    {Action::issue, "issue"},
    {Action::print, "print"},
    {Action::request_correction, "request_correction"},
    {Action::approve_correction, "approve_correction"},
    {Action::revoke, "revoke"},
    {Action::withdraw, "withdraw"},
}};

constexpr std::array<std::pair<CertificateStatus, std::string_view>, 3> kStatuses{{
    {CertificateStatus::valid, "valid"},
    {CertificateStatus::revoked, "revoked"},
    {CertificateStatus::superseded, "superseded"},
}};

}  // namespace

std::string_view role_name(Role role) noexcept { return name_of(kRoles, role); }
Result<Role> role_from_name(std::string_view name) { return from_name(kRoles, name, "role"); }
std::string_view state_name(ApplicationState state) noexcept { return name_of(kStates, state); }
Result<ApplicationState> state_from_name(std::string_view name) { return from_name(kStates, name, "state"); }
std::string_view action_name(Action action) noexcept { return name_of(kActions, action); }
Result<Action> action_from_name(std::string_view name) { return from_name(kActions, name, "action"); }
std::string_view certificate_status_name(CertificateStatus status) noexcept { return name_of(kStatuses, status); }

}  // namespace poura
