#include "codec/scsu.hpp"
#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"

#include <poura/hex.hpp>
#include <poura/json.hpp>
#include <poura/result.hpp>
#include <poura/time.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace poura;

TEST_CASE("NFC composes Bengali two-part vowel signs and decomposes nukta letters") {
    // ে + া → ো ; ে + ৗ → ৌ
    CHECK(text::nfc("\u0995\u09C7\u09BE") == "\u0995\u09CB");
    CHECK(text::nfc("\u0995\u09C7\u09D7") == "\u0995\u09CC");
    // য় (U+09DF) is excluded from composition: NFC is য + ়
    CHECK(text::nfc("\u09DF") == "\u09AF\u09BC");
    CHECK(text::nfc("\u09DC") == "\u09A1\u09BC");
    // virama before nukta is reordered by combining class (nukta 7 < virama 9)
    CHECK(text::nfc("\u0995\u09CD\u09BC") == "\u0995\u09BC\u09CD");
    CHECK(text::nfc("Rahima") == "Rahima");
    // idempotent
    const std::string once = text::nfc("\u0986\u09DF\u09C7\u09B0");
    CHECK(text::nfc(once) == once);
}

TEST_CASE("NFC composes a Latin letter and its combining mark into Latin-1") {
    CHECK(text::nfc("Mst. Zoe\u0308 Begum") == "Mst. Zo\u00EB Begum");
    CHECK(text::nfc("Jose\u0301 Nun\u0303ez") == "Jos\u00E9 Nu\u00F1ez");
    CHECK(text::nfc("Franc\u0327ois") == "Fran\u00E7ois");
    CHECK(text::nfc("A\u030Angstro\u0308m") == "\u00C5ngstr\u00F6m");
    // grave, acute, circumflex, tilde, diaeresis and cedilla on capitals; y + diaeresis is U+00FF
    CHECK(text::nfc("A\u0300 Y\u0301 U\u0302 a\u0303 C\u0327 y\u0308") == "\u00C0 \u00DD \u00DB \u00E3 \u00C7 \u00FF");
    // Precomposed text is left as it is, and so are letters without a decomposition.
    CHECK(text::nfc("\u00C0\u00E7\u00EB\u00FF \u00C6\u00D8\u00DF\u00F0") == "\u00C0\u00E7\u00EB\u00FF \u00C6\u00D8\u00DF\u00F0");
    // Canonical order puts the cedilla (class 202) before the diaeresis (230),
    // which then composes with the letter: the same result from either order.
    CHECK(text::nfc("a\u0308\u0327") == "\u00E4\u0327");
    CHECK(text::nfc("a\u0327\u0308") == "\u00E4\u0327");
    CHECK(text::nfc("\u00E4\u0327") == "\u00E4\u0327");
    // A second mark of the same class is blocked by the first.
    CHECK(text::nfc("e\u0301\u0301") == "\u00E9\u0301");
    // Composites outside Latin-1 (Y + diaeresis is U+0178) stay decomposed.
    CHECK(text::nfc("Y\u0308") == "Y\u0308");
    // A mark between the two parts of a Bengali vowel sign keeps them apart, as in NFC.
    CHECK(text::nfc("\u0995\u09C7\u0301\u09BE") == "\u0995\u09C7\u0301\u09BE");
    CHECK(text::is_latin_name(text::nfc("Mst. Zoe\u0308 Begum")));
    CHECK(!text::is_latin_name("Mst. Zoe\u0308 Begum"));
}

TEST_CASE("names in each script") {
    CHECK(text::is_bangla_name(text::nfc("মোছাঃ রহিমা খাতুন")));
    CHECK(text::is_bangla_name(text::nfc("মোঃ আব্দুল করিম")));
    CHECK(!text::is_bangla_name("Rahima"));
    CHECK(!text::is_bangla_name("রহিমা1"));
    CHECK(!text::is_bangla_name("."));
    CHECK(text::is_latin_name("Md. Abdul Karim"));
    CHECK(text::is_latin_name("D'Costa-Gomes"));
    CHECK(text::is_latin_name("Zoë"));
    CHECK(!text::is_latin_name("রহিমা"));
    CHECK(!text::is_latin_name("R2D2"));
    CHECK(!text::is_latin_name(" - "));
}

