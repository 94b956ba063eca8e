// The certificate page drawn with Cairo into a PDF: every text laid out and
// shaped by Pango (HarfBuzz forms the Bangla conjuncts and vowel signs), the
// QR code as filled rectangles, one per dark module.
#include "core/dates.hpp"
#include "core/text.hpp"
#include "core/try.hpp"
#include "print/print.hpp"

#include <poura/qr.hpp>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace poura::print {
namespace {

// Page geometry in PDF points.
constexpr double kMillimetre = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kMillimetre;
constexpr double kPageHeight = 297 * kMillimetre;
constexpr double kMargin = 20 * kMillimetre;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kQrSymbolWidth = 40 * kMillimetre;  // the symbol, quiet zone excluded
constexpr int kQrQuietModules = 4;
constexpr double kLabelColumn = 58 * kMillimetre;
constexpr double kColumnGap = 4 * kMillimetre;
// The type of the field values, in points; labels are set a little smaller.
constexpr double kLargestType = 11;
constexpr double kSmallestType = 6;

// Bangla first, then Latin; fontconfig falls back for anything else.
constexpr const char* kFontFamily = "Noto Sans Bengali,Noto Sans";

struct Colour {
    double r, g, b;
};
constexpr Colour kInk{0.07, 0.07, 0.07};
constexpr Colour kMuted{0.36, 0.36, 0.36};
constexpr Colour kAccent{0.0, 0.36, 0.26};  // a dark green
constexpr Colour kRule{0.78, 0.78, 0.78};

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectDeleter {
    void operator()(void* object) const { g_object_unref(object); }
};
struct FontDeleter {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontDeleter>;

// Cairo's output callback: the PDF appended to a byte vector. It runs inside
// C code, so an allocation failure becomes Cairo's write error.
cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    try {
        auto* out = static_cast<Bytes*>(closure);
        out->insert(out->end(), data, data + length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

struct Style {
    double size = 11;  // points
    bool bold = false;
    Colour colour = kInk;
    PangoAlignment align = PANGO_ALIGN_LEFT;
};

// Lays out and draws text with one Pango context for the page, at 72 dpi so
// that a font size in points is a size in the page's units.
class Painter {
public:
    explicit Painter(cairo_t* cr) : cr_(cr), context_(pango_cairo_create_context(cr)) {
        pango_cairo_context_set_resolution(context_.get(), 72);
        // Unhinted metrics: the layout is the same at every print resolution.
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context_.get(), options);
        cairo_font_options_destroy(options);
    }

    // Whether the font that fontconfig gives for the page's first family has
    // Bengali letters: without one, Bangla would print as empty boxes.
    bool has_bangla_font() const {
        const FontPtr description = font(Style{});
        PangoFont* loaded =
            pango_font_map_load_font(pango_context_get_font_map(context_.get()), context_.get(), description.get());
        if (!loaded) return false;
        const bool has_ka = pango_font_has_char(loaded, 0x0995) != FALSE;  // ক
        g_object_unref(loaded);
        return has_ka;
    }

    LayoutPtr layout(const std::string& text, const Style& style, double width) const {
        LayoutPtr layout(pango_layout_new(context_.get()));
        pango_layout_set_font_description(layout.get(), font(style).get());
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), style.align);
        pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
        return layout;
    }

    static double height(PangoLayout* layout) {
        int width = 0, height = 0;
        pango_layout_get_size(layout, &width, &height);
        return static_cast<double>(height) / PANGO_SCALE;
    }

    static double width(PangoLayout* layout) {
        int width = 0, height = 0;
        pango_layout_get_size(layout, &width, &height);
        return static_cast<double>(width) / PANGO_SCALE;
    }

    // The first line's baseline, from the layout's top.
    static double baseline(PangoLayout* layout) {
        return static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
    }

    // Draws the layout with its top left corner at (x, y); returns its height.
    double draw(PangoLayout* layout, const Colour& colour, double x, double y) const {
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, layout);
        return height(layout);
    }

    double text(const std::string& text, const Style& style, double x, double y, double width) const {
        return draw(layout(text, style, width).get(), style.colour, x, y);
    }

