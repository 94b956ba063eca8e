#include <poura/documents.hpp>
#include <poura/issue.hpp>
#include <poura/verify.hpp>

#include <catch2/catch.hpp>

#include "codec/cbor.hpp"
#include "documents/dcc.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
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
                          "trade_licence", "receipt", "family", "not_remarried", "unemployment",
                          "freedom_fighter_child", "permanent_resident", "widow", "orphan", "disability",
                          "no_objection", "possession", "small_ethnic_group", "river_erosion_affected"}) {
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

TEST_CASE("text fields refuse bidi and zero-width controls unless the profile allows them") {
    json doc = citizenship();
    doc["address_bn"] = "বগুড়া \u202Egpj.exe";
    auto refused = ProfileSet::builtin().validate(doc);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::document_invalid);
    CHECK_THAT(refused.error().message, Catch::Contains("'address_bn'") && Catch::Contains("U+202E"));
    doc = citizenship();
    doc["name_en"] = "Rahima\u200B Khatun";
    CHECK_THAT(error_of(doc), Catch::Contains("'name_en'") && Catch::Contains("U+200B"));
    doc = citizenship();
    doc["name_bn"] = "\u200Dরহিমা খাতুন";
    CHECK_THAT(error_of(doc), Catch::Contains("'name_bn'") && Catch::Contains("U+200D"));
    // A joiner inside a Bengali word is spelling, not a disguise.
    doc = citizenship();
    doc["address_bn"] = "র\u200D্যাব রোড, বগুড়া";
    CHECK(ProfileSet::builtin().validate(doc));
    // An identifier holds no markup.
    json licence = {{"type", "trade_licence"},       {"licence_no", "TL/2025-26/0412"},
                    {"business_name_bn", "মায়ের দোয়া স্টোর"}, {"business_name_en", "Mayer Doa Store"},
                    {"owner_name_bn", "মোঃ রফিকুল ইসলাম"}, {"owner_name_en", "Md. Rafiqul Islam"},
                    {"owner_nid", "1985101234567"},  {"business_category", "grocery-retail"},
                    {"business_address_bn", "বাজার রোড"}, {"fiscal_year", "2025-2026"},
                    {"fee_paid", 150000},            {"ward", 2}};
    REQUIRE(ProfileSet::builtin().validate(licence));
    for (const char* id : {"TL/<b>0412</b>", "TL/\"0412\"", "TL\u2066/0412"}) {
        INFO(id);
        licence["licence_no"] = id;
        CHECK_THAT(error_of(licence), Catch::Contains("'licence_no'"));
    }

    ProfileSet set = ProfileSet::builtin();
    REQUIRE(set.add(R"({"type": "bilingual_notice", "code": 900, "title": {"bn": "নোটিশ", "en": "Notice"},
        "validity": {"none": true},
        "fields": [{"name": "note", "key": 1, "kind": "text", "allow_invisible_controls": true, "label": {"bn": "নোট", "en": "Note"}},
                   {"name": "ref", "key": 2, "kind": "text", "label": {"bn": "সূত্র", "en": "Ref"}}]})"));
    CHECK(set.validate(json{{"type", "bilingual_notice"}, {"note", "\u200Fمحمد\u200F 12"}}));
    CHECK_FALSE(set.validate(json{{"type", "bilingual_notice"}, {"note", "x"}, {"ref", "\u200Fمحمد"}}));
    auto wrong_kind = ProfileSet::from_json(R"({"type": "x", "code": 901, "title": {"bn": "x", "en": "x"},
        "validity": {"none": true},
        "fields": [{"name": "a", "key": 1, "kind": "identifier", "allow_invisible_controls": true, "label": {"bn": "a", "en": "a"}}]})");
    REQUIRE_FALSE(wrong_kind);
    CHECK_THAT(wrong_kind.error().message, Catch::Contains("$.fields[0].allow_invisible_controls"));
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

