// The machinery behind every entry point of poura.h: the guard that turns
// failures and C++ exceptions into status codes, the per-thread last-error
// message, and the registry of live handles that lets a freed, foreign or
// mistyped handle be refused without reading its memory.
#pragma once

#include <poura.h>
#include <poura/result.hpp>

#include <cstdint>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace poura::capi {

// Thrown inside an entry point, turned into its status by guarded().
struct Failure {
    int status;
    std::string message;
};

[[noreturn]] void fail(int status, std::string message);

// The status of a C++ Result's error; its message becomes the last error.
template <typename T>
T take(Result<T> result) {
    if (!result) fail(static_cast<int>(result.error().code), std::move(result).error().message);
    return std::move(result).value();
}
void take(Status status);

void set_last_error(std::string_view message) noexcept;

// Runs the body of an entry point: clears the last error, and returns the
// body's status, or the status of whatever it threw. Nothing escapes.
template <typename Body>
int guarded(Body&& body) noexcept {
    set_last_error({});
    try {
        body();
        return POURA_OK;
    } catch (const Failure& failure) {
        set_last_error(failure.message);
        return failure.status;
    } catch (const std::bad_alloc&) {
        set_last_error("out of memory");
        return POURA_ERROR_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        set_last_error(std::string("internal error: ") + e.what());
        return POURA_ERROR_INTERNAL;
    } catch (...) {
        set_last_error("internal error: unknown exception");
        return POURA_ERROR_INTERNAL;
    }
}

// A handle type's magic number: its four ASCII letters read as one big-endian
// number ("PBUF" is 0x50425546), so a memory dump shows whose it is.
constexpr std::uint32_t magic(const char (&letters)[5]) {
    return std::uint32_t(std::uint8_t(letters[0])) << 24 | std::uint32_t(std::uint8_t(letters[1])) << 16 |
           std::uint32_t(std::uint8_t(letters[2])) << 8 | std::uint32_t(std::uint8_t(letters[3]));
}

// What a handle lends besides its value's own strings: nothing, or texts made
// on first use (LazyText members).
struct NoTexts {};

// Every opaque handle of poura.h is one of these: one value of the C++ API,
// under a magic number of its own that the registry of live handles records
// for the handle's address. POURA_C_HANDLE declares one. Handles are never
// copied: the address is the handle.
template <std::uint32_t Magic, typename Value, typename Texts = NoTexts>
struct Handle {
    static constexpr std::uint32_t kMagic = Magic;

    template <typename... Args>
    explicit Handle(Args&&... args) : value(std::forward<Args>(args)...) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    Value value;
    Texts texts;
};

// The live handles: the magic number of the handle at each address.
void register_handle(const void* address, std::uint32_t magic);
// The magic number of the handle live at this address, or 0 when none is.
std::uint32_t live_handle_magic(const void* address) noexcept;
// Unregisters the handle at this address when it is live and of this type.
bool unregister_handle(const void* address, std::uint32_t magic) noexcept;

template <typename T>
void require(const T* pointer, const char* name) {
    if (pointer == nullptr) fail(POURA_ERROR_NULL_POINTER, std::string(name) + " is NULL");
}

// A handle argument, after checking that it is live and of type H.
template <typename H>
H& live(H* handle, const char* name) {
    require(handle, name);
    if (live_handle_magic(handle) != H::kMagic)
        fail(POURA_ERROR_BAD_HANDLE, std::string(name) + " is not a live " + H::kTypeName + " handle");
    return *handle;
}

// The C++ value behind a handle argument, after the same checks.
template <typename H>
auto& use(H* handle, const char* name) {
    return live(handle, name).value;
}

// Checks an out-pointer and clears what it points to, so that a failed call
// leaves NULL behind.
template <typename T>
T** out_pointer(T** out, const char* name) {
    require(out, name);
    *out = nullptr;
    return out;
}

// A new, registered handle.
template <typename H, typename... Args>
H* make_handle(Args&&... args) {
    auto* handle = new H(std::forward<Args>(args)...);
    try {
        register_handle(handle, H::kMagic);
    } catch (...) {
        delete handle;
        throw;
    }
    return handle;
}

// The body of every poura_x_free.
template <typename H>
int free_handle(H* handle) noexcept {
    return guarded([&] {
        if (handle == nullptr) return;
        if (!unregister_handle(handle, H::kMagic))
            fail(POURA_ERROR_BAD_HANDLE, std::string("not a live ") + H::kTypeName + " handle");
        delete handle;
    });
}

// A text argument that must not be NULL.
std::string_view text(const char* value, const char* name);
// A text argument for which NULL means "".
std::string_view optional_text(const char* value);

// A byte-array argument; data may be NULL only when size is 0.
Bytes bytes(const uint8_t* data, size_t size, const char* name);

std::string read_file(const char* path);

// Language, as POURA_LANGUAGE_*.
bool is_bangla(int language);

}  // namespace poura::capi

// Declares the handle type `name` of poura.h (a struct, so that the header's
// `typedef struct name name;` names it) holding a value of the given type,
// and optionally the texts it makes on first use:
//   POURA_C_HANDLE(poura_bill, "PBIL", poura::fees::Bill, BillTexts);
#define POURA_C_HANDLE(name, letters, ...)                                                 \
    struct name final : poura::capi::Handle<poura::capi::magic(letters), __VA_ARGS__> {    \
        static constexpr const char* kTypeName = #name;                                    \
        using Handle::Handle;                                                               \
    }
