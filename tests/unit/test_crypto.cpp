#include "crypto/bignum.hpp"
#include "crypto/crypto.hpp"
#include "crypto/sha2.hpp"
#include "crypto/signing.hpp"
#include "crypto/verifiers.hpp"
#include "x509_builder.hpp"

#include <poura/keys.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace poura;

namespace {

Bytes hex(std::string_view text) {
    auto decoded = from_hex(text);
    REQUIRE(decoded.ok());
    return *decoded;
}

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const Bytes& data) {
    std::string out;
    for (std::size_t i = 0; i < data.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, data.size() - i);
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 3; ++j) group = group << 8 | (j < n ? data[i + j] : 0);
        for (std::size_t j = 0; j < 4; ++j) out.push_back(j <= n ? kBase64Alphabet[group >> (18 - 6 * j) & 63] : '=');
    }
    return out;
}

// The DER inside a PEM block (the test's own PEMs have no headers).
Bytes pem_body(const std::string& pem) {
    Bytes out;
    std::uint32_t bits = 0;
    int bit_count = 0;
    const std::size_t body = pem.find('\n') + 1;
    const std::size_t end = pem.find("-----END");
    for (std::size_t i = body; i < end; ++i) {
        const char* found = std::strchr(kBase64Alphabet, pem[i]);
        if (pem[i] == '\n' || pem[i] == '=' || found == nullptr) continue;
        bits = bits << 6 | static_cast<std::uint32_t>(found - kBase64Alphabet);
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out.push_back(static_cast<std::uint8_t>(bits >> bit_count));
        }
    }
    return out;
}

bool contains(const Bytes& haystack, const Bytes& needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// RFC 8410 PKCS#8 for an Ed25519 seed, as a plain PEM.
std::string ed25519_seed_pem(std::string_view seed_hex) {
    Bytes der = hex("302e020100300506032b657004220420");
    const Bytes seed = hex(seed_hex);
    der.insert(der.end(), seed.begin(), seed.end());
    return "-----BEGIN PRIVATE KEY-----\n" + base64(der) + "\n-----END PRIVATE KEY-----\n";
}

std::unique_ptr<crypto::Verifier> verifier_for(const PublicKey& key) {
    auto verifier = crypto::make_verifier(key);
    REQUIRE(verifier.ok());
    return std::move(*verifier);
}

bool verifies(const crypto::Verifier& verifier, const Bytes& message, const Bytes& signature) {
    return verifier.verify(message.data(), message.size(), signature.data(), signature.size());
}

Bytes with_flipped_bit(Bytes data, std::size_t index) {
    data.at(index) ^= 0x01;
    return data;
}

Bytes with_extra_byte(Bytes data) {
    data.push_back(0x00);
    return data;
}


// A DER element, with its length in the shortest form.
Bytes der(std::uint8_t tag, const Bytes& contents) {
    Bytes out{tag};
    if (contents.size() < 0x80) {
        out.push_back(static_cast<std::uint8_t>(contents.size()));
    } else if (contents.size() < 0x100) {
        out.insert(out.end(), {0x81, static_cast<std::uint8_t>(contents.size())});
    } else {
        out.insert(out.end(), {0x82, static_cast<std::uint8_t>(contents.size() >> 8),
                               static_cast<std::uint8_t>(contents.size())});
    }
    out.insert(out.end(), contents.begin(), contents.end());
    return out;
}

Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
    return out;
}

// A 2048-bit odd modulus as a DER INTEGER's contents (leading zero, top bit set).
Bytes modulus_2048() {
    Bytes n(257, 0x5A);
    n[0] = 0x00;
    n[1] = 0xC3;
    n[256] = 0x01;
    return n;
}

// Set before Catch runs, so without its REQUIRE.
const Bytes kRsaEncryption = from_hex("06092a864886f70d0101010500").value();  // rsaEncryption, NULL
const Bytes kRsaPssOid = from_hex("06092a864886f70d01010a").value();
const Bytes kSha256 = from_hex("300d06096086480165030402010500").value();
const Bytes kMgf1Sha256 = from_hex("301a06092a864886f70d010108300d06096086480165030402010500").value();

// A SubjectPublicKeyInfo from its AlgorithmIdentifier's contents and the
// RSAPublicKey's two INTEGERs' contents.
Bytes rsa_spki(const Bytes& algorithm, const Bytes& modulus, const Bytes& exponent) {
    const Bytes rsa_key = der(0x30, concat({der(0x02, modulus), der(0x02, exponent)}));
    return der(0x30, concat({der(0x30, algorithm), der(0x03, concat({Bytes{0x00}, rsa_key}))}));
}

// RSASSA-PSS-params with this hash, mask generation and salt length.
Bytes pss_parameters(const Bytes& hash, const Bytes& mask, std::uint8_t salt) {
    return der(0x30, concat({der(0xA0, hash), der(0xA1, mask), der(0xA2, der(0x02, Bytes{salt}))}));
}

const Bytes kFixtureMessage = bytes_of("Poura test message");

constexpr std::int64_t k2024_01_01 = 1704067200;
constexpr std::int64_t k2034_01_01 = 2019686400;
constexpr std::int64_t k9999_12_31_23_59_59 = 253402300799;

// Generated once with Python's `cryptography` package: keys, signatures over
// kFixtureMessage, and self-signed certificates valid 2024-01-01 .. 2034-01-01
// (the EdDSA one until 9999-12-31 23:59:59, in GeneralizedTime).
constexpr const char* es256_public_raw =
    "04777d42c8317900a2df0adb6e28bf081ea04ead3f64665cfa6a869e4126bf945d130fe553ff21c9f6a835c76c163ab2"
    "d6bd94f0c5492d63ae3e2c31b7d377252c";

constexpr const char* es256_signature =
    "85a19901f7abbfb9f4c7f9a858ab608c189538d6d18d13cf01756c0e4a830b554d41fdf94f6019428e70c2a231f32574"
    "bf9e9c04792642301d02bb8cf185decc";

constexpr const char* ps256_public_spki =
    "30820122300d06092a864886f70d01010105000382010f003082010a0282010100ad5bc31996c8b77a39aeb678cfc105"
    "470193d8bfa1bd9ea3f0a78dee4ef916cd693174834a4d48113f9ca296a2b5af6dc11f86f97454051c17da2d523934db"
    "6601f2a7e3a704656af8bf768ed8c1ede01cd23824c1752913a1f84a8cb6962955548e3dd6d14dad9feabb6a62fb06ba"
    "262bd7c755d97c96cf4f2078e0919f26733ba713b46fbf5aba54baa0763ba1be91f87d7bd187dc4158e4188851562c82"
    "fc2632dd4045496498a99a0bd8f9225fb9633b5a86e53a20c18cbbbb139fc93bfe4095e9a606d7aef1388849da861f23"
    "561725f349507ba1029a29fc3f4cd409050423490e02e770305610415383ee6b192e4b1ee8fa70774a1568478c07f9a4"
    "e10203010001";

constexpr const char* ps256_signature =
    "9462e7656adba4dbfa15dce287e3a2123491eef2f4d1f997eb652aecbbcb3d6ae55af3ff55d5607ef413730dcc9b11bc"
    "d1a04ce5d859b257665a8e0ba7a092d283d92d81cdb92b2ba895d9852f31c84db0aea24c5cbcece918f09adc29ceb7d0"
    "3550d8b117fbf9131563cb303ff7e64d25d99d58bfcbc41eca7f8c8ff582922dc29423493c7e886aeaea3766b49575f8"
    "c4b0f13553294c9e2f4a400a574745591bd4d7ab68712d6d3931444bf5bec530668a38bc89f7e1b968d113db4632973a"
    "ae92b863bef7132c77e43ae240da1e0b78586a9ca54a03692e2d80e4a499d6e4a26c2a3d1a316db8dab052da43c6ba53"
    "1f14929017a95a495f0e75ea258fd532";