    void rule(double x0, double x1, double y, const Colour& colour, double line_width) const {
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_set_line_width(cr_, line_width);
        cairo_move_to(cr_, x0, y);
        cairo_line_to(cr_, x1, y);
        cairo_stroke(cr_);
    }

    void frame(double inset, const Colour& colour, double line_width) const {
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_set_line_width(cr_, line_width);
        cairo_rectangle(cr_, inset, inset, kPageWidth - 2 * inset, kPageHeight - 2 * inset);
        cairo_stroke(cr_);
    }

    cairo_t* cairo() const { return cr_; }

private:
    static FontPtr font(const Style& style) {
        FontPtr font(pango_font_description_new());
        pango_font_description_set_family(font.get(), kFontFamily);
        pango_font_description_set_size(font.get(), static_cast<int>(style.size * PANGO_SCALE));
        pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        return font;
    }

    cairo_t* cr_;
    ContextPtr context_;
};

std::string english_date(std::int64_t unix_seconds) {
    static constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",
                                                            "May",     "June",     "July",      "August",
                                                            "September", "October", "November", "December"};
    const dates::Date d = dates::from_unix(unix_seconds);
    return std::to_string(d.day) + " " + kMonths[static_cast<std::size_t>(d.month - 1)] + " " +
           std::to_string(d.year);
}

// A day in the three ways the page prints it.
std::string bilingual_date(std::int64_t unix_seconds) {
    return bangla_date(unix_seconds) + " বঙ্গাব্দ\n" + gregorian_date_bn(unix_seconds) + " খ্রিস্টাব্দ\n" +
           english_date(unix_seconds);
}

// The table of fields, sized for a value type of `size` points.
class FieldTable {
public:
    FieldTable(const Painter& painter, const std::vector<Field>& fields, double size)
        : painter_(painter), fields_(fields), size_(size) {}

    Style label_bn() const { return Style{size_ * 0.95, true, kInk}; }
    Style label_en() const { return Style{size_ * 0.78, false, kMuted}; }
    Style value() const { return Style{size_, false, kInk}; }
    double padding() const { return size_ * 0.45; }
    double value_width() const { return kContentWidth - kLabelColumn - kColumnGap; }

    // A row's laid-out parts and where they go, relative to the row's top
    // left corner. The first lines of label and value share a baseline,
    // whichever fonts they use.
    struct Placed {
        LayoutPtr layout;
        double x = 0, y = 0;
    };
    struct Row {
        Placed bn, en, value;
        double height = 0;
    };

    Row row(const Field& f) const {
        Row r;
        r.bn.layout = painter_.layout(f.label_bn, label_bn(), kLabelColumn);
        r.en.layout = painter_.layout(f.label_en, label_en(), kLabelColumn);
        r.value.layout = painter_.layout(f.value, value(), value_width());
        const int lines = static_cast<int>(std::count(f.value.begin(), f.value.end(), '\n')) + 1;
        if (lines > 1 && pango_layout_get_line_count(r.value.layout.get()) > lines) return wide_row(f, std::move(r));
        const double shift = Painter::baseline(r.bn.layout.get()) - Painter::baseline(r.value.layout.get());
        r.bn.y = padding() + std::max(0.0, -shift);
        r.en.y = r.bn.y + Painter::height(r.bn.layout.get());
        r.value.x = kLabelColumn + kColumnGap;
        r.value.y = padding() + std::max(0.0, shift);
        r.height = std::max(r.en.y + Painter::height(r.en.layout.get()),
                            r.value.y + Painter::height(r.value.layout.get())) +
                   padding();
        return r;
    }

    // A value of several lines that would wrap in its column (a list of
    // heirs) takes the whole width, under its labels set on one line.
    Row wide_row(const Field& f, Row r) const {
        const double indent = 3 * kMillimetre;
        pango_layout_set_width(r.en.layout.get(), -1);
        r.bn.y = padding();
        r.en.x = Painter::width(r.bn.layout.get()) + size_ * 0.6;
        r.en.y = r.bn.y + Painter::baseline(r.bn.layout.get()) - Painter::baseline(r.en.layout.get());
        r.value.layout = painter_.layout(f.value, value(), kContentWidth - indent);
        r.value.x = indent;
        r.value.y = r.bn.y + Painter::height(r.bn.layout.get()) + padding() * 0.5;
        r.height = r.value.y + Painter::height(r.value.layout.get()) + padding();
        return r;
    }

