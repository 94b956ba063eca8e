#include "codec/base45.hpp"

#include <array>

namespace poura::base45 {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

constexpr std::array<signed char, 256> make_decode_table() {
    std::array<signed char, 256> table{};
    for (auto& entry : table) entry = -1;
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
    return table;
}
constexpr auto kDecode = make_decode_table();

}  // namespace

std::string encode(const Bytes& data) {
    std::string out;
    out.reserve(data.size() / 2 * 3 + 2);
    std::size_t i = 0;
    for (; i + 1 < data.size(); i += 2) {
        unsigned value = data[i] * 256u + data[i + 1];
        out += kAlphabet[value % 45];
        out += kAlphabet[value / 45 % 45];
        out += kAlphabet[value / 2025];
    }
    if (i < data.size()) {
        unsigned value = data[i];
        out += kAlphabet[value % 45];
        out += kAlphabet[value / 45];
    }
    return out;
}

Result<Bytes> decode(std::string_view text) {
    if (text.size() % 3 == 1)
        return make_error(Errc::malformed_input, "base45: length leaves a single character over");
    Bytes out;
    out.reserve(text.size() / 3 * 2 + 1);
    auto digit = [&](std::size_t pos, unsigned& value) {
        signed char d = kDecode[static_cast<unsigned char>(text[pos])];
        if (d < 0) return false;
        value = static_cast<unsigned>(d);
        return true;
    };
    std::size_t i = 0;
    unsigned c = 0, d = 0, e = 0;
    for (; i + 2 < text.size(); i += 3) {
        if (!digit(i, c) || !digit(i + 1, d) || !digit(i + 2, e))
            return make_error(Errc::malformed_input, "base45: character outside the alphabet near position " +
                                                         std::to_string(i));
        unsigned value = c + d * 45 + e * 2025;
        if (value > 0xFFFF) return make_error(Errc::malformed_input, "base45: triplet value above 65535");
        out.push_back(static_cast<std::uint8_t>(value >> 8));
        out.push_back(static_cast<std::uint8_t>(value & 0xFF));
    }
    if (i < text.size()) {
        if (!digit(i, c) || !digit(i + 1, d))
            return make_error(Errc::malformed_input, "base45: character outside the alphabet near position " +
                                                         std::to_string(i));
        unsigned value = c + d * 45;
        if (value > 0xFF) return make_error(Errc::malformed_input, "base45: pair value above 255");
        out.push_back(static_cast<std::uint8_t>(value));
    }
    return out;
}

}  // namespace poura::base45