TEST_CASE("bidi and zero-width controls are found, but not Bengali joiners in Bengali words") {
    CHECK(text::first_hidden_control("invoice\u202Egpj.exe") == 0x202E);
    CHECK(text::first_hidden_control("a\u2066b\u2069") == 0x2066);
    CHECK(text::first_hidden_control("\u200Fরহিমা") == 0x200F);
    CHECK(text::first_hidden_control("\u061Cx") == 0x061C);
    CHECK(text::first_hidden_control("Ra\u200Bhima") == 0x200B);
    CHECK(text::first_hidden_control("Ra\u00ADhima") == 0x00AD);
    CHECK(text::first_hidden_control("x\uFEFF") == 0xFEFF);
    CHECK(text::first_hidden_control("x\U000E0041") == 0xE0041);
    // ZWJ and ZWNJ: part of Bengali spelling after a Bengali character, hidden anywhere else.
    CHECK(text::first_hidden_control("র\u200D্যাব") == 0);
    CHECK(text::first_hidden_control("ক্\u200Cষ") == 0);
    CHECK(text::first_hidden_control("Ra\u200Dhima") == 0x200D);
    CHECK(text::first_hidden_control("\u200Cরহিমা") == 0x200C);
    CHECK(text::first_hidden_control("র\u200D\u200D্যাব") == 0x200D);
    CHECK(text::first_hidden_control("সারিয়াকান্দি, বগুড়া — Rahima & Co. <3") == 0);
    CHECK(text::code_point_name(0x202E) == "U+202E");
    CHECK(text::code_point_name(0x61C) == "U+061C");
    CHECK(text::code_point_name(0xE0041) == "U+E0041");
}

namespace {

// What inspect() learns in one pass, learnt here the slow way, one question
// per pass, from a decoder written apart from the library's.
struct Reference {
    std::vector<char32_t> points;
    bool valid = true;

    explicit Reference(std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
            const unsigned char lead = b(i);
            std::size_t length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                               : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > s.size()) {
                valid = false;
                return;
            }
            char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
            for (std::size_t k = 1; k < length; ++k) {
                if ((b(i + k) & 0xC0) != 0x80) {
                    valid = false;
                    return;
                }
                cp = (cp << 6) | (b(i + k) & 0x3F);
            }
            const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
            if (cp < least[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                valid = false;
                return;
            }
            points.push_back(cp);
            i += length;
        }
    }

    static int combining_class(char32_t cp) {
        if ((cp >= 0x300 && cp <= 0x303) || cp == 0x308 || cp == 0x30A) return 230;
        return cp == 0x327 ? 202 : cp == 0x9BC ? 7 : cp == 0x9CD ? 9 : 0;
    }
    bool nfc() const {
        if (!valid) return false;
        int last = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const char32_t cp = points[i];
            const int cls = combining_class(cp);
            if (cls != 0 && last > cls) return false;
            if (cp == 0x9DC || cp == 0x9DD || cp == 0x9DF || (cp >= 0x300 && cp <= 0x303) || cp == 0x308 ||
                cp == 0x30A || cp == 0x327)
                return false;
            if ((cp == 0x9BE || cp == 0x9D7) && i > 0 && points[i - 1] == 0x9C7) return false;
            last = cls;
        }
        return true;
    }
    bool spaces(std::string_view s) const {
        const auto space = [](char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
        if (!s.empty() && (space(static_cast<unsigned char>(s.front())) || space(static_cast<unsigned char>(s.back()))))
            return false;
        for (std::size_t i = 0; i < points.size(); ++i)
            if (space(points[i]) && (points[i] != ' ' || (i > 0 && points[i - 1] == ' '))) return false;
        return true;
    }
    bool printable() const {
        if (!valid) return false;
        for (char32_t cp : points)
            if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) return false;
        return true;
    }
    char32_t hidden() const {
        const std::vector<std::pair<char32_t, char32_t>> ranges = {
            {0x61C, 0x61C}, {0x200E, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069}, {0xAD, 0xAD}, {0x34F, 0x34F},
            {0x115F, 0x1160}, {0x17B4, 0x17B5}, {0x180E, 0x180E}, {0x200B, 0x200D}, {0x2060, 0x2064},
            {0x206A, 0x206F}, {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0},
            {0xE0000, 0xE007F}};
        for (std::size_t i = 0; i < points.size(); ++i) {
            const char32_t cp = points[i];
            const bool joiner = (cp == 0x200C || cp == 0x200D) && i > 0 && points[i - 1] >= 0x980 && points[i - 1] <= 0x9FF;
            for (const auto& [first, last] : ranges)
                if (cp >= first && cp <= last && !joiner) return cp;
        }
        return 0;
    }
    bool bangla_name() const {
        if (!valid) return false;
        bool letter = false;
        for (char32_t cp : points) {
            if ((cp >= 0x985 && cp <= 0x9B9) || (cp >= 0x9CE && cp <= 0x9E1)) letter = true;
            else if (!((cp >= 0x980 && cp <= 0x9FF) || cp == ' ' || cp == '.' || cp == '-' || cp == 0x200C || cp == 0x200D))
                return false;
        }
        return letter;
    }
    bool latin_name() const {
        if (!valid) return false;
        bool letter = false;
        for (char32_t cp : points) {
            if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7))
                letter = true;
            else if (cp != ' ' && cp != '.' && cp != '-' && cp != '\'')
                return false;
        }
        return letter;
    }
};

}  // namespace

