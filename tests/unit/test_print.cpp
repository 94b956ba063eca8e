// The printed certificate: Bangla dates, the rows taken from a document, and
// the PDF read back as an office would: rasterised by Poppler, its QR code
// scanned by zbar, its text extracted. Set POURA_PRINT_OUT to a folder to keep
// the PDFs and rasters for a look.
#include <poura/poura.hpp>

#include <catch2/catch.hpp>

#include "print/print.hpp"
#include "qr/image_decode.hpp"
#include "test_support.hpp"

// ZXing-cpp 1.4 gives UTF-8 text only with this defined (see qr/qr_read.cpp).
#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace poura;
using nlohmann::json;
using test::read_file;
namespace fs = std::filesystem;

namespace {

std::int64_t at(int year, int month, int day, int seconds_into_day = 0) {
    // Days from civil (proleptic Gregorian), as in core/dates.cpp, written out
    // again so that the test does not check the code with itself.
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (static_cast<std::int64_t>(era) * 146097 + doe - 719468) * 86400 + seconds_into_day;
}

const std::array<std::string, 12> kMonths = {"বৈশাখ",   "জ্যৈষ্ঠ",    "আষাঢ়", "শ্রাবণ", "ভাদ্র",    "আশ্বিন",
                                             "কার্তিক", "অগ্রহায়ণ", "পৌষ",   "মাঘ",    "ফাল্গুন", "চৈত্র"};

struct BanglaDay {
    int day = 0;
    int month = -1;  // 0 = Baishakh
    int year = 0;
};

// Bengali digits back to a number; -1 for anything else.
int bengali_number(const std::string& s) {
    if (s.empty() || s.size() % 3 != 0) return -1;
    int n = 0;
    for (std::size_t i = 0; i < s.size(); i += 3) {
        // ০-৯ are U+09E6-09EF: E0 A7 A6 - E0 A7 AF.
        if (s.compare(i, 2, "\xE0\xA7") != 0) return -1;
        const int digit = static_cast<unsigned char>(s[i + 2]) - 0xA6;
        if (digit < 0 || digit > 9) return -1;
        n = n * 10 + digit;
    }
    return n;
}

BanglaDay parse_bangla(const std::string& date) {
    const auto first = date.find(' ');
    const auto last = date.rfind(' ');
    if (first == std::string::npos || first == last) throw std::runtime_error("not a Bangla date: " + date);
    BanglaDay d;
    d.day = bengali_number(date.substr(0, first));
    d.year = bengali_number(date.substr(last + 1));
    const std::string month = date.substr(first + 1, last - first - 1);
    for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (kMonths[i] == month) d.month = static_cast<int>(i);
    if (d.day < 1 || d.year < 0 || d.month < 0) throw std::runtime_error("not a Bangla date: " + date);
    return d;
}

bool gregorian_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::string shell_quoted(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct Run {
    int exit_code = -1;
    std::string output;  // standard output only
};

Run run(const std::string& command) {
    Run r;
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
    const int status = ::pclose(pipe);
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    return r;
}

bool have_tool(const std::string& name) { return run("command -v " + shell_quoted(name)).exit_code == 0; }

bool have_reading_tools() {
    for (const char* tool : {"pdftoppm", "pdftotext", "pdfinfo", "zbarimg"}) {
        if (!have_tool(tool)) {
            WARN(std::string(tool) + " is missing (poppler-utils, zbar-tools): the printed page is not read back");
            return false;
        }
    }
    return true;
}

// A fresh folder, removed with everything in it at the end of the test; its
// files are copied to $POURA_PRINT_OUT first when that is set.
struct TempDir {
    fs::path path = fs::temp_directory_path() / ("poura-test-print-" + std::to_string(::getpid()));
    TempDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        if (const char* keep = std::getenv("POURA_PRINT_OUT")) {
            fs::create_directories(keep, ignored);
            for (const auto& entry : fs::directory_iterator(path, ignored))
                fs::copy_file(entry.path(), fs::path(keep) / entry.path().filename(),
                              fs::copy_options::overwrite_existing, ignored);
        }
        fs::remove_all(path, ignored);
    }
    std::string write(const std::string& name, const Bytes& content) const {
        std::ofstream(path / name, std::ios::binary)
            .write(reinterpret_cast<const char*>(content.data()), static_cast<std::streamsize>(content.size()));
        return (path / name).string();
    }
};

// What the office's tools make of a printed PDF.
struct ReadBack {
    std::string info;  // pdfinfo
    std::string text;  // pdftotext
    std::vector<std::string> rasters;
    std::string qr;  // zbarimg on the first raster
};

ReadBack read_back(const TempDir& dir, const std::string& name, const Bytes& pdf) {
    const std::string file = dir.write(name + ".pdf", pdf);
    const std::string stem = (dir.path / name).string();
    ReadBack r;
    r.info = run("pdfinfo " + shell_quoted(file)).output;
    r.text = run("pdftotext -layout " + shell_quoted(file) + " -").output;
    REQUIRE(run("pdftoppm -r 150 -png " + shell_quoted(file) + " " + shell_quoted(stem)).exit_code == 0);
    for (const auto& entry : fs::directory_iterator(dir.path)) {
        const std::string f = entry.path().filename().string();
        if (f.rfind(name + "-", 0) == 0 && entry.path().extension() == ".png") r.rasters.push_back(entry.path());
    }
    REQUIRE_FALSE(r.rasters.empty());
    const Run scanned = run("zbarimg --raw -q " + shell_quoted(r.rasters.front()));
    r.qr = scanned.output;
    while (!r.qr.empty() && (r.qr.back() == '\n' || r.qr.back() == '\r')) r.qr.pop_back();
    return r;
}

// Where a raster's QR code is, in pixels, found by ZXing: the symbol's
// corners, quiet zone excluded.
struct Found {
    std::string text;
    int left = 0, top = 0, right = 0, bottom = 0;
};

Found find_qr(const image::GrayImage& image) {
    const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
    const auto hints = ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    REQUIRE(result.isValid());
    const auto& p = result.position();
    return Found{result.text(), std::min(p.topLeft().x, p.bottomLeft().x), std::min(p.topLeft().y, p.topRight().y),
                 std::max(p.topRight().x, p.bottomRight().x), std::max(p.bottomLeft().y, p.bottomRight().y)};
}

// Whether every pixel of the band `width` pixels wide around the box is light.
bool light_around(const image::GrayImage& image, const Found& box, int width) {
    for (int y = box.top - width; y <= box.bottom + width; ++y)
        for (int x = box.left - width; x <= box.right + width; ++x) {
            const bool inside = x > box.left - 2 && x < box.right + 2 && y > box.top - 2 && y < box.bottom + 2;
            if (inside) continue;
            if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
            if (image.pixels[static_cast<std::size_t>(y) * image.width + x] < 128) return false;
        }
    return true;
}

json sample_citizenship() {
    return json::parse(read_file(std::string(POURA_SOURCE_DIR) + "/examples/documents/citizenship.json"));
}

json heirship(int heirs) {
    json list = json::array();
    const char* relations[] = {"son", "daughter", "wife", "brother", "granddaughter"};
    const char* first[] = {"Karim", "Rahim", "Salma", "Nasrin", "Jamal", "Kamal", "Ruma", "Shirin", "Habib", "Latif"};
    const char* last[] = {"Uddin", "Begum", "Khan"};
    for (int i = 0; i < heirs; ++i)
        list.push_back({{"name_bn", "মোঃ করিম উদ্দিন"},
                        {"name_en", std::string(first[i % 10]) + " " + last[i / 10 % 3]},
                        {"relation", relations[i % 5]},
                        {"nid", "19901012345" + std::to_string(10 + i)}});
    return {{"type", "heirship"},
            {"deceased",
             {{"name_bn", "মরহুম আব্দুল কুদ্দুস"},
              {"name_en", "Abdul Quddus"},
              {"date_of_death", "2025-11-02"},
              {"address_bn", "চন্দনবাইশা, সারিয়াকান্দি, বগুড়া"}}},
            {"heirs", list},
            {"ward", 3}};
}

// A signed certificate for a document, as the office would print it.
print::CertificatePage issued_page(const json& document, const std::string& serial, std::int64_t when) {
    const Keyset keys = Keyset::create(PrivateKey::generate().value(), when);
    IssueOptions options;
    options.issuer = "BD-10-06-88";
    options.serial = serial;
    options.issued_at = when;
    const IssuedCertificate cert = issue(document, keys, options).value();
    print::CertificatePage page = print::page_for_document(ProfileSet::builtin(), cert.document).value();
    page.municipality_bn = "সারিয়াকান্দি পৌরসভা";
    page.municipality_en = "Sariakandi Pourashava";
    page.serial = cert.serial;
    page.issued_at = cert.issued_at;
    page.expires_at = cert.expires_at;
    page.recommended_by = "মোঃ শফিকুল ইসলাম";
    page.approved_by = "মোছাঃ নাসরিন আক্তার";
    page.qr_text = cert.qr_text;
    page.copy = 2;
    return page;
}

const std::string& field_value(const print::CertificatePage& page, const std::string& label_en) {
    for (const auto& f : page.fields)
        if (f.label_en == label_en) return f.value;
    throw std::runtime_error("no field " + label_en);
}

}  // namespace

