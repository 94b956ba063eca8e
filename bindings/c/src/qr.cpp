// QR codes: rendering a text as SVG, PNG or terminal text, and reading one
// from an image.
#include "enums.hpp"
#include "objects.hpp"

using namespace poura::capi;

namespace {

poura::QrCode encode(const char* text_to_encode, int ecc) {
    const std::string_view t = text(text_to_encode, "text");
    return take(poura::qr_encode(t, ecc_level_of(ecc)));
}

poura::QrRenderOptions render_options(int module_size, int quiet_zone) {
    poura::QrRenderOptions options;
    options.module_size = module_size;
    options.quiet_zone = quiet_zone;
    return options;
}

}  // namespace

extern "C" {

int poura_qr_render_svg(const char* text, int ecc, int module_size, int quiet_zone, poura_buffer** out_svg) {
    return guarded([&] {
        out_pointer(out_svg, "out_svg");
        give(out_svg, take(poura::qr_to_svg(encode(text, ecc), render_options(module_size, quiet_zone))));
    });
}

int poura_qr_render_png(const char* text, int ecc, int module_size, int quiet_zone, poura_buffer** out_png) {
    return guarded([&] {
        out_pointer(out_png, "out_png");
        give(out_png, take(poura::qr_to_png(encode(text, ecc), render_options(module_size, quiet_zone))));
    });
}

int poura_qr_render_text(const char* text, int ecc, int quiet_zone, poura_buffer** out_text) {
    return guarded([&] {
        out_pointer(out_text, "out_text");
        give(out_text, take(poura::qr_to_text(encode(text, ecc), quiet_zone)));
    });
}

int poura_qr_read_image(const uint8_t* image, size_t size, poura_buffer** out_text) {
    return guarded([&] {
        out_pointer(out_text, "out_text");
        give(out_text, take(poura::qr_read_image(bytes(image, size, "image"))));
    });
}

}  // extern "C"
