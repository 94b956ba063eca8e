#include "documents/schema.hpp"

#include <poura/json.hpp>

#include "codec/cbor.hpp"
#include "core/dates.hpp"
#include "core/try.hpp"

#include <algorithm>

namespace poura {

namespace detail {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_profiles();
}

std::int64_t ValidityRule::expiry(std::int64_t issued_at) const {
    const dates::Date issued = dates::from_unix(issued_at);
    switch (kind) {
        case Kind::days: return issued_at + std::int64_t{amount} * 86400;
        case Kind::months:
            return dates::to_unix(dates::add_months(issued, amount)) + (issued_at - dates::to_unix(issued));
        case Kind::fiscal_year_end: return dates::to_unix(dates::fiscal_year_end(issued)) + 86400 - 1;
        case Kind::none: return 0;
    }
    return 0;
}

const documents::ProfileDefinition* ProfileSet::Impl::find(std::string_view type) const {
    for (const auto& p : profiles)
        if (p.profile.type == type) return &p;
    return nullptr;
}

const documents::ProfileDefinition* ProfileSet::Impl::find(std::int64_t code) const {
    for (const auto& p : profiles)
        if (p.code == code) return &p;
    return nullptr;
}

ProfileSet::ProfileSet() : impl_(std::make_shared<const Impl>()) {}

const ProfileSet& ProfileSet::builtin() {
    static const ProfileSet set = [] {
        ProfileSet s;
        for (const auto& [name, text] : detail::embedded_profiles()) {
            // The embedded files are checked by the test suite; a broken one is
            // left out rather than taking the library down.
            (void)s.add(text);
        }
        return s;
    }();
    return set;
}

Result<ProfileSet> ProfileSet::from_json(std::string_view text) {
    ProfileSet set;
    auto added = set.add(text);
    POURA_RETURN_IF_ERROR(added);
    return set;
}

Status ProfileSet::add(std::string_view json_text) {
    const auto text = parse_json(json_text);
    if (!text) return make_error(Errc::profile_invalid, "profile: not valid JSON: " + text.error().message);
    const nlohmann::json& j = *text;
    std::vector<std::string> problems;
    std::vector<documents::ProfileDefinition> parsed;
    if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            parsed.push_back(documents::parse_profile(j[i], "$[" + std::to_string(i) + "]", problems));
    } else {
        parsed.push_back(documents::parse_profile(j, "$", problems));
    }
    for (std::size_t i = 0; i < parsed.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (parsed[i].code == parsed[k].code && parsed[i].profile.type != parsed[k].profile.type)
                problems.push_back("code " + std::to_string(parsed[i].code) + " is used by both " +
                                   parsed[k].profile.type + " and " + parsed[i].profile.type);
    for (const auto& p : parsed)
        if (const auto* existing = impl_->find(p.code); existing && existing->profile.type != p.profile.type)
            problems.push_back("code " + std::to_string(p.code) + " already belongs to " + existing->profile.type);
    if (!problems.empty()) {
        std::string message = "profile: ";
        for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
        return make_error(Errc::profile_invalid, message);
    }
    // Copies of this set keep the profiles they were made with.
    auto next = std::make_shared<Impl>(*impl_);
    for (auto& p : parsed) {
        auto it = std::find_if(next->profiles.begin(), next->profiles.end(),
                               [&](const auto& q) { return q.profile.type == p.profile.type; });
        if (it != next->profiles.end()) *it = std::move(p);
        else next->profiles.push_back(std::move(p));
    }
    impl_ = std::move(next);
    return {};
}

const Profile* ProfileSet::find(std::string_view type) const {
    const auto* def = impl_->find(type);
    return def ? &def->profile : nullptr;
}

std::vector<std::string> ProfileSet::types() const {
    std::vector<std::string> out;
    for (const auto& p : impl_->profiles) out.push_back(p.profile.type);
    std::sort(out.begin(), out.end());
    return out;
}

Result<nlohmann::json> ProfileSet::validate(const nlohmann::json& document) const {
    if (!document.is_object()) return make_error(Errc::document_invalid, "a document must be a JSON object");
    auto type = document.find("type");
    if (type == document.end() || !type->is_string())
        return make_error(Errc::document_invalid, "field 'type': is required (the document type)");
    const auto* def = impl_->find(type->get<std::string>());
    if (!def) return make_error(Errc::unknown_document_type, "unknown document type '" + type->get<std::string>() + "'");
    nlohmann::json out = document;
    auto normalized = documents::normalize_document(*def, out);
    POURA_RETURN_IF_ERROR(normalized);
    return out;
}

Result<Bytes> ProfileSet::encode(const nlohmann::json& document) const {
    auto valid = validate(document);
    POURA_RETURN_IF_ERROR(valid);
    return cbor::encode(documents::encode_document(*this, *valid));
}

Result<nlohmann::json> ProfileSet::decode(const Bytes& bytes) const {
    // Bytes that are not CBOR are refused as such, before any field is read.
    if (auto well_formed = cbor::check(bytes.data(), bytes.size()); !well_formed)
        return make_error(Errc::document_invalid, well_formed.error().message);
    return documents::decode_document(*this, bytes.data(), bytes.size());
}

}  // namespace poura
