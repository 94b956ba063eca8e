// The poura tool run as a user runs it: its exit codes and what it prints.
// POURA_CLI is the tool's path (tests/CMakeLists.txt sets it).
#include <poura/poura.hpp>

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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

TEST_CASE("trust add refuses an issuer code or name that is markup or holds a bidi control: unsafe_text") {
    const CliWorld w;
    const auto add = [&w](const std::string& code, const std::string& name_en) {
        return poura_cli({"trust", "add", "--bundle", w.bundle, "--root-keyset", w.root + ".keyset.json", "--plain",
                          "--now", "2026-01-01", "--issuer-keys", w.municipality + ".pub.json", "--code", code,
                          "--name-bn", "কালীগঞ্জ পৌরসভা", "--name-en", name_en, "--docs", "*"});
    };
    for (const auto& [code, name_en] : std::vector<std::pair<std::string, std::string>>{
             {"<script>alert(1)</script>", "Kaliganj"}, {"BD-44\u202E", "Kaliganj"},
             {"BD-44-33-01", "Kaliganj \u202Egpj.exe"}, {"BD-44-33-01", "<b>Kaliganj</b>"}}) {
        INFO(code << " " << name_en);
        const Run refused = add(code, name_en);
        CHECK(refused.exit_code == 3);
        CHECK_THAT(refused.output, Catch::Contains("[unsafe_text]"));
    }
    const Run shown = poura_cli({"trust", "show", "--bundle", w.bundle, "--root", w.roots, "--json"});
    CHECK_THAT(shown.output, !Catch::Contains("Kaliganj"));
    CHECK(add("BD-44-33-01", "Kaliganj Pourashava").exit_code == 0);
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

TEST_CASE("verify shows the certificate's identity: the same for its compressed and plain texts") {
    const CliWorld w;
    // An heirship certificate compresses; this bundle does not allow it, and a
    // certificate refused after its signature checked still has its identity.
    const std::string heirship = std::string(POURA_SOURCE_DIR) + "/examples/documents/heirship.json";
    const std::string compressed = parsed(w.issue(heirship, "ID-0001")).at("qr_text").get<std::string>();
    const std::string plain = parsed(w.issue(heirship, "ID-0001", {"--no-compress"})).at("qr_text").get<std::string>();
    REQUIRE(compressed != plain);

    const json result = parsed(w.verify({compressed}));
    CHECK(result.value("reason", "") == "issuer_not_allowed");
    const json& identity = result.at("identity");
    CHECK(identity.at("issuer") == "BD-10-06-88");
    CHECK(identity.at("cti") == to_hex(Bytes{'I', 'D', '-', '0', '0', '0', '1'}));
    const std::string fingerprint = identity.at("fingerprint").get<std::string>();
    CHECK(fingerprint.size() == 64);
    CHECK(parsed(w.verify({plain})).at("identity") == identity);

    const Run text = poura_cli({"verify", plain, "--trust", w.bundle, "--root", w.roots, "--now", "2026-01-03"});
    CHECK_THAT(line_with(text.output, "Fingerprint"), Catch::EndsWith("Fingerprint   " + fingerprint));
    // A forgery has no identity: its content is nobody's.
    std::string forged = plain;
    forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
    CHECK(parsed(w.verify({forged})).at("identity").is_null());
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
            lines.emplace(line.at("code").get<std::string>(), line.at("amount_poisha").get<std::int64_t>());  // the first
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
    CHECK_THAT(run.output, Catch::Contains("Due by 2025-09-30 · পরিশোধের শেষ তারিখ ২০২৫-০৯-৩০"));
    // Each instalment shows what is due after its part of the rebate.
    CHECK(line_with(run.output, "Instalment 1") ==
          "        5,064.00   Instalment 1, due 2025-09-30 · কিস্তি ১, শেষ তারিখ ২০২৫-০৯-৩০");
    CHECK_THAT(run.output, Catch::Contains("after a rebate of Tk 561.00 · ৫৬১.০০ টাকা রেয়াত বাদে"));

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

TEST_CASE("fee: each calculator's --help lists its options, and nonsense on the command line is refused") {
    const std::string schedules = std::string(POURA_SOURCE_DIR) + "/examples/schedules";
    const std::pair<const char*, const char*> calculators[] = {
        {"holding", "--unit LABEL:USE:OCCUPANCY:RENT"}, {"water", "--litres N (with --metered)"},
        {"trade", "--signboard AREA_SQFT"}, {"certificate", "--document-type TYPE"}};
    for (const auto& [calculator, option] : calculators) {
        INFO(calculator);
        const Run help = poura_cli({"fee", calculator, "--help"});
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.output, Catch::StartsWith("usage:\n  fee " + std::string(calculator)) &&
                                    Catch::Contains(option) && Catch::Contains("--municipality CODE"));
        CHECK(poura_cli({"help", "fee", calculator}).output == help.output);
        // --help wins over anything else on the line, even a missing --schedules.
        CHECK(poura_cli({"fee", calculator, "--municipality", "x", "-h"}).output == help.output);
    }
    CHECK(poura_cli({"fee", "nonsense", "--help"}).exit_code == 0);  // the fee command's own lines

    const std::vector<std::string> holding = {"fee", "holding", "--schedules", schedules, "--municipality", "kaliganj",
                                              "--fiscal-year", "2025-26"};
    auto with = [&](std::vector<std::string> words, const std::vector<std::string>& more) {
        words.insert(words.end(), more.begin(), more.end());
        return poura_cli(words);
    };
    const Run commas = with(holding, {"--monthly-rent", "1,0,0,0,0"});
    CHECK(commas.exit_code == 2);
    CHECK_THAT(commas.output, Catch::Contains("$.monthly_rent") && Catch::Contains("commas must group"));
    const Run arrear = with(holding, {"--monthly-rent", "10,000", "--arrear", "2024-25:1,0,0,0,0"});
    CHECK(arrear.exit_code == 2);
    CHECK_THAT(arrear.output, Catch::Contains("$.arrears[0].annual_value"));
    CHECK(with(holding, {"--monthly-rent", "10,000"}).exit_code == 0);
    const Run no_rent = with(holding, {});
    CHECK(no_rent.exit_code == 2);
    CHECK_THAT(no_rent.output, Catch::Contains("monthly_rent: a rented or owner-occupied holding needs"));

    // A building let in part and lived in by its owner in part, floor by floor.
    const Run units = with(holding, {"--unit", "Ground floor:commercial:rented:25000", "--unit",
                                     "First floor:residential:owner_occupied:10000", "--unit",
                                     "Second floor:residential:rented:8,000", "--json"});
    REQUIRE(units.exit_code == 0);
    CHECK(parsed(units).value("total_poisha", 0) == 10025000);
    CHECK(with(holding, {"--unit", "Shop:commercial:rented"}).exit_code == 2);

    const std::vector<std::string> water = {"fee", "water", "--schedules", schedules, "--municipality", "kaliganj",
                                            "--month", "2025-08", "--diameter", "1/2"};
    const Run litres = with(water, {"--litres", "5000"});
    CHECK(litres.exit_code == 2);
    CHECK_THAT(litres.output, Catch::Contains("$.litres: is for a metered connection") &&
                                  Catch::Contains("[invalid_argument]"));
    CHECK(with(water, {"--litres", "5000", "--metered"}).exit_code == 0);
    const Run early = with(water, {"--paid-on", "2025-07-31"});
    CHECK(early.exit_code == 2);
    CHECK_THAT(early.output, Catch::Contains("paid_on: 2025-07-31 is before the month billed"));
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

    // The revenue section on the same database: bills, two payments (the bKash
    // one sent twice, recorded once), the receipt verified, the ledger balanced.
    CHECK_THAT(demo.output, Catch::Contains("10 holdings from examples/registers/ward-3-holdings.csv"));
    CHECK_THAT(demo.output, Catch::Contains("(sent again: recorded once)"));
    const std::size_t receipt = demo.output.find("Payment Receipt / অর্থ প্রাপ্তির রসিদ");
    REQUIRE(receipt != std::string::npos);
    CHECK(demo.output.rfind("✔ VALID  বৈধ", receipt) > revoked);
    CHECK_THAT(demo.output, Catch::Contains("balances: demand Tk"));
    const Run scanned_receipt = poura_cli({"verify", "--image", (dir.path / "receipt.png").string(), "--trust",
                                           (dir.path / "trust-2.bundle").string(), "--root",
                                           (dir.path / "root.pub.json").string(), "--json"});
    CHECK(scanned_receipt.exit_code == 0);
    CHECK(parsed(scanned_receipt)["document"].value("reference", "") == "03-011-0001-00");
    CHECK(poura_cli({"ledger", "check", "--db", db}).exit_code == 0);
    const Run holding = poura_cli({"holding", "show", "03-011-0001-00", "--db", db, "--json"});
    REQUIRE(holding.exit_code == 0);
    CHECK(parsed(holding)["payments"].size() == 1);
    CHECK_THAT(read_file((dir.path / "defaulters.csv").string()), Catch::Contains("03-012-0003-00"));

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
    // The tool's own table of commands, so that a new one cannot be missed here.
    const Run listed = poura_cli({"help", "--commands"});
    REQUIRE(listed.exit_code == 0);
    std::vector<std::string> commands;
    std::istringstream lines(listed.output);
    for (std::string line; std::getline(lines, line);) commands.push_back(line);
    for (const std::string expected : {"demo", "keygen", "trust", "issue", "verify", "qr", "fee", "version", "db",
                                       "apply", "approve-correction", "holding", "water", "licence", "bill", "pay",
                                       "payments", "ledger", "report"})
        CHECK(std::count(commands.begin(), commands.end(), expected) == 1);
    for (const std::string& command : commands) {
        INFO(command);
        const Run help = poura_cli({command, "--help"});
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.output, Catch::StartsWith("usage:") && Catch::Contains(command));
        CHECK(poura_cli({"help", command}).output == help.output);
        // Whatever else is on the line, even a subcommand or a bad option, --help wins.
        CHECK(poura_cli({command, "show", "--bogus", "-h"}).output == help.output);
    }
    CHECK(poura_cli({"fee", "holding", "--help"}).exit_code == 0);
    // A subcommand's --help is its command's lines; each revenue subcommand has its own line.
    for (const std::string sub : {"add", "import", "show", "assess", "object", "review", "mutate"})
        CHECK_THAT(poura_cli({"holding", sub, "--help"}).output, Catch::Contains("  holding   " + sub + " "));
    CHECK_THAT(poura_cli({"help"}).output, Catch::Contains("  water     read NUMBER --month 2025-07 --litres N"));
    CHECK(poura_cli({"keygen", "-h"}).exit_code == 0);
    CHECK(poura_cli({"help", "--help"}).output == poura_cli({"help"}).output);
    CHECK(poura_cli({"version", "--bogus"}).exit_code == 2);
    CHECK(poura_cli({"help", "--bogus"}).exit_code == 2);
    CHECK(poura_cli({"help", "nonsense"}).exit_code == 2);
    // Bare 'poura' is a mistake: its usage goes to standard error.
    const Run bare = run_shell(quoted(POURA_CLI) + " 2>/dev/null");
    CHECK(bare.output.empty());
    CHECK(bare.exit_code == 2);
}

