// Printing: a certificate as one bilingual A4 page in PDF, for the office
// (`poura print SERIAL --pdf out.pdf`). Text is laid out by Pango (HarfBuzz
// shapes the Bangla conjuncts) in Noto Sans Bengali; the QR code is drawn as
// vector rectangles, 4 cm wide, so that it scans from any printer.
#pragma once

#include <poura/documents.hpp>
#include <poura/result.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace poura::print {

// One row of the certificate: a label in both languages and the value as
// printed (several lines for a nested value).
struct Field {
    std::string label_bn, label_en, value;
};

struct CertificatePage {
    std::string municipality_bn, municipality_en;  // the header
    std::string title_bn, title_en;                // from the profile
    std::vector<Field> fields;                     // in the profile's order
    std::string serial;
    std::int64_t issued_at = 0;  // unix seconds; printed as Bangla and Gregorian dates in Bengali digits
    std::int64_t expires_at = 0;  // 0: none
    std::string recommended_by;   // the ward councillor's name (may be empty)
    std::string approved_by;      // the mayor's name
    std::string qr_text;          // "BD1:..."
    int copy = 1;                 // printed copy number, shown small in the footer
};

// The title and fields of a document ({"type": ..., fields...}) of a type in
// `profiles`: labels from the profile's "fields"[].label, values from the
// document as given (numbers and dates unchanged), absent optional fields
// left out, an enum value with its Bangla and English names, an object one
// line per field and a list one numbered line per item. The other members of
// the page are the caller's. Errors: document_invalid (not an object, no
// "type"), unknown_document_type.
Result<CertificatePage> page_for_document(const ProfileSet& profiles, const nlohmann::json& document);

// One A4 page as PDF bytes. Errors: invalid_argument (empty serial or QR
// text, text that is not UTF-8, a copy number below 1, an issue or expiry
// time outside the years 1 to 9999), unsupported (no Bengali font
// installed), limit_exceeded (the fields do not fit on the page even in the
// smallest type), the QR encoder's errors, and internal when Cairo fails.
Result<Bytes> render_pdf(const CertificatePage& page);
// The same page as a PNG image at `dpi` (36 to 600), as a scanner or a
// phone camera sees the printed sheet.
Result<Bytes> render_png(const CertificatePage& page, int dpi = 150);

// The day of `unix_seconds` (UTC) in the revised Bangladesh calendar, in
// Bengali digits: "২২ অগ্রহায়ণ ১৪৩৩". The year starts on 14 April; Baishakh
// to Ashwin have 31 days, Kartik to Magh and Chaitra 30, Falgun 29, or 30
// when the Gregorian year it falls in is a leap year. The rule took effect in
// 1426 BS and is applied to earlier years as well. Empty for a time outside
// the Gregorian years 1 to 9999.
std::string bangla_date(std::int64_t unix_seconds);

// The same day in the Gregorian calendar, in Bangla: "৭ ডিসেম্বর ২০২৬";
// empty outside the years 1 to 9999.
std::string gregorian_date_bn(std::int64_t unix_seconds);

// ASCII digits 0-9 to Bengali digits ০-৯; every other byte is kept.
std::string bengali_digits(std::string_view ascii);

}  // namespace poura::print