TEST_CASE("bangla_date gives the revised Bangladesh calendar's day") {
    CHECK(print::bangla_date(at(2026, 4, 14)) == "১ বৈশাখ ১৪৩৩");
    CHECK(print::bangla_date(at(2026, 4, 13, 86399)) == "৩০ চৈত্র ১৪৩২");
    CHECK(print::bangla_date(at(2025, 12, 16)) == "১ পৌষ ১৪৩২");  // Victory Day
    CHECK(print::bangla_date(at(2026, 12, 7)) == "২২ অগ্রহায়ণ ১৪৩৩");
    CHECK(print::bangla_date(at(2024, 2, 21)) == "৮ ফাল্গুন ১৪৩০");  // Ekushey
    CHECK(print::bangla_date(at(2026, 3, 26)) == "১২ চৈত্র ১৪৩২");  // Independence Day
    CHECK(print::bangla_date(at(2019, 4, 14)) == "১ বৈশাখ ১৪২৬");
    // Falgun has 30 days when its February has 29, and Chaitra always starts on 15 March.
    CHECK(print::bangla_date(at(2024, 3, 14)) == "৩০ ফাল্গুন ১৪৩০");
    CHECK(print::bangla_date(at(2024, 3, 15)) == "১ চৈত্র ১৪৩০");
    CHECK(print::bangla_date(at(2023, 3, 14)) == "২৯ ফাল্গুন ১৪২৯");
    CHECK(print::bangla_date(at(2023, 3, 15)) == "১ চৈত্র ১৪২৯");
    // Before 1970: the day is counted down, not truncated toward zero.
    CHECK(print::bangla_date(at(1969, 12, 31, 43200)) == "১৬ পৌষ ১৩৭৬");
    CHECK(print::bangla_date(-1) == "১৬ পৌষ ১৩৭৬");
    // The month names are NFC: ঢ় and য় as the letter and the nukta.
    CHECK(print::bangla_date(at(2026, 6, 20)).find("\u09A2\u09BC") != std::string::npos);
    CHECK(print::gregorian_date_bn(at(2026, 12, 7)) == "৭ ডিসেম্বর ২০২৬");
    CHECK(print::gregorian_date_bn(at(2026, 1, 31)) == "৩১ জানুয়ারি ২০২৬");
    // Outside the years 1 to 9999 there is no date.
    CHECK(print::bangla_date(at(9999, 12, 31, 86399)) == "১৬ পৌষ ৯৪০৬");
    CHECK(print::bangla_date(at(9999, 12, 31, 86399) + 1).empty());
    CHECK_FALSE(print::bangla_date(at(1, 1, 1)).empty());
    CHECK(print::bangla_date(at(1, 1, 1) - 1).empty());
    CHECK(print::bangla_date(std::numeric_limits<std::int64_t>::min()).empty());
    CHECK(print::bangla_date(std::numeric_limits<std::int64_t>::max()).empty());
}

