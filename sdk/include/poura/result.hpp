// Operational failures as values: every fallible entry point returns Result<T>.
#pragma once

#include <poura/codes.hpp>
#include <poura/export.hpp>

#include <cstdint>
#include <stdexcept>
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

// Thrown by Result's accessors when called on the wrong side: value() on a
// failure, error() on a success. Either is a bug in the caller, never an
// operational failure, so it is an exception rather than a Result.
class POURA_API BadResultAccess : public std::logic_error {
public:
    explicit BadResultAccess(const std::string& what) : std::logic_error(what) {}
};

// Result<T>: either a value or an Error. Cheap to move.
// The contract: ok() and operator bool never throw; value(), operator* and
// operator-> require ok(), error() requires !ok(), and each throws
// BadResultAccess when that does not hold (value() names the error it found).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(Error error) : data_(std::move(error)) {}

    bool ok() const noexcept { return data_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return value_of(data_); }
    const T& value() const& { return value_of(data_); }
    T&& value() && { return std::move(value_of(data_)); }
    T* operator->() { return &value_of(data_); }
    const T* operator->() const { return &value_of(data_); }
    T& operator*() & { return value_of(data_); }
    const T& operator*() const& { return value_of(data_); }

    const Error& error() const& { return error_of(data_); }
    Error&& error() && { return std::move(error_of(data_)); }

private:
    // One check for the const and non-const accessors alike.
    template <typename Data>
    static auto& value_of(Data& data) {
        if (const auto* error = std::get_if<1>(&data)) {
            throw BadResultAccess("Result::value() called on an error: " + error->message);
        }
        return *std::get_if<0>(&data);
    }
    template <typename Data>
    static auto& error_of(Data& data) {
        if (auto* error = std::get_if<1>(&data)) {
            return *error;
        }
        throw BadResultAccess("Result::error() called on a success");
    }

    std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return ok(); }
    const Error& error() const& {
        check_failed();
        return error_;
    }
    Error&& error() && {
        check_failed();
        return std::move(error_);
    }

private:
    void check_failed() const {
        if (!failed_) {
            throw BadResultAccess("Status::error() called on a success");
        }
    }

    Error error_;
    bool failed_ = false;
};

using Status = Result<void>;

inline Error make_error(Errc code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace poura