    double height() const {
        double total = 0;
        for (const auto& f : fields_) total += row(f).height;
        return total;
    }

    void draw(double y) const {
        for (const auto& f : fields_) {
            const Row r = row(f);
            painter_.draw(r.bn.layout.get(), label_bn().colour, kMargin + r.bn.x, y + r.bn.y);
            painter_.draw(r.en.layout.get(), label_en().colour, kMargin + r.en.x, y + r.en.y);
            painter_.draw(r.value.layout.get(), value().colour, kMargin + r.value.x, y + r.value.y);
            y += r.height;
            painter_.rule(kMargin, kMargin + kContentWidth, y, kRule, 0.5);
        }
    }

private:
    const Painter& painter_;
    const std::vector<Field>& fields_;
    double size_;
};

// The QR symbol with its quiet zone, white behind it, its top left corner at
// (x, y); returns the side of the whole square.
double draw_qr(cairo_t* cr, const QrCode& qr, double x, double y) {
    const double module = kQrSymbolWidth / qr.size;
    const double side = module * (qr.size + 2 * kQrQuietModules);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    const double origin_x = x + kQrQuietModules * module;
    const double origin_y = y + kQrQuietModules * module;
    for (int row = 0; row < qr.size; ++row)
        for (int column = 0; column < qr.size; ++column)
            if (qr.dark(column, row))
                cairo_rectangle(cr, origin_x + column * module, origin_y + row * module, module, module);
    // One fill for all the squares: no hairline seams between neighbours.
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
    return side;
}

// A signature block centred in [x, x + width], its line at `y`.
void draw_signature(const Painter& painter, double x, double width, double y, const std::string& name,
                    const std::string& role, const std::string& act) {
    painter.rule(x + 6, x + width - 6, y, kInk, 0.6);
    double at = y + 3;
    at += painter.text(name, Style{10.5, true, kInk, PANGO_ALIGN_CENTER}, x, at, width);
    at += painter.text(role, Style{9, false, kInk, PANGO_ALIGN_CENTER}, x, at, width);
    painter.text(act, Style{8, false, kMuted, PANGO_ALIGN_CENTER}, x, at, width);
}

Status check_page(const CertificatePage& page) {
    if (page.serial.empty()) return make_error(Errc::invalid_argument, "serial: empty");
    if (page.qr_text.empty()) return make_error(Errc::invalid_argument, "qr_text: empty");
    if (page.copy < 1) return make_error(Errc::invalid_argument, "copy: must be 1 or more");
    if (bangla_date(page.issued_at).empty())
        return make_error(Errc::invalid_argument, "issued_at: outside the years 1 to 9999");
    if (page.expires_at != 0 && bangla_date(page.expires_at).empty())
        return make_error(Errc::invalid_argument, "expires_at: outside the years 1 to 9999");
    const auto utf8 = [](const std::string& name, const std::string& s) -> Status {
        if (!text::is_valid_utf8(s)) return make_error(Errc::invalid_argument, name + ": not valid UTF-8");
        return {};
    };
    for (const auto* s : {&page.municipality_bn, &page.municipality_en, &page.title_bn, &page.title_en, &page.serial,
                          &page.recommended_by, &page.approved_by}) {
        auto ok = utf8("page text", *s);
        POURA_RETURN_IF_ERROR(ok);
    }
    for (const auto& f : page.fields) {
        for (const auto* s : {&f.label_bn, &f.label_en, &f.value}) {
            auto ok = utf8("a field", *s);
            POURA_RETURN_IF_ERROR(ok);
        }
    }
    return {};
}

Error cairo_error(cairo_status_t status) {
    return make_error(Errc::internal, std::string("Cairo: ") + cairo_status_to_string(status));
}