TEST_CASE("decoding reads the CBOR in place and names the field at fault") {
    const ProfileSet& profiles = ProfileSet::builtin();
    const json doc = {{"type", "heirship"},
                      {"deceased", {{"name_bn", "আব্দুল করিম"}, {"name_en", "Abdul Karim"}, {"date_of_death", "2025-03-01"},
                                    {"address_bn", "বগুড়া"}}},
                      {"heirs", json::array({{{"name_bn", "রহিমা খাতুন"}, {"relation", "wife"}},
                                             {{"name_bn", "করিম উদ্দিন"}, {"relation", "son"}}})},
                      {"ward", 3}};
    const json valid = profiles.validate(doc).value();
    const cbor::Value encoded = cbor::decode(profiles.encode(doc).value()).value();
    // The entries by what they hold: the type code, the deceased (a map),
    // the heirs (a list) and the ward (a number).
    auto entry = [](cbor::Value& map, cbor::Type type, bool type_code = false) -> std::pair<cbor::Value, cbor::Value>& {
        for (auto& e : map.as_map())
            if (e.second.is(type) && (e.first.as_int() == 0) == type_code) return e;
        FAIL("no such entry");
        throw;
    };
    auto decode = [&](const cbor::Value& value) { return profiles.decode(cbor::encode(value)); };
    auto error = [&](const cbor::Value& value) {
        auto decoded = decode(value);
        REQUIRE(!decoded);
        return decoded.error();
    };

    CHECK(decode(encoded).value() == valid);
    {  // The type code need not come first.
        cbor::Value moved = encoded;
        auto& entries = moved.as_map();
        std::rotate(entries.begin(), entries.begin() + 1, entries.end());
        CHECK(entries.front().first.as_int() != 0);
        CHECK(decode(moved).value() == valid);
    }
    {
        cbor::Value changed = encoded;
        auto& heirs = entry(changed, cbor::Type::array).second.as_array();
        auto& relation = heirs[1].as_map().back().second;  // relation, written after the name
        relation = cbor::Value("cousin");
        CHECK_THAT(error(changed).message, Catch::Contains("'heirs[1].relation'"));
        heirs[0] = cbor::Value(5);
        CHECK_THAT(error(changed).message, Catch::Contains("'heirs[0]': is not a map"));
        heirs[0] = cbor::Value(cbor::Map{{99, "x"}});
        CHECK_THAT(error(changed).message, Catch::Contains("'heirs[0]': has an unknown key"));
        heirs.clear();
        CHECK_THAT(error(changed).message, Catch::Contains("'heirs': must have between"));
        entry(changed, cbor::Type::array).second = cbor::Value("all of them");
        CHECK_THAT(error(changed).message, Catch::Contains("'heirs': is not a list"));
    }
    {
        cbor::Value changed = encoded;
        entry(changed, cbor::Type::integer).second = cbor::Value("three");
        CHECK_THAT(error(changed).message, Catch::Contains("'ward': is not an integer"));
    }
    {
        cbor::Value changed = encoded;
        auto& deceased = entry(changed, cbor::Type::map).second.as_map();
        deceased.erase(deceased.begin());  // the Bangla name, which is required
        CHECK_THAT(error(changed).message, Catch::Contains("'deceased.name_bn': is required"));
    }
    {
        cbor::Value changed = encoded;
        auto& entries = changed.as_map();
        entries.erase(std::remove_if(entries.begin(), entries.end(), [](const auto& e) { return e.second.is(cbor::Type::array); }),
                      entries.end());
        CHECK_THAT(error(changed).message, Catch::Contains("'heirs': is required"));
    }
    {
        cbor::Value changed = encoded;
        entry(changed, cbor::Type::integer, true).second = cbor::Value(9999);
        CHECK(error(changed).code == Errc::unknown_document_type);
        entry(changed, cbor::Type::integer, true).second = cbor::Value("heirship");
        CHECK_THAT(error(changed).message, Catch::Contains("no type code"));
        CHECK_THAT(error(cbor::Value(cbor::Array{})).message, Catch::Contains("no type code"));
    }
    // Bytes that are no single CBOR item are refused as such.
    Bytes trailing = cbor::encode(encoded);
    trailing.push_back(0);
    auto refused = profiles.decode(trailing);
    REQUIRE(!refused);
    CHECK(refused.error().code == Errc::document_invalid);
    CHECK_THAT(refused.error().message, Catch::Contains("trailing data"));
    Bytes repeated = cbor::encode(encoded);
    repeated[0] = static_cast<std::uint8_t>(repeated[0] + 1);  // one entry more: the type code again
    repeated.push_back(0);
    repeated.push_back(0x18);
    repeated.push_back(0x40);
    refused = profiles.decode(repeated);
    REQUIRE(!refused);
    CHECK_THAT(refused.error().message, Catch::Contains("duplicate map key"));
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

namespace {

bool bilingual(const json& j, const char* member) {
    const auto it = j.find(member);
    return it != j.end() && it->is_object() && it->value("bn", "") != "" && it->value("en", "") != "";
}

// Every field, nested ones too, has a label in both languages.
void check_labels(const json& fields, const std::string& path) {
    for (const auto& field : fields) {
        INFO(path << "." << field.value("name", "?"));
        CHECK(bilingual(field, "label"));
        if (field.contains("fields")) check_labels(field["fields"], path + "." + field.value("name", "?"));
    }
}

const json* top_field(const json& profile, const std::string& name) {
    for (const auto& field : profile["fields"])
        if (field.value("name", "") == name) return &field;
    return nullptr;
}

}  // namespace

// The builtin set leaves out a file it cannot read, so each file is loaded here on its own.
TEST_CASE("every profile file in sdk/data/profiles loads and is built in") {
    int files = 0;
    std::set<std::int64_t> codes;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(POURA_SOURCE_DIR) + "/sdk/data/profiles")) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        INFO(entry.path().filename().string());
        const json j = json::parse(test::read_file(entry.path().string()));
        CHECK(entry.path().stem().string() == j.value("type", ""));
        CHECK(codes.insert(j.value("code", 0)).second);
        auto loaded = ProfileSet::from_json(test::read_file(entry.path().string()));
        CHECK((loaded ? std::string() : loaded.error().message) == "");
        CHECK(ProfileSet::builtin().find(j.value("type", "")) != nullptr);
    }
    CHECK(files >= 21);
    CHECK(ProfileSet::builtin().types().size() == static_cast<std::size_t>(files));
}

