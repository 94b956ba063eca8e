#include "sms/sms.hpp"

#include <catch2/catch.hpp>

#include "stub_gateway.hpp"

#include "test_support.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace poura;
using nlohmann::json;
using poura::test::json_lines;
using poura::test::StubGateway;
using poura::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string repeat(std::string_view piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

const std::string kBanglaLetter = "\u0995";  // ক
const std::string kEmoji = "\U0001F600";

sms::HttpGateway gateway_at(const std::string& url, long timeout_ms = 5000) {
    sms::HttpGateway g;
    g.url = url;
    g.api_key = "test-key-123";
    g.sender = "Poura";
    g.timeout_ms = timeout_ms;
    return g;
}

sms::Message message(std::string id, std::string text = "Your certificate is ready") {
    return {std::move(id), "01712345678", std::move(text)};
}

}  // namespace

TEST_CASE("GSM-7 text: 160 septets in one part, 153 in each part of a longer one") {
    const auto check = [](int length, int parts) {
        const sms::Segments s = sms::count_segments(repeat("a", length));
        INFO(length);
        CHECK_FALSE(s.ucs2);
        CHECK(s.units == length);
        CHECK(s.parts == parts);
    };
    check(1, 1);
    check(160, 1);
    check(161, 2);
    check(306, 2);
    check(307, 3);
    check(459, 3);
    check(460, 4);
    // Basic-set letters outside ASCII keep a text in GSM-7.
    const sms::Segments greek = sms::count_segments("Δ£¥èéÆß¿Ñü @$_\r\n");
    CHECK_FALSE(greek.ucs2);
    CHECK(greek.units == 16);
}

TEST_CASE("the empty text is one part of nothing") {
    const sms::Segments s = sms::count_segments("");
    CHECK_FALSE(s.ucs2);
    CHECK(s.units == 0);
    CHECK(s.parts == 1);
}

TEST_CASE("GSM-7 extension characters count two septets") {
    for (const char* c : {"^", "{", "}", "\\", "[", "~", "]", "|", "€"}) {
        INFO(c);
        const sms::Segments s = sms::count_segments(c);
        CHECK_FALSE(s.ucs2);
        CHECK(s.units == 2);
    }
    CHECK(sms::count_segments(repeat("€", 80)).parts == 1);  // 160 septets
    const sms::Segments over = sms::count_segments(repeat("€", 80) + "a");
    CHECK(over.units == 161);
    CHECK(over.parts == 2);
    CHECK(sms::count_segments("Fee [paid] {ok}").units == 19);
}

TEST_CASE("a character outside GSM-7 makes the text UCS-2: 70 units in one part, 67 in each of several") {
    const auto check = [](int length, int parts) {
        const sms::Segments s = sms::count_segments(repeat(kBanglaLetter, length));
        INFO(length);
        CHECK(s.ucs2);
        CHECK(s.units == length);
        CHECK(s.parts == parts);
    };
    check(70, 1);
    check(71, 2);
    check(134, 2);
    check(135, 3);
    // One such character turns all the Latin text around it to UCS-2.
    const sms::Segments mixed = sms::count_segments(repeat("a", 69) + kBanglaLetter);
    CHECK(mixed.ucs2);
    CHECK(mixed.units == 70);
    CHECK(mixed.parts == 1);
    CHECK(sms::count_segments("`").ucs2);  // ASCII, but not in GSM 03.38
    CHECK(sms::count_segments("tab\there").ucs2);
}

TEST_CASE("a character outside the BMP counts two UTF-16 units") {
    const sms::Segments one = sms::count_segments(kEmoji);
    CHECK(one.ucs2);
    CHECK(one.units == 2);
    CHECK(one.parts == 1);
    CHECK(sms::count_segments(repeat(kEmoji, 35)).parts == 1);  // 70 units
    const sms::Segments two = sms::count_segments(repeat(kEmoji, 35) + "a");
    CHECK(two.units == 71);
    CHECK(two.parts == 2);
}

TEST_CASE("a part never splits an extension character or a surrogate pair") {
    // 152 + 2 + 152 = 306 septets, two parts by arithmetic; but the euro
    // sign cannot follow the 152nd septet, so the parts are 152, 153 and 1.
    const sms::Segments gsm = sms::count_segments(repeat("a", 152) + "€" + repeat("a", 152));
    CHECK(gsm.units == 306);
    CHECK(gsm.parts == 3);
    const sms::Segments ucs2 = sms::count_segments(repeat(kBanglaLetter, 66) + kEmoji + repeat(kBanglaLetter, 66));
    CHECK(ucs2.units == 134);
    CHECK(ucs2.parts == 3);
    // Fitting exactly is no split.
    CHECK(sms::count_segments(repeat("a", 151) + "€" + repeat("a", 153)).parts == 2);
}