// Draws the page; the caller checks Cairo's status afterwards.
Status draw_page(const Painter& painter, const CertificatePage& page, const QrCode& qr) {
    cairo_t* cr = painter.cairo();
    painter.frame(9 * kMillimetre, kAccent, 1.6);
    painter.frame(10.5 * kMillimetre, kAccent, 0.5);

    // Header: the municipality, then the certificate's title.
    double y = 18 * kMillimetre;
    y += painter.text(page.municipality_bn, Style{20, true, kAccent, PANGO_ALIGN_CENTER}, kMargin, y, kContentWidth);
    y += painter.text(page.municipality_en, Style{12.5, false, kAccent, PANGO_ALIGN_CENTER}, kMargin, y,
                      kContentWidth);
    y += 3 * kMillimetre;
    painter.rule(kMargin, kMargin + kContentWidth, y, kAccent, 1.2);
    y += 5 * kMillimetre;
    y += painter.text(page.title_bn, Style{18, true, kInk, PANGO_ALIGN_CENTER}, kMargin, y, kContentWidth);
    y += painter.text(page.title_en, Style{13, false, kInk, PANGO_ALIGN_CENTER}, kMargin, y, kContentWidth);
    y += 5 * kMillimetre;

    // The serial on the left, the date of issue on the right.
    const double half = kContentWidth / 2;
    const double serial_label =
        painter.text("ক্রমিক নং / Serial no.", Style{9, false, kMuted}, kMargin, y, half);
    const double serial_height = serial_label + painter.text(page.serial, Style{11, true, kInk}, kMargin,
                                                             y + serial_label, half);
    const Style right{9, false, kMuted, PANGO_ALIGN_RIGHT};
    const double date_label = painter.text("প্রদানের তারিখ / Date of issue", right, kMargin + half, y, half);
    const double date_height = date_label + painter.text(bilingual_date(page.issued_at),
                                                         Style{10, false, kInk, PANGO_ALIGN_RIGHT}, kMargin + half,
                                                         y + date_label, half);
    y += std::max(serial_height, date_height) + 4 * kMillimetre;

    // The fields, with the validity as the last row.
    std::vector<Field> rows = page.fields;
    rows.push_back(Field{"মেয়াদ", "Valid until",
                         page.expires_at != 0 ? bilingual_date(page.expires_at)
                                              : std::string("মেয়াদের সীমা নেই\nDoes not expire")});

    // The bottom of the page, laid out upwards from the footer: QR code and
    // signatures.
    const double footer_y = kPageHeight - 17 * kMillimetre;
    const double qr_side = kQrSymbolWidth * (qr.size + 2 * kQrQuietModules) / qr.size;
    const double caption_height = 22;  // two lines of 7.5 points
    const double bottom_top = footer_y - 3 * kMillimetre - caption_height - qr_side;

    painter.rule(kMargin, kMargin + kContentWidth, y, kAccent, 0.8);
    // The largest type, in quarter points, that fits the fields above the QR
    // code: 11 points for most certificates, less for a long list of heirs.
    double size = kLargestType;
    while (size >= kSmallestType && y + FieldTable(painter, rows, size).height() + 5 * kMillimetre > bottom_top)
        size -= 0.25;
    if (size < kSmallestType)
        return make_error(Errc::limit_exceeded, "the certificate's fields do not fit on one A4 page");
    FieldTable(painter, rows, size).draw(y);

    // The QR code at the bottom left, with what it is for beneath it.
    const double qr_x = kMargin - kQrQuietModules * kQrSymbolWidth / qr.size;
    draw_qr(cr, qr, qr_x, bottom_top);
    painter.text("যাচাই করতে QR কোডটি স্ক্যান করুন\nScan the QR code to verify",
                 Style{7.5, false, kMuted}, kMargin, bottom_top + qr_side, kContentWidth / 2);

    // Signatures on the right, level with the lower half of the QR code.
    const double signature_y = bottom_top + qr_side * 0.62;
    const double signatures_x = kMargin + qr_side + 8 * kMillimetre;
    const double column = (kMargin + kContentWidth - signatures_x) / 2;
    if (!page.recommended_by.empty())
        draw_signature(painter, signatures_x, column, signature_y, page.recommended_by,
                       "ওয়ার্ড কাউন্সিলর / Ward Councillor", "সুপারিশকারী / Recommended by");
    draw_signature(painter, signatures_x + column, column, signature_y, page.approved_by, "মেয়র / Mayor",
                   "অনুমোদনকারী / Approved by");

    // Footer: the copy number, and how to check the page.
    painter.rule(kMargin, kMargin + kContentWidth, footer_y, kRule, 0.5);
    const std::string copy = std::to_string(page.copy);
    painter.text("কপি " + bengali_digits(copy) + " / Copy " + copy, Style{7, false, kMuted}, kMargin,
                 footer_y + 2, kContentWidth / 4);
    painter.text("এই সনদের তথ্য QR কোডে ডিজিটাল স্বাক্ষরসহ রয়েছে। / "
                 "This certificate's details are digitally signed in its QR code.",
                 Style{7, false, kMuted, PANGO_ALIGN_RIGHT}, kMargin + kContentWidth / 4, footer_y + 2,
                 kContentWidth * 3 / 4);
    return {};
}