TEST_CASE("one rule for every file a command writes anew: refused when it exists (exit 4), --force overwrites") {
    const CliWorld w;
    const fs::path& dir = w.dir.path;
    const std::string taken = w.dir.file("taken", "keep me");
    const auto kept = [&] { return read_file(taken) == "keep me"; };
    const std::string schedules = std::string(POURA_SOURCE_DIR) + "/examples/schedules";
    struct Case {
        std::string what;
        std::vector<std::string> words;
    };
    const std::vector<Case> cases = {
        {"issue --png", {"issue", "--keyset", w.municipality + ".keyset.json", "--plain", "--issuer", "BD-10-06-88",
                         "--document", citizenship_document(), "--now", "2026-01-02", "--png", taken}},
        {"issue --svg", {"issue", "--keyset", w.municipality + ".keyset.json", "--plain", "--issuer", "BD-10-06-88",
                         "--document", citizenship_document(), "--now", "2026-01-02", "--svg", taken}},
        {"qr --png", {"qr", "--png", taken, "BD1:TEXT"}},
        {"qr --svg", {"qr", "--svg", taken, "BD1:TEXT"}},
        {"fee --receipt", {"fee", "holding", "--schedules", schedules, "--municipality", "kaliganj", "--fiscal-year",
                           "2025-26", "--monthly-rent", "10000", "--paid-on", "2025-09-15", "--receipt", taken,
                           "--payer-bn", "রহিমা", "--reference", "HT-0001"}},
        {"trust init", {"trust", "init", "--bundle", taken, "--root-keyset", w.root + ".keyset.json", "--plain",
                        "--now", "2026-01-01"}},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const Run refused = poura_cli(c.words);
        CHECK(refused.exit_code == 4);
        CHECK_THAT(refused.output, Catch::Contains(taken + " exists (--force to overwrite)"));
        CHECK(kept());
        std::vector<std::string> forced = c.words;
        forced.push_back("--force");
        const Run overwritten = poura_cli(forced);
        CHECK(overwritten.exit_code == 0);
        CHECK(!kept());
        std::ofstream(taken, std::ios::binary | std::ios::trunc) << "keep me";
    }
    // keygen: the keyset and its public keys; --rotate edits the keyset in place.
    const Run again = poura_cli({"keygen", "--out", w.municipality, "--plain"});
    CHECK(again.exit_code == 4);
    CHECK_THAT(again.output, Catch::Contains("exists: --rotate adds a new primary key to it, --force replaces it"));
    const std::string lone_pub = (dir / "lone").string();
    std::ofstream(lone_pub + ".pub.json") << "{}";
    CHECK(poura_cli({"keygen", "--out", lone_pub, "--plain"}).exit_code == 4);
    CHECK(poura_cli({"keygen", "--out", lone_pub, "--plain", "--force"}).exit_code == 0);
    CHECK(poura_cli({"keygen", "--out", w.municipality, "--plain", "--rotate"}).exit_code == 0);
}

