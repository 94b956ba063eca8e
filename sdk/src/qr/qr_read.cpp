// Reading a QR code back from a PNG or JPEG image with ZXing-cpp.
#include <poura/qr.hpp>

#include "core/try.hpp"
#include "qr/image_decode.hpp"

// ZXing-cpp 1.4 returns Result::text() as UTF-8 only with this defined (the
// default is still UTF-16 there); later versions always use UTF-8.
#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include <exception>
#include <new>
#include <string>

namespace poura {
namespace {

Result<std::string> find_qr_text(const image::GrayImage& image) {
    const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
    const auto hints = ZXing::DecodeHints()
                           .setFormats(ZXing::BarcodeFormat::QRCode)
                           .setTryHarder(true)
                           .setTryRotate(true)
                           .setTryDownscale(true);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid()) {
        return make_error(Errc::malformed_input, "no QR code found in the image");
    }
    return result.text();
}

Result<image::GrayImage> decode_gray(const Bytes& image_file) {
    if (image::looks_like_png(image_file)) {
        return image::decode_png_gray(image_file);
    }
    if (image::looks_like_jpeg(image_file)) {
        return image::decode_jpeg_gray(image_file);
    }
    return make_error(Errc::unsupported, "unrecognised image format (expected PNG or JPEG)");
}

}  // namespace

Result<std::string> qr_read_image(const Bytes& image_file) {
    if (image_file.empty()) {
        return make_error(Errc::invalid_argument, "the image is empty");
    }
    try {
        Result<image::GrayImage> image = decode_gray(image_file);
        POURA_RETURN_IF_ERROR(image);
        return find_qr_text(*image);
    } catch (const std::bad_alloc&) {
        return make_error(Errc::limit_exceeded, "not enough memory to decode the image");
    } catch (const std::exception& error) {
        return make_error(Errc::internal, std::string("QR decoder failed: ") + error.what());
    }
}

}  // namespace poura