TEST_CASE("consecutive days give consecutive Bangla dates") {
    // From 1990 to 2110, across the leap years 2000 (leap) and 2100 (not).
    BanglaDay previous = parse_bangla(print::bangla_date(at(1990, 1, 1)));
    int falguns = 0;
    for (std::int64_t t = at(1990, 1, 2); t <= at(2110, 12, 31); t += 86400) {
        const std::string text = print::bangla_date(t);
        const BanglaDay d = parse_bangla(text);
        INFO(text << " after " << previous.day << " " << kMonths[previous.month] << " " << previous.year);
        if (d.day != 1) {
            REQUIRE(d.day == previous.day + 1);
            REQUIRE(d.month == previous.month);
            REQUIRE(d.year == previous.year);
            previous = d;
            continue;
        }
        // The day before was the last of its month: check the month's length.
        const int gregorian_year_of_falgun = previous.year + 594;
        const int falgun = gregorian_leap(gregorian_year_of_falgun) ? 30 : 29;
        const std::array<int, 12> lengths = {31, 31, 31, 31, 31, 31, 30, 30, 30, 30, falgun, 30};
        REQUIRE(previous.day == lengths[static_cast<std::size_t>(previous.month)]);
        if (previous.month == 10) ++falguns;
        if (previous.month == 11) {
            REQUIRE(d.month == 0);
            REQUIRE(d.year == previous.year + 1);
            // 1 Baishakh is 14 April.
            REQUIRE(print::gregorian_date_bn(t) == "১৪ এপ্রিল " + print::bengali_digits(std::to_string(d.year + 593)));
        } else {
            REQUIRE(d.month == previous.month + 1);
            REQUIRE(d.year == previous.year);
        }
        previous = d;
    }
    CHECK(falguns == 121);  // one a year
}

