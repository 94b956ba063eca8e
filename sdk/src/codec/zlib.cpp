#include "codec/zlib.hpp"

#include <zlib.h>

#include <string>

namespace poura::zlib {

bool looks_compressed(const Bytes& data) {
    if (data.size() < 2) return false;
    const unsigned cmf = data[0], flg = data[1];
    const bool deflate_method = (cmf & 0x0F) == 8 && (cmf >> 4) <= 7;
    return deflate_method && (cmf * 256 + flg) % 31 == 0;
}

Bytes compress(const Bytes& data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    Bytes out(size);
    if (compress2(out.data(), &size, data.data(), static_cast<uLong>(data.size()), Z_BEST_COMPRESSION) != Z_OK)
        return {};
    out.resize(size);
    return out;
}

Result<Bytes> inflate(const Bytes& data, std::size_t max_size, Padding padding) {
    if (data.size() > UINT32_MAX / 2) return make_error(Errc::limit_exceeded, "zlib: compressed input too large");
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) return make_error(Errc::internal, "zlib: cannot initialise");
    stream.next_in = const_cast<Bytef*>(data.data());
    stream.avail_in = static_cast<uInt>(data.size());

    Bytes out;
    std::uint8_t chunk[4096];
    int status = Z_OK;
    bool padding_is_zero = true;
    while (status == Z_OK) {
        stream.next_out = chunk;
        stream.avail_out = sizeof chunk;
        // Z_BLOCK stops at every block boundary, where data_type tells (zlib.h)
        // whether the final block has just ended (64 + 128) and how many bits
        // of the last byte read are left over (the low 3 bits): the padding,
        // in that byte's high bits since deflate fills bytes from the bottom.
        status = ::inflate(&stream, Z_BLOCK);
        if (status == Z_OK && (stream.data_type & (64 | 128)) == (64 | 128)) {
            const int unused_bits = stream.data_type & 7;
            if (unused_bits > 0 && (stream.next_in[-1] >> (8 - unused_bits)) != 0) padding_is_zero = false;
        }
        const std::size_t produced = sizeof chunk - stream.avail_out;
        if (out.size() + produced > max_size) {
            inflateEnd(&stream);
            return make_error(Errc::limit_exceeded,
                              "zlib: inflated data exceeds the limit of " + std::to_string(max_size) + " bytes");
        }
        out.insert(out.end(), chunk, chunk + produced);
    }
    const bool trailing = stream.avail_in != 0;
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        return make_error(Errc::malformed_input, "zlib: corrupt or truncated compressed data");
    if (trailing) return make_error(Errc::malformed_input, "zlib: data after the end of the compressed stream");
    if (padding == Padding::must_be_zero && !padding_is_zero)
        return make_error(Errc::malformed_input, "zlib: the unused bits after the last deflate block are not zero");
    return out;
}

}  // namespace poura::zlib
