#include <poura/qr.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace poura;

namespace {

// A deterministic stand-in for an issued certificate: "BD1:" followed by
// Base45, whose alphabet is exactly the QR alphanumeric set.
std::string certificate_like_text(std::size_t base45_length) {
    static constexpr char kBase45[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    std::mt19937 generator(20240601);
    std::uniform_int_distribution<int> pick(0, 44);
    std::string text = "BD1:";
    for (std::size_t i = 0; i < base45_length; ++i) {
        text += kBase45[pick(generator)];
    }
    return text;
}

QrCode encode(std::string_view text, EccLevel ecc) {
    Result<QrCode> qr = qr_encode(text, ecc);
    REQUIRE(qr.ok());
    return std::move(qr).value();
}

Bytes to_png(const QrCode& qr, int module_size = 8, int quiet_zone = 4) {
    Result<Bytes> png = qr_to_png(qr, QrRenderOptions{module_size, quiet_zone});
    REQUIRE(png.ok());
    return std::move(png).value();
}

Bytes read_test_file(const std::string& name) {
    const std::string path = std::string(POURA_SOURCE_DIR) + "/tests/data/qr/" + name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::uint32_t read_big_endian(const Bytes& bytes, std::size_t offset) {
    return std::uint32_t{bytes[offset]} << 24 | std::uint32_t{bytes[offset + 1]} << 16 |
           std::uint32_t{bytes[offset + 2]} << 8 | std::uint32_t{bytes[offset + 3]};
}

void append_big_endian(Bytes& bytes, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        bytes.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

std::uint32_t png_crc(const Bytes& bytes, std::size_t offset, std::size_t length) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = offset; i < offset + length; ++i) {
        crc ^= bytes[i];
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return crc ^ 0xFFFFFFFFu;
}

// The signature and a valid IHDR announcing a gray image of the given size,
// then the start of an IDAT: enough for a reader to learn the dimensions.
Bytes png_header_only(std::uint32_t width, std::uint32_t height) {
    Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    append_big_endian(png, 13);
    const std::size_t type_offset = png.size();
    png.insert(png.end(), {'I', 'H', 'D', 'R'});
    append_big_endian(png, width);
    append_big_endian(png, height);
    png.insert(png.end(), {8, 0, 0, 0, 0});  // 8-bit gray, no interlace
    append_big_endian(png, png_crc(png, type_offset, 17));
    append_big_endian(png, 0);
    png.insert(png.end(), {'I', 'D', 'A', 'T'});
    return png;
}

// SOI, a baseline frame header for a one-component image and a scan header.
Bytes jpeg_header_only(std::uint16_t width, std::uint16_t height) {
    return Bytes{0xFF, 0xD8,
                 0xFF, 0xC0, 0x00, 0x0B, 0x08,
                 static_cast<std::uint8_t>(height >> 8), static_cast<std::uint8_t>(height),
                 static_cast<std::uint8_t>(width >> 8), static_cast<std::uint8_t>(width),
                 0x01, 0x01, 0x11, 0x00,
                 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00};
}

int count_code_points(const std::string& utf8) {
    return static_cast<int>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    }));
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    REQUIRE(start == text.size());  // every line, the last included, ends with a newline
    return lines;
}

}  // namespace

TEST_CASE("ECC level names", "[qr]") {
    CHECK(*ecc_level_from_name("L") == EccLevel::L);
    CHECK(*ecc_level_from_name("m") == EccLevel::M);
    CHECK(*ecc_level_from_name("Q") == EccLevel::Q);
    CHECK(*ecc_level_from_name("h") == EccLevel::H);
    for (const char* bad : {"", "X", "LL", "low", " Q"}) {
        const Result<EccLevel> level = ecc_level_from_name(bad);
        REQUIRE_FALSE(level.ok());
        CHECK(level.error().code == Errc::invalid_argument);
    }
}