constexpr const char* ps256_signature_salt20 =
    "00a30624985446d8f433c01a13a9663270bd3f3ca4035c0bb69f84ab0bf1a1316331b4ea4496f87d05d773b3cfc235c0"
    "cd23bb65103831128ae34c69244a8fadec804a841770cc0a26091caf453b880e09951e777d6649f0854f747e0fb6b18f"
    "16dfdd4a92d81b90af91ba23319630558151911836d209aaf10cacec6997d53f5dcc93d195c8954e8499562bae7e0805"
    "2bb407fa59cffaeffcefec23f3967a653a6cb3aca44d00623234efa08dead2829489a975b96cc8cd8b9262e950ddb3fd"
    "68eb9ccac7fe874166ed154ede053fcee13ffd4dd66ef6e9c475b41ca149ac984939f30b3134ca9f19e8b7b8510bbccd"
    "e572a58142f2edbaf65b94515f35dd39";

constexpr const char* eddsa_certificate =
    "3081e5308198a003020102020203f8300506032b6570301b3119301706035504030c10506f7572612045644453412074"
    "6573743020170d3234303130313030303030305a180f39393939313233313233353935395a301b311930170603550403"
    "0c10506f7572612045644453412074657374302a300506032b6570032100a626ace2e9295214e1867d8a74ab56ba0f50"
    "16c5e2c46396b0a18dd66907d8f8300506032b6570034100dace175d2dccddaa52e0bb4acde93b0c31bd8c1322ca20eb"
    "b70f01f8686ca3a918a3c0dc6aa83254ddaf603ebe3e43636ed4c6e86c11e2d6427088ea7748270f";

constexpr const char* eddsa_certificate_signature =
    "3df1d2feaabcb344d85b336e764432832fcd26ab581ffe924aab408d8910b9dfc43dce2eb18686a3264e66bef35966b1"
    "1a9e089b878dae3ab3556fa51f6d3d09";

constexpr const char* es256_certificate =
    "308201233081caa003020102020203f8300a06082a8648ce3d040302301b3119301706035504030c10506f7572612045"
    "533235362074657374301e170d3234303130313030303030305a170d3334303130313030303030305a301b3119301706"
    "035504030c10506f75726120455332353620746573743059301306072a8648ce3d020106082a8648ce3d030107034200"
    "04a9f1af41dc435f7f606cbc3a5ad8d35e230248a0cc5ccbc5604ed76135f8298745f03e5f082248c20c06923404a4e5"
    "cd654f72b9232c473130e4bc84e52243be300a06082a8648ce3d040302034800304502203e5e2032fe5da8acb15a8ba3"
    "ad9a6b989d6525ed1fc6d81d9fcc51aee0f97e8c022100ef27e72f1923e6a33fd4c87162e283040eea8e20be138ce986"
    "db597f47e00486";

constexpr const char* es256_certificate_signature =
    "91f7ed4f4fcb4cc54af486cdb6f61e10cc154f044c41588123bc9c2e6e7eead2629ea85c9145691bd5206b3c9a66ae41"
    "d2db4e65db7856e5fd81ce1262811166";

constexpr const char* ps256_certificate =
    "308202b030820198a003020102020203f8300d06092a864886f70d01010b0500301b3119301706035504030c10506f75"
    "72612050533235362074657374301e170d3234303130313030303030305a170d3334303130313030303030305a301b31"
    "19301706035504030c10506f757261205053323536207465737430820122300d06092a864886f70d0101010500038201"
    "0f003082010a028201010097058bdf10118ec9c9939721b3c4ae9103ce0b3accbadaf0ce62f7446438c82445eca30d5c"
    "5231c0dd34845fbdcfd7432a40db14096992a4e138b7f6d66a6badc3180ce3861fd9c756f7aad4911f2cb9a179907ed0"
    "2393c279234cf8d9eea3b86869899642a4dbf53b8d27a44a7a541022e62c475249780427eed1c282bdb358e58abfc1b7"
    "62246aa3f5b7e79bab3689362fcd7694864863aece8bc596b6e0e0223f0296107756d6274e8c8a9d903d94ee3cf8ace8"
    "d79af2f5737dc16646d29d0168a5851c815c486461fa8c1305ffe29cbabd58c0b7afe138d990fd1054756a8efb2c06c7"
    "ca9674f00e01d578d288dd42ac9de5de77a729f85641548add0fcd0203010001300d06092a864886f70d01010b050003"
    "820101001e4c06c5e68701212752c8ea22595e4e0c029bed3822f8bbc797485f9b33bbf7b63d0e78cbec1ac9376a7166"
    "49d7ac322b97884d6a44676959505de64d2cccc0680ae4ee21aba9d4984cffefe6753a9429347dd1a06e134bdb3810a6"
    "f8a53bdf5781eaa31e55a673e02dfa0d9e705b0ca7d0bd348cbefd3885fb6f78d01ed3786ab54e75153463f6dd14cd5e"
    "085888999b0f81807b0d7cd4a38e90ef2abd11c99c257c17309688df8df7895c5d3578a2e56222349398be02248803f5"
    "733f1856500a388579496b43777e76d56ab5c58e91e20fb4a096233d4fe484b7ebadc442fca6987d5fba153ce4cbf2bf"
    "4aee1592cc2b21560b62efc78bc2e0bbbb87479c";

constexpr const char* ps256_certificate_signature =
    "2a80e671c24d49752bb81355fbe5fb0b3a128dcf4f3f06b70e9ac38286b54b670ff6159b1b663d79032dd6600193310f"
    "c854825e0e53244c657f15c37c909285ff914fe58841fe716ed58abc89f1a7b6777a477dc255922e219e30640cd7b24e"
    "3146dd1488b0b108610f7f0b60d6b4f322051f76b1a367954654c508e1daec834c17871bb52f2834e7efb216a0042716"
    "17633da8c6dd684040ef812d1e1f1315d1a3b3052fcfc529be1f4a009e060ed39582885c494f2dfcb2b8980a9b29eb1d"
    "44347196e6d13f89bc2ea3360bfe8ca34a1cf0312ae3eda7d814bf831bc5a7956d0caf1ac0e0c3387abfa22e542cfdb6"
    "65afab39de07260d5cdde7a96ef893aa";

constexpr const char* p384_certificate =
    "3082015f3081e7a003020102020203f8300a06082a8648ce3d040303301b3119301706035504030c10506f7572612050"
    "2d3338342074657374301e170d3234303130313030303030305a170d3334303130313030303030305a301b3119301706"
    "035504030c10506f75726120502d33383420746573743076301006072a8648ce3d020106052b81040022036200048d45"
    "d30edb07ea6466412b7184acd5045b22d1796a7ed8e64cf4e819d87f1457d1e653142ac04c2dea6300e658c0509c6355"
    "f86c5c6bf845e561a6cda26d4ec8baea88cf731012985a21355241cf4189d3322b8684e981d982a026bbf318651e300a"
    "06082a8648ce3d04030303670030640230537dd8412a6ff78d222cb9d0e7cbe71fccdf35df5a66703242a025afd07f39"
    "f59a9f083274a61358d0eca0c53cb4d97b0230334436e9a8763fde42d0ef6ee4878e89cd92fd39bb46caec5490c32974"
    "76a9fdd4c0a33877c7f2f33cfe65be476b7c4a";

constexpr const char* python_encrypted_pem =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIGjMF8GCSqGSIb3DQEFDTBSMDEGCSqGSIb3DQEFDDAkBBBee1Jfg8V0YYWgMYxI\n"
    "9d4+AgIIADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQX1KlxBskreqjTs1I\n"
    "pYJLawRAmLMNqAaEgU4PESfIj+FT008EIzqxgHh3E/ElcPw0geyQZaO6009t8UhR\n"
    "DahF0d6m/4XWAd/omBTaNkb7cQO8HQ==\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";

constexpr const char* python_encrypted_pem_public =
    "122bb8d10d67a19b88e3178034f0756dd3a4bf182aae992033a017a5ba1a536d";

constexpr const char* p256_private_pem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgzUqmwdJRA5ffCeCV\n"
    "XqYYpj53yyKvCOlgWCqKkAC7k9ShRANCAAR3fULIMXkAot8K224ovwgeoE6tP2Rm\n"
    "XPpqhp5BJr+UXRMP5VP/Icn2qDXHbBY6sta9lPDFSS1jrj4sMbfTdyUs\n"
    "-----END PRIVATE KEY-----\n";

