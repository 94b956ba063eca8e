#include "qr/image_decode.hpp"

#include "core/try.hpp"

#include <png.h>
// jpeglib.h needs size_t and FILE declared first.
#include <cstdio>
#include <jpeglib.h>

#include <csetjmp>
#include <cstdint>
#include <cstring>
#include <string>

namespace poura::image {
namespace {

Status check_dimensions(std::size_t width, std::size_t height) {
    if (width > kMaxImageSide || height > kMaxImageSide || width * height > kMaxImagePixels) {
        return make_error(Errc::limit_exceeded, "image of " + std::to_string(width) + "x" + std::to_string(height) +
                                                    " pixels is too large (at most " + std::to_string(kMaxImageSide) +
                                                    " pixels a side and " + std::to_string(kMaxImagePixels / 1'000'000) +
                                                    " megapixels)");
    }
    return {};
}

std::uint32_t read_big_endian_u32(const std::uint8_t* bytes) {
    return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 | std::uint32_t{bytes[2]} << 8 |
           std::uint32_t{bytes[3]};
}

// ---------------------------------------------------------------------------
// PNG, through libpng's simplified API, which does its own setjmp and reports
// failure as a return value.

class PngImageReader {
public:
    PngImageReader() { image_.version = PNG_IMAGE_VERSION; }
    ~PngImageReader() { png_image_free(&image_); }
    PngImageReader(const PngImageReader&) = delete;
    PngImageReader& operator=(const PngImageReader&) = delete;

    png_image& image() { return image_; }

private:
    png_image image_{};
};

// ---------------------------------------------------------------------------
// JPEG, through libjpeg, which reports errors by calling error_exit, which must
// not return. Ours longjmps back into the step that failed. Each step function
// holds its own setjmp and has no local with a destructor; what must outlive
// the jump (the JpegSession with the decompressor, the pixel buffer) is owned
// by decode_jpeg_gray(), outside any setjmp frame.

// A progressive JPEG may hold thousands of tiny scans that each cost a full
// pass over the coefficients; real encoders write about ten.
constexpr int kMaxJpegScans = 500;
// Working memory for progressive and multi-scan files (coefficient buffers);
// above this libjpeg fails instead of allocating.
constexpr long kMaxJpegWorkingMemory = 1L << 30;

struct JpegSession {
    jpeg_decompress_struct decompressor;
    jpeg_error_mgr error_manager;
    jpeg_progress_mgr progress;
    std::jmp_buf jump;
    Errc failure;
    char message[JMSG_LENGTH_MAX];
};

JpegSession& session_of(j_common_ptr info) { return *static_cast<JpegSession*>(info->client_data); }

void on_jpeg_error(j_common_ptr info) {
    JpegSession& session = session_of(info);
    (*info->err->format_message)(info, session.message);
    session.failure = Errc::malformed_input;
    std::longjmp(session.jump, 1);
}

// Warnings (such as "premature end of data", after which libjpeg pads the
// image with gray) would go to stderr; a partial photo may still hold a
// readable code, so they are dropped.
void ignore_jpeg_message(j_common_ptr) {}

void limit_jpeg_scans(j_common_ptr info) {
    const auto* decompressor = reinterpret_cast<j_decompress_ptr>(info);
    if (decompressor->input_scan_number > kMaxJpegScans) {
        JpegSession& session = session_of(info);
        std::snprintf(session.message, sizeof session.message, "JPEG has more than %d scans", kMaxJpegScans);
        session.failure = Errc::limit_exceeded;
        std::longjmp(session.jump, 1);
    }
}

bool open_jpeg(JpegSession& session, const Bytes& file) {
    if (setjmp(session.jump)) {
        return false;
    }
    jpeg_decompress_struct& decompressor = session.decompressor;
    decompressor.err = jpeg_std_error(&session.error_manager);
    session.error_manager.error_exit = on_jpeg_error;
    session.error_manager.output_message = ignore_jpeg_message;
    decompressor.client_data = &session;
    jpeg_create_decompress(&decompressor);
    // jpeg_create_decompress clears everything but err and client_data.
    decompressor.mem->max_memory_to_use = kMaxJpegWorkingMemory;
    session.progress.progress_monitor = limit_jpeg_scans;
    decompressor.progress = &session.progress;
    jpeg_mem_src(&decompressor, file.data(), static_cast<unsigned long>(file.size()));
    jpeg_read_header(&decompressor, TRUE);
    return true;
}

bool read_jpeg_pixels(JpegSession& session, std::uint8_t* pixels) {
    if (setjmp(session.jump)) {
        return false;
    }
    jpeg_decompress_struct& decompressor = session.decompressor;
    decompressor.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&decompressor);
    while (decompressor.output_scanline < decompressor.output_height) {
        JSAMPROW row = pixels + static_cast<std::size_t>(decompressor.output_scanline) * decompressor.output_width;
        jpeg_read_scanlines(&decompressor, &row, 1);
    }
    jpeg_finish_decompress(&decompressor);
    return true;
}

class JpegSessionOwner {
public:
    JpegSessionOwner() = default;
    // Safe on a session whose creation failed: libjpeg skips an unset mem.
    ~JpegSessionOwner() { jpeg_destroy_decompress(&session_.decompressor); }
    JpegSessionOwner(const JpegSessionOwner&) = delete;
    JpegSessionOwner& operator=(const JpegSessionOwner&) = delete;