TEST_CASE("bengali_digits changes the ASCII digits only") {
    CHECK(print::bengali_digits("2026-04-14") == "২০২৬-০৪-১৪");
    CHECK(print::bengali_digits("Ward 3, ওয়ার্ড ৩") == "Ward ৩, ওয়ার্ড ৩");
    CHECK(print::bengali_digits("") == "");
    CHECK(print::bengali_digits(std::string("a\0b9", 4)) == std::string("a\0b৯", 6));
}

TEST_CASE("a document's fields become the certificate's rows, in the profile's order") {
    const auto page = print::page_for_document(ProfileSet::builtin(), sample_citizenship());
    REQUIRE(page);
    CHECK(page->title_bn == "নাগরিকত্ব সনদ");
    CHECK(page->title_en == "Citizenship Certificate");
    std::vector<std::string> labels;
    for (const auto& f : page->fields) labels.push_back(f.label_en);
    // brn and address_en are absent from the sample and left out.
    CHECK(labels == std::vector<std::string>{"Name (Bangla)", "Name", "Father's name (Bangla)", "Father's name",
                                             "Mother's name (Bangla)", "Mother's name", "National ID number",
                                             "Date of birth", "Address (Bangla)", "Ward no."});
    CHECK(page->fields[0].label_bn == "নাম");
    CHECK(page->fields[0].value == "মোছাঃ রহিমা খাতুন");
    CHECK(field_value(*page, "Date of birth") == "1990-04-14");  // as given
    CHECK(field_value(*page, "Ward no.") == "3");
    CHECK(field_value(*page, "National ID number") == "1990101234567");
}

TEST_CASE("nested values are printed one line per item") {
    const auto page = print::page_for_document(ProfileSet::builtin(), heirship(2));
    REQUIRE(page);
    CHECK(page->title_en == "Heirship Certificate");
    CHECK(field_value(*page, "The deceased") ==
          "নাম: মরহুম আব্দুল কুদ্দুস\nName: Abdul Quddus\nDate of death: 2025-11-02\n"
          "ঠিকানা: চন্দনবাইশা, সারিয়াকান্দি, বগুড়া");
    CHECK(field_value(*page, "Heirs") ==
          "১. নাম: মোঃ করিম উদ্দিন; Name: Karim Uddin; সম্পর্ক: পুত্র (Son); National ID number: 1990101234510\n"
          "২. নাম: মোঃ করিম উদ্দিন; Name: Rahim Uddin; সম্পর্ক: কন্যা (Daughter); National ID number: "
          "1990101234511");
}

TEST_CASE("page_for_document refuses what is not a known document") {
    CHECK(print::page_for_document(ProfileSet::builtin(), json::array()).error().code == Errc::document_invalid);
    CHECK(print::page_for_document(ProfileSet::builtin(), json{{"name_en", "X"}}).error().code ==
          Errc::document_invalid);
    CHECK(print::page_for_document(ProfileSet::builtin(), json{{"type", 7}}).error().code == Errc::document_invalid);
    CHECK(print::page_for_document(ProfileSet::builtin(), json{{"type", "passport"}}).error().code ==
          Errc::unknown_document_type);
    CHECK(print::page_for_document(ProfileSet(), sample_citizenship()).error().code == Errc::unknown_document_type);
}

