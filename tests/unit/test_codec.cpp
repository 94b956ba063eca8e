#include "codec/base45.hpp"
#include "codec/cbor.hpp"
#include "codec/cose.hpp"
#include "codec/cwt.hpp"
#include "codec/zlib.hpp"

#include <poura/hex.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

using namespace poura;

namespace {

Bytes bytes_of(std::string_view s) { return Bytes(s.begin(), s.end()); }

Bytes hex(std::string_view h) {
    Bytes out;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return out;
}

}  // namespace

TEST_CASE("base45 matches the RFC 9285 examples") {
    CHECK(base45::encode(bytes_of("AB")) == "BB8");
    CHECK(base45::encode(bytes_of("Hello!!")) == "%69 VD92EX0");
    CHECK(base45::encode(bytes_of("base-45")) == "UJCLQE7W581");
    CHECK(base45::encode(bytes_of("ietf!")) == "QED8WEX0");
    CHECK(base45::decode("QED8WEX0").value() == bytes_of("ietf!"));
    CHECK(base45::decode("").value().empty());
}

TEST_CASE("base45 rejects ill-formed text") {
    CHECK(base45::decode("GGW").error().code == Errc::malformed_input);  // 65536
    CHECK(!base45::decode("ABCD"));                                       // single character left over
    CHECK(!base45::decode("ab8"));                                        // lowercase is not in the alphabet
    CHECK(!base45::decode("QED8WE\x01" "0"));
    CHECK(!base45::decode(":::"));                                        // 44 + 44*45 + 44*2025 > 65535
}