TEST_CASE("ill-formed UTF-8 counts one UCS-2 unit per stray byte") {
    const sms::Segments lone = sms::count_segments("ab\xff");
    CHECK(lone.ucs2);
    CHECK(lone.units == 3);
    CHECK(sms::count_segments("\xe0\xa6").units == 2);      // a cut-off Bangla letter
    CHECK(sms::count_segments("\xc0\xaf").units == 2);      // overlong '/'
    CHECK(sms::count_segments("\xed\xa0\x80").units == 3);  // an encoded surrogate
    CHECK(sms::count_segments("\xf4\x90\x80\x80").units == 4);  // above U+10FFFF
    CHECK(sms::count_segments(std::string("a\0b", 3)).ucs2);     // NUL has no GSM-7 form here
}

TEST_CASE("the file transport appends one parseable JSON line per message") {
    TempDir dir;
    const fs::path file = dir / "outbox.jsonl";
    auto transport = sms::file_transport(file.string());
    CHECK(transport->name() == "file:" + file.string());

    const std::string bangla = "আপনার জন্ম নিবন্ধন সনদ প্রস্তুত \"ready\"\n";
    const sms::Delivery first = transport->send(message("m-1", "Certificate ready"));
    CHECK(first.outcome == sms::Outcome::sent);
    const sms::Delivery second = transport->send(message("m-2", bangla));
    CHECK(second.outcome == sms::Outcome::sent);

    const auto lines = json_lines(file);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == json{{"id", "m-1"}, {"to", "01712345678"}, {"text", "Certificate ready"}, {"parts", 1}, {"ucs2", false}});
    CHECK(lines[1]["id"] == "m-2");
    CHECK(lines[1]["text"] == bangla);
    CHECK(lines[1]["ucs2"] == true);
    CHECK(lines[1]["parts"] == sms::count_segments(bangla).parts);

    // A half-written last line (a full disk) does not swallow the next one.
    { std::ofstream(file, std::ios::app) << "{\"id\":\"cut"; }
    CHECK(transport->send(message("m-3")).outcome == sms::Outcome::sent);
    std::ifstream in(file);
    std::vector<std::string> raw;
    for (std::string line; std::getline(in, line);) raw.push_back(line);
    REQUIRE(raw.size() == 4);
    CHECK(json::parse(raw[3])["id"] == "m-3");
}

TEST_CASE("the file transport writes to standard output for -") {
    TempDir dir;
    const fs::path captured = dir / "stdout";
    std::fflush(stdout);
    const int saved = ::dup(STDOUT_FILENO);
    const int file = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(saved >= 0);
    REQUIRE(file >= 0);
    ::dup2(file, STDOUT_FILENO);
    const sms::Delivery d = sms::file_transport("-")->send(message("m-out"));
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    ::close(file);
    CHECK(d.outcome == sms::Outcome::sent);
    const auto lines = json_lines(captured);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["id"] == "m-out");
    CHECK(lines[0]["parts"] == 1);
}

TEST_CASE("the file transport reports a file it cannot write as worth retrying") {
    TempDir dir;
    const sms::Delivery d = sms::file_transport((dir / "missing" / "outbox.jsonl").string())->send(message("m-1"));
    CHECK(d.outcome == sms::Outcome::retry);
    CHECK(d.detail.find("No such file or directory") != std::string::npos);
}

TEST_CASE("a message with a malformed number or id fails for good, before anything is sent") {
    StubGateway stub("200");
    TempDir dir;
    const fs::path file = dir / "outbox.jsonl";
    auto http = sms::http_transport(gateway_at(stub.url()));
    auto to_file = sms::file_transport(file.string());
    const std::vector<sms::Message> bad = {
        {"m-1", "+8801712345678", "hi"}, {"m-1", "0171234567", "hi"},    {"m-1", "02712345678", "hi"},
        {"m-1", "0171234567x", "hi"},    {"", "01712345678", "hi"},      {"m 1", "01712345678", "hi"},
        {"m-1\r\nX-Injected: yes", "01712345678", "hi"},                 {std::string(256, 'k'), "01712345678", "hi"},
    };
    for (const auto& m : bad) {
        INFO(m.id << " to " << m.to);
        const sms::Delivery by_http = http->send(m);
        CHECK(by_http.outcome == sms::Outcome::failed);
        CHECK_FALSE(by_http.detail.empty());
        CHECK(to_file->send(m).outcome == sms::Outcome::failed);
    }
    CHECK(stub.requests().empty());
    CHECK_FALSE(fs::exists(file));
}