// An EdDSA certificate valid from 1960-01-01 to 2049-12-31 23:59:59, both in
// UTCTime: the edges of its two-digit years.
constexpr const char* eddsa_certificate_utctime_edges =
    "3081d6308189a003020102020107300506032b657030153113301106035504030c0a506f7572612031393630301e170d"
    "3630303130313030303030305a170d3439313233313233353935395a30153113301106035504030c0a506f7572612031"
    "393630302a300506032b6570032100e4742a610be4e23b02561437c46e4b4a55ed25eec7793b87b40cdcc3797e068a30"
    "0506032b6570034100415bf86a7abb13ae6a406a385b4d0c5aa110dfbddb194017de23a632a0658fcb42f832b32f1995"
    "b909aaaef02c46ccbfabb6432be9771b96649998edc1214f0f";

// A 1024-bit RSA SubjectPublicKeyInfo: well-formed, but too weak for PS256.
constexpr const char* rsa1024_public_spki =
    "30819f300d06092a864886f70d010101050003818d0030818902818100b0fb21bc2523e671a754caba8535b411a87772"
    "6a1aadd1a53a68ac62fff19a6eb3ee5f7469c8c1b662eb4291a39a362905bf5c7309d232b9d2538be33aa846f51d959e"
    "135f8adef5fa2f00ce6e0376abe6c69f83a06b86fb2ecba33e9c6be98ee267614d2a939d980be66bd0800602fba8964b"
    "e40540efc5a5718cd25629afb10203010001";

}  // namespace

TEST_CASE("hex encoding is lowercase and decoding is strict") {
    CHECK(to_hex(Bytes{}).empty());
    CHECK(to_hex(Bytes{0x00, 0x0f, 0xa5, 0xff}) == "000fa5ff");
    CHECK(from_hex("000fa5ff").value() == Bytes{0x00, 0x0f, 0xa5, 0xff});
    CHECK(from_hex("ABCDEF").value() == Bytes{0xab, 0xcd, 0xef});
    CHECK(from_hex("").value().empty());

    CHECK(from_hex("abc").error().code == Errc::malformed_input);
    CHECK(from_hex("zz").error().code == Errc::malformed_input);
    CHECK(from_hex("0g").error().code == Errc::malformed_input);
    CHECK(from_hex("00 1").error().code == Errc::malformed_input);
    CHECK(from_hex("0x00").error().code == Errc::malformed_input);
    CHECK(from_hex("-1").error().code == Errc::malformed_input);

    Bytes every_byte;
    for (int i = 0; i < 256; ++i) every_byte.push_back(static_cast<std::uint8_t>(i));
    CHECK(from_hex(to_hex(every_byte)).value() == every_byte);
}

