// Poura's own signature verifiers against OpenSSL's on the same keys,
// messages and signatures: OpenSSL (libcrypto) is the reference here and
// nowhere else in the project. OpenSSL makes the keys and signs; both sides
// must accept the genuine signature and refuse a changed one before either is
// timed. Each side hashes the message in every operation. OpenSSL's side is
// its fastest public path for a verifier that is set up once per key: a
// verification context prepared once (EVP_PKEY_verify over EVP_Digest's
// hash); Ed25519, which hashes inside the signature scheme, goes through
// EVP_DigestVerify and sets its context up per message.
#include "sections.hpp"
#include "timer.hpp"

#include "crypto/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>
#include <string>

namespace poura::bench {
namespace {

// The goals of issue 13 for verification speed, as Poura's ops/s over
// OpenSSL's in the same run.
struct Goal {
    Algorithm algorithm;
    double ratio;  // 0: no goal
};
constexpr Goal kGoals[] = {{Algorithm::EdDSA, 0.0}, {Algorithm::ES256, 0.5}, {Algorithm::PS256, 0.8},
                           {Algorithm::ES384, 0.0}};

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

void need(bool ok, const std::string& what) {
    if (!ok) throw SetupError("OpenSSL: " + what);
}

// One algorithm's key, message and signature, in both sides' forms.
struct Case {
    Algorithm algorithm;
    std::string label;
    Pkey key;
    const EVP_MD* digest = nullptr;  // null for Ed25519
    Bytes message;
    Bytes openssl_signature;  // DER for ECDSA
    Bytes cose_signature;     // r || s for ECDSA
    PublicKey public_key;
};

// PS256's PSS parameters: MGF1 with SHA-256 and a 32-byte salt.
void set_pss(EVP_PKEY_CTX* ctx) {
    need(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
             EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) > 0 && EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, 32) > 0,
         "PSS parameters");
}

Bytes sign(const Case& c) {
    MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    need(ctx && EVP_DigestSignInit(ctx.get(), &pctx, c.digest, nullptr, c.key.get()) > 0, "sign init");
    if (c.algorithm == Algorithm::PS256) set_pss(pctx);
    std::size_t size = 0;
    need(EVP_DigestSign(ctx.get(), nullptr, &size, c.message.data(), c.message.size()) > 0, "signature size");
    Bytes signature(size);
    need(EVP_DigestSign(ctx.get(), signature.data(), &size, c.message.data(), c.message.size()) > 0, "sign");
    signature.resize(size);
    return signature;
}

// DER ECDSA-Sig-Value to COSE's fixed-width r || s.
Bytes to_cose(const Bytes& der, std::size_t scalar_size) {
    const unsigned char* p = der.data();
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
    need(sig != nullptr, "reading the ECDSA signature");
    Bytes out(2 * scalar_size);
    const bool ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), out.data(), static_cast<int>(scalar_size)) > 0 &&
                    BN_bn2binpad(ECDSA_SIG_get0_s(sig), out.data() + scalar_size, static_cast<int>(scalar_size)) > 0;
    ECDSA_SIG_free(sig);
    need(ok, "ECDSA signature to r || s");
    return out;
}

// Raw public keys as Poura takes them: Ed25519's 32 bytes, an uncompressed
// point for ECDSA, a SubjectPublicKeyInfo for RSA.
Bytes raw_public_key(const Case& c) {
    if (c.algorithm == Algorithm::PS256) {
        unsigned char* der = nullptr;
        const int size = i2d_PUBKEY(c.key.get(), &der);
        need(size > 0, "SubjectPublicKeyInfo");
        Bytes out(der, der + size);
        OPENSSL_free(der);
        return out;
    }
    std::size_t size = 0;
    if (c.algorithm == Algorithm::EdDSA) {
        need(EVP_PKEY_get_raw_public_key(c.key.get(), nullptr, &size) > 0, "Ed25519 key size");
        Bytes out(size);
        need(EVP_PKEY_get_raw_public_key(c.key.get(), out.data(), &size) > 0, "Ed25519 key");
        return out;
    }
    need(EVP_PKEY_get_octet_string_param(c.key.get(), OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &size) > 0, "EC point size");
    Bytes out(size);
    need(EVP_PKEY_get_octet_string_param(c.key.get(), OSSL_PKEY_PARAM_PUB_KEY, out.data(), size, &size) > 0,
         "EC point");
    return out;
}

Case make_case(Algorithm algorithm, const Bytes& message) {
    Case c;
    c.algorithm = algorithm;
    c.message = message;
    std::size_t scalar_size = 0;
    switch (algorithm) {
        case Algorithm::EdDSA:
            c.label = "Ed25519";
            c.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
            break;
        case Algorithm::ES256:
            c.label = "ES256 (P-256)";
            c.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
            c.digest = EVP_sha256();
            scalar_size = 32;
            break;
        case Algorithm::ES384:
            c.label = "ES384 (P-384)";
            c.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
            c.digest = EVP_sha384();
            scalar_size = 48;
            break;
        case Algorithm::PS256:
            c.label = "PS256 (RSA-2048)";
            c.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048}));
            c.digest = EVP_sha256();
            break;
    }
    need(c.key != nullptr, "key generation for " + c.label);
    c.openssl_signature = sign(c);
    c.cose_signature = scalar_size != 0 ? to_cose(c.openssl_signature, scalar_size) : c.openssl_signature;
    c.public_key = take(PublicKey::from_raw(algorithm, raw_public_key(c)), c.label + " public key");
    return c;
}

