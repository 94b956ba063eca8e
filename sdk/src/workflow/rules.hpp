// The workflow rules of a certificate type, read from the "workflow" object
// of its profile (sdk/data/profiles/*.json), and the state machine they
// drive. A type whose profile has no "workflow" object is not issued through
// applications (receipts, trade licences).
#pragma once

#include <poura/documents.hpp>
#include <poura/office.hpp>
#include <poura/result.hpp>

#include <optional>
#include <string>
#include <vector>

namespace poura::workflow {

struct Rules {
    std::vector<Role> applicants;  // who may submit: citizen, digital_centre, secretary
    bool investigation = false;    // an investigation note before recommending
    bool recommendation = true;    // the ward councilor recommends before the mayor approves
    int service_days = 7;          // the service-time target from submission
    bool holding_tax_clearance = false;  // covered by the municipality's clearance rule
};

// The rules of a type, or profile_invalid naming the bad member, or
// invalid_argument when the type is not applied for.
Result<Rules> rules_for(const Profile& profile);

// One row of the state machine: an action moves an application from one of
// `from` to `to` (`to` unset: the state stays), done by one of `roles`.
struct Transition {
    Action action;
    std::vector<ApplicationState> from;
    std::optional<ApplicationState> to;
    std::vector<Role> roles;
    bool needs_comment = false;   // a reason or note is required
    bool ward_bound = false;      // a councilor acts for their own ward only
};

const std::vector<Transition>& transitions();
const Transition* transition_for(Action action);

}  // namespace poura::workflow