TEST_CASE("sha256 matches known answers") {
    CHECK(to_hex(sha256(Bytes{})) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(to_hex(sha256(bytes_of("abc"))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(crypto::sha256(nullptr, 0) == sha256(Bytes{}));
}

namespace {

std::string sha256_hex(crypto::Sha256::Engine engine, const std::uint8_t* data, std::size_t size, std::size_t piece) {
    crypto::Sha256 hash(engine);
    for (std::size_t at = 0; at < size; at += piece) hash.update(data + at, std::min(piece, size - at));
    std::uint8_t digest[crypto::Sha256::kSize];
    hash.final(digest);
    return to_hex(Bytes(digest, digest + sizeof digest));
}

}  // namespace

TEST_CASE("sha256's engines give the known answers and agree at every length") {
    using Engine = crypto::Sha256::Engine;
    std::vector<Engine> engines{Engine::portable};
    if (crypto::Sha256::best_engine() != Engine::portable) engines.push_back(crypto::Sha256::best_engine());
    INFO("engines on this processor: " << engines.size());
    const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const std::string million_a(1000000, 'a');
    for (Engine engine : engines) {
        const auto* text = reinterpret_cast<const std::uint8_t*>(two_blocks.data());
        CHECK(sha256_hex(engine, text, two_blocks.size(), 7) ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        CHECK(sha256_hex(engine, reinterpret_cast<const std::uint8_t*>(million_a.data()), million_a.size(), 4096) ==
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    // Every padding case (0 to 5 blocks, the length field split or not) and
    // every way of feeding the input, against the portable engine.
    std::mt19937 random(20261207);
    Bytes data(330);
    for (auto& b : data) b = static_cast<std::uint8_t>(random());
    for (std::size_t size = 0; size <= data.size(); ++size) {
        const std::string expected = sha256_hex(Engine::portable, data.data(), size, size + 1);
        for (Engine engine : engines)
            for (std::size_t piece : {std::size_t{1}, std::size_t{63}, std::size_t{64}, size + 1})
                CHECK(sha256_hex(engine, data.data(), size, piece) == expected);
    }
}

TEST_CASE("modular powers in windows agree with one multiplication per bit") {
    using crypto::mp::Limb;
    // P-256's group order and a 2048-bit odd modulus; exponents short (bit by
    // bit), long (sliding windows), sparse, dense, zero and one.
    std::mt19937 random(20261123);
    auto random_limbs = [&](std::size_t n) {
        std::vector<Limb> limbs(n);
        for (auto& limb : limbs) limb = static_cast<Limb>(random());
        return limbs;
    };
    std::vector<Limb> order = {0xfc632551, 0xf3b9cac2, 0xa7179e84, 0xbce6faad, 0xffffffff, 0xffffffff, 0, 0xffffffff};
    std::vector<Limb> large = random_limbs(64);
    large[0] |= 1;
    large[63] |= 0x80000000;
    const crypto::mp::BasicMontgomery<crypto::mp::FixedSize<8>> fixed(order.data());
    for (const auto& modulus : {order, large}) {
        const std::size_t n = modulus.size();
        const crypto::mp::Montgomery m(modulus.data(), crypto::mp::RuntimeSize{n});
        std::vector<Limb> base = random_limbs(n);
        base[n - 1] = 1;  // below the modulus
        m.to_montgomery(base.data(), base.data());
        std::vector<std::vector<Limb>> exponents = {{0}, {1}, {65537}, {3}, random_limbs(2), random_limbs(8),
                                                    std::vector<Limb>(8, 0xffffffff), {0x80000001, 0, 0, 0x10}};
        for (const auto& exponent : exponents) {
            std::vector<Limb> expected(m.one(), m.one() + n);
            for (std::size_t i = 32 * exponent.size(); i-- > 0;) {
                m.multiply(expected.data(), expected.data(), expected.data());
                if (crypto::mp::bit(exponent.data(), i)) m.multiply(expected.data(), expected.data(), base.data());
            }
            std::vector<Limb> actual(n);
            m.power(actual.data(), base.data(), exponent.data(), exponent.size());
            CHECK(actual == expected);
            if (n == 8) {  // the same with the limb count fixed at compile time
                std::vector<Limb> fixed_actual(n);
                fixed.power(fixed_actual.data(), base.data(), exponent.data(), exponent.size());
                CHECK(fixed_actual == expected);
            }
        }
    }
}

template <typename L>
void check_squares_against_products(std::size_t n, std::uint32_t seed) {
    std::mt19937_64 random(seed);
    std::vector<L> modulus(n);
    for (auto& limb : modulus) limb = static_cast<L>(random());
    modulus[0] |= 1;
    modulus[n - 1] |= L{1} << (crypto::mp::kBitsPerLimb<L> - 1);
    const crypto::mp::BasicMontgomery<crypto::mp::RuntimeSize, L> m(modulus.data(), crypto::mp::RuntimeSize{n});
    // Random values below m, and m - 1, whose square's top limbs carry most.
    std::vector<std::vector<L>> values;
    for (int i = 0; i < 50; ++i) {
        std::vector<L> v(n);
        for (auto& limb : v) limb = static_cast<L>(random());
        v[n - 1] = static_cast<L>(v[n - 1] % modulus[n - 1]);
        values.push_back(v);
    }
    values.push_back(modulus);
    values.back()[0] -= 1;
    for (const auto& v : values) {
        std::vector<L> product(n), square(n);
        m.multiply(product.data(), v.data(), v.data());
        m.square(square.data(), v.data());
        REQUIRE(square == product);
    }
}

TEST_CASE("Montgomery squares equal Montgomery products of a value with itself, with either limb width") {
    for (std::size_t n : {1, 2, 4, 6, 8, 12, 32, 64}) {
        INFO(n << " limbs");
        check_squares_against_products<std::uint32_t>(n, 20261206);
        check_squares_against_products<crypto::mp::FastLimb>(n, 20261207);
    }
}

TEST_CASE("modular addition: the branching and the selecting forms agree") {
    using crypto::mp::Limb;
    std::mt19937 random(20261124);
    // P-256's p (sums often carry out of the top limb) and a 2048-bit modulus.
    const std::vector<Limb> p = {0xffffffff, 0xffffffff, 0xffffffff, 0, 0, 0, 1, 0xffffffff};
    std::vector<Limb> large(64);
    for (auto& limb : large) limb = static_cast<Limb>(random());
    large[0] |= 1;
    large[63] |= 0x80000000;
    for (const auto& m : {p, large}) {
        const std::size_t n = m.size();
        const crypto::mp::RuntimeSize size{n};
        std::vector<Limb> one(n, 0), m_minus_one = m, zero(n, 0);
        one[0] = 1;
        m_minus_one[0] -= 1;
        // Below m: random values (top limb lowered) and the edges 0, 1, m - 1.
        std::vector<std::vector<Limb>> values = {zero, one, m_minus_one};
        for (int i = 0; i < 200; ++i) {
            std::vector<Limb> v(n);
            for (auto& limb : v) limb = static_cast<Limb>(random());
            v[n - 1] = m[n - 1] - 1 - v[n - 1] % 16;
            values.push_back(v);
        }
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto& a = values[i];
            const auto& b = values[(i * 7 + 3) % values.size()];
            std::vector<Limb> branching(n), selecting(n), fixed(n);
            crypto::mp::add_mod_branching(branching.data(), a.data(), b.data(), m.data(), size);
            crypto::mp::add_mod_selecting(selecting.data(), a.data(), b.data(), m.data(), size);
            REQUIRE(selecting == branching);
            REQUIRE(crypto::mp::compare(selecting.data(), m.data(), n) < 0);
            if (n == 8) {
                crypto::mp::add_mod_selecting(fixed.data(), a.data(), b.data(), m.data(), crypto::mp::FixedSize<8>{});
                REQUIRE(fixed == branching);
            }
        }
        // (m - 1) + 1 = 0 and (m - 1) + (m - 1) = m - 2, in place.
        std::vector<Limb> x = m_minus_one;
        crypto::mp::add_mod_selecting(x.data(), x.data(), one.data(), m.data(), size);
        CHECK(x == zero);
        x = m_minus_one;
        crypto::mp::add_mod_selecting(x.data(), x.data(), x.data(), m.data(), size);
        std::vector<Limb> m_minus_two = m;
        m_minus_two[0] -= 2;
        CHECK(x == m_minus_two);
    }
}

TEST_CASE("algorithm names and COSE identifiers map both ways") {
    for (Algorithm alg : {Algorithm::EdDSA, Algorithm::ES256, Algorithm::ES384, Algorithm::PS256}) {
        CHECK(algorithm_from_name(algorithm_name(alg)).value() == alg);
        CHECK(algorithm_from_cose_id(cose_algorithm_id(alg)).value() == alg);
    }
    CHECK(algorithm_name(Algorithm::ES256) == "ES256");
    CHECK(cose_algorithm_id(Algorithm::EdDSA) == -8);
    CHECK(cose_algorithm_id(Algorithm::ES256) == -7);
    CHECK(cose_algorithm_id(Algorithm::PS256) == -37);
    CHECK(algorithm_name(Algorithm::ES384) == "ES384");
    CHECK(cose_algorithm_id(Algorithm::ES384) == -35);
    CHECK(algorithm_from_name("eddsa").error().code == Errc::unsupported);
    CHECK(algorithm_from_name("RS256").error().code == Errc::unsupported);
    CHECK(algorithm_from_cose_id(-36).error().code == Errc::unsupported);  // ES512
    CHECK(algorithm_from_cose_id(0).error().code == Errc::unsupported);
}

TEST_CASE("Ed25519 reproduces the RFC 8032 test vectors") {
    struct Vector {
        const char* seed;
        const char* public_key;
        const char* message;
        const char* signature;
    };
    const Vector vectors[] = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    };
    for (const Vector& vector : vectors) {
        auto key = PrivateKey::from_pem(ed25519_seed_pem(vector.seed));
        REQUIRE(key.ok());
        const PublicKey public_key = key->public_key();
        CHECK(public_key.algorithm == Algorithm::EdDSA);
        CHECK(public_key.raw == hex(vector.public_key));
        CHECK(public_key.certificate.empty());

        const Bytes message = hex(vector.message);
        CHECK(key->sign(message).value() == hex(vector.signature));

        auto raw_key = PublicKey::from_raw(Algorithm::EdDSA, hex(vector.public_key));
        REQUIRE(raw_key.ok());
        auto verifier = verifier_for(*raw_key);
        CHECK(verifier->algorithm() == Algorithm::EdDSA);
        CHECK(verifies(*verifier, message, hex(vector.signature)));
    }
}

TEST_CASE("Ed25519 signatures verify and reject tampering") {
    auto key = PrivateKey::generate();
    REQUIRE(key.ok());
    const Bytes message = bytes_of("fiscal receipt 2026-0001");
    const Bytes signature = key->sign(message).value();
    REQUIRE(signature.size() == 64);
    auto verifier = verifier_for(key->public_key());

    CHECK(verifies(*verifier, message, signature));
    CHECK_FALSE(verifies(*verifier, with_flipped_bit(message, 3), signature));
    CHECK_FALSE(verifies(*verifier, message, with_flipped_bit(signature, 0)));
    CHECK_FALSE(verifies(*verifier, message, with_flipped_bit(signature, 63)));
    CHECK_FALSE(verifies(*verifier, Bytes{}, signature));
    CHECK_FALSE(verifies(*verifier, message, Bytes(signature.begin(), signature.end() - 1)));
    CHECK_FALSE(verifies(*verifier, message, with_extra_byte(signature)));
    CHECK_FALSE(verifies(*verifier, message, Bytes{}));
    CHECK_FALSE(verifies(*verifier, message, Bytes(64, 0xff)));
    CHECK_FALSE(verifier->verify(message.data(), message.size(), nullptr, 64));
    CHECK_FALSE(verifier->verify(nullptr, 5, signature.data(), signature.size()));
    // Rejections must not leave state behind in the verifier.
    CHECK(verifies(*verifier, message, signature));

    auto other_key = PrivateKey::generate();
    REQUIRE(other_key.ok());
    CHECK(other_key->public_key().raw != key->public_key().raw);
    CHECK_FALSE(verifies(*verifier_for(other_key->public_key()), message, signature));
}

TEST_CASE("Ed25519 raw public keys are exactly 32 bytes") {
    CHECK(PublicKey::from_raw(Algorithm::EdDSA, Bytes(32, 0x11)).ok());
    CHECK(PublicKey::from_raw(Algorithm::EdDSA, Bytes(31, 0x11)).error().code == Errc::key_invalid);
    CHECK(PublicKey::from_raw(Algorithm::EdDSA, Bytes(33, 0x11)).error().code == Errc::key_invalid);
    CHECK(PublicKey::from_raw(Algorithm::EdDSA, Bytes{}).error().code == Errc::key_invalid);
    CHECK(crypto::make_verifier(PublicKey{Algorithm::EdDSA, Bytes(31, 0x11), {}}).error().code == Errc::key_invalid);
}

TEST_CASE("Ed25519 keys of small order are refused: all eight encodings") {
    // The points of order 1, 2, 4 and 8, little-endian y with x's sign on top.
    const char* const small_order[] = {
        "0100000000000000000000000000000000000000000000000000000000000000",  // identity
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // order 2
        "0000000000000000000000000000000000000000000000000000000000000000",  // order 4
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    };
    for (const char* encoding : small_order) {
        INFO(encoding);
        auto key = PublicKey::from_raw(Algorithm::EdDSA, hex(encoding));
        REQUIRE_FALSE(key.ok());
        CHECK(key.error().code == Errc::key_invalid);
        CHECK(key.error().message.find("small order") != std::string::npos);
        CHECK(crypto::make_verifier(PublicKey{Algorithm::EdDSA, hex(encoding), {}}).error().code ==
              Errc::key_invalid);
    }
}

TEST_CASE("Ed25519 keys that are not canonical curve points are refused at load") {
    const char* const not_points[] = {
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p, that is 0
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p + 1, that is 1
        "0100000000000000000000000000000000000000000000000000000000000080",  // x = 0 with its sign set
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0200000000000000000000000000000000000000000000000000000000000000",  // y = 2: no x
    };
    for (const char* encoding : not_points) {
        INFO(encoding);
        auto key = PublicKey::from_raw(Algorithm::EdDSA, hex(encoding));
        REQUIRE_FALSE(key.ok());
        CHECK(key.error().code == Errc::key_invalid);
        CHECK(key.error().message.find("curve point") != std::string::npos);
    }
}

TEST_CASE("ES256 verifies r||s signatures with a raw uncompressed point") {
    auto key = PublicKey::from_raw(Algorithm::ES256, hex(es256_public_raw));
    REQUIRE(key.ok());
    auto verifier = verifier_for(*key);
    CHECK(verifier->algorithm() == Algorithm::ES256);
    const Bytes signature = hex(es256_signature);

    CHECK(verifies(*verifier, kFixtureMessage, signature));
    CHECK_FALSE(verifies(*verifier, with_flipped_bit(kFixtureMessage, 0), signature));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, with_flipped_bit(signature, 10)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, with_flipped_bit(signature, 40)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, Bytes(signature.begin(), signature.end() - 1)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, with_extra_byte(signature)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, Bytes(64, 0x00)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, Bytes(64, 0xff)));
    CHECK(verifies(*verifier, kFixtureMessage, signature));
}

TEST_CASE("ES256 raw keys must be uncompressed points on P-256") {
    const Bytes point = hex(es256_public_raw);
    CHECK(crypto::check_raw_key(Algorithm::ES256, point).ok());
    CHECK(crypto::check_raw_key(Algorithm::ES256, with_flipped_bit(point, 64)).error().code == Errc::key_invalid);

    Bytes compressed(point.begin(), point.begin() + 33);
    compressed[0] = static_cast<std::uint8_t>(0x02 | (point[64] & 1));
    CHECK(crypto::check_raw_key(Algorithm::ES256, compressed).error().code == Errc::key_invalid);

    Bytes wrong_prefix = point;
    wrong_prefix[0] = 0x05;
    CHECK(crypto::check_raw_key(Algorithm::ES256, wrong_prefix).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::ES256, with_extra_byte(point)).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::ES256, Bytes(65, 0x00)).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::ES256, Bytes(32, 0x11)).error().code == Errc::key_invalid);
}

