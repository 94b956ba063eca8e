#include "codec/scsu.hpp"

#include "core/text.hpp"

#include <array>

namespace poura::scsu {
namespace {

// Tag bytes of single-byte mode (UTS #6, section 5).
constexpr std::uint8_t kSQ0 = 0x01, kSDX = 0x0B, kSQU = 0x0E, kSCU = 0x0F, kSC0 = 0x10, kSD0 = 0x18;
// Tag bytes of Unicode mode; UR (0xF2) is reserved. Every other byte, 0xF3..0xFF
// included, is the high byte of a UTF-16 code unit.
constexpr std::uint8_t kUC0 = 0xE0, kUD0 = 0xE8, kUQU = 0xF0, kUDX = 0xF1, kUR = 0xF2;

constexpr std::array<char32_t, 8> kStaticWindows = {0x0000, 0x0080, 0x0100, 0x0300, 0x2000, 0x2080, 0x2100, 0x3000};
constexpr std::array<char32_t, 8> kInitialDynamicWindows = {0x0080, 0x00C0, 0x0400, 0x0600,
                                                            0x0900, 0x3040, 0x30A0, 0xFF00};

// The window offset an SDn/UDn index byte selects; 0 for a reserved index.
char32_t window_offset(std::uint8_t index) {
    if (index >= 0x01 && index <= 0x67) return char32_t{index} * 0x80;
    if (index >= 0x68 && index <= 0xA7) return char32_t{index} * 0x80 + 0xAC00;
    switch (index) {
        case 0xF9: return 0x00C0;
        case 0xFA: return 0x0250;
        case 0xFB: return 0x0370;
        case 0xFC: return 0x0530;
        case 0xFD: return 0x3040;
        case 0xFE: return 0x30A0;
        case 0xFF: return 0xFF60;
        default: return 0;
    }
}

void quote_utf16(Bytes& out, char32_t cp) {
    auto unit = [&](char32_t u) {
        out.push_back(kSQU);
        out.push_back(static_cast<std::uint8_t>(u >> 8));
        out.push_back(static_cast<std::uint8_t>(u & 0xFF));
    };
    if (cp < 0x10000) {
        unit(cp);
    } else {
        const char32_t v = cp - 0x10000;
        unit(0xD800 + (v >> 10));
        unit(0xDC00 + (v & 0x3FF));
    }
}

class Decoder {
public:
    Decoder(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    Result<std::string> run() {
        // A byte gives at most one character, of at most four UTF-8 bytes
        // (a window above U+FFFF): the output is sized once, then cut.
        out_.resize(size_ * 4);
        while (pos_ < size_) {
            if (!unicode_mode_ && !pending_high_) window_run();
            if (pos_ == size_) break;
            const bool ok = unicode_mode_ ? unicode_step() : single_byte_step();
            if (!ok) return make_error(Errc::malformed_input, "scsu: " + problem_);
        }
        if (pending_high_) return make_error(Errc::malformed_input, "scsu: unpaired surrogate at the end");
        out_.resize(written_);
        return std::move(out_);
    }

private:
    // The bulk of Bangla text in one loop: bytes of the active window and
    // printable ASCII, up to the first tag byte, which the steps take. No
    // window reaches a surrogate or beyond U+10FFFF (window_offset and
    // define_extended_window), so emit()'s check is not needed here.
    void window_run() {
        const char32_t window = dynamic_[active_] - 0x80;
        const std::size_t end = size_;
        char* out = &out_[0];
        std::size_t pos = pos_, written = written_;
        for (; pos < end; ++pos) {
            const std::uint8_t b = data_[pos];
            if (b >= 0x80) written += text::write_utf8(out + written, window + b);
            else if (b >= 0x20) out[written++] = static_cast<char>(b);
            else break;
        }
        pos_ = pos;
        written_ = written;
    }

    bool single_byte_step() {
        const std::uint8_t b = data_[pos_++];
        if (b >= 0x80) return emit(dynamic_[active_] + (b - 0x80));
        if (b >= 0x20 || b == 0x00 || b == 0x09 || b == 0x0A || b == 0x0D) return emit(b);
        if (b >= kSQ0 && b < kSQ0 + 8) {
            std::uint8_t next;
            if (!take(next)) return false;
            const int window = b - kSQ0;
            return emit(next < 0x80 ? kStaticWindows[window] + next : dynamic_[window] + (next - 0x80));
        }
        if (b >= kSC0 && b < kSC0 + 8) {
            active_ = b - kSC0;
            return true;
        }
        if (b >= kSD0) return define_window(b - kSD0);
        if (b == kSDX) return define_extended_window();
        if (b == kSQU) return quoted_unit();
        if (b == kSCU) {
            unicode_mode_ = true;
            return true;
        }
        return fail("reserved tag byte 0x0C");
    }

    bool unicode_step() {
        const std::uint8_t b = data_[pos_++];
        if (b >= kUC0 && b < kUC0 + 8) {
            active_ = b - kUC0;
            unicode_mode_ = false;
            return true;
        }
        if (b >= kUD0 && b < kUD0 + 8) {
            unicode_mode_ = false;
            return define_window(b - kUD0);
        }
        if (b == kUQU) return quoted_unit();
        if (b == kUDX) {
            unicode_mode_ = false;
            return define_extended_window();
        }
        if (b == kUR) return fail("reserved tag byte 0xF2 in Unicode mode");
        std::uint8_t low;
        if (!take(low)) return false;
        return unit((char32_t{b} << 8) | low);
    }

    bool define_window(int window) {
        std::uint8_t index;
        if (!take(index)) return false;
        const char32_t offset = window_offset(index);
        if (offset == 0) return fail("reserved window offset index");
        dynamic_[window] = offset;
        active_ = window;
        return true;
    }

    bool define_extended_window() {
        std::uint8_t high, low;
        if (!take(high) || !take(low)) return false;
        const int window = high >> 5;
        dynamic_[window] = 0x10000 + 0x80 * ((char32_t{high & 0x1Fu} << 8) | low);
        active_ = window;
        return true;
    }

    bool quoted_unit() {
        std::uint8_t high, low;
        if (!take(high) || !take(low)) return false;
        return unit((char32_t{high} << 8) | low);
    }

    // A UTF-16 code unit: surrogates must come in high-low pairs.
    bool unit(char32_t u) {
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (pending_high_) return fail("two high surrogates in a row");
            pending_high_ = u;
            return true;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            if (!pending_high_) return fail("low surrogate without a high one");
            const char32_t cp = 0x10000 + ((pending_high_ - 0xD800) << 10) + (u - 0xDC00);
            pending_high_ = 0;
            return emit(cp);
        }
        return emit(u);
    }

