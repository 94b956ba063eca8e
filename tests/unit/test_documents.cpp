#include <poura/documents.hpp>
#include <poura/issue.hpp>
#include <poura/verify.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace poura;
using nlohmann::json;

namespace {

json citizenship() {
    return {{"type", "citizenship"},      {"name_bn", "রহিমা খাতুন"},       {"name_en", "Rahima Khatun"},
            {"father_name_bn", "আব্দুল করিম"}, {"mother_name_bn", "ফাতেমা বেগম"}, {"nid", "1990101234567"},
            {"address_bn", "সারিয়াকান্দি, বগুড়া"}};
}

std::string error_of(const json& document) {
    auto result = ProfileSet::builtin().validate(document);
    REQUIRE(!result);
    return result.error().message;
}

}  // namespace

TEST_CASE("every shipped profile loads") {
    const auto types = ProfileSet::builtin().types();
    for (const char* t : {"citizenship", "character", "heirship", "unmarried", "income", "landless", "same_person",
                          "trade_licence"}) {
        INFO(t);
        CHECK(std::find(types.begin(), types.end(), t) != types.end());
        const Profile* p = ProfileSet::builtin().find(t);
        REQUIRE(p);
        CHECK(!p->title_bn.empty());
        CHECK(!p->title_en.empty());
    }
}

TEST_CASE("a valid document is normalised") {
    json doc = citizenship();
    doc["nid"] = "১৯৯০ ১০১২ ৩৪৫৬৭";
    doc["name_en"] = "  Rahima   Khatun ";
    auto valid = ProfileSet::builtin().validate(doc);
    REQUIRE(valid);
    CHECK(valid->at("nid") == "1990101234567");
    CHECK(valid->at("name_en") == "Rahima Khatun");
    CHECK(valid->at("type") == "citizenship");
}

TEST_CASE("errors name the field") {
    json doc = citizenship();
    doc.erase("name_bn");
    CHECK_THAT(error_of(doc), Catch::Contains("'name_bn'") && Catch::Contains("required"));
    doc = citizenship();
    doc["nid"] = "12345";
    CHECK_THAT(error_of(doc), Catch::Contains("'nid'"));
    doc = citizenship();
    doc["name_bn"] = "Rahima";
    CHECK_THAT(error_of(doc), Catch::Contains("'name_bn'") && Catch::Contains("Bengali"));
    doc = citizenship();
    doc["name_en"] = "রহিমা";
    CHECK_THAT(error_of(doc), Catch::Contains("'name_en'"));
    doc = citizenship();
    doc["date_of_birth"] = "1990-02-30";
    CHECK_THAT(error_of(doc), Catch::Contains("'date_of_birth'"));
    doc = citizenship();
    doc["ward"] = 120;
    CHECK_THAT(error_of(doc), Catch::Contains("'ward'"));
    doc = citizenship();
    doc["favourite_colour"] = "blue";
    CHECK_THAT(error_of(doc), Catch::Contains("'favourite_colour'"));
    doc = citizenship();
    doc.erase("nid");
    CHECK_THAT(error_of(doc), Catch::Contains("nid or brn"));
    doc = citizenship();
    doc["address_bn"] = "line one\u0007";
    CHECK_THAT(error_of(doc), Catch::Contains("'address_bn'"));
    CHECK(ProfileSet::builtin().validate(json{{"type", "passport"}}).error().code == Errc::unknown_document_type);
    CHECK(ProfileSet::builtin().validate(json::array()).error().code == Errc::document_invalid);
}

TEST_CASE("heirship lists the deceased and each heir with a relation") {
    json doc = {{"type", "heirship"},
                {"deceased", {{"name_bn", "আব্দুল করিম"}, {"name_en", "Abdul Karim"}, {"date_of_death", "2025-03-01"},
                              {"address_bn", "বগুড়া"}}},
                {"heirs", json::array({{{"name_bn", "রহিমা খাতুন"}, {"relation", "wife"}},
                                       {{"name_bn", "করিম উদ্দিন"}, {"relation", "son"}}})}};
    auto valid = ProfileSet::builtin().validate(doc);
    REQUIRE(valid);
    auto bytes = ProfileSet::builtin().encode(doc);
    REQUIRE(bytes);
    auto back = ProfileSet::builtin().decode(*bytes);
    REQUIRE(back);
    CHECK(*back == *valid);

    doc["heirs"][1]["relation"] = "cousin";
    CHECK_THAT(error_of(doc), Catch::Contains("'heirs[1].relation'"));
    doc["heirs"] = json::array();
    CHECK_THAT(error_of(doc), Catch::Contains("'heirs'"));
}