TEST_CASE("a file that cannot be written or read says why, in the system's words") {
    const TempDir dir;
    const std::string missing = (dir.path / "no-such-folder" / "qr.png").string();
    const Run run = poura_cli({"qr", "--png", missing, "BD1:TEXT"});
    CHECK(run.exit_code == 4);
    CHECK_THAT(run.output, Catch::Contains("cannot write " + missing + ": No such file or directory"));
    // The last step, the rename over the target, fails too with its reason.
    const std::string folder = (dir.path / "a-folder").string();
    fs::create_directories(folder);
    const Run over_folder = poura_cli({"qr", "--png", folder, "--force", "BD1:TEXT"});
    CHECK(over_folder.exit_code == 4);
    CHECK_THAT(over_folder.output, Catch::Contains("cannot write " + folder + ": Is a directory"));
    CHECK(!fs::exists(folder + ".tmp"));
    const Run read = poura_cli({"verify", "--trust", missing, "--root", missing, "BD1:X"});
    CHECK(read.exit_code == 4);
    CHECK_THAT(read.output, Catch::Contains("cannot read " + missing + ": No such file or directory"));
}

TEST_CASE("a keyset open to group or others is used with a warning that says what to run") {
    const CliWorld w;
    const std::string keyset = w.municipality + ".keyset.json";
    const auto issue_output = [&] { return w.issue(citizenship_document(), "PERM-1").output; };
    CHECK((fs::status(keyset).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
    CHECK_THAT(issue_output(), !Catch::Contains("warning"));
    fs::permissions(keyset, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
    const Run warned = w.issue(citizenship_document(), "PERM-2");
    CHECK(warned.exit_code == 0);
    CHECK_THAT(warned.output, Catch::Contains("poura: warning: " + keyset +
                                              " holds private keys and is open to group or others (mode 0644): "
                                              "run 'chmod 600 " + keyset + "'"));
    fs::permissions(keyset, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    CHECK_THAT(issue_output(), !Catch::Contains("warning"));
}

TEST_CASE("text QR output refuses --module and --quiet out of range, as the images do") {
    for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
             {"module", "0"}, {"module", "101"}, {"quiet", "-1"}, {"quiet", "101"}}) {
        CAPTURE(option, value);
        const Run run = poura_cli({"qr", "--" + option, value, "BD1:TEXT"});
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.output, Catch::Contains("--" + option + " must be a whole number from"));
    }
    const Run narrow = poura_cli({"qr", "--quiet", "0", "BD1:TEXT"});
    const Run wide = poura_cli({"qr", "--quiet", "4", "BD1:TEXT"});
    CHECK(narrow.exit_code == 0);
    CHECK(wide.exit_code == 0);
    CHECK(wide.output.size() > narrow.output.size());
}

TEST_CASE("a wrong passphrase is said plainly, without the cipher library's words") {
    const TempDir dir;
    const std::string keys = (dir.path / "municipality").string();
    const std::string right = dir.file("right", "the right passphrase\n");
    const std::string wrong = dir.file("wrong", "not the passphrase\n");
    REQUIRE(poura_cli({"keygen", "--out", keys, "--passphrase-file", right, "--now", "2026-01-01"}).exit_code == 0);
    const auto issue_with = [&](const std::string& passphrase_file) {
        return poura_cli({"issue", "--keyset", keys + ".keyset.json", "--passphrase-file", passphrase_file,
                          "--issuer", "BD-1", "--document", citizenship_document(), "--now", "2026-01-02"});
    };
    CHECK(issue_with(right).exit_code == 0);
    const Run refused = issue_with(wrong);
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.output, Catch::Contains("wrong passphrase, or the key file is damaged [wrong_passphrase]"));
    CHECK_THAT(refused.output, !Catch::Contains("CBC") && !Catch::Contains("padding") && !Catch::Contains("BER"));
}