TEST_CASE("gateway_from_json reads a gateway and refuses a missing or non-HTTP url") {
    auto g = sms::gateway_from_json(json{{"url", "https://sms.example.bd/api/send"},
                                         {"api_key", "k-1"},
                                         {"sender", "Poura"},
                                         {"timeout_ms", 2500}});
    REQUIRE(g);
    CHECK(g->url == "https://sms.example.bd/api/send");
    CHECK(g->api_key == "k-1");
    CHECK(g->sender == "Poura");
    CHECK(g->timeout_ms == 2500);

    auto minimal = sms::gateway_from_json(json{{"url", "http://127.0.0.1:8080/"}});
    REQUIRE(minimal);
    CHECK(minimal->timeout_ms == 10000);
    CHECK(minimal->api_key.empty());

    const auto refused = [](const json& j, const std::string& says) {
        INFO(j.dump());
        auto r = sms::gateway_from_json(j);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == Errc::invalid_argument);
        CHECK(r.error().message.find(says) != std::string::npos);
    };
    refused(json{{"api_key", "k"}}, "$.url: missing");
    refused(json{{"url", "ftp://sms.example.bd/"}}, "http:// or https://");
    refused(json{{"url", "sms.example.bd/send"}}, "http:// or https://");
    refused(json{{"url", "http://"}}, "host");
    refused(json{{"url", "http://example.bd/a b"}}, "without spaces");
    refused(json{{"url", 42}}, "non-empty string");
    refused(json{{"url", "http://a.bd/"}, {"timeout_ms", 0}}, "timeout_ms");
    refused(json{{"url", "http://a.bd/"}, {"timeout_ms", "fast"}}, "must be an integer");
    refused(json{{"url", "http://a.bd/"}, {"api_key", "k\r\nX: y"}}, "api_key");
    refused(json{{"url", "http://a.bd/"}, {"sendr", "Poura"}}, "unknown member");
    refused(json::array(), "JSON object");
}

TEST_CASE("HTTP: 2xx is sent with the gateway's id, and the fields and headers arrive intact") {
    StubGateway stub("200,204");
    auto transport = sms::http_transport(gateway_at(stub.url()));
    CHECK(transport->name() == "http:" + stub.url().substr(0, stub.url().size() - 5));  // without "/send"

    const std::string text = "আপনার সনদ প্রস্তুত: fee 100% paid & done = yes + more?";
    const sms::Delivery d = transport->send(message("app-42:sms-1", text));
    CHECK(d.outcome == sms::Outcome::sent);
    CHECK(d.gateway_id == "gw-1");
    CHECK(d.detail.rfind("HTTP 200", 0) == 0);

    const sms::Delivery no_body = transport->send(message("app-42:sms-2"));
    CHECK(no_body.outcome == sms::Outcome::sent);
    CHECK(no_body.gateway_id.empty());
    CHECK(no_body.detail == "HTTP 204");

    const auto requests = stub.requests();
    REQUIRE(requests.size() == 2);
    const json& r = requests[0];
    CHECK(r["method"] == "POST");
    CHECK(r["path"] == "/send");
    CHECK(r["key"] == "app-42:sms-1");
    CHECK(r["auth"] == "Bearer test-key-123");
    CHECK(r["content_type"] == "application/x-www-form-urlencoded");
    CHECK(r["to"] == "01712345678");
    CHECK(r["text"] == text);
    CHECK(r["sender"] == "Poura");
    CHECK(r["fields"] == json{"sender", "text", "to"});
    CHECK(requests[1]["key"] == "app-42:sms-2");
}

TEST_CASE("HTTP: without an api key or sender neither is sent") {
    StubGateway stub("200");
    sms::HttpGateway g;
    g.url = stub.url();
    CHECK(sms::http_transport(g)->send(message("m-1")).outcome == sms::Outcome::sent);
    const auto requests = stub.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0]["auth"].is_null());
    CHECK(requests[0]["fields"] == json{"text", "to"});
}