TEST_CASE("the types applied for at the office carry well-formed workflow rules") {
    const std::set<std::string> applicants{"citizen", "digital_centre", "secretary"};
    int with_workflow = 0;
    for (const auto& type : ProfileSet::builtin().types()) {
        INFO(type);
        const json& profile = ProfileSet::builtin().find(type)->definition;
        const auto workflow = profile.find("workflow");
        if (workflow == profile.end()) continue;
        ++with_workflow;
        REQUIRE(workflow->is_object());
        for (const auto& [member, value] : workflow->items()) {
            INFO(member);
            if (member == "applicants") {
                REQUIRE(value.is_array());
                CHECK(!value.empty());
                for (const auto& a : value) CHECK(applicants.count(a.get<std::string>()) == 1);
            } else if (member == "service_days") {
                REQUIRE(value.is_number_integer());
                CHECK(value.get<int>() >= 1);
                CHECK(value.get<int>() <= 365);
            } else {
                CHECK((member == "investigation" || member == "recommendation" || member == "holding_tax_clearance"));
                CHECK(value.is_boolean());
            }
        }
        // An investigation comes before the councilor's recommendation.
        if (workflow->value("investigation", false)) CHECK(workflow->value("recommendation", true));

        CHECK(bilingual(profile, "title"));
        check_labels(profile["fields"], type);
        // The office routes an application by ward and knows the applicant by NID or birth registration.
        const json* ward = top_field(profile, "ward");
        REQUIRE(ward);
        CHECK(ward->value("kind", "") == "integer");
        CHECK(ward->value("min", 0) == 1);
        const json* nid = top_field(profile, "nid");
        const json* brn = top_field(profile, "brn");
        bool applicant_fields = false;
        for (const auto& field : profile["fields"])
            if (field.value("name", "").rfind("applicant_", 0) == 0) applicant_fields = true;
        CHECK(((nid && nid->value("kind", "") == "nid" && brn && brn->value("kind", "") == "brn") || applicant_fields));
        if (nid && brn) CHECK(profile.value("one_of", json::array()).dump().find(R"(["nid","brn"])") != std::string::npos);
    }
    CHECK(with_workflow >= 15);
    // The receipt and the trade licence are not applied for.
    CHECK(!ProfileSet::builtin().find("receipt")->definition.contains("workflow"));
    CHECK(!ProfileSet::builtin().find("trade_licence")->definition.contains("workflow"));
}