TEST_CASE("A certificate-sized text gets larger symbols at higher ECC levels", "[qr]") {
    const std::string text = certificate_like_text(496);
    REQUIRE(text.size() == 500);

    int previous_version = 0;
    for (EccLevel ecc : {EccLevel::L, EccLevel::M, EccLevel::Q, EccLevel::H}) {
        const QrCode qr = encode(text, ecc);
        CHECK(qr.version > previous_version);
        CHECK(qr.size == 17 + 4 * qr.version);
        CHECK(qr.modules.size() == static_cast<std::size_t>(qr.size * qr.size));
        CHECK(std::all_of(qr.modules.begin(), qr.modules.end(), [](std::uint8_t m) { return m <= 1; }));
        previous_version = qr.version;
    }
    // Alphanumeric mode fits 500 characters in version 12 at level L; byte
    // mode would need version 15.
    CHECK(encode(text, EccLevel::L).version == 12);
}

TEST_CASE("The three finder patterns sit in their corners", "[qr]") {
    const QrCode qr = encode("HELLO", EccLevel::M);
    CHECK(qr.version == 1);
    CHECK(qr.dark(0, 0));
    CHECK(qr.dark(qr.size - 1, 0));
    CHECK(qr.dark(0, qr.size - 1));
    CHECK_FALSE(qr.dark(7, 7));  // the separator around the top-left finder
}

TEST_CASE("Encoding rejects empty, NUL-containing and oversized texts", "[qr]") {
    const Result<QrCode> empty = qr_encode("", EccLevel::M);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == Errc::invalid_argument);

    const Result<QrCode> with_nul = qr_encode(std::string_view("BD1:AB\0CD", 9), EccLevel::M);
    REQUIRE_FALSE(with_nul.ok());
    CHECK(with_nul.error().code == Errc::invalid_argument);

    const std::string long_text = certificate_like_text(2996);
    CHECK(qr_encode(long_text, EccLevel::L).ok());
    const Result<QrCode> too_long = qr_encode(long_text, EccLevel::H);
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().code == Errc::limit_exceeded);
    CHECK(too_long.error().message.find("too long") != std::string::npos);

    const Result<QrCode> far_too_long = qr_encode(std::string(8000, 'a'), EccLevel::L);
    REQUIRE_FALSE(far_too_long.ok());
    CHECK(far_too_long.error().code == Errc::limit_exceeded);
}

TEST_CASE("PNG round trip through the reader", "[qr]") {
    const std::string text = certificate_like_text(496);
    for (EccLevel ecc : {EccLevel::L, EccLevel::M, EccLevel::Q, EccLevel::H}) {
        const QrCode qr = encode(text, ecc);
        for (int module_size : {2, 4, 7}) {
            CAPTURE(static_cast<int>(ecc), module_size);
            const Result<std::string> read = qr_read_image(to_png(qr, module_size));
            REQUIRE(read.ok());
            CHECK(*read == text);
        }
    }
}

TEST_CASE("Texts outside the alphanumeric set round trip in byte mode", "[qr]") {
    for (const std::string text : {"https://example.org/verify?id=abc123", "পৌরসভা সনদ: জন্ম নিবন্ধন",
                                   "BD1:lower-case and UPPER 0123"}) {
        CAPTURE(text);
        const Result<std::string> read = qr_read_image(to_png(encode(text, EccLevel::M), 4, 4));
        REQUIRE(read.ok());
        CHECK(*read == text);
    }
}

TEST_CASE("PNG dimensions and option validation", "[qr]") {
    const QrCode qr = encode("BD1:SIZE CHECK", EccLevel::Q);
    const Bytes png = to_png(qr, 3, 2);
    REQUIRE(png.size() > 33);
    CHECK(std::equal(png.begin(), png.begin() + 8, Bytes{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}.begin()));
    const std::uint32_t expected_side = static_cast<std::uint32_t>((qr.size + 4) * 3);
    CHECK(read_big_endian(png, 16) == expected_side);
    CHECK(read_big_endian(png, 20) == expected_side);

    CHECK(qr_to_png(qr, QrRenderOptions{1, 0}).ok());
    CHECK(qr_to_png(qr, QrRenderOptions{100, 100}).ok());
    for (const QrRenderOptions bad : {QrRenderOptions{0, 4}, QrRenderOptions{101, 4}, QrRenderOptions{8, -1},
                                      QrRenderOptions{8, 101}}) {
        const Result<Bytes> rejected = qr_to_png(qr, bad);
        REQUIRE_FALSE(rejected.ok());
        CHECK(rejected.error().code == Errc::invalid_argument);
    }

    QrCode inconsistent = qr;
    inconsistent.modules.pop_back();
    const Result<Bytes> rejected = qr_to_png(inconsistent);
    REQUIRE_FALSE(rejected.ok());
    CHECK(rejected.error().code == Errc::invalid_argument);
}

