// Operational failures as values: every fallible entry point returns Result<T>.
#pragma once

#include <poura/codes.hpp>
#include <poura/export.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace poura {

using Bytes = std::vector<std::uint8_t>;

// Errc, the error codes, comes from codes.hpp, generated from sdk/data/codes.json.

// Stable, machine-readable name of a code ("document_invalid").
POURA_API std::string_view errc_name(Errc code) noexcept;

struct Error {
    Errc code = Errc::internal;
    std::string message;
};

// Result<T>: either a value or an Error. Cheap to move; never throws on access
// through the checked accessors.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(Error error) : data_(std::move(error)) {}

    bool ok() const noexcept { return data_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return std::get<0>(data_); }
    const T& value() const& { return std::get<0>(data_); }
    T&& value() && { return std::get<0>(std::move(data_)); }
    T* operator->() { return &std::get<0>(data_); }
    const T* operator->() const { return &std::get<0>(data_); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const& { return std::get<1>(data_); }
    Error&& error() && { return std::get<1>(std::move(data_)); }

private:
    std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return ok(); }
    const Error& error() const& { return error_; }
    Error&& error() && { return std::move(error_); }

private:
    Error error_;
    bool failed_ = false;
};

using Status = Result<void>;

inline Error make_error(Errc code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace poura