TEST_CASE("a type not built in needs only a data file") {
    const std::string text = test::read_file(std::string(POURA_SOURCE_DIR) + "/tests/data/profiles/livestock.json");
    CHECK(ProfileSet::builtin().find("livestock") == nullptr);
    ProfileSet set = ProfileSet::builtin();
    const Status added = set.add(text);
    REQUIRE((added ? std::string() : added.error().message) == "");
    const Profile* livestock = set.find("livestock");
    REQUIRE(livestock);
    CHECK(livestock->title_bn == "গবাদি পশুর মালিকানা সনদ");
    CHECK(livestock->definition["workflow"]["investigation"] == true);

    json doc = citizenship();
    doc["type"] = "livestock";
    doc["ward"] = 4;
    doc["animals"] = json::array({{{"species", "cow"}, {"count", 2}}, {{"species", "goat"}, {"count", 5}}});
    auto bytes = set.encode(doc);
    REQUIRE(bytes);
    CHECK(set.decode(*bytes).value() == set.validate(doc).value());
    CHECK(!ProfileSet::builtin().validate(doc));
    doc["animals"][1]["species"] = "camel";
    auto refused = set.validate(doc);
    REQUIRE(!refused);
    CHECK_THAT(refused.error().message, Catch::Contains("'animals[1].species'"));
}

TEST_CASE("the new certificate types check what they state") {
    json doc = citizenship();
    doc["type"] = "freedom_fighter_child";
    doc["freedom_fighter_name_bn"] = "বীর মুক্তিযোদ্ধা মোঃ আব্দুল জব্বার";
    doc["freedom_fighter_relation"] = "son";
    CHECK_THAT(error_of(doc), Catch::Contains("gazette_no or mis_no"));
    doc["mis_no"] = "01100001234";
    CHECK(ProfileSet::builtin().validate(doc));

    doc = citizenship();
    doc["type"] = "disability";
    doc["disability_type"] = "visual";
    CHECK(ProfileSet::builtin().validate(doc));
    doc["disability_type"] = "sad";
    CHECK_THAT(error_of(doc), Catch::Contains("'disability_type'"));

    doc = citizenship();
    doc["type"] = "orphan";
    doc["orphan_status"] = "father_deceased";
    CHECK_THAT(error_of(doc), Catch::Contains("'guardian'"));
    doc["guardian"] = {{"name_bn", "মোছাঃ ফাতেমা বেগম"}, {"relation", "mother"}, {"mobile", "+880 1712-345678"}};
    auto orphan = ProfileSet::builtin().validate(doc);
    REQUIRE(orphan);
    CHECK(orphan->at("guardian").at("mobile") == "01712345678");

    doc = citizenship();
    doc["type"] = "not_remarried";
    doc["late_spouse_name_bn"] = "মোঃ আব্দুল করিম";
    CHECK_THAT(error_of(doc), Catch::Contains("'late_spouse_date_of_death'"));
    doc["late_spouse_date_of_death"] = "2019-02-29";
    CHECK_THAT(error_of(doc), Catch::Contains("'late_spouse_date_of_death'"));

    doc = citizenship();
    doc["type"] = "family";
    doc["members"] = json::array();
    CHECK_THAT(error_of(doc), Catch::Contains("'members'"));
    doc["members"] = json::array({{{"name_bn", "করিম উদ্দিন"}, {"relation", "son"}}});
    CHECK(ProfileSet::builtin().validate(doc));
}

namespace {

cbor::Value hcert_with(cbor::Map dcc) { return cbor::Value(cbor::Map{{1, cbor::Value(std::move(dcc))}}); }

// The DER contents of the DCC's key purpose OIDs: 1.3.6.1.4.1.1847.2021.1.n
// and the alternative 1.3.6.1.4.1.0.1847.2021.1.n.
Bytes dcc_purpose(std::uint8_t n) { return Bytes{0x2B, 0x06, 0x01, 0x04, 0x01, 0x8E, 0x37, 0x8F, 0x65, 0x01, n}; }
Bytes alternative_dcc_purpose(std::uint8_t n) {
    return Bytes{0x2B, 0x06, 0x01, 0x04, 0x01, 0x00, 0x8E, 0x37, 0x8F, 0x65, 0x01, n};
}

}  // namespace

