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
