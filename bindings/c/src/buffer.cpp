// Buffers: the bytes and text the library makes for the caller.
#include "objects.hpp"

namespace poura::capi {

void give(poura_buffer** out, std::string content) { *out = make_handle<poura_buffer>(std::move(content)); }

void give(poura_buffer** out, const Bytes& content) {
    give(out, std::string(content.begin(), content.end()));
}

void lend(const char** out, const std::string& value) { *out = value.c_str(); }

}  // namespace poura::capi

using namespace poura::capi;

extern "C" {

int poura_buffer_data(const poura_buffer* buffer, const uint8_t** out_data, size_t* out_size) {
    return guarded([&] {
        out_pointer(out_data, "out_data");
        require(out_size, "out_size");
        *out_size = 0;
        const auto& b = use(buffer, "buffer");
        *out_data = reinterpret_cast<const uint8_t*>(b.c_str());
        *out_size = b.size();
    });
}

int poura_buffer_string(const poura_buffer* buffer, const char** out_text) {
    return guarded([&] {
        out_pointer(out_text, "out_text");
        lend(out_text, use(buffer, "buffer"));
    });
}

int poura_buffer_free(poura_buffer* buffer) { return free_handle(buffer); }

}  // extern "C"
