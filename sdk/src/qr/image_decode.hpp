// PNG and JPEG files to 8-bit grayscale pixels, for the QR reader.
#pragma once

#include <poura/result.hpp>

#include <cstddef>

namespace poura::image {

// Limits checked from the header, before any pixel memory is allocated, so
// that a small hostile file cannot make the reader allocate gigabytes.
constexpr std::size_t kMaxImageSide = 20000;
constexpr std::size_t kMaxImagePixels = 100'000'000;

struct GrayImage {
    int width = 0;
    int height = 0;
    Bytes pixels;  // width * height, row-major, 0 = black
};

bool looks_like_png(const Bytes& file);
bool looks_like_jpeg(const Bytes& file);

// Errors: malformed_input for a corrupt or truncated file, limit_exceeded for
// dimensions over the limits above, unsupported for a JPEG colour space that
// cannot be turned into gray (CMYK).
Result<GrayImage> decode_png_gray(const Bytes& file);
Result<GrayImage> decode_jpeg_gray(const Bytes& file);

}  // namespace poura::image