// RFC 6979 appendix A.2.6: the P-384 key and its deterministic SHA-384
// signatures of "sample" and "test" (the RFC's test vectors; OpenSSL accepts
// both).
constexpr char kRfc6979P384Key[] =
    "04ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc13"
    "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720";
constexpr char kRfc6979P384Sample[] =
    "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46"
    "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8";
constexpr char kRfc6979P384Test[] =
    "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb0542a7f0812998da8f1dd3ca3cf023db"
    "ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e06a739f040649a667bf3b828246baa5a5";
// P-384's group order n.
constexpr char kP384Order[] =
    "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";

TEST_CASE("ES384 verifies the RFC 6979 P-384 SHA-384 signatures and refuses changed ones") {
    auto key = PublicKey::from_raw(Algorithm::ES384, hex(kRfc6979P384Key));
    REQUIRE(key.ok());
    auto verifier = verifier_for(*key);
    CHECK(verifier->algorithm() == Algorithm::ES384);
    const Bytes sample = hex(kRfc6979P384Sample);
    const Bytes test = hex(kRfc6979P384Test);

    CHECK(verifies(*verifier, bytes_of("sample"), sample));
    CHECK(verifies(*verifier, bytes_of("test"), test));
    CHECK_FALSE(verifies(*verifier, bytes_of("test"), sample));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), test));
    CHECK_FALSE(verifies(*verifier, bytes_of("samplf"), sample));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), with_flipped_bit(sample, 10)));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), with_flipped_bit(sample, 70)));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), Bytes(sample.begin(), sample.end() - 1)));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), with_extra_byte(sample)));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), Bytes(96, 0x00)));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), Bytes(96, 0xff)));
    // s and n - s are both valid ECDSA signatures (there is no low-s rule);
    // s + n is out of range.
    const Bytes n = hex(kP384Order);
    Bytes negated = sample, s_plus_n = sample;
    int borrow = 0, carry = 0;
    for (std::size_t i = 48; i-- > 0;) {
        const int difference = n[i] - sample[48 + i] - borrow;
        negated[48 + i] = static_cast<std::uint8_t>(difference);
        borrow = difference < 0 ? 1 : 0;
        const int sum = n[i] + sample[48 + i] + carry;
        s_plus_n[48 + i] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
    }
    CHECK(verifies(*verifier, bytes_of("sample"), negated));
    CHECK_FALSE(verifies(*verifier, bytes_of("sample"), s_plus_n));

    // The same over 32-bit limbs, what WebAssembly runs.
    auto narrow = crypto::make_verifier_with_32_bit_limbs(*key);
    REQUIRE(narrow.ok());
    CHECK(verifies(**narrow, bytes_of("sample"), sample));
    CHECK(verifies(**narrow, bytes_of("test"), test));
    CHECK(verifies(**narrow, bytes_of("sample"), negated));
    CHECK_FALSE(verifies(**narrow, bytes_of("test"), sample));
    CHECK_FALSE(verifies(**narrow, bytes_of("sample"), s_plus_n));
}

TEST_CASE("ES384 verifies signatures that Botan made") {
    // Botan 2.19's ECDSA on secp384r1 with EMSA1(SHA-384), signatures in
    // IEEE 1363 form (r || s): one random key per case, messages of 0, 22
    // and 44 random bytes.
    struct Case {
        const char* key;
        const char* message;
        const char* signature;
    };
    const Case cases[] = {
        {"0462afba4e6237735dee70838ba048ef4b42f4b1816f579b5a4725fb08421a42c12910235e152dafd5cf8c9474d84569e5"
         "988f60540bb37b9cc2d6ad92ef865d507225716a000b703b7eadaee619a494069483075f1e53a2d6bb6ba6c646894825",
         "",
         "a14f8bec2fff4aa6ff0adefc0d4d60d6df8e58d09d5e67b16bac1dc537cf1295ad36b1a3cb4938b26f832736460b539f"
         "b349827336f545701d891dca7e71bcc7252e9757cd1e654a61f5c1ab8062e66034e15a3cdeb37539fa25ef7e21d88859"},
        {"049e3e470d0a7bea907af82959aedc23f33a2b4b059ed2c6bf437fee6a5787cf804f60fb3b7d3069ac626898a04453fd"
         "27791013f50c6c7a71f0e4e3ce3a1426f5b283e4685e6fbca588ed8b870861b9fc1c05e6cee8b36f3b537e8249c49a42be",
         "defbe1f4263b1704b00b3663d761765cb402bc42770d",
         "72034bd2ac0b58a58a3b8bf50b6391fe963ded40be275155459ef985e0c6661543466876c195a0910ae757b0dd429352"
         "59fd0dabdf292772a23a78f78086159cae9552bb426a058034c60f67a55246e84d763a281446ee42ae9ad0c6d20d8d3a"},
        {"04f8ea8b26940d9ee4fc2c0b02bea9b436285fa286dfec2a12b4f67b21fba80499787c2d06e37c7aafebd87555ee9bab86"
         "4faedfe59f38275586e220f9a94ee8a9740ce2d399ff354e850d8a33e4c277822e493a7a4f606a8c16466d796073c7d9",
         "8e037831b243ed0a5d30d11eaaaec63312d50f9d76fd4964f74e2163c521f3b55ebf1a1ae29cb03e65fc3454",
         "b566172b40c51eef7d0451fa79c8612151164ef02f07a50151fbb5ae0043bbbe42de70bec2664628cb13c04adac5fdb6"
         "7dcb1c373ca37796d500c99e81a0158c0a10924d3c7f1756bf2bf79a2b11b0f225548f7c782fa975d76fea48fc768b5d"},
    };
    for (const Case& c : cases) {
        auto key = PublicKey::from_raw(Algorithm::ES384, hex(c.key));
        REQUIRE(key.ok());
        auto verifier = verifier_for(*key);
        const Bytes message = hex(c.message);
        const Bytes signature = hex(c.signature);
        CHECK(verifies(*verifier, message, signature));
        CHECK_FALSE(verifies(*verifier, with_extra_byte(message), signature));
        CHECK_FALSE(verifies(*verifier, message, with_flipped_bit(signature, 95)));
    }
}

