// The core against the one table, sdk/data/codes.json: every code's name and
// number, the reasons' messages, and the verification defaults.
#include "pipeline/messages.hpp"
#include "test_support.hpp"

#include <poura/envelope.hpp>
#include <poura/verify.hpp>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace poura;

namespace {

const nlohmann::json& table() {
    static const nlohmann::json t = nlohmann::json::parse(test::read_file(POURA_SOURCE_DIR "/sdk/data/codes.json"));
    return t;
}

}  // namespace

TEST_CASE("every error code has the table's name and number, and no other number has a name") {
    std::set<int> numbers;
    for (const auto& e : table().at("errors")) {
        const int number = e.at("number");
        CHECK(errc_name(static_cast<Errc>(number)) == e.at("name").get<std::string>());
        numbers.insert(number);
    }
    CHECK(errc_name(Errc::trust_rollback) == "trust_rollback");
    for (int number = 0; number >= -119; --number)
        if (numbers.count(number) == 0) CHECK(errc_name(static_cast<Errc>(number)) == "unknown");
}

TEST_CASE("verdicts, stages and reasons have the table's names and numbers") {
    for (const auto& v : table().at("verdicts"))
        CHECK(verdict_name(static_cast<Verdict>(v.at("number").get<int>())) == v.at("name").get<std::string>());
    for (const auto& s : table().at("stages"))
        CHECK(stage_name(static_cast<Stage>(s.at("number").get<int>())) == s.at("name").get<std::string>());
    for (const auto& r : table().at("reasons"))
        CHECK(reason_code(static_cast<Reason>(r.at("number").get<int>())) == r.at("name").get<std::string>());
    CHECK(stage_name(static_cast<Stage>(table().at("stages").size())) == "unknown");
    CHECK(reason_code(static_cast<Reason>(table().at("reasons").size())) == "unknown");
    CHECK(verdict_name(static_cast<Verdict>(-1)) == "unknown");
    CHECK(static_cast<int>(Stage::key_lookup) == 5);
    CHECK(static_cast<int>(Reason::trust_expired) == 15);
}

TEST_CASE("each reason's messages are the table's, in English and Bangla") {
    for (const auto& r : table().at("reasons")) {
        const auto text = messages::for_reason(static_cast<Reason>(r.at("number").get<int>()));
        CHECK(text.en == r.at("en").get<std::string>());
        CHECK(text.bn == r.at("bn").get<std::string>());
    }
    IssuerEntry anyone;
    anyone.key = PrivateKey::generate().value().public_key();
    anyone.document_types = {"*"};
    const Trust trust = Trust::from_issuers({anyone}).value();
    const VerifyResult garbage = verify("not a certificate", trust);
    CHECK(garbage.reason == Reason::bad_prefix);
    CHECK(garbage.message_en == table().at("reasons").at(1).at("en").get<std::string>());
    CHECK(garbage.message_bn == table().at("reasons").at(1).at("bn").get<std::string>());
}

TEST_CASE("VerifyOptions{} holds the table's defaults, and the envelope's limit is the same") {
    std::map<std::string, std::int64_t> defaults;
    for (const auto& d : table().at("verify_defaults")) defaults[d.at("name")] = d.at("value");
    CHECK(defaults.size() == 3);
    const VerifyOptions options;
    CHECK(options.clock_skew == defaults.at("clock_skew"));
    CHECK(options.grace_period == defaults.at("grace_period"));
    CHECK(options.max_inflated_size == static_cast<std::size_t>(defaults.at("max_inflated_size")));

    // unwrap_envelope()'s default limit: zeros compress far below it, so the
    // limit, not the QR size, decides.
    const auto limit = static_cast<std::size_t>(defaults.at("max_inflated_size"));
    CHECK(unwrap_envelope(wrap_envelope(Bytes(limit, 0))).ok());
    const auto over = unwrap_envelope(wrap_envelope(Bytes(limit + 1, 0)));
    REQUIRE(!over.ok());
    CHECK(over.error().code == Errc::limit_exceeded);
}