TEST_CASE("HTTP: 408, 429 and 5xx are worth retrying, other statuses fail for good") {
    StubGateway stub("500,503,429,408,400,401,404,422,302");
    auto transport = sms::http_transport(gateway_at(stub.url()));
    const std::vector<std::pair<long, sms::Outcome>> expected = {
        {500, sms::Outcome::retry},  {503, sms::Outcome::retry},  {429, sms::Outcome::retry},
        {408, sms::Outcome::retry},  {400, sms::Outcome::failed}, {401, sms::Outcome::failed},
        {404, sms::Outcome::failed}, {422, sms::Outcome::failed}, {302, sms::Outcome::failed},
    };
    int n = 0;
    for (const auto& [status, outcome] : expected) {
        INFO(status);
        const sms::Delivery d = transport->send(message("m-" + std::to_string(++n)));
        CHECK(d.outcome == outcome);
        CHECK(d.gateway_id.empty());
        CHECK(d.detail.rfind("HTTP " + std::to_string(status), 0) == 0);
    }
    // The gateway's own words come along in the detail.
    CHECK(transport->send(message("m-again")).detail == "HTTP 500: {\"error\": \"answer 500 as planned\"}");
    // The redirect was not followed: one request for each send.
    CHECK(stub.requests().size() == expected.size() + 1);
}

TEST_CASE("HTTP: a gateway that does not answer in time is worth retrying, after about the timeout") {
    StubGateway stub("hang");
    auto transport = sms::http_transport(gateway_at(stub.url(), 300));
    const auto start = std::chrono::steady_clock::now();
    const sms::Delivery d = transport->send(message("m-slow"));
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    CHECK(d.outcome == sms::Outcome::retry);
    CHECK(d.detail.find("timed out after 300 ms") != std::string::npos);
    CHECK(took.count() >= 250);
    CHECK(took.count() < 3000);  // the stub sleeps 5 s
    REQUIRE(stub.requests().size() == 1);
    CHECK(stub.requests()[0]["key"] == "m-slow");
}

TEST_CASE("HTTP: a refused or dropped connection is worth retrying") {
    std::string url;
    {
        StubGateway gone("200");
        url = gone.url();
    }
    const sms::Delivery refused = sms::http_transport(gateway_at(url))->send(message("m-1"));
    CHECK(refused.outcome == sms::Outcome::retry);
    CHECK_FALSE(refused.detail.empty());

    StubGateway dropping("drop");
    const sms::Delivery dropped = sms::http_transport(gateway_at(dropping.url()))->send(message("m-2"));
    CHECK(dropped.outcome == sms::Outcome::retry);
    CHECK(dropping.requests().size() == 1);
}

TEST_CASE("HTTP: a retry carries the same idempotency key and can succeed") {
    StubGateway stub("503,200", true);
    auto transport = sms::http_transport(gateway_at(stub.url()));
    CHECK(transport->send(message("m-1")).outcome == sms::Outcome::retry);
    CHECK(transport->send(message("m-2")).outcome == sms::Outcome::retry);
    const sms::Delivery again = transport->send(message("m-1"));
    CHECK(again.outcome == sms::Outcome::sent);
    CHECK_FALSE(again.gateway_id.empty());
    const auto requests = stub.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0]["key"] == "m-1");
    CHECK(requests[2]["key"] == "m-1");
    CHECK(requests[2]["answer"] == "200");
}

TEST_CASE("segment counts of random texts agree with a count made from known character widths") {
    // Each piece with its width in GSM-7 (0: not in GSM-7) and in UCS-2.
    struct Piece {
        std::string text;
        int gsm;
        int ucs2;
    };
    const std::vector<Piece> gsm_pieces = {{"a", 1, 1}, {"€", 2, 1}, {"Δ", 1, 1}, {"{", 2, 1}, {" ", 1, 1}};
    const std::vector<Piece> other_pieces = {{kBanglaLetter, 0, 1}, {kEmoji, 0, 2}, {"\xff", 0, 1}};
    std::mt19937 random(20261206);
    for (int round = 0; round < 500; ++round) {
        const bool only_gsm = round % 2 == 0;
        const int length = std::uniform_int_distribution<int>(0, 400)(random);
        std::string text;
        std::vector<const Piece*> chosen;
        for (int i = 0; i < length; ++i) {
            const bool other = !only_gsm && std::uniform_int_distribution<int>(0, 9)(random) == 0;
            const auto& pool = other ? other_pieces : gsm_pieces;
            chosen.push_back(&pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random)]);
            text += chosen.back()->text;
        }
        bool ucs2 = false;
        for (const Piece* p : chosen) ucs2 = ucs2 || p->gsm == 0;
        int units = 0, parts = 1, in_part = 0;
        const int per_part = ucs2 ? 67 : 153;
        for (const Piece* p : chosen) {
            const int width = ucs2 ? p->ucs2 : p->gsm;
            units += width;
            if (in_part + width > per_part) ++parts, in_part = 0;
            in_part += width;
        }
        if (units <= (ucs2 ? 70 : 160)) parts = 1;

        const sms::Segments s = sms::count_segments(text);
        INFO("round " << round);
        REQUIRE(s.ucs2 == ucs2);
        REQUIRE(s.units == units);
        REQUIRE(s.parts == parts);
    }
}