TEST_CASE("ES384 raw keys must be uncompressed points on P-384") {
    const Bytes point = hex(kRfc6979P384Key);
    CHECK(crypto::check_raw_key(Algorithm::ES384, point).ok());
    CHECK(crypto::check_raw_key(Algorithm::ES384, with_flipped_bit(point, 96)).error().code == Errc::key_invalid);
    Bytes compressed(point.begin(), point.begin() + 49);
    compressed[0] = static_cast<std::uint8_t>(0x02 | (point[96] & 1));
    CHECK(crypto::check_raw_key(Algorithm::ES384, compressed).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::ES384, with_extra_byte(point)).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::ES384, Bytes(97, 0x00)).error().code == Errc::key_invalid);
    // A P-256 point is not an ES384 key, nor a P-384 point an ES256 one.
    CHECK(crypto::check_raw_key(Algorithm::ES384, hex(es256_public_raw)).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::ES256, point).error().code == Errc::key_invalid);
    // x = p: not below p.
    Bytes x_is_p = point;
    const Bytes p = hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff");
    std::copy(p.begin(), p.end(), x_is_p.begin() + 1);
    CHECK(crypto::check_raw_key(Algorithm::ES384, x_is_p).error().code == Errc::key_invalid);
}

TEST_CASE("ES384 compressed points in certificates' keys decode to the same verifier") {
    // SEC1 compressed form, which SubjectPublicKeyInfo allows: 02 or 03 by
    // the parity of y, then x.
    const Bytes point = hex(kRfc6979P384Key);
    Bytes compressed(point.begin(), point.begin() + 49);
    compressed[0] = static_cast<std::uint8_t>(0x02 | (point[96] & 1));
    for (auto limbs : {crypto::LimbWidth::fastest, crypto::LimbWidth::thirty_two_bits}) {
        auto verifier = crypto::es384_verifier(compressed.data(), compressed.size(), limbs);
        REQUIRE(verifier.ok());
        CHECK((*verifier)->verify(reinterpret_cast<const std::uint8_t*>("sample"), 6, hex(kRfc6979P384Sample).data(), 96));
    }
    compressed[0] ^= 1;  // the other y
    auto other = crypto::es384_verifier(compressed.data(), compressed.size());
    REQUIRE(other.ok());
    CHECK_FALSE((*other)->verify(reinterpret_cast<const std::uint8_t*>("sample"), 6, hex(kRfc6979P384Sample).data(), 96));
}

TEST_CASE("PS256 verifies RSASSA-PSS signatures with a SubjectPublicKeyInfo") {
    auto key = PublicKey::from_raw(Algorithm::PS256, hex(ps256_public_spki));
    REQUIRE(key.ok());
    auto verifier = verifier_for(*key);
    CHECK(verifier->algorithm() == Algorithm::PS256);
    const Bytes signature = hex(ps256_signature);
    REQUIRE(signature.size() == 256);

    CHECK(verifies(*verifier, kFixtureMessage, signature));
    CHECK_FALSE(verifies(*verifier, with_flipped_bit(kFixtureMessage, 0), signature));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, with_flipped_bit(signature, 100)));
    // COSE fixes the PSS salt at the hash size; a 20-byte salt is another scheme.
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, hex(ps256_signature_salt20)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, Bytes(signature.begin() + 1, signature.end())));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, with_extra_byte(signature)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, Bytes(256, 0xff)));
    CHECK_FALSE(verifies(*verifier, kFixtureMessage, Bytes(256, 0x00)));
    CHECK(verifies(*verifier, kFixtureMessage, signature));
}

TEST_CASE("PS256 raw keys must be DER RSA keys of at least 2048 bits") {
    CHECK(crypto::check_raw_key(Algorithm::PS256, hex(ps256_public_spki)).ok());
    CHECK(crypto::check_raw_key(Algorithm::PS256, hex(rsa1024_public_spki)).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::PS256, with_extra_byte(hex(ps256_public_spki))).error().code ==
          Errc::key_invalid);
    const Bytes spki = hex(ps256_public_spki);
    CHECK(crypto::check_raw_key(Algorithm::PS256, Bytes(spki.begin(), spki.end() - 1)).error().code ==
          Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::PS256, hex(es256_public_raw)).error().code == Errc::key_invalid);
    CHECK(crypto::check_raw_key(Algorithm::PS256, Bytes{}).error().code == Errc::key_invalid);
}

TEST_CASE("the RSA public exponent is odd, at least 3 and below 2^32") {
    const Bytes n = modulus_2048();
    const auto check = [&](const Bytes& exponent) {
        return crypto::check_raw_key(Algorithm::PS256, rsa_spki(kRsaEncryption, n, exponent));
    };
    CHECK(check(Bytes{0x03}).ok());
    CHECK(check(Bytes{0x01, 0x00, 0x01}).ok());
    CHECK(check(Bytes{0x00, 0xFF, 0xFF, 0xFF, 0xFF}).ok());  // 2^32 - 1
    for (const Bytes& refused : {Bytes{0x01}, Bytes{0x02}, Bytes{0x01, 0x00, 0x00}, Bytes{0x01, 0x00, 0x00, 0x00, 0x01},
                                 Bytes{0x01, 0x00, 0x00, 0x00, 0x00}}) {
        auto checked = check(refused);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().code == Errc::key_invalid);
        CHECK(checked.error().message.find("2^32") != std::string::npos);
    }
    Bytes huge(1024, 0xFF);  // an 8192-bit exponent: a second per verification before
    huge.insert(huge.begin(), 0x00);
    CHECK(check(huge).error().code == Errc::key_invalid);
}

TEST_CASE("RSASSA-PSS keys are PS256 keys only when unrestricted or restricted to PS256's parameters") {
    const Bytes n = modulus_2048();
    const Bytes e{0x01, 0x00, 0x01};
    CHECK(crypto::check_raw_key(Algorithm::PS256, rsa_spki(kRsaPssOid, n, e)).ok());
    CHECK(crypto::check_raw_key(Algorithm::PS256,
                                rsa_spki(concat({kRsaPssOid, pss_parameters(kSha256, kMgf1Sha256, 32)}), n, e))
              .ok());
    const Bytes sha256_absent = hex("300b0609608648016503040201");
    const Bytes mgf1_sha256_absent = hex("301806092a864886f70d010108300b0609608648016503040201");
    CHECK(crypto::check_raw_key(Algorithm::PS256, rsa_spki(concat({kRsaPssOid, pss_parameters(sha256_absent,
                                                                                              mgf1_sha256_absent, 32)}),
                                                           n, e))
              .ok());

    const Bytes sha384 = hex("300d06096086480165030402020500");
    const Bytes mgf1_sha384 = hex("301a06092a864886f70d010108300d06096086480165030402020500");
    const Bytes trailer = der(0xA3, der(0x02, Bytes{0x01}));
    const Bytes restricted[] = {
        der(0x30, Bytes{}),                                   // all defaults: SHA-1, MGF1-SHA-1, salt 20
        pss_parameters(kSha256, kMgf1Sha256, 20),
        pss_parameters(sha384, kMgf1Sha256, 32),
        pss_parameters(kSha256, mgf1_sha384, 32),
        der(0x30, concat({der(0xA0, kSha256), der(0xA1, kMgf1Sha256)})),  // salt left at 20
        der(0x30, concat({der(0xA0, kSha256), der(0xA1, kMgf1Sha256), der(0xA2, der(0x02, Bytes{32})), trailer})),
        hex("0500"),
    };
    for (const Bytes& parameters : restricted) {
        INFO(to_hex(parameters));
        auto checked = crypto::check_raw_key(Algorithm::PS256, rsa_spki(concat({kRsaPssOid, parameters}), n, e));
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().code == Errc::key_invalid);
        CHECK(checked.error().message.find("PS256") != std::string::npos);
    }
}