TEST_CASE("encoding round-trips and is compact for Bangla") {
    const json doc = citizenship();
    auto bytes = ProfileSet::builtin().encode(doc);
    REQUIRE(bytes);
    CHECK(ProfileSet::builtin().decode(*bytes).value() == ProfileSet::builtin().validate(doc).value());
    std::size_t utf8 = 0;
    for (const auto& [k, v] : doc.items())
        if (v.is_string()) utf8 += v.get<std::string>().size();
    CHECK(bytes->size() < utf8);  // SCSU more than pays for the keys
}

TEST_CASE("profile files are validated with JSON paths") {
    auto bad = ProfileSet::from_json(R"({"type": "x", "code": 99, "title": {"bn": "x"}, "validity": {"weeks": 2},
        "fields": [{"name": "a", "key": 1, "kind": "colour", "label": {"bn": "a", "en": "a"}},
                   {"name": "a", "key": 1, "kind": "text", "label": {"bn": "a", "en": "a"}}]})");
    REQUIRE(!bad);
    CHECK(bad.error().code == Errc::profile_invalid);
    CHECK(errc_name(bad.error().code) == "profile_invalid");
    const std::string message = bad.error().message;
    CHECK_THAT(message, Catch::Contains("$.title.en"));
    CHECK_THAT(message, Catch::Contains("$.validity"));
    CHECK_THAT(message, Catch::Contains("$.fields[0].kind"));
    CHECK_THAT(message, Catch::Contains("$.fields[1].name"));
    CHECK_THAT(message, Catch::Contains("$.fields[1].key"));
    CHECK(ProfileSet::from_json("{not json").error().code == Errc::profile_invalid);
}

TEST_CASE("a municipality overrides a profile without code") {
    ProfileSet set = ProfileSet::builtin();
    auto added = set.add(R"({"type": "character", "code": 2, "title": {"bn": "চারিত্রিক সনদ", "en": "Character"},
        "validity": {"days": 30},
        "fields": [{"name": "name_bn", "key": 1, "kind": "bangla_name", "required": true, "label": {"bn": "নাম", "en": "Name"}}]})");
    REQUIRE(added);
    CHECK(set.find("character")->validity.kind == ValidityRule::Kind::days);
    CHECK(set.validate(json{{"type", "character"}, {"name_bn", "রহিমা"}}));
    CHECK(ProfileSet::builtin().find("character")->validity.kind == ValidityRule::Kind::months);
    // A code taken by another type is refused.
    const Status taken = set.add(R"({"type": "other", "code": 1, "title": {"bn": "x", "en": "x"}, "validity": {"none": true},
        "fields": [{"name": "a", "key": 1, "kind": "text", "label": {"bn": "a", "en": "a"}}]})");
    REQUIRE(!taken);
    CHECK(taken.error().code == Errc::profile_invalid);
}

TEST_CASE("validity rules") {
    const std::int64_t issued = 1767225600 + 3600;  // 2026-01-01T01:00:00Z
    ValidityRule months{ValidityRule::Kind::months, 12};
    CHECK(months.expiry(issued) == 1798761600 + 3600);  // 2027-01-01T01:00:00Z
    ValidityRule fiscal{ValidityRule::Kind::fiscal_year_end, 0};
    CHECK(fiscal.expiry(issued) == 1782864000 - 1);  // 2026-06-30T23:59:59Z
    ValidityRule none;
    CHECK(none.expiry(issued) == 0);
}

TEST_CASE("a profile set is a value: copies and options keep the profiles they were given") {
    ProfileSet set = ProfileSet::builtin();
    VerifyOptions options;
    options.profiles = set;
    const ProfileSet before = set;
    REQUIRE(set.add(R"({"type": "pass", "code": 77, "title": {"bn": "পাস", "en": "Pass"}, "validity": {"days": 1},
        "fields": [{"name": "name_bn", "key": 1, "kind": "bangla_name", "required": true, "label": {"bn": "নাম", "en": "Name"}}]})"));
    CHECK(set.find("pass") != nullptr);
    CHECK(before.find("pass") == nullptr);
    CHECK(options.profiles.find("pass") == nullptr);
    CHECK(ProfileSet::builtin().find("pass") == nullptr);
    CHECK(VerifyOptions{}.profiles.types() == ProfileSet::builtin().types());
    CHECK(IssueOptions{}.profiles.types() == ProfileSet::builtin().types());
}
