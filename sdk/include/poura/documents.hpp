// Document profiles: what each certificate type carries, as data. The SDK
// embeds its default profiles; a municipality may load its own.
#pragma once

#include <poura/export.hpp>
#include <poura/result.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace poura {

// How long a certificate of a type stays valid from its issue date.
struct POURA_API ValidityRule {
    enum class Kind { days, months, fiscal_year_end, none };
    Kind kind = Kind::none;
    int amount = 0;  // days or months

    // Expiry (unix seconds) for a certificate issued at `issued_at`, or 0 for none.
    std::int64_t expiry(std::int64_t issued_at) const;
};

struct POURA_API Profile {
    std::string type;  // "citizenship"
    int version = 1;
    std::string title_bn;
    std::string title_en;
    ValidityRule validity;
    nlohmann::json definition;  // the profile as loaded, fields included
};

namespace detail {
struct ImplAccess;
}

// A value: copies are cheap and share the profiles, which never change once
// loaded; add() gives this set its own copy first.
class POURA_API ProfileSet {
public:
    // The profiles shipped inside the library.
    static const ProfileSet& builtin();
    // One profile, or an array of profiles, as JSON text. A bad file is refused
    // with Errc::profile_invalid, every problem reported with its JSON path.
    static Result<ProfileSet> from_json(std::string_view text);

    // Adds or replaces profiles (a municipality's override); refuses a bad file
    // as from_json does, leaving the set unchanged.
    Status add(std::string_view json_text);

    const Profile* find(std::string_view type) const;
    std::vector<std::string> types() const;

    // Checks a document ({"type": ..., fields...}) against its profile and
    // returns it normalised (NFC text, trimmed identifiers). The error message
    // names the offending field by its path.
    Result<nlohmann::json> validate(const nlohmann::json& document) const;

    // Compact CBOR form with the profile's small integer keys, and back.
    Result<Bytes> encode(const nlohmann::json& document) const;
    Result<nlohmann::json> decode(const Bytes& cbor) const;

    // An empty set.
    ProfileSet();

    struct Impl;  // defined inside the library

private:
    friend struct detail::ImplAccess;
    std::shared_ptr<const Impl> impl_;
};

}  // namespace poura