TEST_CASE("base45 round-trips every byte value") {
    Bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
    for (std::size_t n : {0u, 1u, 2u, 3u, 255u, 256u}) {
        Bytes part(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        CHECK(base45::decode(base45::encode(part)).value() == part);
    }
}

TEST_CASE("cbor encodes the RFC 8949 examples") {
    CHECK(cbor::encode(cbor::Value(0)) == hex("00"));
    CHECK(cbor::encode(cbor::Value(23)) == hex("17"));
    CHECK(cbor::encode(cbor::Value(24)) == hex("1818"));
    CHECK(cbor::encode(cbor::Value(1000)) == hex("1903e8"));
    CHECK(cbor::encode(cbor::Value(int64_t{1000000000000})) == hex("1b000000e8d4a51000"));
    CHECK(cbor::encode(cbor::Value(-1)) == hex("20"));
    CHECK(cbor::encode(cbor::Value(-1000)) == hex("3903e7"));
    CHECK(cbor::encode(cbor::Value("IETF")) == hex("6449455446"));
    CHECK(cbor::encode(cbor::Value(hex("01020304"))) == hex("4401020304"));
    CHECK(cbor::encode(cbor::Value(cbor::Array{1, 2, 3})) == hex("83010203"));
    CHECK(cbor::encode(cbor::Value(cbor::Map{{1, 2}, {3, 4}})) == hex("a201020304"));
    CHECK(cbor::encode(cbor::Value::tagged(18, cbor::Value(cbor::Array{}))) == hex("d280"));
}

TEST_CASE("cbor decodes the RFC 8949 examples") {
    CHECK(cbor::decode(hex("1b000000e8d4a51000"))->as_int() == int64_t{1000000000000});
    CHECK(cbor::decode(hex("3863"))->as_int() == -100);
    CHECK(cbor::decode(hex("f93e00"))->as_double() == 1.5);
    CHECK(cbor::decode(hex("fa47c35000"))->as_double() == 100000.0);
    CHECK(cbor::decode(hex("fbc010666666666666"))->as_double() == -4.1);
    CHECK(cbor::decode(hex("f5"))->as_bool());
    auto map = cbor::decode(hex("a26161016162820203"));
    REQUIRE(map);
    CHECK(map->find("a")->as_int() == 1);
    CHECK(map->find("b")->as_array().size() == 2);
    // Integers beyond int64_t decode but do not convert.
    auto big = cbor::decode(hex("3bffffffffffffffff"));
    REQUIRE(big);
    CHECK(!big->as_int());
    CHECK(cbor::encode(*big) == hex("3bffffffffffffffff"));
}

TEST_CASE("cbor refuses malformed and hostile input") {
    const char* bad[] = {
        "",                    // nothing
        "18",                  // truncated head
        "6449455446ff",        // trailing byte
        "9f0102ff",            // indefinite array
        "5bffffffffffffffff",  // absurd byte string length
        "9bffffffffffffffff",  // absurd array length
        "bbffffffffffffffff",  // absurd map length
        "a2010101 02",         // duplicate key (spaces stripped below)
        "62c328",              // invalid UTF-8
        "1c",                  // reserved additional information
        "f8ff",                // unsupported simple value
        "4401",                // byte string shorter than declared
    };
    for (std::string h : bad) {
        h.erase(std::remove(h.begin(), h.end(), ' '), h.end());
        INFO(h);
        auto result = cbor::decode(hex(h));
        REQUIRE(!result);
        CHECK(result.error().code == Errc::malformed_input);
    }
    Bytes deep(40, 0x81);
    deep.push_back(0x00);
    CHECK(!cbor::decode(deep));
}

TEST_CASE("cbor in preferred serialization refuses longer heads and floats than needed") {
    const char* longer[] = {
        "1817",                // 23 in a one-byte argument
        "1900ff",              // 255 in two bytes
        "1a0000ffff",          // 65,535 in four bytes
        "1b00000000ffffffff",  // 2^32 - 1 in eight bytes
        "3817",                // -24 in a one-byte argument
        "5800",                // an empty byte string's length in a one-byte argument
        "9800",                // an empty array likewise
        "b800",                // an empty map likewise
        "d81200",              // tag 18 in a one-byte argument
        "fb3ff8000000000000",  // 1.5 as a double: a half holds it
        "fa3fc00000",          // 1.5 as a single
        "fa33800000",          // 2^-24 as a single: the smallest half subnormal
        "fb7ff0000000000000",  // infinity as a double
        "fb7ff8000000000000",  // a NaN as a double
    };
    for (const char* h : longer) {
        INFO(h);
        CHECK(cbor::decode(hex(h)));
        auto result = cbor::decode(hex(h), {}, cbor::Encoding::preferred);
        REQUIRE(!result);
        CHECK(result.error().code == Errc::malformed_input);
    }
    const char* shortest[] = {
        "17", "1818", "19ffff", "1a00010000", "1b0000000100000000", "37", "3818", "40", "80", "a0", "d2 80",
        "f93e00",              // 1.5 as a half
        "f97e00",              // a NaN as a half
        "fa47800000",          // 65,536 as a single: above a half's largest finite value
        "fa33000000",          // 2^-25 as a single: below a half's subnormals
        "fa3f800001",          // 1 + 2^-23 as a single: too many significant bits for a half
        "fb3fb999999999999a",  // 0.1 as a double: a single does not hold it exactly
        "fb7e37e43c8800759c",  // 1e300: beyond a single's range
    };
    for (std::string h : shortest) {
        h.erase(std::remove(h.begin(), h.end(), ' '), h.end());
        INFO(h);
        CHECK(cbor::decode(hex(h), {}, cbor::Encoding::preferred));
    }
    // Poura's encoder writes nothing the preferred reading refuses.
    const cbor::Value sample(cbor::Map{{1, "BD-10-06-88"}, {6, std::int64_t{1795428709}}, {-65537, cbor::Map{{0, 1}}},
                                       {7, Bytes(300, 1)}, {8, cbor::Array(30, cbor::Value(-25))}});
    CHECK(cbor::decode(cbor::encode(sample), {}, cbor::Encoding::preferred).value() == sample);
}

TEST_CASE("cbor::check and Reader::skip judge as decode does, without building") {
    // Well-formed, malformed and hostile items, and every prefix and one-byte
    // change of them: check() must accept exactly what decode() accepts and
    // refuse the rest with decode()'s very message, in either encoding.
    const std::vector<std::string> seeds = {
        "a3 01 63 424431 04 1a 6a000000 3a00010000 a2 00 01 18 64 62 41 42",  // claims-like, nested map
        "d2 84 43 a10127 a1 04 42 0102 44 a1006161 58 40" + std::string(128, '0'),  // a COSE_Sign1
        "a2 00 01 00 02",             // a repeated integer key
        "a2 18 00 01 00 02",          // the same key in a longer head: repeated all the same
        "a2 61 61 01 78 01 61 02",    // a repeated text key, written two ways
        "a2 81 01 01 81 01 02",       // a repeated array key
        "a2 f5 01 f5 02",             // a repeated simple key
        "a2 f9 3e00 01 fb 3ff8000000000000 02",  // 1.5 twice, as a half and a double
        "82 f9 7e00 fa 7fc00000",     // NaNs
        "9f 01 ff", "5f 41 00 ff", "1c", "f8 ff", "62 c3 28", "c1 18", "bf ff", "4401",
        "d8 3d d2 84 40 a0 40 40", "a1 a1 01 02 03", "81 81 81 81 81 81 81 81 81 81 81 81 81 81 81 81 81 81 00",
    };
    std::mt19937 random(7);
    std::size_t compared = 0;
    for (std::string h : seeds) {
        h.erase(std::remove(h.begin(), h.end(), ' '), h.end());
        const Bytes seed = hex(h);
        std::vector<Bytes> cases{seed};
        for (std::size_t n = 0; n < seed.size(); ++n) cases.emplace_back(seed.begin(), seed.begin() + static_cast<std::ptrdiff_t>(n));
        for (int i = 0; i < 200 && !seed.empty(); ++i) {
            Bytes changed = seed;
            changed[random() % changed.size()] = static_cast<std::uint8_t>(random());
            cases.push_back(changed);
        }
        for (const Bytes& input : cases)
            for (const auto encoding : {cbor::Encoding::any, cbor::Encoding::preferred}) {
                INFO(to_hex(input));
                const auto decoded = cbor::decode(input, {}, encoding);
                const auto checked = cbor::check(input.data(), input.size(), {}, encoding);
                REQUIRE(static_cast<bool>(decoded) == static_cast<bool>(checked));
                if (!decoded) CHECK(checked.error().message == decoded.error().message);
                ++compared;
            }
    }
    CHECK(compared > 4000);
}

TEST_CASE("CWT claims can leave the document encoded, checked but not built") {
    cwt::Claims claims;
    claims.issuer = "BD-PSH-0001";
    claims.token_id = bytes_of("S-1");
    claims.document = cbor::Value(cbor::Map{{0, 1}, {1, "রহিমা"}, {2, cbor::Array{cbor::Map{{1, 2}}}}});
    const Bytes payload = cbor::encode(cwt::to_cbor(claims, -65537));
    auto parsed = cwt::parse(payload, -65537, cbor::Encoding::preferred, cwt::DocumentForm::encoded);
    REQUIRE(parsed);
    CHECK(parsed->issuer == "BD-PSH-0001");
    CHECK(!parsed->document);
    REQUIRE(parsed->document_encoded);
    const cwt::Span span = *parsed->document_encoded;
    REQUIRE(span.offset + span.size <= payload.size());
    CHECK(cbor::decode(payload.data() + span.offset, span.size).value() == *claims.document);

    // The document is checked even when it is not built: a repeated key
    // inside it, or a longer head than needed, refuses the whole payload.
    std::string h = "a2016141" "3a00010000" "a200010001";
    auto refused = cwt::parse(hex(h), -65537, cbor::Encoding::any, cwt::DocumentForm::encoded);
    REQUIRE(!refused);
    CHECK(refused.error().message == cbor::decode(hex(h)).error().message);
    h = "a2016141" "3a00010000" "a1001800";
    CHECK(cwt::parse(hex(h), -65537, cbor::Encoding::any, cwt::DocumentForm::encoded));
    CHECK(!cwt::parse(hex(h), -65537, cbor::Encoding::preferred, cwt::DocumentForm::encoded));
    // Trailing bytes after the claims, and claims that are no map, as before.
    CHECK(!cwt::parse(hex("a000"), -65537, cbor::Encoding::any, cwt::DocumentForm::encoded));
    CHECK(cwt::parse(hex("80"), -65537, cbor::Encoding::any, cwt::DocumentForm::encoded).error().message ==
          "cwt: claims are not a map");
}

TEST_CASE("zlib inflates within a hard limit") {
    Bytes text = bytes_of(std::string(2000, 'a') + "poura");
    Bytes packed = zlib::compress(text);
    CHECK(zlib::looks_compressed(packed));
    CHECK(!zlib::looks_compressed(bytes_of("BD1")));
    CHECK(zlib::inflate(packed, 4096).value() == text);

    Bytes bomb = zlib::compress(Bytes(10 * 1024 * 1024, 0));
    CHECK(bomb.size() < 20000);
    CHECK(zlib::inflate(bomb, 64 * 1024).error().code == Errc::limit_exceeded);

    Bytes truncated(packed.begin(), packed.end() - 5);
    CHECK(zlib::inflate(truncated, 4096).error().code == Errc::malformed_input);
    Bytes trailing = packed;
    trailing.push_back(0);
    CHECK(zlib::inflate(trailing, 4096).error().code == Errc::malformed_input);
    Bytes corrupt = packed;
    corrupt[4] ^= 0xFF;
    CHECK(!zlib::inflate(corrupt, 4096));
}

TEST_CASE("zlib refuses set padding bits after the last deflate block when they must be zero") {
    // The top bit of the last deflate byte (before the 4-byte Adler-32) is
    // padding in most streams; find a text whose stream has it.
    bool found = false;
    for (int n = 1; n < 40 && !found; ++n) {
        const Bytes text = bytes_of(std::string(static_cast<std::size_t>(n * 7), 'a') + "poura" + std::to_string(n));
        const Bytes packed = zlib::compress(text);
        Bytes padded = packed;
        padded.at(padded.size() - 5) |= 0x80;
        if (padded == packed) continue;
        auto lenient = zlib::inflate(padded, 4096);
        if (!lenient || *lenient != text) continue;  // that bit was part of the last code
        found = true;
        INFO(n);
        CHECK(zlib::inflate(packed, 4096, zlib::Padding::must_be_zero).value() == text);
        auto strict = zlib::inflate(padded, 4096, zlib::Padding::must_be_zero);
        REQUIRE(!strict);
        CHECK(strict.error().code == Errc::malformed_input);
        CHECK_THAT(strict.error().message, Catch::Contains("unused bits"));
    }
    CHECK(found);
}

TEST_CASE("COSE_Sign1 round-trips with and without its tag") {
    Bytes protected_bytes = cose::protected_header(-8, hex("0102030405060708"));
    Bytes message = cose::encode_sign1(protected_bytes, bytes_of("payload"), Bytes(64, 7));
    CHECK(message[0] == 0xD2);
    auto parsed = cose::parse_sign1(message);
    REQUIRE(parsed);
    CHECK(parsed->payload == bytes_of("payload"));
    auto headers = cose::read_headers(*parsed);
    REQUIRE(headers);
    CHECK(headers->algorithm == -8);
    CHECK(headers->key_id == hex("0102030405060708"));

    Bytes untagged(message.begin() + 1, message.end());
    CHECK(cose::parse_sign1(untagged));

    Bytes other_tag = message;
    other_tag[0] = 0xD1;  // tag 17: COSE_Mac0
    CHECK(!cose::parse_sign1(other_tag));
}

TEST_CASE("the CWT tag 61 may wrap the COSE_Sign1 tag 18 only where the caller allows it") {
    const Bytes message = cose::encode_sign1(cose::protected_header(-7, hex("0102")), bytes_of("payload"), Bytes(64, 7));
    const cbor::Value sign1 = cbor::decode(message).value();
    const cbor::Value untagged = sign1.tagged_value();
    const Bytes cwt = cbor::encode(cbor::Value::tagged(61, sign1));

    auto parsed = cose::parse_sign1(cwt, cose::Form::lenient, cose::CwtTag::allowed);
    REQUIRE(parsed);
    CHECK(parsed->payload == bytes_of("payload"));
    CHECK(parsed->signature == Bytes(64, 7));
    CHECK(cose::parse_sign1(message, cose::Form::lenient, cose::CwtTag::allowed));
    CHECK(cose::parse_sign1(cbor::encode(untagged), cose::Form::lenient, cose::CwtTag::allowed));

    CHECK(!cose::parse_sign1(cwt));
    CHECK(!cose::parse_sign1(cwt, cose::Form::lenient, cose::CwtTag::refused));
    // RFC 8392 section 6 puts the CWT tag in front of the COSE tag, not in its place.
    CHECK(!cose::parse_sign1(cbor::encode(cbor::Value::tagged(61, untagged)), cose::Form::lenient, cose::CwtTag::allowed));
    CHECK(!cose::parse_sign1(cbor::encode(cbor::Value::tagged(61, cbor::Value::tagged(61, sign1))),
                             cose::Form::lenient, cose::CwtTag::allowed));
    CHECK(!cose::parse_sign1(cbor::encode(cbor::Value::tagged(18, cbor::Value::tagged(61, sign1))),
                             cose::Form::lenient, cose::CwtTag::allowed));
}

TEST_CASE("COSE headers: protected wins, unprotected kid accepted") {
    // Protected {1: -7}; unprotected {4: h'AA'}.
    cbor::Value message = cbor::Value(cbor::Array{cbor::encode(cbor::Value(cbor::Map{{1, -7}})),
                                                  cbor::Map{{4, hex("aa")}, {1, -8}}, bytes_of("p"), Bytes(64)});
    auto parsed = cose::parse_sign1(cbor::encode(message));
    REQUIRE(parsed);
    auto headers = cose::read_headers(*parsed);
    REQUIRE(headers);
    CHECK(headers->algorithm == -7);
    CHECK(headers->key_id == hex("aa"));

    cbor::Value no_alg = cbor::Value(cbor::Array{Bytes{}, cbor::Map{}, bytes_of("p"), Bytes(64)});
    CHECK(!cose::read_headers(*cose::parse_sign1(cbor::encode(no_alg))));
    cbor::Value text_kid = cbor::Value(cbor::Array{Bytes{}, cbor::Map{{1, -8}, {4, "kid"}}, bytes_of("p"), Bytes(64)});
    CHECK(!cose::read_headers(*cose::parse_sign1(cbor::encode(text_kid))));
}

TEST_CASE("COSE_Sign1 in canonical form: tag 18, shortest heads, the kid alone unprotected") {
    const Bytes kid = hex("0102030405060708");
    const Bytes protected_alg = cbor::encode(cbor::Value(cbor::Map{{1, -8}}));
    const auto sign1 = [](const Bytes& protected_bytes, cbor::Map unprotected) {
        return cbor::encode(cbor::Value::tagged(
            18, cbor::Value(cbor::Array{protected_bytes, std::move(unprotected), bytes_of("p"), Bytes(64)})));
    };
    const auto canonical = [](const Bytes& message) { return cose::parse_sign1(message, cose::Form::canonical); };

    const Bytes issued = cose::encode_sign1(cose::protected_header(-8, kid), bytes_of("p"), Bytes(64));
    REQUIRE(canonical(issued));
    CHECK(cose::read_headers(*canonical(issued), cose::Form::canonical));
    const Bytes kid_unprotected = sign1(protected_alg, cbor::Map{{4, kid}});
    REQUIRE(canonical(kid_unprotected));
    CHECK(cose::read_headers(*canonical(kid_unprotected), cose::Form::canonical)->key_id == kid);

    const Bytes untagged(issued.begin() + 1, issued.end());
    Bytes long_tag = {0xD8, 0x12};
    long_tag.insert(long_tag.end(), issued.begin() + 1, issued.end());
    const Bytes alg_unprotected = sign1(cbor::encode(cbor::Value(cbor::Map{{4, kid}})), cbor::Map{{1, -8}});
    const Bytes extra_entry = sign1(protected_alg, cbor::Map{{4, kid}, {-70000, Bytes{}}});
    for (const Bytes& message : {untagged, long_tag, alg_unprotected, extra_entry}) {
        INFO(to_hex(message));
        CHECK(cose::parse_sign1(message));
        auto refused = canonical(message);
        REQUIRE(!refused);
        CHECK(refused.error().code == Errc::malformed_input);
    }

    // A kid in both headers: the unprotected one is never read.
    const Bytes both = sign1(cose::protected_header(-8, kid), cbor::Map{{4, kid}});
    REQUIRE(canonical(both));
    CHECK(cose::read_headers(*cose::parse_sign1(both)));
    CHECK(!cose::read_headers(*canonical(both), cose::Form::canonical));
    // A protected header with a longer head than needed.
    const Bytes long_protected = sign1(hex("a1180127"), cbor::Map{{4, kid}});
    CHECK(cose::read_headers(*cose::parse_sign1(long_protected)));
    CHECK(!cose::read_headers(*canonical(long_protected), cose::Form::canonical));
}

TEST_CASE("COSE structure errors") {
    CHECK(!cose::parse_sign1(cbor::encode(cbor::Value(cbor::Array{Bytes{}, cbor::Map{}, Bytes{}}))));
    CHECK(!cose::parse_sign1(cbor::encode(cbor::Value(cbor::Array{"x", cbor::Map{}, Bytes{}, Bytes{}}))));
    CHECK(!cose::parse_sign1(cbor::encode(cbor::Value(cbor::Array{Bytes{}, cbor::Map{}, cbor::Value(), Bytes{}}))));
}

TEST_CASE("Sig_structure is the RFC 9052 Signature1 array") {
    Bytes input = cose::signature_input(hex("a10126"), bytes_of("hi"));
    Bytes expected = cbor::encode(cbor::Value(cbor::Array{"Signature1", hex("a10126"), Bytes{}, bytes_of("hi")}));
    CHECK(input == expected);
}

TEST_CASE("CWT claims are read with their types checked") {
    cwt::Claims claims;
    claims.issuer = "BD-PSH-0001";
    claims.issued_at = 1763884800;
    claims.expires = 1795420800;
    claims.token_id = bytes_of("S-1");
    claims.document = cbor::Value(cbor::Map{{0, "citizenship"}});
    Bytes payload = cbor::encode(cwt::to_cbor(claims, -65537));
    auto parsed = cwt::parse(payload, -65537);
    REQUIRE(parsed);
    CHECK(parsed->issuer == "BD-PSH-0001");
    CHECK(parsed->expires == 1795420800);
    CHECK(parsed->token_id == bytes_of("S-1"));
    REQUIRE(parsed->document);
    CHECK(parsed->document->find(0)->as_text() == "citizenship");

    CHECK(!cwt::parse(cbor::encode(cbor::Value(cbor::Map{{4, "tomorrow"}})), -65537));
    CHECK(!cwt::parse(cbor::encode(cbor::Value(cbor::Map{{1, 5}})), -65537));
    CHECK(!cwt::parse(cbor::encode(cbor::Value(cbor::Array{})), -65537));
    auto with_float = cwt::parse(hex("a104fb41d4d4f364000000"), -65537);  // exp as a double
    REQUIRE(with_float);
    CHECK(with_float->expires == 1398001040);
}