TEST_CASE("SVG rendering", "[qr]") {
    const QrCode qr = encode("BD1:SVG TEST", EccLevel::M);
    const int extent = qr.size + 2 * 4;
    const std::string svg = qr_to_svg(qr, QrRenderOptions{5, 4}).value();

    CHECK(svg.rfind("<svg ", 0) == 0);
    CHECK(svg.find("xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
    const std::string extent_text = std::to_string(extent);
    CHECK(svg.find("viewBox=\"0 0 " + extent_text + " " + extent_text + "\"") != std::string::npos);
    CHECK(svg.find("width=\"" + std::to_string(extent * 5) + "\"") != std::string::npos);
    CHECK(svg.find("height=\"" + std::to_string(extent * 5) + "\"") != std::string::npos);
    CHECK(svg.find("shape-rendering=\"crispEdges\"") != std::string::npos);
    CHECK(svg.find("fill=\"#fff\"") != std::string::npos);
    CHECK(svg.find("<path") != std::string::npos);
    CHECK(svg.find("<path", svg.find("<path") + 1) == std::string::npos);
    CHECK(svg.size() >= 7);
    CHECK(svg.compare(svg.size() - 7, 7, "</svg>\n") == 0);

    // One subpath per horizontal run of dark modules.
    int runs = 0;
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size; ++x) {
            if (qr.dark(x, y) && (x == 0 || !qr.dark(x - 1, y))) {
                ++runs;
            }
        }
    }
    CHECK(std::count(svg.begin(), svg.end(), 'M') == runs);
    // The top-left finder's first row is a run of 7 starting after the quiet zone.
    CHECK(svg.find("d=\"M4 4h7v1h-7z") != std::string::npos);

    // The smallest options accepted: one unit per module, no quiet zone.
    const std::string smallest = qr_to_svg(qr, QrRenderOptions{1, 0}).value();
    CHECK(smallest.find("width=\"" + std::to_string(qr.size) + "\"") != std::string::npos);
    CHECK(smallest.find("d=\"M0 0h7v1h-7z") != std::string::npos);
}

TEST_CASE("Every renderer refuses the same out-of-range options and malformed symbols", "[qr]") {
    const QrCode qr = encode("BD1:OPTIONS", EccLevel::M);
    QrCode inconsistent = qr;
    inconsistent.modules.pop_back();
    const auto refused = [](const auto& rendered, std::string_view about) {
        REQUIRE_FALSE(rendered.ok());
        CHECK(rendered.error().code == Errc::invalid_argument);
        CHECK(rendered.error().message.find(about) != std::string::npos);
    };
    for (const QrRenderOptions options : {QrRenderOptions{0, 4}, QrRenderOptions{101, 4}, QrRenderOptions{-8, 4}}) {
        CAPTURE(options.module_size);
        refused(qr_to_svg(qr, options), "module size");
        refused(qr_to_png(qr, options), "module size");
    }
    for (const int quiet_zone : {-1, 101}) {
        CAPTURE(quiet_zone);
        refused(qr_to_svg(qr, QrRenderOptions{4, quiet_zone}), "quiet zone");
        refused(qr_to_png(qr, QrRenderOptions{4, quiet_zone}), "quiet zone");
        refused(qr_to_text(qr, quiet_zone), "quiet zone");
    }
    refused(qr_to_svg(inconsistent), "modules");
    refused(qr_to_png(inconsistent), "modules");
    refused(qr_to_text(inconsistent), "modules");
    // The limits themselves are accepted.
    CHECK(qr_to_svg(qr, QrRenderOptions{100, 100}).ok());
    CHECK(qr_to_png(qr, QrRenderOptions{1, 0}).ok());
    CHECK(qr_to_text(qr, 100).ok());
}