TEST_CASE("RSA keys must be strict DER, so that one key has one encoding and one key id") {
    const Bytes n = modulus_2048();
    const Bytes e{0x01, 0x00, 0x01};
    const Bytes spki = rsa_spki(kRsaEncryption, n, e);
    REQUIRE(crypto::check_raw_key(Algorithm::PS256, spki).ok());

    Bytes padded_modulus = n;
    padded_modulus.insert(padded_modulus.begin(), 0x00);
    Bytes padded_exponent = e;
    padded_exponent.insert(padded_exponent.begin(), 0x00);
    // The same key with the AlgorithmIdentifier's length in the long form.
    Bytes long_length = spki;
    const Bytes identifier = der(0x30, kRsaEncryption);
    const auto at = std::search(long_length.begin(), long_length.end(), identifier.begin(), identifier.end());
    REQUIRE(at != long_length.end());
    const auto offset = at - long_length.begin();
    long_length[offset + 1] = 0x81;
    long_length.insert(long_length.begin() + offset + 2, identifier[1]);
    long_length[3] = static_cast<std::uint8_t>(long_length[3] + 1);  // the outer SEQUENCE grew by one byte

    const Bytes refused[] = {
        rsa_spki(kRsaEncryption, padded_modulus, e),
        rsa_spki(kRsaEncryption, n, padded_exponent),
        rsa_spki(hex("06092a864886f70d010101"), n, e),  // rsaEncryption without its NULL
        long_length,
    };
    for (const Bytes& key : refused) {
        INFO(to_hex(key));
        auto checked = crypto::check_raw_key(Algorithm::PS256, key);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().code == Errc::key_invalid);
    }
}

TEST_CASE("certificates report their algorithm and validity") {
    struct Expected {
        const char* der;
        Algorithm algorithm;
        std::int64_t not_after;
    };
    const Expected certificates[] = {
        {eddsa_certificate, Algorithm::EdDSA, k9999_12_31_23_59_59},
        {es256_certificate, Algorithm::ES256, k2034_01_01},
        {ps256_certificate, Algorithm::PS256, k2034_01_01},
    };
    for (const Expected& expected : certificates) {
        auto info = crypto::inspect_certificate(hex(expected.der));
        REQUIRE(info.ok());
        CHECK(info->algorithm == expected.algorithm);
        CHECK(info->not_before == k2024_01_01);
        CHECK(info->not_after == expected.not_after);
    }

    auto edges = crypto::inspect_certificate(hex(eddsa_certificate_utctime_edges));
    REQUIRE(edges.ok());
    CHECK(edges->not_before == -315619200);
    CHECK(edges->not_after == 2524607999);
}

TEST_CASE("certificate keys verify signatures") {
    struct Fixture {
        const char* der;
        const char* signature;
        Algorithm algorithm;
    };
    const Fixture fixtures[] = {
        {eddsa_certificate, eddsa_certificate_signature, Algorithm::EdDSA},
        {es256_certificate, es256_certificate_signature, Algorithm::ES256},
        {ps256_certificate, ps256_certificate_signature, Algorithm::PS256},
    };
    for (const Fixture& fixture : fixtures) {
        auto key = PublicKey::from_certificate(hex(fixture.der));
        REQUIRE(key.ok());
        CHECK(key->algorithm == fixture.algorithm);
        CHECK(key->raw.empty());
        CHECK(key->certificate == hex(fixture.der));
        auto verifier = verifier_for(*key);
        CHECK(verifier->algorithm() == fixture.algorithm);
        CHECK(verifies(*verifier, kFixtureMessage, hex(fixture.signature)));
        CHECK_FALSE(verifies(*verifier, with_flipped_bit(kFixtureMessage, 5), hex(fixture.signature)));
    }

    // The declared algorithm must match the certified key.
    PublicKey mislabelled{Algorithm::EdDSA, {}, hex(es256_certificate)};
    CHECK(crypto::make_verifier(mislabelled).error().code == Errc::key_invalid);
}

TEST_CASE("certificates with a P-384 key are ES384 keys") {
    const auto info = crypto::inspect_certificate(hex(p384_certificate));
    REQUIRE(info.ok());
    CHECK(info->algorithm == Algorithm::ES384);
    const auto key = PublicKey::from_certificate(hex(p384_certificate));
    REQUIRE(key.ok());
    CHECK(key->algorithm == Algorithm::ES384);
    PublicKey mislabelled{Algorithm::ES256, {}, hex(p384_certificate)};
    CHECK(crypto::make_verifier(mislabelled).error().code == Errc::key_invalid);
}

TEST_CASE("unsupported and malformed certificates are refused") {

    const Bytes der = hex(es256_certificate);
    CHECK(crypto::inspect_certificate(Bytes{}).error().code == Errc::key_invalid);
    CHECK(crypto::inspect_certificate(Bytes(der.begin(), der.end() - 1)).error().code == Errc::key_invalid);
    CHECK(crypto::inspect_certificate(with_extra_byte(der)).error().code == Errc::key_invalid);
    CHECK(crypto::inspect_certificate(Bytes(200, 0x30)).error().code == Errc::key_invalid);
    CHECK(crypto::inspect_certificate(hex(ps256_public_spki)).error().code == Errc::key_invalid);
    const std::string pem = "-----BEGIN CERTIFICATE-----\n" + base64(der) + "\n-----END CERTIFICATE-----\n";
    CHECK(crypto::inspect_certificate(bytes_of(pem)).error().code == Errc::key_invalid);

    auto malformed = crypto::make_verifier(PublicKey{Algorithm::ES256, {}, Bytes(der.begin(), der.end() - 10)});
    REQUIRE_FALSE(malformed.ok());
    CHECK(malformed.error().code == Errc::key_invalid);
    CHECK_FALSE(malformed.error().message.empty());
}

TEST_CASE("a certificate's extended key usage is read as its OIDs, each in its one DER encoding") {
    namespace x509 = test::x509;
    const Bytes key = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    const Bytes dcc_test = hex("2b060104018e378f650101");  // 1.3.6.1.4.1.1847.2021.1.1
    const Bytes dcc_vaccination = hex("2b060104018e378f650102");  // 1.3.6.1.4.1.1847.2021.1.2
    const Bytes server_auth = hex("2b06010505070301");
    const Bytes basic_constraints = hex("551d13");

    CHECK(crypto::certificate_key_purposes(x509::ed25519_certificate(key)).value().empty());
    CHECK(crypto::certificate_key_purposes(hex(es256_certificate)).value().empty());
    const Bytes both = x509::ed25519_certificate(
        key, x509::extensions({x509::extension(basic_constraints, x509::sequence({}), hex("0101ff")),
                               x509::extended_key_usage({dcc_vaccination, server_auth})}));
    CHECK(crypto::certificate_key_purposes(both).value() == std::vector<Bytes>{dcc_vaccination, server_auth});
    CHECK(PublicKey::from_certificate(both).ok());
    // DER leaves a FALSE criticality out, but some issuers write it.
    const Bytes explicit_false = x509::ed25519_certificate(
        key, x509::extensions({x509::extension(hex("551d25"), x509::sequence({x509::oid(dcc_test)}), hex("010100"))}));
    CHECK(crypto::certificate_key_purposes(explicit_false).value() == std::vector<Bytes>{dcc_test});

    const Bytes eku_id = hex("551d25");
    const std::pair<const char*, Bytes> refused[] = {
        {"no key purpose", x509::extensions({x509::extension(eku_id, x509::sequence({}))})},
        {"a key purpose that is no OID", x509::extensions({x509::extension(eku_id, x509::sequence({x509::der(0x0C, bytes_of("t"))}))})},
        {"an OID with a padded subidentifier", x509::extensions({x509::extended_key_usage({hex("2b06010401808e378f650101")})})},
        {"an OID cut off inside a subidentifier", x509::extensions({x509::extended_key_usage({hex("2b060104018e")})})},
        {"an empty OID", x509::extensions({x509::extended_key_usage({Bytes{}})})},
        {"bytes after the key purposes", x509::extensions({x509::extension(eku_id, x509::concat({x509::sequence({x509::oid(server_auth)}), Bytes{0x05, 0x00}}))})},
        {"the extension twice", x509::extensions({x509::extended_key_usage({server_auth}), x509::extended_key_usage({dcc_vaccination})})},
        {"another extension twice", x509::extensions({x509::extension(basic_constraints, x509::sequence({})), x509::extension(basic_constraints, x509::sequence({}))})},
        {"a criticality that is not DER TRUE or FALSE", x509::extensions({x509::extension(basic_constraints, x509::sequence({}), hex("010101"))})},
        {"an extension without its value", x509::extensions({x509::sequence({x509::oid(basic_constraints)})})},
        {"an empty extension list", x509::extensions({})},
        {"two extension blocks", x509::concat({x509::extensions({x509::extended_key_usage({server_auth})}), x509::extensions({x509::extended_key_usage({dcc_vaccination})})})},
    };
    for (const auto& [why, after_key] : refused) {
        INFO(why);
        const Bytes der = x509::ed25519_certificate(key, after_key);
        auto purposes = crypto::certificate_key_purposes(der);
        REQUIRE_FALSE(purposes.ok());
        CHECK(purposes.error().code == Errc::key_invalid);
        CHECK(PublicKey::from_certificate(der).error().code == Errc::key_invalid);
    }
}

