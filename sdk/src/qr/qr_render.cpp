// QR symbol to SVG, PNG (libpng) and terminal text.
#include <poura/qr.hpp>

#include "core/try.hpp"

#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <new>
#include <string>

namespace poura {
namespace {

constexpr int kLargestSymbolSize = 177;  // version 40
constexpr int kMaxModuleSize = 100;
constexpr int kMaxQuietZone = 100;

// Every renderer checks its input here: a hand-built QrCode whose module
// vector does not match its size would otherwise be read out of bounds.
Status check_render_input(const QrCode& qr, int module_size, int quiet_zone) {
    const bool well_formed = qr.size > 0 && qr.size <= kLargestSymbolSize &&
                             qr.modules.size() == static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size);
    if (!well_formed) {
        return make_error(Errc::invalid_argument, "QR code modules do not match its size");
    }
    if (module_size < 1 || module_size > kMaxModuleSize) {
        return make_error(Errc::invalid_argument,
                          "QR module size must be between 1 and " + std::to_string(kMaxModuleSize));
    }
    if (quiet_zone < 0 || quiet_zone > kMaxQuietZone) {
        return make_error(Errc::invalid_argument,
                          "QR quiet zone must be between 0 and " + std::to_string(kMaxQuietZone) + " modules");
    }
    return {};
}

// ---------------------------------------------------------------------------
// PNG

// libpng reports errors by longjmp. Everything the jump may cross is kept
// trivially destructible: the caller owns the buffers and this plain struct
// only points at them, and write_png_rows(), which holds the setjmp, has no
// local with a destructor.
struct PngWriteJob {
    const QrCode* qr;
    int module_size;
    int quiet_zone;
    int image_side;
    png_bytep row;  // (image_side + 7) / 8 bytes
    Bytes* output;
    char error_message[160];
};

void on_png_error(png_structp png, png_const_charp message) {
    auto* job = static_cast<PngWriteJob*>(png_get_error_ptr(png));
    std::snprintf(job->error_message, sizeof job->error_message, "%s", message);
    png_longjmp(png, 1);
}

void ignore_png_warning(png_structp, png_const_charp) {}

void append_png_bytes(png_structp png, png_bytep data, png_size_t length) {
    auto* job = static_cast<PngWriteJob*>(png_get_io_ptr(png));
    bool appended = false;
    try {
        job->output->insert(job->output->end(), data, data + length);
        appended = true;
    } catch (const std::bad_alloc&) {
    }
    // Jumping from inside the catch block would leave the exception alive.
    if (!appended) {
        png_error(png, "out of memory while writing the PNG");
    }
}

void flush_nothing(png_structp) {}

// In a 1-bit grayscale PNG a set bit is white, and the leftmost pixel is the
// most significant bit of the first byte.
void fill_png_row(const PngWriteJob& job, int symbol_y) {
    const int row_bytes = (job.image_side + 7) / 8;
    std::fill(job.row, job.row + row_bytes, png_byte{0xFF});
    if (symbol_y < 0 || symbol_y >= job.qr->size) {
        return;
    }
    for (int symbol_x = 0; symbol_x < job.qr->size; ++symbol_x) {
        if (!job.qr->dark(symbol_x, symbol_y)) {
            continue;
        }
        const int first_pixel = (symbol_x + job.quiet_zone) * job.module_size;
        for (int pixel = first_pixel; pixel < first_pixel + job.module_size; ++pixel) {
            job.row[pixel / 8] &= static_cast<png_byte>(~(0x80u >> (pixel % 8)));
        }
    }
}

bool write_png_rows(png_structp png, png_infop info, PngWriteJob& job) {
    if (setjmp(png_jmpbuf(png))) {
        return false;
    }
    png_set_write_fn(png, &job, append_png_bytes, flush_nothing);
    png_set_IHDR(png, info, static_cast<png_uint_32>(job.image_side), static_cast<png_uint_32>(job.image_side), 1,
                 PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 9);
    png_write_info(png, info);
    const int symbol_extent = job.qr->size + 2 * job.quiet_zone;
    for (int module_y = 0; module_y < symbol_extent; ++module_y) {
        fill_png_row(job, module_y - job.quiet_zone);
        for (int repeat = 0; repeat < job.module_size; ++repeat) {
            png_write_row(png, job.row);
        }
    }
    png_write_end(png, info);
    return true;
}

// ---------------------------------------------------------------------------
// Text

constexpr const char* kUpperHalfBlock = "\u2580";
constexpr const char* kLowerHalfBlock = "\u2584";
constexpr const char* kFullBlock = "\u2588";

}  // namespace

