#include "wycheproof.hpp"

#include "crypto/crypto.hpp"
#include "crypto/der.hpp"
#include "crypto/verifiers.hpp"

#include <poura/hex.hpp>
#include <poura/keys.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace poura::conformance {
namespace {

using crypto::Verifier;
using LoadedVerifier = Result<std::unique_ptr<Verifier>>;

// One way a key reaches a verifier: a name for the report and the loading.
struct KeyPath {
    std::string name;
    std::function<LoadedVerifier()> load;
};

Bytes hex_member(const nlohmann::json& object, const char* member) {
    auto decoded = from_hex(object.at(member).get<std::string>());
    if (!decoded) {
        throw std::runtime_error(std::string("\"") + member + "\" is not hex: " + decoded.error().message);
    }
    return *decoded;
}

// A strict DER ECDSA-Sig-Value (RFC 3279 section 2.2.3) as the r || s that
// COSE and Poura's ES256 verifier take: both INTEGERs non-negative, in their
// shortest form and at most 32 bytes long, nothing after them. Anything else
// is no signature; Poura never reads DER signatures, so a strict reading is
// the only one that cannot widen what the verifier accepts.
bool der_signature_to_raw(const Bytes& der_signature, Bytes& raw) {
    crypto::der::Reader outer(der_signature.data(), der_signature.size());
    crypto::der::Element sequence;
    if (!outer.read(sequence, crypto::der::kSequence) || !outer.at_end()) {
        return false;
    }
    crypto::der::Reader numbers(sequence);
    raw.assign(2 * crypto::kP256ScalarSize, 0);
    for (std::size_t half = 0; half < 2; ++half) {
        crypto::der::Element integer;
        if (!numbers.read(integer, crypto::der::kInteger) || integer.size == 0 || (integer.data[0] & 0x80) != 0) {
            return false;
        }
        const std::uint8_t* digits = integer.data;
        std::size_t size = integer.size;
        if (size > 1 && digits[0] == 0) {
            if ((digits[1] & 0x80) == 0) {
                return false;  // a leading zero DER leaves out
            }
            ++digits;
            --size;
        }
        if (size > crypto::kP256ScalarSize) {
            return false;
        }
        const std::size_t end = (half + 1) * crypto::kP256ScalarSize;
        std::copy(digits, digits + size, raw.begin() + static_cast<std::ptrdiff_t>(end - size));
    }
    return numbers.at_end();
}

class Runner {
public:
    explicit Runner(WycheproofReport& report) : report_(report) {}

    // Runs every case of a group through every key path. expect_accept says,
    // per case, whether Poura must accept it; refusal at key loading counts
    // as refusing every case.
    void run_group(const nlohmann::json& group, const std::vector<KeyPath>& paths,
                   const std::function<bool(const nlohmann::json&)>& expect_accept,
                   const std::function<bool(const nlohmann::json&, Bytes&)>& signature_of) {
        for (const KeyPath& path : paths) {
            LoadedVerifier verifier = path.load();
            for (const nlohmann::json& test : group.at("tests")) {
                const Bytes message = hex_member(test, "msg");
                Bytes signature;
                const bool accepted = verifier.ok() && signature_of(test, signature) &&
                                      (*verifier)->verify(message.data(), message.size(), signature.data(),
                                                          signature.size());
                record(test, path.name, accepted, expect_accept(test),
                       verifier.ok() ? std::string() : verifier.error().message);
            }
        }
        add_cases(group.at("tests").size());
    }

    void add_cases(std::size_t count) { report_.cases += count; }

