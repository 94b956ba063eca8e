#include <poura/hex.hpp>

#include <string>

namespace poura {

std::string to_hex(const Bytes& data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(data.size() * 2);
    for (std::uint8_t byte : data) {
        hex.push_back(kDigits[byte >> 4]);
        hex.push_back(kDigits[byte & 0x0f]);
    }
    return hex;
}

namespace {

int hex_digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Result<Bytes> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return make_error(Errc::malformed_input,
                          "hex text has an odd number of digits (" + std::to_string(hex.size()) + ")");
    }
    Bytes data;
    data.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = hex_digit_value(hex[i]);
        const int low = hex_digit_value(hex[i + 1]);
        if (high < 0 || low < 0) {
            const std::size_t bad = high < 0 ? i : i + 1;
            return make_error(Errc::malformed_input, "not a hex digit at offset " + std::to_string(bad));
        }
        data.push_back(static_cast<std::uint8_t>(high << 4 | low));
    }
    return data;
}

}  // namespace poura