TEST_CASE("verify says the clock is suspect when the bundle was issued after its time") {
    const CliWorld w;
    const Run issued = w.issue(citizenship_document(), "CLOCK-1");
    REQUIRE(issued.exit_code == 0);
    const std::string cert = parsed(issued).at("qr_text").get<std::string>();
    // Re-signed on March 1st; the verifier's clock says January 3rd.
    REQUIRE(poura_cli({"trust", "revoke", "--bundle", w.bundle, "--root-keyset", w.root + ".keyset.json", "--plain",
                       "--now", "2026-03-01", "--issuer", "BD-10-06-88", "--serial", "NOT-ISSUED"})
                .exit_code == 0);
    const Run as_json = w.verify({cert});
    CHECK(as_json.exit_code == 0);
    CHECK(parsed(as_json).at("trust").value("freshness", "") == "clock_suspect");
    const Run as_text = poura_cli({"verify", "--trust", w.bundle, "--root", w.roots, "--now", "2026-01-03", cert});
    CHECK(as_text.exit_code == 0);
    CHECK_THAT(line_with(as_text.output, "Trust bundle"), Catch::Contains("clock_suspect"));
    CHECK_THAT(line_with(as_text.output, "Clock"),
               Catch::Contains("suspect: the trust bundle was issued 2026-03-01") &&
                   Catch::Contains("set the clock right and check again"));
    CHECK(parsed(w.verify({cert, "--skew", std::to_string(60 * 86400)})).at("trust").value("freshness", "") ==
          "fresh");
}