    void record(const nlohmann::json& test, const std::string& path, bool accepted, bool expected,
                const std::string& key_refusal) {
        ++(accepted ? report_.accepted : report_.refused)[path];
        if (accepted == expected) {
            return;
        }
        std::ostringstream line;
        line << "tcId " << test.at("tcId").get<int>() << " (" << test.at("result").get<std::string>() << ", \""
             << test.at("comment").get<std::string>() << "\", flags " << test.at("flags").dump() << ") via " << path
             << ": " << (accepted ? "accepted" : "refused") << ", expected " << (expected ? "accepted" : "refused");
        if (!key_refusal.empty()) {
            line << " (key refused: " << key_refusal << ")";
        }
        report_.mismatches.push_back(line.str());
    }

private:
    WycheproofReport& report_;
};

bool is_valid(const nlohmann::json& test) { return test.at("result") == "valid"; }

bool raw_signature(const nlohmann::json& test, Bytes& signature) {
    signature = hex_member(test, "sig");
    return true;
}

bool der_signature(const nlohmann::json& test, Bytes& signature) {
    return der_signature_to_raw(hex_member(test, "sig"), signature);
}

LoadedVerifier through_public_key(Algorithm algorithm, const Bytes& raw) {
    auto key = PublicKey::from_raw(algorithm, raw);
    if (!key) {
        return key.error();
    }
    return crypto::make_verifier(*key);
}

// EdDSA: "valid" must verify, anything else must not, through both fields.
void run_eddsa(const nlohmann::json& file, Runner& runner) {
    for (const nlohmann::json& group : file.at("testGroups")) {
        const Bytes key = hex_member(group.at("publicKey"), "pk");
        const auto key_of_size = [key](auto make) -> LoadedVerifier {
            if (key.size() != crypto::kEd25519KeySize) {
                return make_error(Errc::key_invalid, "not 32 bytes");
            }
            return make(key.data());
        };
        runner.run_group(group,
                         {{"ed25519_verifier", [&] { return key_of_size(crypto::ed25519_verifier); }},
                          {"ed25519_verifier_with_32_bit_field",
                           [&] { return key_of_size(crypto::ed25519_verifier_with_32_bit_field); }},
                          {"PublicKey::from_raw", [&] { return through_public_key(Algorithm::EdDSA, key); }}},
                         is_valid, raw_signature);
    }
}

// ES256 over a group's uncompressed point, as a raw key would come, and over
// the same point compressed, as a certificate may hold it.
std::vector<KeyPath> es256_paths(const nlohmann::json& group) {
    const Bytes point = hex_member(group.at("publicKey"), "uncompressed");
    Bytes compressed;
    if (point.size() == crypto::kP256PointSize) {
        compressed.assign(point.begin(), point.begin() + 1 + crypto::kP256ScalarSize);
        compressed[0] = (point.back() & 1) != 0 ? 0x03 : 0x02;
    }
    return {{"PublicKey::from_raw", [point] { return through_public_key(Algorithm::ES256, point); }},
            {"es256_verifier (compressed point)",
             [compressed] { return crypto::es256_verifier(compressed.data(), compressed.size()); }}};
}

void run_ecdsa(const nlohmann::json& file, Runner& runner, bool der) {
    for (const nlohmann::json& group : file.at("testGroups")) {
        const bool sha256 = group.at("sha") == "SHA-256" && group.at("publicKey").at("curve") == "secp256r1";
        const auto expect_accept = [sha256](const nlohmann::json& test) { return sha256 && is_valid(test); };
        runner.run_group(group, es256_paths(group), expect_accept, der ? der_signature : raw_signature);
    }
}

// SEC1 point encodings as P-256 public keys. A raw ES256 key is an
// uncompressed point only (docs/format.md); es256_verifier, which certificates
// reach, also decompresses, so Wycheproof's "acceptable" compressed point is
// refused as a raw key and accepted as a certificate's.
void run_ecpoint(const nlohmann::json& file, Runner& runner) {
    for (const nlohmann::json& group : file.at("testGroups")) {
        if (group.at("curve") != "secp256r1" || group.at("encoding") != "ecpoint") {
            throw std::runtime_error("an ecpoint group for another curve or encoding");
        }
        for (const nlohmann::json& test : group.at("tests")) {
            const Bytes point = hex_member(test, "public");
            const bool compressed = point.size() == 1 + crypto::kP256ScalarSize;
            runner.record(test, "PublicKey::from_raw", PublicKey::from_raw(Algorithm::ES256, point).ok(),
                          is_valid(test), {});
            runner.record(test, "es256_verifier", crypto::es256_verifier(point.data(), point.size()).ok(),
                          is_valid(test) || (test.at("result") == "acceptable" && compressed), {});
        }
        runner.add_cases(group.at("tests").size());
    }
}

// RSASSA-PSS. Poura's PS256 is SHA-256, MGF1-SHA-256 and a 32-byte salt, and
// nothing else: a group with other parameters (salt length 0, say) is run too,
// and every case in it, "valid" ones included, must be refused, either when
// the key loads (an SPKI restricted to other parameters) or at verification.
// One case there is PS256's own: Wycheproof calls a signature made with
// another salt length than the group's invalid, and the salt-0 file has one
// whose salt was "changed to 32", a genuine PS256 signature from a key with no
// restriction, which PS256 must accept (as any PS256 verifier does).
void run_rsassa_pss(const nlohmann::json& file, Runner& runner) {
    for (const nlohmann::json& group : file.at("testGroups")) {
        const bool sha256 = group.at("sha") == "SHA-256" && group.at("mgf") == "MGF1" && group.at("mgfSha") == "SHA-256";
        const bool ps256 = sha256 && group.at("sLen") == 32;
        const auto is_ps256_signature = [ps256, sha256](const nlohmann::json& test) {
            return ps256 ? is_valid(test) : sha256 && test.at("comment") == "s_len changed to 32";
        };
        const Bytes spki = hex_member(group, "publicKeyDer");
        const Bytes modulus = hex_member(group.at("publicKey"), "modulus");
        const Bytes exponent = hex_member(group.at("publicKey"), "publicExponent");
        runner.run_group(
            group,
            {{"PublicKey::from_raw (SPKI)", [&] { return through_public_key(Algorithm::PS256, spki); }},
             {"ps256_verifier (n, e)",
              [&] { return crypto::ps256_verifier(modulus.data(), modulus.size(), exponent.data(), exponent.size()); }}},
            is_ps256_signature, raw_signature);
    }
}

void run_file(const nlohmann::json& file, Runner& runner) {
    const std::string schema = file.at("schema");
    if (schema == "eddsa_verify_schema_v1.json") {
        run_eddsa(file, runner);
    } else if (schema == "ecdsa_p1363_verify_schema_v1.json") {
        run_ecdsa(file, runner, false);
    } else if (schema == "ecdsa_verify_schema_v1.json") {
        run_ecdsa(file, runner, true);
    } else if (schema == "ecdh_ecpoint_test_schema_v1.json") {
        run_ecpoint(file, runner);
    } else if (schema == "rsassa_pss_verify_schema_v1.json" || schema == "rsassa_pss_with_parameters_verify_schema.json") {
        run_rsassa_pss(file, runner);
    } else {
        throw std::runtime_error("no runner for schema " + schema);
    }
}

}  // namespace