    bool emit(char32_t cp) {
        if (pending_high_) return fail("high surrogate not followed by a low one");
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail("not a Unicode scalar value");
        written_ += text::write_utf8(&out_[written_], cp);
        return true;
    }

    bool take(std::uint8_t& b) {
        if (pos_ >= size_) return fail("truncated after a tag");
        b = data_[pos_++];
        return true;
    }

    bool fail(const char* why) {
        problem_ = why;
        return false;
    }

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    std::array<char32_t, 8> dynamic_ = kInitialDynamicWindows;
    int active_ = 0;
    bool unicode_mode_ = false;
    char32_t pending_high_ = 0;
    std::string out_;
    std::size_t written_ = 0;
    std::string problem_;
};

}  // namespace

Bytes encode(std::string_view utf8) {
    const std::u32string points = text::decode_utf8(utf8);
    // One dynamic window, over the half-block (0x80 code points) holding the
    // first character above Latin-1: for Bangla, U+0980..U+09FF.
    char32_t window = 0;
    for (char32_t cp : points)
        if (cp >= 0x0100 && cp < 0x3400) {
            window = cp & ~char32_t{0x7F};
            break;
        }
    Bytes out;
    if (window != 0) {
        out.push_back(kSD0);
        out.push_back(static_cast<std::uint8_t>(window / 0x80));
    }
    for (char32_t cp : points) {
        if (window != 0 && cp >= window && cp < window + 0x80) {
            out.push_back(static_cast<std::uint8_t>(0x80 + (cp - window)));
        } else if (cp >= 0x20 && cp < 0x80) {
            out.push_back(static_cast<std::uint8_t>(cp));
        } else if (cp < 0x80) {
            out.push_back(kSQ0);  // static window 0 quotes the control characters
            out.push_back(static_cast<std::uint8_t>(cp));
        } else if (cp >= 0x80 && cp < 0x100) {
            out.push_back(kSQ0 + 1);
            out.push_back(static_cast<std::uint8_t>(cp - 0x80));
        } else if (cp >= 0x2000 && cp < 0x2080) {
            out.push_back(kSQ0 + 4);  // ZWJ, ZWNJ and general punctuation
            out.push_back(static_cast<std::uint8_t>(cp - 0x2000));
        } else {
            quote_utf16(out, cp);
        }
    }
    return out;
}

Result<std::string> decode(const std::uint8_t* data, std::size_t size) { return Decoder(data, size).run(); }

}  // namespace poura::scsu