TEST_CASE("key ids are the first 8 bytes of SHA-256 over the raw key or the certificate") {
    auto raw = PublicKey::from_raw(Algorithm::EdDSA, hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    REQUIRE(raw.ok());
    CHECK(to_hex(raw->key_id()) == "21fe31dfa154a261");

    auto certified = PublicKey::from_certificate(hex(es256_certificate));
    REQUIRE(certified.ok());
    CHECK(to_hex(certified->key_id()) == "ec88bfbac63b36b9");
}

TEST_CASE("private keys round-trip through plain PKCS#8 PEM") {
    auto key = PrivateKey::generate();
    REQUIRE(key.ok());
    const std::string pem = key->to_unencrypted_pem().value();
    CHECK(pem.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);

    auto loaded = PrivateKey::from_pem(pem);
    REQUIRE(loaded.ok());
    CHECK(loaded->public_key().raw == key->public_key().raw);
    const Bytes message = bytes_of("same key, same deterministic signature");
    CHECK(loaded->sign(message).value() == key->sign(message).value());

    auto with_passphrase = PrivateKey::from_pem(pem, "unexpected");
    REQUIRE_FALSE(with_passphrase.ok());
    CHECK(with_passphrase.error().code == Errc::key_invalid);
}

TEST_CASE("private keys round-trip through encrypted PKCS#8 PEM") {
    auto key = PrivateKey::generate();
    REQUIRE(key.ok());
    auto pem = key->to_encrypted_pem("s3cret passphrase");
    REQUIRE(pem.ok());
    CHECK(pem->rfind("-----BEGIN ENCRYPTED PRIVATE KEY-----", 0) == 0);

    // PBES2 with PBKDF2/HMAC-SHA-256 and AES-256-CBC, by their DER-encoded OIDs.
    const Bytes der = pem_body(*pem);
    CHECK(contains(der, hex("06092a864886f70d01050d")));
    CHECK(contains(der, hex("06092a864886f70d01050c")));
    CHECK(contains(der, hex("06082a864886f70d0209")));
    CHECK(contains(der, hex("060960864801650304012a")));

    auto loaded = PrivateKey::from_pem(*pem, "s3cret passphrase");
    REQUIRE(loaded.ok());
    CHECK(loaded->public_key().raw == key->public_key().raw);

    auto wrong = PrivateKey::from_pem(*pem, "s3cret passphrasE");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == Errc::wrong_passphrase);
    CHECK(PrivateKey::from_pem(*pem).error().code == Errc::wrong_passphrase);

    auto empty = key->to_encrypted_pem("");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == Errc::invalid_argument);
}

TEST_CASE("encrypted keys from another implementation load") {
    auto key = PrivateKey::from_pem(python_encrypted_pem, "correct horse");
    REQUIRE(key.ok());
    CHECK(key->public_key().raw == hex(python_encrypted_pem_public));
    CHECK(PrivateKey::from_pem(python_encrypted_pem, "battery staple").error().code == Errc::wrong_passphrase);
}

TEST_CASE("unusable private keys are refused with key_invalid") {
    CHECK(PrivateKey::from_pem("").error().code == Errc::key_invalid);
    CHECK(PrivateKey::from_pem("not a key at all").error().code == Errc::key_invalid);
    CHECK(PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n").error().code ==
          Errc::key_invalid);
    CHECK(PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").error().code ==
          Errc::key_invalid);
    CHECK(PrivateKey::from_pem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
                               "passphrase")
              .error()
              .code == Errc::key_invalid);

    auto certificate_pem = PrivateKey::from_pem("-----BEGIN CERTIFICATE-----\n" + base64(hex(eddsa_certificate)) +
                                                "\n-----END CERTIFICATE-----\n");
    REQUIRE_FALSE(certificate_pem.ok());
    CHECK(certificate_pem.error().code == Errc::key_invalid);

    auto p256 = PrivateKey::from_pem(p256_private_pem);
    REQUIRE_FALSE(p256.ok());
    CHECK(p256.error().code == Errc::key_invalid);
    CHECK(p256.error().message.find("Ed25519") != std::string::npos);

    // A seed of the wrong length inside an otherwise valid Ed25519 PKCS#8.
    const std::string short_seed = "-----BEGIN PRIVATE KEY-----\n" +
                                   base64(hex("302d020100300506032b6570042104201f")) + "\n-----END PRIVATE KEY-----\n";
    CHECK(PrivateKey::from_pem(short_seed).error().code == Errc::key_invalid);
}

TEST_CASE("random bytes differ between calls and threads", "[threads]") {
    Bytes first(32), second(32);
    CHECK(crypto::random_bytes(first.data(), first.size()));
    CHECK(crypto::random_bytes(second.data(), second.size()));
    CHECK(first != second);
    CHECK(first != Bytes(32, 0));
    CHECK(crypto::random_bytes(nullptr, 0));

    std::vector<Bytes> per_thread(4, Bytes(32));
    std::vector<std::thread> threads;
    for (Bytes& out : per_thread) {
        threads.emplace_back([&out] { (void)crypto::random_bytes(out.data(), out.size()); });
    }
    for (std::thread& thread : threads) thread.join();
    std::sort(per_thread.begin(), per_thread.end());
    CHECK(std::adjacent_find(per_thread.begin(), per_thread.end()) == per_thread.end());
}

TEST_CASE("one verifier serves many threads at once", "[threads]") {
    auto signing_key = PrivateKey::generate();
    REQUIRE(signing_key.ok());
    const Bytes message = bytes_of("shared verifier");
    const Bytes ed25519_signature = signing_key->sign(message).value();
    auto ed25519 = verifier_for(signing_key->public_key());
    auto es256_key = PublicKey::from_raw(Algorithm::ES256, hex(es256_public_raw));
    REQUIRE(es256_key.ok());
    auto es256 = verifier_for(*es256_key);
    const Bytes es256_fixture_signature = hex(es256_signature);

    std::atomic<int> wrong_answers{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                if (!verifies(*ed25519, message, ed25519_signature)) ++wrong_answers;
                if (verifies(*ed25519, message, Bytes(ed25519_signature.begin(), ed25519_signature.end() - 1)))
                    ++wrong_answers;
                if (verifies(*ed25519, with_flipped_bit(message, 0), ed25519_signature)) ++wrong_answers;
                if (!verifies(*es256, kFixtureMessage, es256_fixture_signature)) ++wrong_answers;
                if (verifies(*es256, kFixtureMessage, with_flipped_bit(es256_fixture_signature, 1))) ++wrong_answers;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(wrong_answers == 0);
}