Result<std::string> qr_to_svg(const QrCode& qr, const QrRenderOptions& options) {
    auto checked = check_render_input(qr, options.module_size, options.quiet_zone);
    POURA_RETURN_IF_ERROR(checked);
    const int module_size = options.module_size;
    const int quiet_zone = options.quiet_zone;
    const std::string extent = std::to_string(qr.size + 2 * quiet_zone);
    const std::string image_side = std::to_string((qr.size + 2 * quiet_zone) * module_size);

    // The viewBox counts modules, so the path needs only small integers; one
    // rectangle per horizontal run of dark modules keeps it compact.
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + image_side +
                      "\" height=\"" + image_side + "\" viewBox=\"0 0 " + extent + " " + extent +
                      "\" shape-rendering=\"crispEdges\"><rect width=\"" + extent + "\" height=\"" + extent +
                      "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    for (int y = 0; y < qr.size; ++y) {
        int x = 0;
        while (x < qr.size) {
            if (!qr.dark(x, y)) {
                ++x;
                continue;
            }
            const int run_start = x;
            while (x < qr.size && qr.dark(x, y)) {
                ++x;
            }
            const std::string run_length = std::to_string(x - run_start);
            svg += 'M' + std::to_string(run_start + quiet_zone) + ' ' + std::to_string(y + quiet_zone) + 'h' +
                   run_length + "v1h-" + run_length + 'z';
        }
    }
    svg += "\"/></svg>\n";
    return svg;
}

Result<Bytes> qr_to_png(const QrCode& qr, const QrRenderOptions& options) {
    auto checked = check_render_input(qr, options.module_size, options.quiet_zone);
    POURA_RETURN_IF_ERROR(checked);

    const int image_side = (qr.size + 2 * options.quiet_zone) * options.module_size;
    Bytes row(static_cast<std::size_t>(image_side + 7) / 8);
    Bytes output;
    PngWriteJob job{&qr, options.module_size, options.quiet_zone, image_side, row.data(), &output, {}};

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &job, on_png_error, ignore_png_warning);
    if (png == nullptr) {
        return make_error(Errc::internal, "libpng could not create a writer");
    }
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_write_struct(&png, nullptr);
        return make_error(Errc::internal, "libpng could not create a writer");
    }
    const bool written = write_png_rows(png, info, job);
    png_destroy_write_struct(&png, &info);
    if (!written) {
        return make_error(Errc::internal, std::string("PNG encoding failed: ") + job.error_message);
    }
    return output;
}

Result<std::string> qr_to_text(const QrCode& qr, int quiet_zone) {
    // Text has no module size of its own: each module is half a character cell.
    auto checked = check_render_input(qr, 1, quiet_zone);
    POURA_RETURN_IF_ERROR(checked);
    const int extent = qr.size + 2 * quiet_zone;

    // Most terminals draw light text on a dark background, so the blocks (the
    // text colour) stand for LIGHT modules and the quiet zone, and dark
    // modules are left as background; the symbol then reads dark on light, as
    // with `qrencode -t UTF8`. On a light-background terminal it shows
    // inverted, which many phone scanners also accept.
    const auto is_inked = [&](int x, int y) {
        if (y >= extent) {
            return false;  // the half row below an odd number of rows
        }
        const int symbol_x = x - quiet_zone;
        const int symbol_y = y - quiet_zone;
        const bool in_symbol = symbol_x >= 0 && symbol_x < qr.size && symbol_y >= 0 && symbol_y < qr.size;
        return !in_symbol || !qr.dark(symbol_x, symbol_y);
    };

    std::string text;
    for (int y = 0; y < extent; y += 2) {
        for (int x = 0; x < extent; ++x) {
            const bool top = is_inked(x, y);
            const bool bottom = is_inked(x, y + 1);
            if (top && bottom) {
                text += kFullBlock;
            } else if (top) {
                text += kUpperHalfBlock;
            } else if (bottom) {
                text += kLowerHalfBlock;
            } else {
                text += ' ';
            }
        }
        text += '\n';
    }
    return text;
}

}  // namespace poura