// Draws the page on a surface, scaled (points to the surface's units), and
// finishes the page.
Status draw_on(cairo_surface_t* surface, const CertificatePage& page, const QrCode& qr, double scale) {
    CairoPtr cr(cairo_create(surface));
    cairo_scale(cr.get(), scale, scale);
    const Painter painter(cr.get());
    if (!painter.has_bangla_font())
        return make_error(Errc::unsupported, "no Bengali font: install Noto Sans Bengali (fonts-noto-core)");
    auto drawn = draw_page(painter, page, qr);
    POURA_RETURN_IF_ERROR(drawn);
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return cairo_error(cairo_status(cr.get()));
    return {};
}

Result<Bytes> render(const CertificatePage& page) {
    auto checked = check_page(page);
    POURA_RETURN_IF_ERROR(checked);
    auto qr = qr_encode(page.qr_text, EccLevel::Q);
    POURA_RETURN_IF_ERROR(qr);

    Bytes pdf;
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_bytes, &pdf, kPageWidth, kPageHeight));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return cairo_error(cairo_surface_status(surface.get()));
    cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
    // The issue time as the file's date makes the same page give the same bytes.
    const std::string when = dates::format_iso_timestamp(page.issued_at);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, when.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, when.c_str());
    const std::string title = page.title_en + " " + page.serial;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Poura");

    auto drawn = draw_on(surface.get(), page, *qr, 1.0);
    POURA_RETURN_IF_ERROR(drawn);
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return cairo_error(cairo_surface_status(surface.get()));
    return pdf;
}

Result<Bytes> render_image(const CertificatePage& page, int dpi) {
    if (dpi < 36 || dpi > 600) return make_error(Errc::invalid_argument, "dpi must be from 36 to 600");
    auto checked = check_page(page);
    POURA_RETURN_IF_ERROR(checked);
    auto qr = qr_encode(page.qr_text, EccLevel::Q);
    POURA_RETURN_IF_ERROR(qr);
    const double scale = dpi / 72.0;
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(kPageWidth * scale + 0.5),
                                                  static_cast<int>(kPageHeight * scale + 0.5)));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return cairo_error(cairo_surface_status(surface.get()));
    {
        CairoPtr white(cairo_create(surface.get()));
        cairo_set_source_rgb(white.get(), 1, 1, 1);
        cairo_paint(white.get());
    }
    auto drawn = draw_on(surface.get(), page, *qr, scale);
    POURA_RETURN_IF_ERROR(drawn);
    cairo_surface_flush(surface.get());
    Bytes png;
    const auto status = cairo_surface_write_to_png_stream(surface.get(), append_bytes, &png);
    if (status != CAIRO_STATUS_SUCCESS) return cairo_error(status);
    return png;
}

}  // namespace

Result<Bytes> render_pdf(const CertificatePage& page) {
    try {
        return render(page);
    } catch (const std::bad_alloc&) {
        return make_error(Errc::internal, "render_pdf: out of memory");
    } catch (const std::exception& e) {
        return make_error(Errc::internal, std::string("render_pdf: ") + e.what());
    }
}

Result<Bytes> render_png(const CertificatePage& page, int dpi) {
    try {
        return render_image(page, dpi);
    } catch (const std::bad_alloc&) {
        return make_error(Errc::internal, "render_png: out of memory");
    } catch (const std::exception& e) {
        return make_error(Errc::internal, std::string("render_png: ") + e.what());
    }
}

}  // namespace poura::print