TEST_CASE("Terminal text rendering", "[qr]") {
    const QrCode qr = encode("BD1:TERMINAL", EccLevel::L);
    REQUIRE(qr.size % 2 == 1);  // every QR size is odd

    for (int quiet_zone : {0, 1, 2, 4}) {
        CAPTURE(quiet_zone);
        const int extent = qr.size + 2 * quiet_zone;
        const std::vector<std::string> lines = split_lines(qr_to_text(qr, quiet_zone).value());
        REQUIRE(static_cast<int>(lines.size()) == (extent + 1) / 2);
        for (const std::string& line : lines) {
            CHECK(count_code_points(line) == extent);
        }
    }

    // Light modules are drawn in the terminal's (light) text colour.
    const std::vector<std::string> padded = split_lines(qr_to_text(qr, 2).value());
    std::string full_blocks;
    for (int i = 0; i < qr.size + 4; ++i) {
        full_blocks += "\u2588";
    }
    CHECK(padded.front() == full_blocks);
    // The last line's lower half lies below the symbol and stays blank.
    CHECK(padded.back().find("\u2584") == std::string::npos);

    // Without a quiet zone, the first line shows the top-left finder's first
    // two rows (7 dark; dark, 5 light, dark) and then the light separator.
    const std::vector<std::string> bare = split_lines(qr_to_text(qr, 0).value());
    CHECK(bare.front().rfind(" \u2584\u2584\u2584\u2584\u2584 \u2588", 0) == 0);
}

TEST_CASE("Reading rejects what is not an image with a QR code", "[qr]") {
    const auto expect_error = [](const Bytes& file, Errc code) {
        const Result<std::string> read = qr_read_image(file);
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().code == code);
        CHECK_FALSE(read.error().message.empty());
    };

    expect_error({}, Errc::invalid_argument);
    expect_error(Bytes{'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0}, Errc::unsupported);

    std::mt19937 generator(7);
    std::uniform_int_distribution<int> byte(0, 255);
    Bytes random_bytes(4096);
    std::generate(random_bytes.begin(), random_bytes.end(), [&] { return static_cast<std::uint8_t>(byte(generator)); });
    random_bytes[0] = 0;  // neither signature
    expect_error(random_bytes, Errc::unsupported);

    const Bytes png = to_png(encode("BD1:TRUNCATED", EccLevel::M));
    // The last cut keeps all but the end of the image data (IEND and the
    // final CRC are 16 bytes).
    for (std::size_t length : {std::size_t{8}, std::size_t{20}, std::size_t{40}, png.size() / 2, png.size() - 20}) {
        CAPTURE(length);
        expect_error(Bytes(png.begin(), png.begin() + static_cast<std::ptrdiff_t>(length)), Errc::malformed_input);
    }
    Bytes png_signature_then_noise = random_bytes;
    std::copy(png.begin(), png.begin() + 8, png_signature_then_noise.begin());
    expect_error(png_signature_then_noise, Errc::malformed_input);

    Bytes jpeg_marker_then_noise = random_bytes;
    const std::uint8_t jpeg_start[] = {0xFF, 0xD8, 0xFF};
    std::copy(std::begin(jpeg_start), std::end(jpeg_start), jpeg_marker_then_noise.begin());
    expect_error(jpeg_marker_then_noise, Errc::malformed_input);
    // A header with no tables or image data after it.
    expect_error(jpeg_header_only(64, 64), Errc::malformed_input);

    QrCode blank;
    blank.size = 21;
    blank.modules.assign(21 * 21, 0);
    const Result<std::string> nothing = qr_read_image(to_png(blank));
    REQUIRE_FALSE(nothing.ok());
    CHECK(nothing.error().code == Errc::malformed_input);
    CHECK(nothing.error().message == "no QR code found in the image");
}

TEST_CASE("Reading refuses absurd dimensions before decoding", "[qr]") {
    for (const auto& [width, height] : {std::pair{20001u, 1u}, std::pair{1u, 20001u}, std::pair{12000u, 9000u},
                                        std::pair{0x7FFFFFFFu, 0x7FFFFFFFu}}) {
        CAPTURE(width, height);
        const Result<std::string> read = qr_read_image(png_header_only(width, height));
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().code == Errc::limit_exceeded);
    }
    for (const auto& [width, height] : {std::pair<std::uint16_t, std::uint16_t>{30000, 10},
                                        std::pair<std::uint16_t, std::uint16_t>{12000, 9000}}) {
        CAPTURE(width, height);
        const Result<std::string> read = qr_read_image(jpeg_header_only(width, height));
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().code == Errc::limit_exceeded);
    }
    // Within the limits, the same headers fail only for want of image data.
    const Result<std::string> small = qr_read_image(png_header_only(20000, 5000));
    REQUIRE_FALSE(small.ok());
    CHECK(small.error().code == Errc::malformed_input);
}

