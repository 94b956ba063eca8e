#include "handles.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <shared_mutex>
#include <unordered_map>

namespace poura::capi {
namespace {

// Addresses are kept bit-inverted, so the registry holds no pointer to a
// handle: a handle the program never frees is then still a leak to valgrind
// and LeakSanitizer, rather than memory the registry can reach.
std::uintptr_t disguised(const void* address) { return ~reinterpret_cast<std::uintptr_t>(address); }

class Registry {
public:
    void add(const void* address, std::uint32_t magic) {
        std::unique_lock lock(mutex_);
        live_[disguised(address)] = magic;
    }
    std::uint32_t find(const void* address) const {
        std::shared_lock lock(mutex_);
        auto it = live_.find(disguised(address));
        return it == live_.end() ? 0 : it->second;
    }
    bool remove(const void* address, std::uint32_t magic) {
        std::unique_lock lock(mutex_);
        auto it = live_.find(disguised(address));
        if (it == live_.end() || it->second != magic) return false;
        live_.erase(it);
        return true;
    }

private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::uintptr_t, std::uint32_t> live_;
};

// Never destroyed: a program may free its handles from an atexit handler or a
// static destructor that runs after this library's statics are gone.
Registry& registry() {
    static Registry* const instance = new Registry;
    return *instance;
}

thread_local std::string last_error;

}  // namespace

[[noreturn]] void fail(int status, std::string message) { throw Failure{status, std::move(message)}; }

void take(Status status) {
    if (!status) fail(static_cast<int>(status.error().code), std::move(status).error().message);
}

void set_last_error(std::string_view message) noexcept {
    try {
        last_error.assign(message);
    } catch (...) {
        last_error.clear();
    }
}

void register_handle(const void* address, std::uint32_t magic) { registry().add(address, magic); }

std::uint32_t live_handle_magic(const void* address) noexcept {
    try {
        return registry().find(address);
    } catch (...) {
        return 0;
    }
}

bool unregister_handle(const void* address, std::uint32_t magic) noexcept {
    try {
        return registry().remove(address, magic);
    } catch (...) {
        return false;
    }
}

std::string_view text(const char* value, const char* name) {
    require(value, name);
    return value;
}

std::string_view optional_text(const char* value) { return value == nullptr ? std::string_view() : value; }

Bytes bytes(const uint8_t* data, size_t size, const char* name) {
    if (size > 0) require(data, name);
    return Bytes(data, data + size);
}

std::string read_file(const char* path) {
    require(path, "path");
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path, "rb"), &std::fclose);
    if (!file) fail(POURA_ERROR_IO, std::string(path) + ": " + std::strerror(errno));
    std::string content;
    char chunk[65536];
    std::size_t got;
    while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) content.append(chunk, got);
    if (std::ferror(file.get())) fail(POURA_ERROR_IO, std::string(path) + ": " + std::strerror(errno));
    return content;
}

bool is_bangla(int language) {
    if (language == POURA_LANGUAGE_BN) return true;
    if (language == POURA_LANGUAGE_EN) return false;
    fail(POURA_ERROR_INVALID_ARGUMENT, "language must be POURA_LANGUAGE_BN or POURA_LANGUAGE_EN");
}

}  // namespace poura::capi

extern "C" const char* poura_last_error(void) { return poura::capi::last_error.c_str(); }
