// QR codes: render a certificate's text as SVG, PNG or terminal text; read one
// back from a photo or scan.
#pragma once

#include <poura/export.hpp>
#include <poura/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace poura {

enum class EccLevel { L, M, Q, H };
POURA_API Result<EccLevel> ecc_level_from_name(std::string_view name);  // "L", "M", "Q", "H"

struct POURA_API QrCode {
    int version = 0;
    int size = 0;                       // modules per side
    std::vector<std::uint8_t> modules;  // size*size, row-major, 1 = dark
    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * size + x] != 0; }
};

struct POURA_API QrRenderOptions {
    int module_size = 8;  // pixels per module (PNG) or user units (SVG)
    int quiet_zone = 4;   // modules of light margin on each side
};

POURA_API Result<QrCode> qr_encode(std::string_view text, EccLevel ecc = EccLevel::Q);
// The renderers refuse (invalid_argument) a module size outside 1..100, a
// quiet zone outside 0..100, and a QrCode whose modules do not match its size.
POURA_API Result<std::string> qr_to_svg(const QrCode& qr, const QrRenderOptions& options = {});
POURA_API Result<Bytes> qr_to_png(const QrCode& qr, const QrRenderOptions& options = {});
// Two modules per character cell with Unicode half blocks. Light modules are
// drawn as blocks, so the code reads dark on light on a dark-background terminal.
POURA_API Result<std::string> qr_to_text(const QrCode& qr, int quiet_zone = 2);

// Finds and decodes a QR code in a PNG or JPEG image. Errors: invalid_argument
// (empty), unsupported (not PNG or JPEG, CMYK), malformed_input (corrupt image,
// or "no QR code found in the image"), limit_exceeded (over 20000 px a side or
// 100 megapixels).
POURA_API Result<std::string> qr_read_image(const Bytes& image_file);

}  // namespace poura