TEST_CASE("Reading a photographed QR code from a JPEG", "[qr]") {
    // Rendered, rotated by a few degrees, tinted, blurred, scaled and saved as
    // a colour JPEG at quality 60, like a phone snapshot of a printout.
    const Bytes photo = read_test_file("photo.jpg");
    const std::string text = "BD1:6BFA:3E7T0Z$.PB+VT7YG7.1L4%Q9OAZP70*F7XPUH3D.SBM9J2*8K$VN-PC0QLW4VS:ZTVMH4GUUV";
    const Result<std::string> read = qr_read_image(photo);
    REQUIRE(read.ok());
    CHECK(*read == text);

    // A truncated photo either still decodes (libjpeg pads the rest with gray)
    // to the same text, or reports an error; it never crashes.
    for (std::size_t length : {photo.size() / 4, photo.size() / 2, photo.size() - 2}) {
        CAPTURE(length);
        const Result<std::string> partial = qr_read_image(Bytes(photo.begin(), photo.begin() + static_cast<std::ptrdiff_t>(length)));
        if (partial.ok()) {
            CHECK(*partial == text);
        } else {
            CHECK(partial.error().code == Errc::malformed_input);
        }
    }
    // Cut just before its end marker, the photo still holds every scan line.
    const Result<std::string> nearly_whole = qr_read_image(Bytes(photo.begin(), photo.end() - 2));
    REQUIRE(nearly_whole.ok());
    CHECK(*nearly_whole == text);
}

TEST_CASE("Reading refuses a progressive JPEG with hundreds of scans", "[qr]") {
    // 8x8 gray, 641 valid scans: each AC coefficient in its own band, refined
    // one bit at a time. Each scan costs a pass over the whole image.
    const Result<std::string> read = qr_read_image(read_test_file("many_scans.jpg"));
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == Errc::limit_exceeded);
}

TEST_CASE("Reading a PNG with an alpha channel treats transparency as white", "[qr]") {
    // Dark modules on a fully transparent background, 8-bit RGBA.
    const Result<std::string> read = qr_read_image(read_test_file("transparent.png"));
    REQUIRE(read.ok());
    CHECK(*read == "BD1:TRANSPARENT BACKGROUND");
}

TEST_CASE("Damaged images never crash the reader, and never read as another text", "[qr]") {
    const std::string png_text = certificate_like_text(100);
    const Bytes png = to_png(encode(png_text, EccLevel::M), 3, 4);
    const Bytes jpeg = read_test_file("photo.jpg");
    REQUIRE(qr_read_image(jpeg).ok());
    const std::string jpeg_text = *qr_read_image(jpeg);
    std::mt19937 generator(99);
    for (const auto& [original, text] : {std::pair{&png, &png_text}, std::pair{&jpeg, &jpeg_text}}) {
        for (int round = 0; round < 40; ++round) {
            Bytes damaged = *original;
            std::uniform_int_distribution<std::size_t> position(8, damaged.size() - 1);
            std::uniform_int_distribution<int> value(0, 255);
            for (int flip = 0; flip < 1 + round % 8; ++flip) {
                damaged[position(generator)] = static_cast<std::uint8_t>(value(generator));
            }
            CAPTURE(original == &png ? "png" : "jpeg", round);
            const Result<std::string> read = qr_read_image(damaged);
            if (read.ok()) {
                CHECK(*read == *text);
            } else {
                CHECK((read.error().code == Errc::malformed_input || read.error().code == Errc::limit_exceeded));
                CHECK_FALSE(read.error().message.empty());
            }
        }
    }
}