std::string WycheproofReport::summary() const {
    std::ostringstream out;
    out << file << ": " << cases << " cases";
    std::set<std::string> paths;
    for (const auto& counts : {accepted, refused}) {
        for (const auto& entry : counts) {
            paths.insert(entry.first);
        }
    }
    const auto count = [](const std::map<std::string, std::size_t>& counts, const std::string& path) {
        const auto found = counts.find(path);
        return found == counts.end() ? std::size_t{0} : found->second;
    };
    for (const std::string& path : paths) {
        out << "; " << path << " " << count(accepted, path) << " accepted, " << count(refused, path) << " refused";
    }
    out << "; " << mismatches.size() << " mismatches";
    return out.str();
}

WycheproofReport run_wycheproof_file(const std::string& path) {
    WycheproofReport report;
    report.file = path.substr(path.find_last_of('/') + 1);
    Runner runner(report);
    try {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw std::runtime_error("cannot open " + path);
        }
        const nlohmann::json file = nlohmann::json::parse(in);
        run_file(file, runner);
        if (report.cases != file.at("numberOfTests").get<std::size_t>()) {
            throw std::runtime_error("ran " + std::to_string(report.cases) + " cases of the " +
                                     file.at("numberOfTests").dump() + " the file declares");
        }
    } catch (const std::exception& e) {
        report.mismatches.push_back(std::string("the file could not be run: ") + e.what());
    }
    return report;
}

const std::vector<std::string>& wycheproof_files() {
    static const std::vector<std::string> files = {
        "ed25519_test.json",
        "ecdsa_secp256r1_sha256_p1363_test.json",
        "ecdsa_secp256r1_sha256_test.json",
        "ecdh_secp256r1_ecpoint_test.json",
        "rsa_pss_2048_sha256_mgf1_32_test.json",
        "rsa_pss_3072_sha256_mgf1_32_test.json",
        "rsa_pss_4096_sha256_mgf1_32_test.json",
        "rsa_pss_2048_sha256_mgf1_32_params_test.json",
        "rsa_pss_2048_sha256_mgf1_0_test.json",
    };
    return files;
}

}  // namespace poura::conformance