TEST_CASE("version names the library, the C API and the formats") {
    const Run run = poura_cli({"--version"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Matches("poura " + std::string(poura::version()) +
                                          "\nC API [1-9][0-9]*\n"
                                          "certificate format BD1, trust bundle format 1\n"));
    CHECK(poura_cli({"version"}).output == run.output);
}

namespace {

// An office for Kaliganj (whose sample schedules are in examples/schedules)
// with a secretary, a plain signing keyset and a trust bundle that trusts it
// for receipts and trade licences; every revenue command runs on 2026-01-10.
struct RevenueWorld {
    const TempDir dir;
    const std::string db = (dir.path / "office.db").string();
    const std::string keys = (dir.path / "kaliganj").string();
    const std::string root = (dir.path / "root").string();
    const std::string bundle = (dir.path / "trust.bundle").string();
    RevenueWorld() {
        REQUIRE(poura_cli({"keygen", "--out", root, "--plain", "--now", "2025-06-01"}).exit_code == 0);
        REQUIRE(poura_cli({"keygen", "--out", keys, "--plain", "--now", "2025-06-01"}).exit_code == 0);
        REQUIRE(poura_cli({"trust", "init", "--bundle", bundle, "--root-keyset", root + ".keyset.json", "--plain",
                           "--now", "2026-01-01"})
                    .exit_code == 0);
        REQUIRE(poura_cli({"trust", "add", "--bundle", bundle, "--root-keyset", root + ".keyset.json", "--plain",
                           "--now", "2026-01-01", "--issuer-keys", keys + ".pub.json", "--code", "kaliganj",
                           "--name-bn", "কালীগঞ্জ পৌরসভা", "--name-en", "Kaliganj Pourashava", "--docs",
                           "receipt,trade_licence"})
                    .exit_code == 0);
        REQUIRE(poura_cli({"db", "init", "--db", db, "--code", "kaliganj", "--name-bn", "কালীগঞ্জ পৌরসভা", "--name-en",
                           "Kaliganj Pourashava"})
                    .exit_code == 0);
        REQUIRE(poura_cli({"user", "add", "--db", db, "--login", "secretary", "--name", "Secretary", "--role",
                           "secretary"})
                    .exit_code == 0);
        REQUIRE(poura_cli({"user", "add", "--db", db, "--login", "karim", "--name", "Karim", "--role", "councilor",
                           "--ward", "3"})
                    .exit_code == 0);
    }
    // A revenue command as the secretary, with the schedules, the keyset and the day.
    Run run(std::vector<std::string> words, const std::string& as = "secretary") const {
        for (const std::string& word :
             std::vector<std::string>{"--db", db, "--schedules", std::string(POURA_SOURCE_DIR) + "/examples/schedules",
                                      "--keyset", keys + ".keyset.json", "--plain", "--now", "2026-01-10"})
            words.push_back(word);
        if (!as.empty()) words.insert(words.end(), {"--as", as});
        return poura_cli(words);
    }
    Run verify(std::vector<std::string> words) const {
        words.insert(words.begin(), "verify");
        words.insert(words.end(), {"--trust", bundle, "--root", root + ".pub.json", "--now", "2026-01-10", "--json"});
        return poura_cli(words);
    }
};

}  // namespace

TEST_CASE("holding add, import, show, assess, object, review and mutate") {
    const RevenueWorld w;
    const Run added = w.run({"holding", "add", "--number", "03-011-0009-00", "--ward", "3", "--use", "residential",
                             "--monthly-rent", "10,000", "--owner-name-bn", "রহিম উদ্দিন", "--owner-mobile",
                             "01712345678", "--json"});
    REQUIRE(added.exit_code == 0);
    CHECK(parsed(added).value("monthly_rent_poisha", 0) == 1000000);
    CHECK(parsed(added)["owners"][0].value("name_bn", "") == "রহিম উদ্দিন");

    // A bad amount, a missing acting user, a holding given twice: refused, and nothing kept.
    const Run bad_amount = w.run({"holding", "add", "--number", "03-011-0010-00", "--ward", "3", "--monthly-rent",
                                  "1,0,0,0,0", "--owner-name-bn", "রহিম উদ্দিন"});
    CHECK(bad_amount.exit_code == 2);
    CHECK_THAT(bad_amount.output, Catch::Contains("--monthly-rent") && Catch::Contains("commas"));
    const Run anonymous = w.run({"holding", "add", "--number", "03-011-0010-00", "--ward", "3", "--owner-name-bn",
                                 "রহিম উদ্দিন"},
                                "");
    CHECK(anonymous.exit_code == 2);
    CHECK_THAT(anonymous.output, Catch::Contains("--as LOGIN is required"));
    CHECK(w.run({"holding", "show", "03-011-0010-00"}).exit_code == 3);
    const Run twice = w.run({"holding", "add", "--number", "০৩-০১১-০০০৯-০০", "--ward", "3", "--monthly-rent", "9000",
                             "--owner-name-bn", "রহিম উদ্দিন"});
    CHECK(twice.exit_code == 3);
    CHECK_THAT(twice.output, Catch::Contains("[conflict]"));
    const Run councilor = w.run({"holding", "add", "--number", "03-011-0011-00", "--ward", "3", "--owner-name-bn",
                                 "রহিম উদ্দিন"},
                                "karim");
    CHECK(councilor.exit_code == 3);
    CHECK_THAT(councilor.output, Catch::Contains("[permission_denied]"));

    // From a file in the JSON form.
    const std::string holding_json = w.dir.file(
        "holding.json", R"({"number": "03-011-0012-00", "ward": 3, "use": "commercial", "occupancy": "rented",
            "monthly_rent": "12,000", "owners": [{"name_bn": "সালমা বেগম", "share": "1/2"},
                                                {"name_bn": "জসিম উদ্দিন", "share": "1/2"}]})");
    const Run from_file = w.run({"holding", "add", "--input", holding_json});
    REQUIRE(from_file.exit_code == 0);
    CHECK_THAT(from_file.output, Catch::Contains("holding 03-011-0012-00: ward 3, commercial"));
    CHECK_THAT(from_file.output, Catch::Contains("owner জসিম উদ্দিন, share 1/2"));
    const Run bad_file = w.run({"holding", "add", "--input", w.dir.file("bad.json", R"({"number": "x", "colour": 1})")});
    CHECK(bad_file.exit_code == 2);
    CHECK_THAT(bad_file.output, Catch::Contains("colour"));

    // A register: every bad row named by its line, and nothing of it kept.
    const std::string bad_register = w.dir.file("bad.csv",
                                                "number,ward,use,owner_name_bn\n"
                                                "02-022-0050-00,2,residential,করিম মিয়া\n"
                                                "02-022-0051-00,22,residential,করিম মিয়া\n"
                                                "02-022-0052-00,2,castle,করিম মিয়া\n");
    const Run refused = w.run({"holding", "import", bad_register});
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.output, Catch::Contains("bad.csv") && Catch::Contains("line 3: ward") &&
                                   Catch::Contains("line 4: use"));
    CHECK(w.run({"holding", "show", "02-022-0050-00"}).exit_code == 3);
    const std::string good_register = w.dir.file("good.csv",
                                                 "number,ward,use,monthly_rent,owner_name_bn\n"
                                                 "02-022-0050-00,2,residential,\"8,000\",করিম মিয়া\n"
                                                 "02-022-0051-00,2,residential,6000,করিম মিয়া\n");
    const Run imported = w.run({"holding", "import", good_register, "--json"});
    REQUIRE(imported.exit_code == 0);
    CHECK(parsed(imported).value("holdings", 0) == 2);
    const Run sample = w.run({"holding", "import", std::string(POURA_SOURCE_DIR) + "/examples/registers/ward-3-holdings.csv"});
    CHECK(sample.exit_code == 0);
    CHECK_THAT(sample.output, Catch::Contains("10 holding(s) imported"));

    // Assessments: a general one, an interim one objected to and reviewed.
    const Run general = w.run({"holding", "assess", "03-011-0009-00", "--value", "1,20,000", "--effective", "2025-07-01", "--json"});
    REQUIRE(general.exit_code == 0);
    CHECK(parsed(general).value("annual_value_poisha", 0) == 12000000);
    CHECK(parsed(general).value("kind", "") == "general");
    const Run interim = w.run({"holding", "assess", "03-011-0009-00", "--value", "240000", "--interim", "--effective", "2026-01-01", "--json"});
    REQUIRE(interim.exit_code == 0);
    CHECK(parsed(interim).value("kind", "") == "interim");
    CHECK(w.run({"holding", "assess", "03-011-0009-00", "--value", "12O000", "--effective", "2026-02-01"}).exit_code == 2);
    const Run objected = w.run({"holding", "object", "03-011-0009-00", "--reason", "the extension is not finished", "--json"});
    REQUIRE(objected.exit_code == 0);
    CHECK(parsed(objected).value("status", "") == "objected");
    CHECK(w.run({"holding", "object", "03-011-0009-00", "--reason", "again"}).exit_code == 3);
    const Run reviewed = w.run({"holding", "review", "03-011-0009-00", "--value", "1,20,000", "--note", "board, 2026-01-09"});
    REQUIRE(reviewed.exit_code == 0);
    CHECK_THAT(reviewed.output, Catch::Contains("(review, in_force): annual value Tk 1,20,000.00"));

    // Mutation: the new owners from a date.
    const Run mutated = w.run({"holding", "mutate", "03-011-0009-00", "--owner", "সালমা বেগম:1/2:01912345678",
                               "--owner", "জসিম উদ্দিন:1/2", "--effective", "2025-08-01", "--note", "inheritance", "--json"});
    REQUIRE(mutated.exit_code == 0);
    CHECK(parsed(mutated)["owners"].size() == 2);
    const Run half = w.run({"holding", "mutate", "03-011-0009-00", "--owner", "সালমা বেগম:1/2", "--effective", "2025-08-01"});
    CHECK(half.exit_code == 2);
    CHECK_THAT(half.output, Catch::Contains("1/2"));

    const Run shown = w.run({"holding", "show", "03-011-0009-00"});
    REQUIRE(shown.exit_code == 0);
    CHECK_THAT(shown.output, Catch::Contains("owner সালমা বেগম, share 1/2, 01912345678"));
    CHECK_THAT(shown.output, Catch::Contains("assessment from 2026-01-01 (interim, superseded)"));
    const Run shown_json = w.run({"holding", "show", "03-011-0009-00", "--json"});
    CHECK(parsed(shown_json)["assessments"].size() == 3);
    CHECK(parsed(shown_json)["record"].value("number", "") == "03-011-0009-00");
}