    JpegSession& session() { return session_; }

private:
    JpegSession session_{};
};

Error jpeg_error(const JpegSession& session) {
    if (session.failure == Errc::limit_exceeded) {
        return make_error(Errc::limit_exceeded, std::string(session.message));
    }
    return make_error(Errc::malformed_input, std::string("corrupt JPEG image: ") + session.message);
}

}  // namespace

bool looks_like_png(const Bytes& file) {
    static constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    return file.size() >= sizeof kSignature && std::memcmp(file.data(), kSignature, sizeof kSignature) == 0;
}

bool looks_like_jpeg(const Bytes& file) {
    return file.size() >= 3 && file[0] == 0xFF && file[1] == 0xD8 && file[2] == 0xFF;
}

Result<GrayImage> decode_png_gray(const Bytes& file) {
    // IHDR is always the first chunk. Its dimensions are checked here rather
    // than after libpng has parsed them because libpng rejects sides over a
    // million pixels as corrupt, and an oversized image should be reported as
    // such whatever its size.
    constexpr std::size_t kIhdrTypeOffset = 12;
    if (file.size() >= kIhdrTypeOffset + 12 && std::memcmp(&file[kIhdrTypeOffset], "IHDR", 4) == 0) {
        Status size_ok = check_dimensions(read_big_endian_u32(&file[kIhdrTypeOffset + 4]),
                                          read_big_endian_u32(&file[kIhdrTypeOffset + 8]));
        POURA_RETURN_IF_ERROR(size_ok);
    }

    PngImageReader reader;
    png_image& image = reader.image();
    if (!png_image_begin_read_from_memory(&image, file.data(), file.size())) {
        return make_error(Errc::malformed_input, std::string("corrupt PNG image: ") + image.message);
    }

    GrayImage gray;
    gray.width = static_cast<int>(image.width);
    gray.height = static_cast<int>(image.height);
    image.format = PNG_FORMAT_GRAY;
    gray.pixels.resize(PNG_IMAGE_SIZE(image));
    // Transparent areas become white: a code drawn as dark modules on a
    // transparent background must keep its light modules light.
    const png_color white{255, 255, 255};
    if (!png_image_finish_read(&image, &white, gray.pixels.data(), 0, nullptr)) {
        return make_error(Errc::malformed_input, std::string("corrupt PNG image: ") + image.message);
    }
    return gray;
}

Result<GrayImage> decode_jpeg_gray(const Bytes& file) {
    JpegSessionOwner owner;
    JpegSession& session = owner.session();
    if (!open_jpeg(session, file)) {
        return jpeg_error(session);
    }
    const jpeg_decompress_struct& decompressor = session.decompressor;
    Status size_ok = check_dimensions(decompressor.image_width, decompressor.image_height);
    POURA_RETURN_IF_ERROR(size_ok);
    if (decompressor.jpeg_color_space == JCS_CMYK || decompressor.jpeg_color_space == JCS_YCCK) {
        return make_error(Errc::unsupported, "CMYK JPEG images are not supported");
    }

    GrayImage gray;
    gray.width = static_cast<int>(decompressor.image_width);
    gray.height = static_cast<int>(decompressor.image_height);
    gray.pixels.resize(static_cast<std::size_t>(gray.width) * static_cast<std::size_t>(gray.height));
    if (!read_jpeg_pixels(session, gray.pixels.data())) {
        return jpeg_error(session);
    }
    return gray;
}

}  // namespace poura::image
