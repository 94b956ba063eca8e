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
    const auto digit = [&](std::size_t pos) { return kDecode[static_cast<unsigned char>(text[pos])]; };
    const auto outside_alphabet = [](std::size_t pos) {
        return make_error(Errc::malformed_input,
                          "base45: character outside the alphabet near position " + std::to_string(pos));
    };
    Bytes out(text.size() / 3 * 2 + text.size() % 3 / 2);
    std::uint8_t* write = out.data();
    std::size_t i = 0;
    for (; i + 2 < text.size(); i += 3) {
        const signed char c = digit(i), d = digit(i + 1), e = digit(i + 2);
        if ((c | d | e) < 0) return outside_alphabet(i);  // -1 marks a character outside it
        const unsigned value = static_cast<unsigned>(c) + static_cast<unsigned>(d) * 45 + static_cast<unsigned>(e) * 2025;
        if (value > 0xFFFF) return make_error(Errc::malformed_input, "base45: triplet value above 65535");
        *write++ = static_cast<std::uint8_t>(value >> 8);
        *write++ = static_cast<std::uint8_t>(value & 0xFF);
    }
    if (i < text.size()) {
        const signed char c = digit(i), d = digit(i + 1);
        if ((c | d) < 0) return outside_alphabet(i);
        const unsigned value = static_cast<unsigned>(c) + static_cast<unsigned>(d) * 45;
        if (value > 0xFF) return make_error(Errc::malformed_input, "base45: pair value above 255");
        *write = static_cast<std::uint8_t>(value);
    }
    return out;
}

}  // namespace poura::base45
