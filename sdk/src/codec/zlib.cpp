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

Result<Bytes> inflate(const Bytes& data, std::size_t max_size) {
    if (data.size() > UINT32_MAX / 2) return make_error(Errc::limit_exceeded, "zlib: compressed input too large");
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) return make_error(Errc::internal, "zlib: cannot initialise");
    stream.next_in = const_cast<Bytef*>(data.data());
    stream.avail_in = static_cast<uInt>(data.size());

    Bytes out;
    std::uint8_t chunk[4096];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = chunk;
        stream.avail_out = sizeof chunk;
        status = ::inflate(&stream, Z_NO_FLUSH);
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
    return out;
}

}  // namespace poura::zlib