TEST_CASE("inspect() answers every text question as one pass per question would") {
    // Pieces that each fast path and each rule turn on, strung together at random.
    const std::vector<std::string> pieces = {
        "a", "Z", " ", "  ", ".", "-", "'", "7", "\t", "\n", "\x01", "\x7F", "<",
        "ক", "া", "ে", "ৗ", "়", "্", "ড়", "ঢ়", "য়", "০", "ঁ", "৺", "\u09C7\u09BE", "\u200C", "\u200D",
        "\u202E", "\u200B", "\u00AD", "\u034F", "\u061C", "\u2028", "\uFEFF", "\U000E0041", "\U0001F600",
        "é", "×", "\u0301", "\u0308", "\u0327", "ß", "\u0A05",
        "\xFF", "\xE0\xA6", "\xC0\xAF", "\xED\xA0\x80", "\xE0\x80\x80", "\xE0\xA6\x41", "\xF4\x90\x80\x80"};
    std::mt19937 random(20261207);
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        const int length = static_cast<int>(random() % 9);
        for (int i = 0; i < length; ++i) s += pieces[random() % pieces.size()];
        INFO("text (hex): " << to_hex(Bytes(s.begin(), s.end())));
        const text::Facts facts = text::inspect(s);
        const Reference ref(s);
        REQUIRE(facts.valid_utf8 == ref.valid);
        REQUIRE(text::is_valid_utf8(s) == ref.valid);
        REQUIRE(facts.nfc == ref.nfc());
        REQUIRE(facts.normalized == (ref.nfc() && ref.spaces(s)));
        REQUIRE(facts.printable == ref.printable());
        REQUIRE(facts.hidden_control == ref.hidden());
        REQUIRE(facts.bangla_name == ref.bangla_name());
        REQUIRE(facts.latin_name == ref.latin_name());
        REQUIRE(facts.code_points == ref.points.size());
    }
}

