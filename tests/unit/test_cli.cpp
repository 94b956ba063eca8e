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
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace poura;
using test::base64_decode;
using test::read_file;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code = -1;
    std::string output;  // what the command line wrote to standard output (poura_cli merges standard error in)
};

std::string quoted(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// A shell command line, with what it prints to standard output.
Run run_shell(const std::string& command) {
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

// The tool with these words, standard error merged into the output.
Run poura_cli(const std::vector<std::string>& words) {
    std::string command = quoted(POURA_CLI);
    for (const auto& word : words) command += " " + quoted(word);
    return run_shell(command + " 2>&1");
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

// The JSON the tool printed; an empty object when the output is not JSON.
json parsed(const Run& run) {
    json out = json::parse(run.output, nullptr, false);
    return out.is_discarded() ? json::object() : out;
}

// A plain root key, a plain keyset for issuer BD-10-06-88 and a bundle that
// trusts it for citizenship certificates and receipts, made by the tool.
struct CliWorld {
    const TempDir dir;
    const std::string root = (dir.path / "root").string();
    const std::string municipality = (dir.path / "municipality").string();
    const std::string bundle = (dir.path / "trust.bundle").string();
    const std::string roots = root + ".pub.json";
    CliWorld() {
        REQUIRE(poura_cli({"keygen", "--out", root, "--plain", "--now", "2026-01-01"}).exit_code == 0);
        REQUIRE(poura_cli({"keygen", "--out", municipality, "--plain", "--now", "2026-01-01"}).exit_code == 0);
        REQUIRE(poura_cli({"trust", "init", "--bundle", bundle, "--root-keyset", root + ".keyset.json", "--plain",
                           "--now", "2026-01-01"})
                    .exit_code == 0);
        REQUIRE(poura_cli({"trust", "add", "--bundle", bundle, "--root-keyset", root + ".keyset.json", "--plain",
                           "--now", "2026-01-01", "--issuer-keys", municipality + ".pub.json", "--code",
                           "BD-10-06-88", "--name-bn", "সারিয়াকান্দি পৌরসভা", "--name-en", "Sariakandi Pourashava",
                           "--docs", "citizenship,receipt"})
                    .exit_code == 0);
    }
    Run issue(const std::string& document, const std::string& serial, std::vector<std::string> more = {}) const {
        std::vector<std::string> words = {"issue", "--keyset", municipality + ".keyset.json", "--plain",
                                          "--issuer", "BD-10-06-88", "--document", document, "--serial", serial,
                                          "--now", "2026-01-02", "--json"};
        words.insert(words.end(), more.begin(), more.end());
        return poura_cli(words);
    }
    // verify with this world's trust, a day after issue, as JSON.
    Run verify(std::vector<std::string> words) const {
        words.insert(words.begin(), "verify");
        for (const std::string& word :
             std::vector<std::string>{"--trust", bundle, "--root", roots, "--now", "2026-01-03", "--json"})
            words.push_back(word);
        return poura_cli(words);
    }
};

std::string citizenship_document() { return std::string(POURA_SOURCE_DIR) + "/examples/documents/citizenship.json"; }

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

TEST_CASE("verify --image reads the QR of a PNG or JPEG and gives the verdict its text gets") {
    const CliWorld w;
    const std::string png = (w.dir.path / "certificate.png").string();
    const Run issued = w.issue(citizenship_document(), "IMG-0001", {"--png", png});
    REQUIRE(issued.exit_code == 0);
    const std::string qr_text = parsed(issued).at("qr_text").get<std::string>();

    const Run from_image = w.verify({"--image", png});
    CHECK(from_image.exit_code == 0);
    const json result = parsed(from_image);
    CHECK(result.value("verdict", "") == "valid");
    CHECK(result.value("serial", "") == "IMG-0001");
    CHECK(result == parsed(w.verify({qr_text})));

    // A forged copy printed as a QR code: read, then refused for its signature.
    std::string forged = qr_text;
    forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
    const std::string forged_png = (w.dir.path / "forged.png").string();
    REQUIRE(poura_cli({"qr", "--png", forged_png, forged}).exit_code == 0);
    const Run refused = w.verify({"--image", forged_png});
    CHECK(refused.exit_code == 1);
    CHECK(parsed(refused).value("reason", "") == "bad_signature");
    CHECK(parsed(refused) == parsed(w.verify({forged})));

    // The photographed JPEG holds a BD1 text that is not Base45 past its
    // prefix: reading it gets as far as the Base45 stage.
    const Run photo = w.verify({"--image", std::string(POURA_SOURCE_DIR) + "/tests/data/qr/photo.jpg"});
    CHECK(photo.exit_code == 1);
    CHECK(parsed(photo).value("reason", "") == "bad_base45");

    // A cut image is an input error; a missing one a file error.
    const std::string png_bytes = read_file(png);
    const Run cut = w.verify({"--image", w.dir.file("cut.png", png_bytes.substr(0, png_bytes.size() / 2))});
    CHECK(cut.exit_code == 3);
    CHECK_THAT(cut.output, Catch::Contains("[malformed_input]"));
    CHECK(w.verify({"--image", (w.dir.path / "missing.png").string()}).exit_code == 4);
}

TEST_CASE("fee gives every bill vector's amounts, and refuses each bad input with its code and exit code") {
    const json vectors = json::parse(read_file(fs::path(POURA_VECTORS_DIR) / "fees" / "bills.json"));
    const TempDir dir;
    std::map<std::string, int> per_calculator;
    for (const auto& c : vectors.at("cases")) {
        const std::string calculator = c.at("calculator").get<std::string>();
        INFO(calculator << ": " << c.at("name").get<std::string>());
        ++per_calculator[calculator];
        std::vector<std::string> words = {"fee", calculator, "--input", dir.file("input.json", c.at("input").dump()),
                                          "--json"};
        for (const auto& schedule : vectors.at("schedules"))
            words.insert(words.end(), {"--schedules", std::string(POURA_SOURCE_DIR) + "/" + schedule.get<std::string>()});
        const Run run = poura_cli(words);
        const json& expect = c.at("expect");
        if (expect.contains("error")) {
            const std::string error = expect.at("error").get<std::string>();
            // An ill-formed value is a usage error; a value the schedule lacks, bad input.
            CHECK(run.exit_code == (error == "invalid_argument" ? 2 : 3));
            CHECK_THAT(run.output, Catch::Contains("[" + error + "]"));
            CHECK_THAT(run.output, Catch::Contains(expect.at("message_contains").get<std::string>()));
            continue;
        }
        REQUIRE(run.exit_code == 0);
        const json bill = parsed(run);
        CHECK(bill.value("total_poisha", std::int64_t{-1}) == expect.at("total_poisha").get<std::int64_t>());
        std::map<std::string, std::int64_t> lines;
        for (const auto& line : bill.value("lines", json::array()))
            lines[line.at("code").get<std::string>()] = line.at("amount_poisha").get<std::int64_t>();
        const json expected_lines = expect.value("lines", json::object());
        for (const auto& [code, amount] : expected_lines.items()) {
            INFO("line " << code);
            REQUIRE(lines.count(code) == 1);
            CHECK(lines[code] == amount.get<std::int64_t>());
        }
        for (const auto& code : expect.value("absent", json::array())) CHECK(lines.count(code.get<std::string>()) == 0);
        if (expect.contains("instalments_poisha")) {
            std::vector<std::int64_t> instalments;
            for (const auto& instalment : bill.value("instalments", json::array()))
                instalments.push_back(instalment.at("amount_poisha").get<std::int64_t>());
            CHECK(instalments == expect.at("instalments_poisha").get<std::vector<std::int64_t>>());
        }
        if (expect.contains("due")) CHECK(bill.value("due", "") == expect.at("due").get<std::string>());
    }
    for (const char* calculator : {"holding", "water", "trade", "certificate"}) {
        INFO("cases of " << calculator);
        CHECK(per_calculator[calculator] > 0);
    }
}

TEST_CASE("fee prints README's holding-tax bill, writes its receipt, and refuses a schedule over the cap") {
    const CliWorld w;
    const std::string schedules = std::string(POURA_SOURCE_DIR) + "/examples/schedules";
    const std::string receipt = (w.dir.path / "receipt.json").string();
    const Run run = poura_cli({"fee", "holding", "--schedules", schedules, "--municipality", "kaliganj",
                               "--fiscal-year", "2025-26", "--monthly-rent", "10000", "--paid-on", "2025-09-15",
                               "--receipt", receipt, "--payer-bn", "মোছাঃ রহিমা খাতুন", "--reference", "HT-0001"});
    REQUIRE(run.exit_code == 0);
    // Rent 10,000 a month less two months for repairs: annual value
    // 1,00,000. Rates 7 + 3 + 7 + 5 + 0.5 = 22.5%, Tk 22,500, less 10% for
    // paying the whole year by the first instalment's due date.
    CHECK_THAT(line_with(run.output, "Annual value"), Catch::StartsWith("     1,00,000.00   Annual value"));
    CHECK_THAT(line_with(run.output, "Rebate"), Catch::StartsWith("       -2,250.00   Rebate"));
    CHECK(line_with(run.output, "Total") == "       20,250.00   Total · মোট (২০,২৫০.০০ টাকা)");
    CHECK_THAT(run.output, Catch::Contains("Due by · পরিশোধের শেষ তারিখ: 2025-09-30"));

    const json document = json::parse(read_file(receipt));
    CHECK(document.at("type") == "receipt");
    CHECK(document.at("amount_poisha") == 2025000);
    CHECK(document.at("reference") == "HT-0001");
    const Run signed_receipt = w.issue(receipt, "RCPT-0001");
    REQUIRE(signed_receipt.exit_code == 0);
    const Run verified = w.verify({parsed(signed_receipt).at("qr_text").get<std::string>()});
    CHECK(verified.exit_code == 0);
    CHECK(parsed(verified).value("document", json::object()).value("amount_poisha", 0) == 2025000);

    json over_cap = json::parse(read_file(schedules + "/kaliganj-2025-26.json"));
    over_cap["holding_tax"]["rates_percent"]["conservancy"] = 30;
    const Run refused = poura_cli({"fee", "holding", "--schedules", w.dir.file("over.json", over_cap.dump()),
                                   "--municipality", "kaliganj", "--fiscal-year", "2025-26", "--monthly-rent", "100"});
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.output, Catch::Contains("[schedule_invalid]"));
}

TEST_CASE("demo tells the whole story and leaves files the tool verifies again") {
    const TempDir dir;
    const Run demo = poura_cli({"demo", "--dir", dir.path.string()});
    REQUIRE(demo.exit_code == 0);
    // The genuine certificate is valid, the forgery and the expired copy are
    // refused for their own reasons, in that order.
    const std::size_t valid = demo.output.find("✔ VALID  বৈধ");
    const std::size_t forged = demo.output.find("Failed at     signature (bad_signature)");
    const std::size_t expired = demo.output.find("Failed at     time (expired)");
    REQUIRE(valid != std::string::npos);
    REQUIRE(forged != std::string::npos);
    REQUIRE(expired != std::string::npos);
    CHECK(valid < forged);
    CHECK(forged < expired);
    CHECK_THAT(demo.output, Catch::Contains("Demo complete: genuine accepted; forgery, expired and revoked copies refused."));
    // The office's story follows: the printed certificate verifies, then is revoked.
    const std::size_t printed = demo.output.find("✔ VALID  বৈধ", expired);
    const std::size_t revoked = demo.output.find("(revoked)", expired);
    REQUIRE(printed != std::string::npos);
    REQUIRE(revoked != std::string::npos);
    CHECK(printed < revoked);
    CHECK_THAT(demo.output, Catch::Contains("return"));
    CHECK_THAT(demo.output, Catch::Contains("intact:"));
    const std::string db = (dir.path / "office.db").string();
    const Run audit = poura_cli({"audit", "verify", "--db", db, "--json"});
    CHECK(audit.exit_code == 0);
    CHECK(parsed(audit).value("ok", false));
    const Run page = poura_cli({"verify", "--image", (dir.path / "certificate-page.png").string(), "--trust",
                                (dir.path / "trust-2.bundle").string(), "--root",
                                (dir.path / "root.pub.json").string(), "--json"});
    CHECK(page.exit_code == 1);
    CHECK(parsed(page).value("reason", "") == "revoked");
    CHECK(std::filesystem::file_size(dir.path / "certificate.pdf") > 1000);

    const std::string trust = (dir.path / "trust.bundle").string();
    const std::string root = (dir.path / "root.pub.json").string();
    std::string qr_text = read_file((dir.path / "certificate.txt").string());
    while (!qr_text.empty() && qr_text.back() == '\n') qr_text.pop_back();
    const Run from_text = poura_cli({"verify", qr_text, "--trust", trust, "--root", root, "--json"});
    CHECK(from_text.exit_code == 0);
    CHECK(parsed(from_text).value("verdict", "") == "valid");
    const Run from_image = poura_cli(
        {"verify", "--image", (dir.path / "certificate.png").string(), "--trust", trust, "--root", root, "--json"});
    CHECK(from_image.exit_code == 0);
    CHECK(parsed(from_image) == parsed(from_text));

    const Run nowhere = poura_cli({"demo", "--dir", (dir.path / "missing").string()});
    CHECK(nowhere.exit_code == 4);
    CHECK_THAT(nowhere.output, Catch::Contains("does not exist"));
}

TEST_CASE("The office commands: roles refused, states kept, tampering named") {
    const TempDir dir;
    const std::string db = (dir.path / "office.db").string();
    auto run = [&](std::vector<std::string> words) {
        words.push_back("--db");
        words.push_back(db);
        return poura_cli(words);
    };
    REQUIRE(run({"db", "init", "--code", "kaliganj", "--name-bn", "কালীগঞ্জ পৌরসভা", "--name-en", "Kaliganj"}).exit_code == 0);
    CHECK(run({"db", "init", "--code", "kaliganj", "--name-bn", "x", "--name-en", "y"}).exit_code == 3);  // exists
    REQUIRE(run({"user", "add", "--login", "udc", "--name", "Operator", "--role", "digital_centre"}).exit_code == 0);
    REQUIRE(run({"user", "add", "--login", "karim", "--name", "Karim", "--role", "councilor", "--ward", "3"}).exit_code == 0);
    REQUIRE(run({"user", "add", "--login", "salam", "--name", "Salam", "--role", "councilor", "--ward", "5"}).exit_code == 0);
    const Run bad_role = run({"user", "add", "--login", "x", "--name", "X", "--role", "king"});
    CHECK(bad_role.exit_code == 2);
    CHECK_THAT(bad_role.output, Catch::Contains("unknown role 'king'"));

    const std::string document = std::string(POURA_SOURCE_DIR) + "/examples/documents/citizenship.json";
    const Run bad_mobile = run({"apply", "--as", "udc", "--document", document, "--mobile", "12345"});
    CHECK(bad_mobile.exit_code == 2);
    CHECK_THAT(bad_mobile.output, Catch::Contains("not a Bangladeshi mobile number"));
    const Run applied = run({"apply", "--as", "udc", "--document", document, "--mobile", "01712345678", "--json"});
    REQUIRE(applied.exit_code == 0);
    CHECK(parsed(applied).value("state", "") == "submitted");
    CHECK(parsed(applied).value("ward", 0) == 3);

    const Run other_ward = run({"recommend", "1", "--as", "salam"});
    CHECK(other_ward.exit_code == 3);
    CHECK_THAT(other_ward.output, Catch::Contains("[permission_denied]"));
    const Run missing = run({"recommend", "7", "--as", "karim"});
    CHECK(missing.exit_code == 3);
    CHECK_THAT(missing.output, Catch::Contains("[not_found]"));
    const Run no_user = run({"recommend", "1", "--as", "nobody"});
    CHECK(no_user.exit_code == 3);
    const Run queue = run({"applications", "--as", "karim", "--json"});
    REQUIRE(queue.exit_code == 0);
    REQUIRE(parsed(queue).size() == 1);
    CHECK(run({"applications", "--as", "salam", "--json"}).output.find("[]") != std::string::npos);
    REQUIRE(run({"recommend", "1", "--as", "karim"}).exit_code == 0);
    const Run twice = run({"recommend", "1", "--as", "karim"});
    CHECK(twice.exit_code == 3);
    CHECK_THAT(twice.output, Catch::Contains("[invalid_state]"));

    const Run intact = run({"audit", "verify"});
    CHECK(intact.exit_code == 0);
    CHECK_THAT(intact.output, Catch::Contains("audit log intact"));
    // Edit an entry with the sqlite3 shell, past the append-only triggers.
    const std::string tamper = "sqlite3 '" + db + "' \"DROP TRIGGER audit_log_no_update; "
                               "UPDATE audit_log SET actor = 2 WHERE seq = 4\"";
    REQUIRE(std::system(tamper.c_str()) == 0);
    const Run tampered = run({"audit", "verify", "--json"});
    CHECK(tampered.exit_code == 1);
    CHECK(parsed(tampered).value("bad_entry", 0) == 4);
    CHECK(parsed(tampered).value("problem", "") == "edited");
}

TEST_CASE("verify reads standard input only a little past the longest QR text") {
    const CliWorld w;
    // 20 MB on standard input: refused for its length, as its own reason.
    std::string command = "head -c 20000000 /dev/zero | tr '\\0' 'A' | " + quoted(POURA_CLI) + " verify";
    for (const std::string word : {"--trust", w.bundle.c_str(), "--root", w.roots.c_str(), "--json"})
        command += " " + quoted(word);
    const Run run = run_shell(command + " 2>&1");
    CHECK(run.exit_code == 1);
    CHECK(parsed(run).value("reason", "") == "too_long");
    CHECK(parsed(w.verify({"X" + std::string(9000, 'A')})).value("reason", "") == "too_long");
}

TEST_CASE("every command answers --help, and a stray argument is a usage error") {
    for (const std::string command :
         {"demo", "keygen", "trust", "issue", "verify", "qr", "fee", "version", "db", "user", "apply", "applications",
          "investigate", "recommend", "return", "reject", "approve", "resubmit", "correct", "approve-correction",
          "withdraw", "revoke", "print", "registry", "sms", "audit"}) {
        INFO(command);
        const Run help = poura_cli({command, "--help"});
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.output, Catch::StartsWith("usage:") && Catch::Contains(command));
        CHECK(poura_cli({"help", command}).output == help.output);
    }
    CHECK(poura_cli({"fee", "holding", "--help"}).exit_code == 0);
    CHECK(poura_cli({"keygen", "-h"}).exit_code == 0);
    CHECK(poura_cli({"version", "--bogus"}).exit_code == 2);
    CHECK(poura_cli({"help", "--bogus"}).exit_code == 2);
    CHECK(poura_cli({"help", "nonsense"}).exit_code == 2);
    // Bare 'poura' is a mistake: its usage goes to standard error.
    const Run bare = run_shell(quoted(POURA_CLI) + " 2>/dev/null");
    CHECK(bare.output.empty());
    CHECK(bare.exit_code == 2);
}

TEST_CASE("version names the library, the C API and the formats") {
    const Run run = poura_cli({"--version"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Matches("poura " + std::string(poura::version()) +
                                          "\nC API [1-9][0-9]*\n"
                                          "certificate format BD1, trust bundle format 1\n"));
    CHECK(poura_cli({"version"}).output == run.output);
}
