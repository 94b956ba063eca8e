// The poura tool run as a user runs it: its exit codes and what it prints.
// POURA_CLI is the tool's path (tests/CMakeLists.txt sets it).
#include <poura/poura.hpp>

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

using namespace poura;
using test::base64_decode;
using test::read_file;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code = -1;
    std::string output;  // standard output and standard error
};

std::string quoted(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

Run poura_cli(std::initializer_list<std::string> words) {
    std::string command = quoted(POURA_CLI);
    for (const auto& word : words) command += " " + quoted(word);
    command += " 2>&1";
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
    const int status = ::pclose(pipe);
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    return run;
}

// A fresh folder, removed with everything in it at the end of the test.
struct TempDir {
    fs::path path = fs::temp_directory_path() / ("poura-test-cli-" + std::to_string(::getpid()));
    TempDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string file(const std::string& name, const std::string& content) const {
        std::ofstream(path / name, std::ios::binary) << content;
        return (path / name).string();
    }
};

std::string line_with(const std::string& text, const std::string& label) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line.find(label) != std::string::npos) return line;
    return {};
}

}  // namespace

TEST_CASE("a broken --profiles file is an input error: exit code 3, profile_invalid") {
    const TempDir dir;
    const std::string keys = (dir.path / "municipality").string();
    REQUIRE(poura_cli({"keygen", "--out", keys, "--plain", "--now", "2026-01-01"}).exit_code == 0);
    const std::string document = std::string(POURA_SOURCE_DIR) + "/examples/documents/citizenship.json";
    const auto issue_with = [&](const std::string& profiles) {
        return poura_cli({"issue", "--keyset", keys + ".keyset.json", "--plain", "--issuer", "BD-1", "--document",
                          document, "--now", "2026-01-02", "--profiles", profiles});
    };
    REQUIRE(issue_with(dir.file("good.json", "[]")).exit_code == 0);

    const auto bad_content = issue_with(dir.file("bad.json", R"({"type": "residence", "code": 0, "fields": []})"));
    CHECK(bad_content.exit_code == 3);
    CHECK_THAT(bad_content.output, Catch::Contains("[profile_invalid]"));
    CHECK_THAT(bad_content.output, Catch::Contains("$.code"));
    const auto not_json = issue_with(dir.file("not.json", "{\"type\": "));
    CHECK(not_json.exit_code == 3);
    CHECK_THAT(not_json.output, Catch::Contains("[profile_invalid]"));
}

TEST_CASE("verify --cert names an issuer without names by its iss claim and key id") {
    const json vectors = json::parse(read_file(fs::path(POURA_VECTORS_DIR) / "hc1.json"));
    json vector;
    for (const auto& v : vectors.at("vectors"))
        if (v.at("name") == "es256_kid_protected") vector = v;
    REQUIRE(vector.is_object());
    const auto kid = vector.at("expect").at("issuer").at("kid").get<std::string>();
    Bytes signer;
    for (const auto& certificate : vectors.at("trust").at("certificates")) {
        const Bytes der = base64_decode(certificate.get<std::string>());
        if (to_hex(PublicKey::from_certificate(der).value().key_id()) == kid) signer = der;
    }
    REQUIRE(!signer.empty());

    const TempDir dir;
    const std::string cert = dir.file("signer.der", std::string(signer.begin(), signer.end()));
    const auto run = poura_cli({"verify", "--cert", cert, "--scheme", "hc1", "--now",
                                std::to_string(vector.at("now").get<std::int64_t>()), vector.at("qr").get<std::string>()});
    CHECK(run.exit_code == 0);
    const std::string issuer = line_with(run.output, "Issuer");
    CHECK_THAT(issuer, Catch::EndsWith("Issuer        iss BD, key " + kid));
}

TEST_CASE("numbers out of range are usage errors, never wrapped or overflowed: exit code 2") {
    const TempDir dir;
    const std::string root = (dir.path / "root").string();
    REQUIRE(poura_cli({"keygen", "--out", root, "--plain", "--now", "2026-01-01"}).exit_code == 0);
    const std::string bundle = (dir.path / "trust.bundle").string();
    const auto init_with = [&](const std::string& days) {
        return poura_cli({"trust", "init", "--bundle", bundle, "--root-keyset", root + ".keyset.json", "--plain",
                          "--force", "--now", "2026-01-02", "--valid-days", days});
    };
    // 106751991167301 days in seconds is just past the largest 64-bit number.
    for (const std::string days : {"0", "-1", "36501", "106751991167301", "9223372036854775808", "ten"}) {
        CAPTURE(days);
        const Run run = init_with(days);
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.output, Catch::Contains("--valid-days must be a whole number from 1 to 36500"));
    }
    const std::string roots = root + ".pub.json";
    const auto next_update = [&] {
        const Run shown = poura_cli({"trust", "show", "--bundle", bundle, "--root", roots, "--json"});
        REQUIRE(shown.exit_code == 0);
        return json::parse(shown.output).at("next_update").get<std::string>();
    };
    REQUIRE(init_with("36500").exit_code == 0);
    CHECK(next_update() == "2125-12-09T00:00:00Z");
    REQUIRE(init_with("365").exit_code == 0);
    CHECK(next_update() == "2027-01-02T00:00:00Z");

    const auto verify_with = [&](const std::string& option, const std::string& value) {
        return poura_cli({"verify", "--trust", bundle, "--root", roots, "--" + option, value, "BD1:X"});
    };
    for (const auto& [option, value] : {std::pair<std::string, std::string>{"grace-days", "-1"},
                                        {"grace-days", "106751991167301"},
                                        {"skew", "-5"},
                                        {"min-seq", "-1"}}) {
        CAPTURE(option, value);
        const Run run = verify_with(option, value);
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.output, Catch::Contains("--" + option + " must be a whole number from 0 to"));
    }
    // In range, the certificate text is checked (and refused as malformed).
    CHECK(verify_with("grace-days", "36500").exit_code == 1);

    const std::string png = (dir.path / "qr.png").string();
    for (const auto& [option, value] : {std::pair<std::string, std::string>{"module", "0"},
                                        {"module", "4294967297"},
                                        {"quiet", "-1"},
                                        {"quiet", "101"}}) {
        CAPTURE(option, value);
        const Run run = poura_cli({"qr", "--png", png, "--" + option, value, "BD1:TEXT"});
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.output, Catch::Contains("--" + option + " must be a whole number from"));
    }
    CHECK(poura_cli({"qr", "--svg", png, "--module", "100", "--quiet", "0", "BD1:TEXT"}).exit_code == 0);
}