TEST_CASE("UTF-8 validation refuses overlong forms and surrogates") {
    CHECK(text::is_valid_utf8("রহিমা"));
    CHECK(!text::is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK(!text::is_valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK(!text::is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK(!text::is_valid_utf8("\xE0\xA6"));          // truncated
}

TEST_CASE("digits convert both ways") {
    CHECK(text::bengali_digits("12,34,567.00") == "১২,৩৪,৫৬৭.০০");
    CHECK(text::ascii_digits("০১৭১১২২৩৩৪৪") == "01711223344");
    CHECK(text::squeeze_spaces("  a \t b  ") == "a b");
}

TEST_CASE("national ID, birth registration and mobile numbers") {
    CHECK(ids::national_id("1234567890") == "1234567890");
    CHECK(ids::national_id("1990101234567") == "1990101234567");
    CHECK(ids::national_id("19901012345678901") == "19901012345678901");
    CHECK(ids::national_id("১২৩৪৫৬৭৮৯০") == "1234567890");
    CHECK(ids::national_id("123 456 7890") == "1234567890");
    CHECK(!ids::national_id("123456789"));
    CHECK(!ids::national_id("12345678901"));
    CHECK(!ids::national_id("18001012345678901"));  // birth year out of range
    CHECK(!ids::national_id("12345x7890"));
    CHECK(!ids::national_id(""));
    CHECK(ids::birth_registration("20101234567890123") == "20101234567890123");
    CHECK(!ids::birth_registration("2010123456789012"));
    CHECK(ids::mobile("01711223344") == "01711223344");
    CHECK(ids::mobile("+8801711223344") == "01711223344");
    CHECK(ids::mobile("8801911223344") == "01911223344");
    CHECK(!ids::mobile("01211223344"));  // 012 is not a mobile prefix
    CHECK(!ids::mobile("+01711223344"));
    CHECK(!ids::mobile("0171122334"));
    CHECK(!ids::mobile(""));
    CHECK(!ids::mobile("+"));
}

TEST_CASE("civil dates, months and the fiscal year") {
    using dates::Date;
    CHECK(dates::days_from_civil({1970, 1, 1}) == 0);
    CHECK(dates::days_from_civil({2000, 3, 1}) == 11017);
    const Date d = dates::civil_from_days(dates::days_from_civil({2024, 2, 29}));
    CHECK((d.year == 2024 && d.month == 2 && d.day == 29));
    CHECK(dates::parse_iso_date("2024-02-29"));
    CHECK(!dates::parse_iso_date("2023-02-29"));
    CHECK(!dates::parse_iso_date("2023-13-01"));
    CHECK(!dates::parse_iso_date("2023-1-01"));
    const Date end = dates::add_months({2024, 1, 31}, 1);
    CHECK((end.month == 2 && end.day == 29));
    const Date fy1 = dates::fiscal_year_end({2026, 6, 30});
    const Date fy2 = dates::fiscal_year_end({2026, 7, 1});
    CHECK(fy1.year == 2026);
    CHECK(fy2.year == 2027);
    CHECK(dates::format_iso_timestamp(0) == "1970-01-01T00:00:00Z");
    CHECK(dates::format_iso_timestamp(-1) == "1969-12-31T23:59:59Z");
    CHECK(dates::format_iso_timestamp(253402300799) == "9999-12-31T23:59:59Z");
    CHECK(dates::format_iso_timestamp(-62135596800) == "0001-01-01T00:00:00Z");
    // Years before 1 as printf's %04lld writes them, the sign counting in the width.
    CHECK(dates::format_iso_timestamp(-62167219200) == "0000-01-01T00:00:00Z");
    CHECK(dates::format_iso_timestamp(-62198755200 + 3723) == "-001-01-01T01:02:03Z");
    // Every int64 is a time that can be printed.
    CHECK(dates::format_iso_timestamp(INT64_MAX) == "292277026596-12-04T15:30:07Z");
    CHECK(dates::format_iso_timestamp(INT64_MIN) == "-292277022657-01-27T08:29:52Z");
    const Date before_epoch = dates::from_unix(-86401);
    CHECK((before_epoch.year == 1969 && before_epoch.month == 12 && before_epoch.day == 30));
}

TEST_CASE("later_than compares t with limit + margin without overflow") {
    CHECK(dates::later_than(11, 5, 5));
    CHECK(!dates::later_than(10, 5, 5));
    CHECK(dates::later_than(0, 5, -6));
    // The sum would leave int64: past the top nothing is later, below the bottom everything is.
    CHECK(!dates::later_than(INT64_MAX, INT64_MAX, 300));
    CHECK(!dates::later_than(INT64_MAX, 300, INT64_MAX));
    CHECK(dates::later_than(INT64_MAX, INT64_MAX - 301, 300));
    CHECK(dates::later_than(INT64_MIN, INT64_MIN, -1));
    CHECK(dates::later_than(INT64_MIN + 1, INT64_MIN + 300, -300));
    CHECK(!dates::later_than(INT64_MIN, INT64_MIN + 300, -300));
    CHECK(!dates::later_than(INT64_MIN, INT64_MIN, 0));
}

TEST_CASE("parse_time accepts the three forms and nothing else") {
    CHECK(parse_time("1767225600").value() == 1767225600);
    CHECK(parse_time("2026-01-01").value() == 1767225600);
    CHECK(parse_time("2026-01-01T01:02:03Z").value() == 1767225600 + 3723);
    CHECK(format_time(1767225600) == "2026-01-01T00:00:00Z");
    for (const char* bad : {"", "2026-02-30", "2026-01-01T24:00:00Z", "2026-01-01 00:00:00", "yesterday", "-5"})
        CHECK(parse_time(bad).error().code == Errc::invalid_argument);
}

TEST_CASE("SCSU: Bangla takes one byte a character and round-trips") {
    const std::string name = text::nfc("মোছাঃ রহিমা খাতুন");
    const Bytes packed = scsu::encode(name);
    CHECK(packed.size() == text::code_points(name) + 2);  // SD0 + window index, then one byte each
    CHECK(packed[0] == 0x18);
    CHECK(packed[1] == 0x13);  // window U+0980
    CHECK(scsu::decode(packed).value() == name);
    for (std::string sample : {"ASCII only", "Zoë", "রহিমা\u200Cখাতুন", "emoji 😀 and ক", "\t tab"})
        CHECK(scsu::decode(scsu::encode(sample)).value() == sample);
}

TEST_CASE("SCSU decoder handles the standard's tags and refuses ill-formed input") {
    // Unicode mode (SCU) with UTF-16BE, then UC0 back to single-byte mode.
    CHECK(scsu::decode(Bytes{0x0F, 0x09, 0x95, 0xE0, 0x41}).value() == "\u0995A");
    // SQU quotes a surrogate pair.
    CHECK(scsu::decode(Bytes{0x0E, 0xD8, 0x3D, 0x0E, 0xDE, 0x00}).value() == "😀");
    // SDX defines an extended window.
    CHECK(scsu::decode(Bytes{0x0B, 0x00, 0x00, 0x80}).value() == "\U00010000");
    // In Unicode mode only 0xF2 is reserved: 0xF3..0xFF start a character (here U+FF0C, U+F300, U+FFFD).
    CHECK(scsu::decode(Bytes{0x0F, 0x00, 0x41, 0xFF, 0x0C, 0x00, 0x42}).value() == "A\uFF0CB");
    CHECK(scsu::decode(Bytes{0x0F, 0xF3, 0x00, 0xFF, 0xFD, 0xE0, 0x41}).value() == "\uF300\uFFFDA");
    for (const Bytes& bad : {Bytes{0x0C}, Bytes{0x18}, Bytes{0x18, 0x00}, Bytes{0x0E, 0xD8}, Bytes{0x0E, 0xDC, 0x00},
                             Bytes{0x0E, 0xD8, 0x00, 0x41}, Bytes{0x0F, 0xF2}, Bytes{0x0F, 0xF2, 0x00}, Bytes{0x0F, 0x41},
                             Bytes{0x0F, 0xFF}})
        CHECK(scsu::decode(bad).error().code == Errc::malformed_input);
}

namespace {

// What the result text must equal: nlohmann's compact dump, bad UTF-8 replaced.
std::string dumped(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string written(const nlohmann::json& j) {
    std::string out;
    JsonWriter(out).value(j);
    return out;
}

// Random values, strings drawn from bytes that need escaping, multi-byte
// characters and pieces of ill-formed UTF-8.
nlohmann::json random_json(std::mt19937& random, int depth) {
    static const char* const kPieces[] = {"a", "Z", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t",
                                          "\x01", "\x1f", "\x7f", "\u0995", "\u09CB", "\u00EB", "\U0001F600",
                                          "\xC0\xAF", "\xED\xA0\x80", "\xE0\xA6", "\xFF", "\x80", "\xF4\x90\x80\x80",
                                          "\xC1\xBF", "\xC2\x80", "\xDF\xBF", "\xE0\x9F\xBF", "\xED\x9F\xBF",
                                          "\xEF\xBF\xBF", "\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xF5\x80\x80\x80"};
    switch (random() % (depth > 0 ? 8 : 6)) {
        case 0: return nullptr;
        case 1: return random() % 2 == 0;
        case 2: return static_cast<std::int64_t>(random()) - (std::int64_t{1} << 31) * static_cast<std::int64_t>(random() % 4);
        case 3: return std::uint64_t{random()} << 32 | random();
        case 4: return static_cast<double>(random()) / 7.0 - 1e6;
        case 5: {
            std::string s;
            for (std::size_t n = random() % 12; n > 0; --n) s += kPieces[random() % std::size(kPieces)];
            return s;
        }
        case 6: {
            nlohmann::json a = nlohmann::json::array();
            for (std::size_t n = random() % 4; n > 0; --n) a.push_back(random_json(random, depth - 1));
            return a;
        }
        default: {
            nlohmann::json o = nlohmann::json::object();
            for (std::size_t n = random() % 4; n > 0; --n) o[dumped(random_json(random, 0))] = random_json(random, depth - 1);
            return o;
        }
    }
}

}  // namespace

TEST_CASE("JsonWriter writes what nlohmann's dump writes, escapes and bad UTF-8 included") {
    CHECK(written("Mst. \"Rahima\"\n\\\x01") == R"("Mst. \"Rahima\"\n\\\u0001")");
    CHECK(written("\xC0\xAF") == dumped("\xC0\xAF"));
    CHECK(written(nlohmann::json::parse(R"({"b":[1,-2,3.5,true,null],"a":{"x":"\u0995"}})")) ==
          "{\"a\":{\"x\":\"\u0995\"},\"b\":[1,-2,3.5,true,null]}");
    std::mt19937 random(20261123);
    for (int i = 0; i < 2000; ++i) {
        const nlohmann::json value = random_json(random, 3);
        INFO(dumped(value));
        REQUIRE(written(value) == dumped(value));
    }

    std::string out;
    JsonWriter w(out);
    w.begin_object().key("n").value(std::int64_t{-5}).key("u").value(std::uint64_t{18446744073709551615U});
    w.key("o").begin_object().end_object().key("t").value(true).key("z").null().end_object();
    CHECK(out == R"({"n":-5,"u":18446744073709551615,"o":{},"t":true,"z":null})");

    // Arrays separate their values, objects within them included.
    std::string list;
    JsonWriter a(list);
    a.begin_array().value("a").value(std::int64_t{1}).begin_object().key("k").begin_array().end_array().end_object();
    a.begin_array().null().value(nlohmann::json{{"x", 2}}).end_array().end_array();
    CHECK(list == R"(["a",1,{"k":[]},[null,{"x":2}]])");
    CHECK(nlohmann::json::parse(list).size() == 4);
}

TEST_CASE("parse_json reads every JSON value to what nlohmann's parser makes of it") {
    const std::string sample = "\xEF\xBB\xBF" R"( {"name_bn": "\u0995\u09CB", "emoji": "\ud83d\ude00 \u00eb", "esc": "\"\\\/\b\f\n\r\t",
        "raw": "কো", "n": [0, -0, 1, -1, 18446744073709551615, -9223372036854775808, 0.5, -2.25e3, 1E-2, 100.000, 0e999],
        "t": true, "f": false, "z": null, "o": {}, "a": [], "deep": [[[{"x": [{}]}]]]} )";
    const auto parsed = parse_json(sample);
    REQUIRE(parsed);
    CHECK(*parsed == nlohmann::json::parse(sample));
    // Integers keep nlohmann's types: unsigned from 0 up, signed below.
    CHECK(parsed->at("n")[0].is_number_unsigned());
    CHECK(parsed->at("n")[1].is_number_integer());
    CHECK_FALSE(parsed->at("n")[1].is_number_unsigned());
    CHECK(parsed->at("n")[4].get<std::uint64_t>() == 18446744073709551615U);
    CHECK(parsed->at("n")[5].get<std::int64_t>() == INT64_MIN);
    CHECK(parsed->at("n")[9].is_number_float());
    CHECK(parsed->at("emoji") == "\U0001F600 \u00EB");

    // Random values, written out by nlohmann, are read back the same.
    std::mt19937 random(20261207);
    for (int i = 0; i < 2000; ++i) {
        const std::string text = dumped(random_json(random, 3));
        INFO(text);
        const auto ours = parse_json(text);
        REQUIRE(ours);
        REQUIRE(*ours == nlohmann::json::parse(text));
    }
}

namespace {

// What parse_json's rules say of a decimal number's text, worked out here
// from the digits as written: read, or refused.
bool within_number_rules(const std::string& text) {
    std::string digits;
    int fraction = 0, exponent = 0;
    bool in_fraction = false;
    std::size_t i = text[0] == '-' ? 1 : 0;
    for (; i < text.size() && text[i] != 'e'; ++i) {
        if (text[i] == '.') in_fraction = true;
        else {
            digits += text[i];
            fraction += in_fraction ? 1 : 0;
        }
    }
    if (i < text.size()) exponent = std::stoi(text.substr(i + 1));
    digits.erase(0, digits.find_first_not_of('0'));
    if (digits.empty()) return true;  // zero
    int power = exponent - fraction;
    while (digits.back() == '0') {
        digits.pop_back();
        ++power;
    }
    if (digits.size() > 20 || (digits.size() == 20 && digits > "18446744073709551615")) return false;
    const int decimal_exponent = power + static_cast<int>(digits.size()) - 1;
    // A value just below 1e45 that rounds up to it is refused too.
    return decimal_exponent >= -10 && decimal_exponent <= 44 && power >= -27 &&
           std::fabs(std::strtod(text.c_str(), nullptr)) < 1e45;
}

}  // namespace

TEST_CASE("parse_json reads decimal numbers to the double strtod rounds them to, within its limits") {
    std::mt19937_64 random(20261207);
    int read = 0;
    for (int i = 0; i < 50000; ++i) {
        const std::uint64_t significand = random() >> (random() % 64);
        if (significand == 0) continue;  // "000.0" is no JSON number
        std::string digits = std::to_string(significand);
        if (random() % 4 == 0) digits += "000";
        const std::size_t point = random() % (digits.size() + 1);
        std::string text = (random() % 2 ? "-" : "") + (point == 0 ? "0" : digits.substr(0, point));
        if (point < digits.size()) text += "." + digits.substr(point);
        if (random() % 2 || point == digits.size()) text += "e" + std::to_string(static_cast<int>(random() % 71) - 35);
        INFO(text);
        const auto ours = parse_json(text);
        REQUIRE(ours.ok() == within_number_rules(text));
        if (!ours) continue;
        ++read;
        REQUIRE(ours->is_number_float());
        const double expected = std::strtod(text.c_str(), nullptr);
        const double got = ours->get<double>();
        REQUIRE(std::memcmp(&expected, &got, sizeof got) == 0);
    }
    CHECK(read > 20000);
    // Ties go to even: 2^53 + 1 lies halfway between two doubles.
    CHECK(parse_json("9007199254740993.0")->get<double>() == 9007199254740992.0);
    CHECK(parse_json("9007199254740995.0")->get<double>() == 9007199254740996.0);
    CHECK(parse_json("1e44")->get<double>() == 1e44);
    CHECK(parse_json("1e-10")->get<double>() == 1e-10);
    CHECK(parse_json("2E23")->get<double>() == 2e23);
}

TEST_CASE("parse_json reads back every double it can read, as nlohmann's dump writes it") {
    std::mt19937_64 random(20261207);
    for (int i = 0; i < 100000; ++i) {
        // A random double between 1e-10 and 1e45: any mantissa, any exponent.
        const double x = std::ldexp(1.0 + static_cast<double>(random() >> 12) / 4503599627370496.0,
                                    static_cast<int>(random() % 184) - 34);
        if (x < 1e-10 || x >= 1e45) continue;
        const std::string text = nlohmann::json(x).dump();
        INFO(text);
        const auto back = parse_json(text);
        REQUIRE(back);
        const double got = back->get<double>();
        REQUIRE(std::memcmp(&x, &got, sizeof got) == 0);
    }
}

TEST_CASE("parse_json refuses what is not JSON, or not read exactly, saying where") {
    const std::pair<std::string, std::string> refused[] = {
        {"", "$: expected a value (line 1, column 1, at the end of the text)"},
        {"  \n ", "$: expected a value (line 2, column 2, at the end of the text)"},
        {R"({"a": [1, {"k": 1, "k": 2}]})", "$.a[1].k: duplicate key (line 1, column 20)"},
        {"{\"a\": 1,\n \"b\": [true, nul]}", "$.b[1]: expected a value (line 2, column 14)"},
        {R"({"a": 1} x)", "$: unexpected text after the value (line 1, column 10)"},
        {R"({"a" 1})", "$.a: expected ':' after the member name (line 1, column 6)"},
        {R"({"a": 1 "b": 2})", "$: expected ',' or '}' after a member (line 1, column 9)"},
        {R"({a: 1})", "$: expected a member name in double quotes (line 1, column 2)"},
        {R"([1, 2,])", "$[2]: expected a value (line 1, column 7)"},
        {R"([1 2])", "$: expected ',' or ']' after an element (line 1, column 4)"},
        {R"({"a": 1,})", "$: expected a member name in double quotes (line 1, column 9)"},
        {R"(["abc)", "$[0]: unterminated string (line 1, column 6, at the end of the text)"},
        {"[\"a\tb\"]", "$[0]: control character in a string (write it as an escape) (line 1, column 4)"},
        {R"(["\x"])", "$[0]: unknown escape in a string (line 1, column 4)"},
        {R"(["\u12"])", "$[0]: \\u must be followed by four hexadecimal digits (line 1, column 7)"},
        {R"(["\udc00"])", "$[0]: \\u escape of a low surrogate with no high one before it (line 1, column 9)"},
        {R"(["\ud800x"])", "$[0]: \\u escape of a high surrogate with no low one after it (line 1, column 9)"},
        {R"(["\ud800\u0041"])", "$[0]: \\u escape of a high surrogate with no low one after it (line 1, column 15)"},
        {"[\"\xC0\xAF\"]", "$[0]: string is not well-formed UTF-8 (line 1, column 3)"},
        {"[\"\xED\xA0\x80\"]", "$[0]: string is not well-formed UTF-8 (line 1, column 3)"},
        {"[\"\xF4\x90\x80\x80\"]", "$[0]: string is not well-formed UTF-8 (line 1, column 3)"},
        {"[\"\xE0\xA6\"]", "$[0]: string is not well-formed UTF-8 (line 1, column 3)"},
        {"[\"\xFF\"]", "$[0]: string is not well-formed UTF-8 (line 1, column 3)"},
        {R"({"n": 012})", "$.n: a number may not start with 0 followed by digits (line 1, column 8)"},
        {R"({"n": 1.})", "$.n: expected a digit after the decimal point (line 1, column 9)"},
        {R"({"n": .5})", "$.n: expected a value (line 1, column 7)"},
        {R"({"n": +1})", "$.n: expected a value (line 1, column 7)"},
        {R"({"n": 1e+})", "$.n: expected a digit in the exponent (line 1, column 10)"},
        {R"({"n": -})", "$.n: expected a digit (line 1, column 8)"},
        {R"({"n": 18446744073709551616})", "$.n: integer out of range (64 bits) (line 1, column 27)"},
        {R"({"n": -9223372036854775809})", "$.n: integer out of range (64 bits) (line 1, column 27)"},
        {R"({"n": 1e400})", "$.n: number out of range (magnitudes from 1e-10 to below 1e45) (line 1, column 12)"},
        {R"({"n": 1e45})", "$.n: number out of range (magnitudes from 1e-10 to below 1e45) (line 1, column 11)"},
        {R"({"n": -1e-11})", "$.n: number out of range (magnitudes from 1e-10 to below 1e45) (line 1, column 13)"},
        {R"({"n": 18446744073709551616.5})",
         "$.n: number with more significant digits than 64 bits hold (19 always fit) (line 1, column 29)"},
        {R"({"n": 0.1234567890123456789e-9})",
         "$.n: number with a significant digit beyond the 27th decimal place (line 1, column 31)"},
        {R"({"n": 18446744073709551616.0})",
         "$.n: number with more significant digits than 64 bits hold (19 always fit) (line 1, column 29)"},
        {R"({"n": -3.6893488147419103232})",
         "$.n: number with more significant digits than 64 bits hold (19 always fit) (line 1, column 29)"},
        {R"({"n": 9.999999999999999999e44})", "$.n: number out of range (magnitudes from 1e-10 to below 1e45) (line 1, column 30)"},
        {R"({"n": 1e-9999999999999999999999})", "$.n: number out of range (magnitudes from 1e-10 to below 1e45) (line 1, column 32)"},
        {R"({"a.b": {"c\u0007": [1,], "d": 2}})", "$[\"a.b\"][\"c\\u0007\"][1]: expected a value (line 1, column 24)"},
        {R"({"": {"k k": tru}})", "$[\"\"][\"k k\"]: expected a value (line 1, column 14)"},
        {R"({"n": tru})", "$.n: expected a value (line 1, column 7)"},
        {"{\"ক\": [1,,]}", "$.ক[1]: expected a value (line 1, column 10)"},
    };
    for (const auto& [text, message] : refused) {
        INFO(text);
        const auto parsed = parse_json(text);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == Errc::malformed_input);
        CHECK(parsed.error().message == message);
    }
    // The power of ten is worked out exactly, however many digits the text has.
    CHECK(parse_json("1" + std::string(2'000'000, '0') + "e-1999990")->get<double>() == 1e10);
    CHECK(parse_json("0.0e99999999999999999999")->get<double>() == 0.0);
    // 128 levels of nesting are read; the 129th is refused where it opens.
    const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    CHECK(parse_json(nested(json_max_depth)));
    const auto too_deep = parse_json(nested(json_max_depth + 1));
    REQUIRE_FALSE(too_deep);
    CHECK_THAT(too_deep.error().message, Catch::StartsWith("$[0][0]"));
    CHECK_THAT(too_deep.error().message, Catch::EndsWith("objects and arrays nest deeper than 128 (line 1, column 129)"));
    // Keys repeated in different objects, and in objects inside arrays, are fine.
    CHECK(parse_json(R"({"a": [{"k": 1}, {"k": 2}], "b": {"k": 3}})").value() ==
          nlohmann::json::parse(R"({"a": [{"k": 1}, {"k": 2}], "b": {"k": 3}})"));
}

TEST_CASE("Result: accessors on the wrong side throw BadResultAccess naming the error") {
    const Result<int> failed = poura::make_error(poura::Errc::malformed_input, "no digits");
    CHECK_FALSE(failed.ok());
    CHECK(failed.error().code == poura::Errc::malformed_input);
    CHECK_THROWS_AS(failed.value(), poura::BadResultAccess);
    CHECK_THROWS_AS(*failed, poura::BadResultAccess);
    CHECK_THROWS_WITH(failed.value(), Catch::Contains("no digits"));

    Result<std::string> succeeded = std::string("text");
    CHECK(succeeded.value() == "text");
    CHECK(succeeded->size() == 4);
    CHECK_THROWS_AS(succeeded.error(), poura::BadResultAccess);

    const poura::Status fine;
    CHECK(fine.ok());
    CHECK_THROWS_AS(fine.error(), poura::BadResultAccess);
    poura::Status bad = poura::make_error(poura::Errc::io_error, "disk");
    CHECK(std::move(bad).error().message == "disk");
}