TEST_CASE("render_pdf refuses a page it cannot print") {
    print::CertificatePage page = print::page_for_document(ProfileSet::builtin(), sample_citizenship()).value();
    page.serial = "SKD-2026-000123";
    page.qr_text = "BD1:TEST";
    page.issued_at = at(2026, 12, 7);
    REQUIRE(print::render_pdf(page));

    auto bad = page;
    bad.serial.clear();
    CHECK(print::render_pdf(bad).error().code == Errc::invalid_argument);
    bad = page;
    bad.qr_text.clear();
    CHECK(print::render_pdf(bad).error().code == Errc::invalid_argument);
    bad = page;
    bad.copy = 0;
    CHECK(print::render_pdf(bad).error().code == Errc::invalid_argument);
    bad = page;
    bad.fields[0].value = "\xC3\x28";
    CHECK(print::render_pdf(bad).error().code == Errc::invalid_argument);
    bad = page;
    bad.issued_at = std::numeric_limits<std::int64_t>::max();
    CHECK(print::render_pdf(bad).error().code == Errc::invalid_argument);
    bad = page;
    bad.qr_text = std::string(5000, 'A');  // beyond a QR code's capacity
    CHECK_FALSE(print::render_pdf(bad));
    bad = page;
    bad.fields.assign(300, print::Field{"নাম", "Name", "মোছাঃ রহিমা খাতুন"});
    CHECK(print::render_pdf(bad).error().code == Errc::limit_exceeded);
}

TEST_CASE("the printed citizenship certificate reads back: its QR code and its text") {
    const std::int64_t issued = at(2026, 12, 7, 9 * 3600);
    const print::CertificatePage page = issued_page(sample_citizenship(), "SKD-2026-000123", issued);
    REQUIRE(page.qr_text.rfind("BD1:", 0) == 0);
    const auto pdf = print::render_pdf(page);
    REQUIRE(pdf);
    REQUIRE(pdf->size() > 1000);
    CHECK(std::string(pdf->begin(), pdf->begin() + 5) == "%PDF-");
    // The same page gives the same bytes.
    CHECK(print::render_pdf(page).value() == *pdf);

    if (!have_reading_tools()) return;
    const TempDir dir;
    const ReadBack back = read_back(dir, "citizenship", *pdf);
    CHECK(back.rasters.size() == 1);
    CHECK(back.info.find("Pages:           1\n") != std::string::npos);
    CHECK(back.info.find("(A4)") != std::string::npos);
    CHECK(back.qr == page.qr_text);

    // The symbol is 4 cm wide (236 pixels at 150 dpi; at least 3 cm, 177),
    // square, with a light quiet zone of 4 modules around it.
    const std::string png = read_file(back.rasters.front());
    const auto raster = image::decode_png_gray(Bytes(png.begin(), png.end()));
    REQUIRE(raster);
    const Found qr = find_qr(*raster);
    CHECK(qr.text == page.qr_text);
    const int side = qr.right - qr.left;
    CHECK(side >= 177);
    CHECK(side == Approx(236).margin(6));
    CHECK(qr.bottom - qr.top == Approx(side).margin(3));
    const int modules = qr_encode(page.qr_text, EccLevel::Q).value().size;
    CHECK(light_around(*raster, qr, 4 * side / modules - 2));
    INFO(back.text);
    CHECK(back.text.find("SKD-2026-000123") != std::string::npos);
    CHECK(back.text.find("Mst. Rahima Khatun") != std::string::npos);
    CHECK(back.text.find("Citizenship Certificate") != std::string::npos);
    CHECK(back.text.find("Sariakandi Pourashava") != std::string::npos);
    CHECK(back.text.find("১৪৩৩") != std::string::npos);
    CHECK(back.text.find("৭ ডিসেম্বর ২০২৬") != std::string::npos);
    CHECK(back.text.find(print::bangla_date(issued)) != std::string::npos);
    CHECK(back.text.find("7 December 2026") != std::string::npos);
    CHECK(back.text.find("Copy 2") != std::string::npos);
}

TEST_CASE("a heirship certificate with thirty heirs still fits one page and scans") {
    const print::CertificatePage page = issued_page(heirship(30), "SKD-2026-000124", at(2026, 12, 7));
    const auto pdf = print::render_pdf(page);
    REQUIRE(pdf);
    if (!have_reading_tools()) return;
    const TempDir dir;
    const ReadBack back = read_back(dir, "heirship", *pdf);
    CHECK(back.rasters.size() == 1);
    CHECK(back.qr == page.qr_text);
    CHECK(back.text.find("Latif Khan") != std::string::npos);  // the thirtieth
    CHECK(back.text.find("Heirship Certificate") != std::string::npos);
}

// Run by the test print_without_fonts, with a fontconfig that knows no fonts.
TEST_CASE("without a Bengali font render_pdf refuses to print", "[.no_fonts]") {
    print::CertificatePage page = print::page_for_document(ProfileSet::builtin(), sample_citizenship()).value();
    page.serial = "SKD-2026-000123";
    page.qr_text = "BD1:TEST";
    page.issued_at = at(2026, 12, 7);
    CHECK(print::render_pdf(page).error().code == Errc::unsupported);
}