TEST_CASE("bill run, pay, payments import, ledger check and reports") {
    const RevenueWorld w;
    REQUIRE(w.run({"holding", "import", std::string(POURA_SOURCE_DIR) + "/examples/registers/ward-3-holdings.csv"})
                .exit_code == 0);
    REQUIRE(w.run({"holding", "add", "--number", "05-002-0001-00", "--ward", "5", "--monthly-rent", "10000",
                   "--owner-name-bn", "রহিম উদ্দিন", "--owner-mobile", "01712345678"})
                .exit_code == 0);

    // Standard error is no terminal here: no bar, and the JSON stays whole.
    const Run ward = w.run({"bill", "run", "--service", "holding_tax", "--period", "2025-26", "--ward", "3", "--json"});
    REQUIRE(ward.exit_code == 0);
    CHECK(parsed(ward).value("billed", 0) == 10);
    CHECK(parsed(ward).value("exempt", 0) == 1);
    const Run all = w.run({"bill", "run", "--service", "holding_tax", "--period", "2025-26"});
    REQUIRE(all.exit_code == 0);
    CHECK_THAT(all.output, Catch::Contains("11 account(s): 1 billed, 10 already billed, 0 exempt"));
    CHECK_THAT(all.output, Catch::Contains("demand Tk 22,500.00"));
    const Run unknown = w.run({"bill", "run", "--service", "holding", "--period", "2025-26"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.output, Catch::Contains("service"));
    CHECK(w.run({"bill", "run", "--service", "water"}).exit_code == 2);  // no --period
    CHECK(w.run({"bill", "run", "--service", "holding_tax", "--period", "2019-20"}).exit_code == 3);

    // A bKash payment by its reference: the allocation, the receipt, its QR as a PNG.
    const std::string receipt_png = (w.dir.path / "receipt.png").string();
    const Run paid = w.run({"pay", "--service", "holding_tax", "--account", "05-002-0001-00", "--amount", "7,000",
                            "--paid-on", "2026-01-08", "--method", "bkash", "--reference", "BK8X2Q91", "--receipt",
                            receipt_png, "--json"});
    REQUIRE(paid.exit_code == 0);
    const json payment = parsed(paid);
    REQUIRE(payment["allocations"].size() == 2);
    CHECK(payment["allocations"][0].value("amount_poisha", 0) == 562500);
    CHECK_FALSE(payment.value("duplicate", true));
    const Run receipt = w.verify({payment.value("receipt_qr", "")});
    CHECK(receipt.exit_code == 0);
    CHECK(parsed(receipt)["document"].value("amount_poisha", 0) == 700000);
    const Run scanned = w.verify({"--image", receipt_png});
    CHECK(scanned.exit_code == 0);
    CHECK(parsed(scanned).value("serial", "") == payment.value("receipt_serial", ""));
    const Run again = w.run({"pay", "--service", "holding_tax", "--account", "05-002-0001-00", "--amount", "7000",
                             "--paid-on", "2026-01-08", "--method", "bkash", "--reference", "BK8X2Q91"});
    REQUIRE(again.exit_code == 0);
    CHECK_THAT(again.output, Catch::Contains("already recorded") && Catch::Contains(payment.value("receipt_serial", "")));

    // At the counter, naming the instalment; the text shows the allocation and receipt.
    const Run counter = w.run({"pay", "--service", "holding_tax", "--account", "05-002-0001-00", "--amount",
                               "5625.00", "--paid-on", "2026-01-09", "--instalment", "2025-26:3"});
    REQUIRE(counter.exit_code == 0);
    CHECK_THAT(counter.output, Catch::Contains("2025-2026 instalment 3  Tk 5,625.00"));
    CHECK_THAT(counter.output, Catch::Contains("receipt ") && Catch::Contains("BD1:"));

    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"--amount", "1,0,0,0,0"}, {"--amount", "-5"}, {"--amount", "12.345"},
          {"--amount", "Tk 100"}}) {
        std::vector<std::string> words = {"pay", "--service", "holding_tax", "--account", "05-002-0001-00",
                                          "--paid-on", "2026-01-09"};
        words.insert(words.end(), bad.begin(), bad.end());
        const Run refused = w.run(words);
        INFO(bad[1]);
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.output, Catch::Contains("--amount") && Catch::Contains(bad[1]));
    }
    const Run cheque = w.run({"pay", "--service", "holding_tax", "--account", "05-002-0001-00", "--amount", "100",
                              "--paid-on", "2026-01-09", "--method", "cheque"});
    CHECK(cheque.exit_code == 2);
    CHECK_THAT(cheque.output, Catch::Contains("method"));
    const Run no_one = w.run({"pay", "--service", "holding_tax", "--account", "05-002-0001-00", "--amount", "100",
                              "--paid-on", "2026-01-09"},
                             "");
    CHECK(no_one.exit_code == 2);
    CHECK(w.run({"pay", "--service", "electricity", "--account", "05-002-0001-00", "--amount", "100", "--paid-on",
                 "2026-01-09"})
              .exit_code == 2);

    // A settlement file: recorded, duplicate and unmatched; a bad row refuses the file.
    const std::string settlement = w.dir.file("nagad-2026-01-09.csv",
                                              "reference,service,account,amount,paid_on\n"
                                              "NG1,holding_tax,03-011-0001-00,\"1,000.00\",2026-01-09\n"
                                              "NG2,holding_tax,09-999-0001-00,500,2026-01-09\n");
    const Run settled = w.run({"payments", "import", settlement, "--method", "nagad", "--json"});
    REQUIRE(settled.exit_code == 0);
    CHECK(parsed(settled).value("recorded", 0) == 1);
    CHECK(parsed(settled).value("unmatched", 0) == 1);
    const Run resettled = w.run({"payments", "import", settlement, "--method", "nagad"});
    REQUIRE(resettled.exit_code == 0);
    CHECK_THAT(resettled.output, Catch::Contains("0 recorded (Tk 0.00), 1 duplicate, 1 unmatched"));
    const std::string bad_settlement = w.dir.file("bad-settlement.csv",
                                                  "reference,service,account,amount,paid_on\n"
                                                  "NG3,holding_tax,03-011-0001-00,100,2026-01-09\n"
                                                  "NG4,holding_tax,03-011-0001-00,\"1,0,0,0,0\",2026-01-09\n");
    const Run bad_rows = w.run({"payments", "import", bad_settlement, "--method", "nagad"});
    CHECK(bad_rows.exit_code == 3);
    CHECK_THAT(bad_rows.output, Catch::Contains("bad-settlement.csv") && Catch::Contains("row 3, amount"));
    CHECK(w.run({"payments", "import", settlement, "--method", "pigeon"}).exit_code == 2);

    // The ledger balances; a due edited behind its back does not.
    const Run ledger = w.run({"ledger", "check"});
    CHECK(ledger.exit_code == 0);
    CHECK_THAT(ledger.output, Catch::Contains("the ledger balances"));

    // Reports in every format.
    const Run demand = w.run({"report", "demand", "--service", "holding_tax", "--json"});
    REQUIRE(demand.exit_code == 0);
    REQUIRE(parsed(demand).size() == 2);
    CHECK(parsed(demand)[1].value("collection_poisha", 0) == 1262500);
    const Run csv = w.run({"report", "defaulters", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK_THAT(csv.output, Catch::StartsWith("account,mobile,oldest_period,outstanding_poisha"));
    const Run text = w.run({"report", "collection", "--period", "2025-26"});
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.output, Catch::Contains("amount") && Catch::Contains("12,625.00"));
    const std::string chart = (w.dir.path / "collection.svg").string();
    const Run svg = w.run({"report", "collection", "--format", "svg", "--out", chart});
    REQUIRE(svg.exit_code == 0);
    CHECK_THAT(read_file(chart), Catch::Contains("<svg") && Catch::Contains("Tk 13,625.00"));
    CHECK(w.run({"report", "collection", "--format", "svg", "--out", chart}).exit_code == 4);  // exists
    CHECK(w.run({"report", "collection", "--format", "pdf"}).exit_code == 2);
    CHECK(w.run({"report", "everything"}).exit_code == 2);
    CHECK(w.run({"report", "demand", "--period", "2025"}).exit_code == 2);

    const std::string tamper = "sqlite3 '" + w.db + "' \"UPDATE dues SET paid = paid + 100 WHERE id = 1\"";
    REQUIRE(std::system(tamper.c_str()) == 0);
    const Run broken = w.run({"ledger", "check", "--json"});
    CHECK(broken.exit_code == 1);
    CHECK_FALSE(parsed(broken).value("ok", true));
    CHECK_THAT(w.run({"ledger", "check"}).output, Catch::Contains("THE LEDGER DOES NOT BALANCE"));
}