// OpenSSL's verification of one message, set up once per key.
class OpensslVerifier {
public:
    explicit OpensslVerifier(const Case& c) : case_(c) {
        if (c.digest == nullptr) {
            md_.reset(EVP_MD_CTX_new());
            need(md_ != nullptr, "digest context");
            return;
        }
        ctx_.reset(EVP_PKEY_CTX_new(c.key.get(), nullptr));
        need(ctx_ && EVP_PKEY_verify_init(ctx_.get()) > 0 && EVP_PKEY_CTX_set_signature_md(ctx_.get(), c.digest) > 0,
             "verify init");
        if (c.algorithm == Algorithm::PS256) set_pss(ctx_.get());
    }

    bool verify(const Bytes& signature) const {
        const Bytes& m = case_.message;
        if (!ctx_) {
            return EVP_DigestVerifyInit(md_.get(), nullptr, nullptr, nullptr, case_.key.get()) > 0 &&
                   EVP_DigestVerify(md_.get(), signature.data(), signature.size(), m.data(), m.size()) == 1;
        }
        unsigned char hash[EVP_MAX_MD_SIZE];
        unsigned int hash_size = 0;
        return EVP_Digest(m.data(), m.size(), hash, &hash_size, case_.digest, nullptr) > 0 &&
               EVP_PKEY_verify(ctx_.get(), signature.data(), signature.size(), hash, hash_size) == 1;
    }

private:
    const Case& case_;
    PkeyCtx ctx_;
    MdCtx md_;
};

Bytes changed(Bytes signature) {
    signature[signature.size() / 2] ^= 0x01;
    return signature;
}

}  // namespace

void bench_signatures(const Fixture& f, Checks& checks, std::ostream& out) {
    const Config& c = f.config;
    section(out, "6. Signature verification: Poura's verifiers against OpenSSL's");
    Bytes message(256);
    for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::uint8_t>(i * 7 + 1);

    const std::size_t rounds = std::max<std::size_t>(c.rounds / 3, 9);
    const std::size_t n = c.verify_per_round;
    out << "OpenSSL " << OpenSSL_version_num() / 0x10000000 << "." << (OpenSSL_version_num() >> 20 & 0xff) << "."
        << (OpenSSL_version_num() >> 4 & 0xff) << " makes the keys and signs a " << message.size()
        << "-byte message; both sides hash it in every verification.\n"
        << rounds << " interleaved rounds of " << n << " verifications each side; medians over the undisturbed rounds.\n\n";
    Table table({"algorithm", "Poura µs/op", "Poura ops/s", "OpenSSL µs/op", "OpenSSL ops/s", "Poura/OpenSSL",
                 "goal"});
    std::string unmet;
    for (const Goal& goal : kGoals) {
        const Case k = make_case(goal.algorithm, message);
        const std::unique_ptr<crypto::Verifier> ours = take(crypto::make_verifier(k.public_key), k.label + " verifier");
        const OpensslVerifier theirs(k);
        const Bytes& cose = k.cose_signature;
        const Bytes& der = k.openssl_signature;
        const auto poura_verifies = [&](const Bytes& signature) {
            return ours->verify(k.message.data(), k.message.size(), signature.data(), signature.size());
        };
        checks.expect(poura_verifies(cose) && theirs.verify(der), k.label + ": both accept the genuine signature");
        checks.expect(!poura_verifies(changed(cose)) && !theirs.verify(changed(der)),
                      k.label + ": both refuse a changed signature");

        std::size_t failures = 0;
        auto poura_loop = [&] { failures += poura_verifies(cose) ? 0 : 1; };
        auto openssl_loop = [&] { failures += theirs.verify(der) ? 0 : 1; };
        warm_up(n, poura_loop);
        warm_up(n, openssl_loop);
        const std::vector<Samples> samples = interleave({timed(poura_loop), timed(openssl_loop)}, rounds, n);
        checks.expect(failures == 0, k.label + ": every timed verification accepted the signature");

        const double ratio = paired_ratio(samples[1], samples[0]);  // their time / ours = our speed / theirs
        std::string verdict = "-";
        if (goal.ratio > 0) {
            const bool met = ratio >= goal.ratio;
            verdict = ">= " + fixed(goal.ratio, 2) + "x " + (met ? "MET" : "NOT MET");
            if (!met) unmet += " " + k.label;
        }
        table.add({k.label, microseconds(samples[0].median()), per_second(samples[0].median()),
                   microseconds(samples[1].median()), per_second(samples[1].median()), fixed(ratio, 2) + "x",
                   verdict});
    }
    table.print(out);
    out << "\nPoura/OpenSSL is the median over rounds of OpenSSL's time over Poura's in the same round.\n"
        << "Goals: " << (unmet.empty() ? "all MET" : "NOT MET for" + unmet) << "\n";
}

}  // namespace poura::bench
