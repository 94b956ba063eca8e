// The SMS an office sends when an application changes: from the
// municipality's templates, else the defaults, in its SMS language.
#pragma once

#include <poura/documents.hpp>
#include <poura/office.hpp>
#include <poura/result.hpp>

#include <string>
#include <string_view>

namespace poura::workflow {

// Events with a message: "submitted", "returned", "rejected", "issued".
// Placeholders: {application}, {type}, {serial}, {reason}, {url}, {office}.
Result<std::string> sms_text(const Municipality& m, std::string_view event, const Profile* profile,
                             const Application& a, std::string_view reason);

// A municipality's templates: an object of known events, each {"bn", "en"}
// strings using only known placeholders.
Status check_sms_templates(const nlohmann::json& templates);

}  // namespace poura::workflow
