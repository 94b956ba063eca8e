// What every part of the extension shares: errors as poura.Error exceptions,
// JSON to Python and back, times and bytes.
#pragma once

#include <poura/poura.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace poura::python {

namespace py = pybind11;

// An instance of the poura.Error subclass for the error's code, not raised:
// batch calls return it in place of a result.
py::object error_object(const Error& error);
// Raises the poura.Error subclass for the error's code.
[[noreturn]] void raise_error(const Error& error);
[[noreturn]] inline void raise_error(Errc code, std::string message) { raise_error(Error{code, std::move(message)}); }

template <typename T>
T take(Result<T> result) {
    if (!result) raise_error(result.error());
    return std::move(result).value();
}

inline void check(const Status& status) {
    if (!status) raise_error(status.error());
}

// JSON values as Python objects: objects become dicts, arrays lists.
py::object to_python(const nlohmann::json& value);
// A Python value as JSON: dict, list, tuple, str, int, float, bool, None;
// Decimal as its text (money); date as "YYYY-MM-DD". Anything else is a TypeError.
nlohmann::json from_python(py::handle value);

// A time given as unix seconds (int or float), an aware datetime, a date
// (midnight UTC) or text for parse_time(); None gives nullopt.
std::optional<std::int64_t> time_arg(py::handle value, const char* name);
// The same, with the system clock for None.
std::int64_t time_or_now(py::handle value, const char* name);
// Unix seconds as an aware UTC datetime.
py::object to_datetime(std::int64_t unix_seconds);
py::object to_datetime(const std::optional<std::int64_t>& unix_seconds);

inline py::bytes to_bytes(const Bytes& data) {
    return py::bytes(reinterpret_cast<const char*>(data.data()), data.size());
}
// bytes, bytearray or memoryview (any buffer) as Bytes.
Bytes bytes_arg(py::handle value, const char* name);

// A path (str or os.PathLike) read whole; errors as io_error.
Bytes read_file(py::handle path);

void bind_keys(py::module_& m);
void bind_trust(py::module_& m);
void bind_verify(py::module_& m);
void bind_qr(py::module_& m);
void bind_fees(py::module_& m);
#ifdef POURA_PYTHON_OFFICE
void bind_office(py::module_& m);
void bind_revenue(py::module_& m);
#endif

}  // namespace poura::python