TEST_CASE("on a terminal, bill run and payments import draw a bar on standard error only") {
    const RevenueWorld w;
    REQUIRE(w.run({"holding", "import", std::string(POURA_SOURCE_DIR) + "/examples/registers/ward-3-holdings.csv"})
                .exit_code == 0);
    // script(1) runs the command on a pseudo-terminal; standard output goes to a file.
    const std::string out = (w.dir.path / "run.json").string();
    std::string command = quoted(POURA_CLI);
    for (const std::string& word :
         {std::string("bill"), std::string("run"), std::string("--service"), std::string("holding_tax"),
          std::string("--period"), std::string("2025-26"), std::string("--json"), std::string("--db"), w.db,
          std::string("--schedules"), std::string(POURA_SOURCE_DIR) + "/examples/schedules", std::string("--as"),
          std::string("secretary"), std::string("--now"), std::string("2026-01-10")})
        command += " " + quoted(word);
    const Run terminal = run_shell("script -qec " + quoted(command + " > " + quoted(out)) + " /dev/null");
    REQUIRE(terminal.exit_code == 0);
    CHECK_THAT(terminal.output, Catch::Contains("[########################################] 10/10"));
    const json summary = json::parse(read_file(out), nullptr, false);
    REQUIRE_FALSE(summary.is_discarded());
    CHECK(summary.value("billed", 0) == 10);

    const std::string settlement = w.dir.file("rocket.csv",
                                              "reference,service,account,amount,paid_on\n"
                                              "RK1,holding_tax,03-011-0001-00,500,2026-01-09\n"
                                              "RK2,holding_tax,03-011-0002-00,700,2026-01-09\n");
    command = quoted(POURA_CLI);
    for (const std::string& word :
         {std::string("payments"), std::string("import"), settlement, std::string("--method"), std::string("rocket"),
          std::string("--json"), std::string("--db"), w.db, std::string("--schedules"),
          std::string(POURA_SOURCE_DIR) + "/examples/schedules", std::string("--keyset"), w.keys + ".keyset.json",
          std::string("--plain"), std::string("--as"), std::string("secretary"), std::string("--now"),
          std::string("2026-01-10")})
        command += " " + quoted(word);
    const Run imported = run_shell("script -qec " + quoted(command + " > " + quoted(out)) + " /dev/null");
    REQUIRE(imported.exit_code == 0);
    CHECK_THAT(imported.output, Catch::Contains("] 2/2"));
    const json report = json::parse(read_file(out), nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    CHECK(report.value("recorded", 0) == 2);
}

TEST_CASE("water add, import, read and show, and licence issue, show, renew and surrender") {
    const RevenueWorld w;
    REQUIRE(w.run({"holding", "add", "--number", "03-011-0009-00", "--ward", "3", "--monthly-rent", "10000",
                   "--owner-name-bn", "রহিম উদ্দিন", "--owner-mobile", "01712345678"})
                .exit_code == 0);
    const Run added = w.run({"water", "add", "--number", "W-0002", "--holding", "03-011-0009-00", "--diameter", "1/2",
                             "--connected-on", "2024-01-01", "--metered", "--meter-no", "M-77", "--json"});
    REQUIRE(added.exit_code == 0);
    CHECK(parsed(added).value("metered", false));
    const Run imported = w.run({"water", "import", w.dir.file("water.csv", "number,holding,diameter,connected_on,flats\n"
                                                                             "W-0001,03-011-0009-00,1/2,2024-03-01,2\n")});
    REQUIRE(imported.exit_code == 0);
    CHECK_THAT(imported.output, Catch::Contains("1 water connection(s) imported"));
    const Run no_holding = w.run({"water", "import", w.dir.file("water-bad.csv", "number,holding,diameter,connected_on\n"
                                                                                "W-0003,09-000-0000-00,1/2,2024-03-01\n")});
    CHECK(no_holding.exit_code == 3);
    CHECK_THAT(no_holding.output, Catch::Contains("line 2") && Catch::Contains("no holding"));
    REQUIRE(w.run({"water", "read", "W-0002", "--month", "2025-06", "--litres", "100000"}).exit_code == 0);
    REQUIRE(w.run({"water", "read", "W-0002", "--month", "2025-07", "--litres", "112000"}).exit_code == 0);
    const Run backwards = w.run({"water", "read", "W-0002", "--month", "2025-08", "--litres", "90000"});
    CHECK(backwards.exit_code == 2);
    CHECK_THAT(backwards.output, Catch::Contains("backwards"));
    CHECK(w.run({"water", "read", "W-0002", "--month", "2025-08"}).exit_code == 2);
    CHECK(w.run({"water", "read", "W-0002", "--month", "2025-08", "--litres", "1,000"}).exit_code == 2);
    REQUIRE(w.run({"bill", "run", "--service", "water", "--period", "2025-07"}).exit_code == 0);
    const Run shown = w.run({"water", "show", "W-0002"});
    REQUIRE(shown.exit_code == 0);
    CHECK_THAT(shown.output, Catch::Contains("water connection W-0002: holding 03-011-0009-00"));
    CHECK_THAT(shown.output, Catch::Contains("metered, meter M-77"));
    CHECK_THAT(shown.output, Catch::Contains("demand 2025-07"));

    const Run issued = w.run({"licence", "issue", "--business-name-bn", "মায়ের দোয়া স্টোর", "--business-name-en",
                              "Mayer Doa Store", "--owner-name-bn", "রহিম উদ্দিন", "--owner-name-en", "Rahim Uddin", "--owner-nid", "1990101234567",
                              "--mobile", "01712345678", "--holding", "03-011-0009-00", "--ward", "3", "--address-bn",
                              "মধ্যপাড়া, কালীগঞ্জ", "--category",
                              "grocery", "--signboard", "12.5:lit", "--on", "2025-08-01", "--json"});
    INFO(issued.output);
    REQUIRE(issued.exit_code == 0);
    const std::string number = parsed(issued)["record"].value("number", "");
    REQUIRE_FALSE(number.empty());
    CHECK(parsed(issued)["record"].value("status", "") == "pending");
    const std::int64_t fee = parsed(issued)["demands"][0].value("total_poisha", 0);
    REQUIRE(fee > 0);
    const std::string qr_png = (w.dir.path / "licence.png").string();
    const Run unpaid = w.run({"licence", "show", number, "--qr", qr_png});
    CHECK(unpaid.exit_code == 3);
    CHECK_THAT(unpaid.output, Catch::Contains("not paid"));
    const std::string fee_taka = std::to_string(fee / 100) + "." + (fee % 100 < 10 ? "0" : "") + std::to_string(fee % 100);
    REQUIRE(w.run({"pay", "--service", "trade_licence", "--account", number, "--amount", fee_taka, "--paid-on",
                   "2025-08-02"})
                .exit_code == 0);
    const Run active = w.run({"licence", "show", number, "--qr", qr_png});
    REQUIRE(active.exit_code == 0);
    CHECK_THAT(active.output, Catch::Contains(", active") && Catch::Contains("BD1:"));
    const Run licence = w.verify({"--image", qr_png});
    CHECK(licence.exit_code == 0);
    CHECK(parsed(licence)["document"].value("licence_no", "") == number);

    const Run renewed = w.run({"licence", "renew", number, "--on", "2026-01-05"});
    REQUIRE(renewed.exit_code == 0);
    CHECK_THAT(renewed.output, Catch::Contains("demand 2026-2027"));
    CHECK(w.run({"licence", "renew", number, "--on", "2026-01-05"}).exit_code != 0);
    const Run surrendered = w.run({"licence", "surrender", number, "--reason", "business closed", "--json"});
    REQUIRE(surrendered.exit_code == 0);
    CHECK(parsed(surrendered)["record"].value("status", "") == "surrendered");
    const Run from_file = w.run({"licence", "issue", "--input",
                                 w.dir.file("licence.json", R"({"business_name_bn": "রহিম টেলিকম", "owner_name_bn": "রহিম উদ্দিন", "owner_name_en": "Rahim Uddin",
                                     "business_name_en": "Rahim Telecom", "address_bn": "মধ্যপাড়া", "owner_nid": "1990101234567", "holding": "03-011-0009-00", "ward": 3, "category": "grocery"})")});
    CHECK(from_file.exit_code == 0);
    CHECK_THAT(from_file.output, Catch::Contains("রহিম টেলিকম / Rahim Telecom, pending"));
    CHECK(w.run({"licence", "cancel", number}).exit_code == 2);
}