TEST_CASE("an hcert claim must hold the DCC as a map under key 1") {
    namespace dcc = documents::dcc;
    CHECK(dcc::check_claim(hcert_with({{"ver", "1.3.0"}})).ok());
    CHECK(dcc::check_claim(hcert_with({})).ok());
    const cbor::Value refused[] = {
        cbor::Value(cbor::Map{{1, "vaccinated"}}),
        cbor::Value(cbor::Map{{1, cbor::Array{cbor::Map{}}}}),
        cbor::Value(cbor::Map{{1, cbor::Value::tagged(259, cbor::Value(cbor::Map{}))}}),
        cbor::Value(cbor::Map{{1, cbor::Value()}}),
        cbor::Value(cbor::Map{{2, cbor::Map{}}}),
        cbor::Value(cbor::Map{{"1", cbor::Map{}}}),
        cbor::Value(cbor::Map{}),
        cbor::Value(cbor::Array{cbor::Map{}}),
    };
    for (const cbor::Value& hcert : refused) {
        INFO(cbor::encode(hcert).size());
        auto checked = dcc::check_claim(hcert);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().code == Errc::malformed_input);
    }
}

TEST_CASE("a DSC's extended key usage limits the DCC types it may sign") {
    namespace dcc = documents::dcc;
    const cbor::Value vaccination = hcert_with({{"ver", "1.3.0"}, {"v", cbor::Array{cbor::Map{}}}});
    const cbor::Value test = hcert_with({{"ver", "1.3.0"}, {"t", cbor::Array{cbor::Map{}}}});
    const cbor::Value recovery = hcert_with({{"ver", "1.3.0"}, {"r", cbor::Array{cbor::Map{}}}});
    const cbor::Value vaccination_and_test =
        hcert_with({{"ver", "1.3.0"}, {"v", cbor::Array{}}, {"t", cbor::Array{}}});
    const cbor::Value no_type = hcert_with({{"ver", "1.3.0"}, {"nam", cbor::Map{}}});
    const Bytes server_auth{0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};

    // No DCC OID at all: every type, even none.
    for (const std::vector<Bytes>& unrestricted : {std::vector<Bytes>{}, std::vector<Bytes>{server_auth},
                                                   std::vector<Bytes>{dcc_purpose(4), alternative_dcc_purpose(0)}}) {
        for (const cbor::Value* hcert : {&vaccination, &test, &recovery, &vaccination_and_test, &no_type})
            CHECK_FALSE(dcc::signer_refusal(*hcert, unrestricted));
    }

    const std::vector<Bytes> tests_only{server_auth, dcc_purpose(1)};
    CHECK_FALSE(dcc::signer_refusal(test, tests_only));
    CHECK(dcc::signer_refusal(vaccination, tests_only) ==
          "the signer certificate may sign test certificates only, and this DCC is a vaccination certificate");
    CHECK(dcc::signer_refusal(recovery, tests_only));
    CHECK(dcc::signer_refusal(vaccination_and_test, tests_only));
    CHECK(dcc::signer_refusal(no_type, tests_only) ==
          "the signer certificate may sign test certificates only, and this DCC carries none of v, t and r");

    const std::vector<Bytes> vaccinations_and_recoveries{alternative_dcc_purpose(2), dcc_purpose(3)};
    CHECK_FALSE(dcc::signer_refusal(vaccination, vaccinations_and_recoveries));
    CHECK_FALSE(dcc::signer_refusal(recovery, vaccinations_and_recoveries));
    CHECK(dcc::signer_refusal(test, vaccinations_and_recoveries) ==
          "the signer certificate may sign vaccination and recovery certificates only, and this DCC is a test "
          "certificate");

    const std::vector<Bytes> all_three{alternative_dcc_purpose(1), alternative_dcc_purpose(2), dcc_purpose(3)};
    for (const cbor::Value* hcert : {&vaccination, &test, &recovery, &vaccination_and_test})
        CHECK_FALSE(dcc::signer_refusal(*hcert, all_three));
    CHECK(dcc::signer_refusal(no_type, all_three));
}
