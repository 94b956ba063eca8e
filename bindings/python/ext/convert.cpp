#include "common.hpp"

#include <cmath>
#include <ctime>
#include <fstream>
#include <iterator>

namespace poura::python {
namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxFileSize = 64 * 1024 * 1024;
static_assert(kMaxFileSize >= trust_bundle_max_size, "every bundle that signs must be readable");
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what a datetime can hold.
constexpr std::int64_t kFirstDatetime = -62135596800;
constexpr std::int64_t kLastDatetime = 253402300799;

nlohmann::json integer_from_python(py::handle value) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    if (overflow == 0) {
        if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
        return static_cast<std::int64_t>(v);
    }
    if (overflow > 0) {
        const unsigned long long u = PyLong_AsUnsignedLongLong(value.ptr());
        if (!PyErr_Occurred()) return static_cast<std::uint64_t>(u);
        PyErr_Clear();
    }
    raise_error(Errc::invalid_argument, "integer " + py::str(value).cast<std::string>() + " is out of range");
}

bool is_instance_of(py::handle value, const char* module, const char* type) {
    return py::isinstance(value, py::module_::import(module).attr(type));
}

nlohmann::json convert(py::handle value, int depth) {
    if (depth > kMaxDepth) raise_error(Errc::limit_exceeded, "nested more than 64 levels deep");
    if (value.is_none()) return nullptr;
    if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
    if (PyLong_Check(value.ptr())) return integer_from_python(value);
    if (PyFloat_Check(value.ptr())) {
        const double d = PyFloat_AsDouble(value.ptr());
        if (!std::isfinite(d)) raise_error(Errc::invalid_argument, "a number must be finite");
        return d;
    }
    if (PyUnicode_Check(value.ptr())) return value.cast<std::string>();
    if (PyDict_Check(value.ptr()) || is_instance_of(value, "collections.abc", "Mapping")) {
        nlohmann::json out = nlohmann::json::object();
        for (auto item : py::reinterpret_borrow<py::object>(value).attr("items")()) {
            auto pair = item.cast<py::tuple>();
            if (!PyUnicode_Check(pair[0].ptr()))
                throw py::type_error("mapping keys must be str, not " + std::string(Py_TYPE(pair[0].ptr())->tp_name));
            out[pair[0].cast<std::string>()] = convert(pair[1], depth + 1);
        }
        return out;
    }
    if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) {
        nlohmann::json out = nlohmann::json::array();
        for (auto item : py::reinterpret_borrow<py::sequence>(value)) out.push_back(convert(item, depth + 1));
        return out;
    }
    if (is_instance_of(value, "decimal", "Decimal")) {
        if (!value.attr("is_finite")().cast<bool>()) raise_error(Errc::invalid_argument, "a number must be finite");
        return py::str(py::str("{:f}").attr("format")(value)).cast<std::string>();
    }
    if (is_instance_of(value, "datetime", "datetime"))
        throw py::type_error("a datetime is not a date: pass datetime.date or an ISO date text");
    if (is_instance_of(value, "datetime", "date")) return value.attr("isoformat")().cast<std::string>();
    throw py::type_error("cannot pass a " + std::string(Py_TYPE(value.ptr())->tp_name) +
                         " as JSON (use dict, list, str, int, Decimal, bool, None or date)");
}

py::object utc() { return py::module_::import("datetime").attr("timezone").attr("utc"); }

py::object epoch() {
    return py::module_::import("datetime").attr("datetime")(1970, 1, 1, py::arg("tzinfo") = utc());
}

}  // namespace

py::object error_object(const Error& error) {
    return py::module_::import("poura._errors")
        .attr("error_from_code")(std::string(errc_name(error.code)), static_cast<int>(error.code), error.message);
}

void raise_error(const Error& error) {
    py::object exception = error_object(error);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exception.ptr())), exception.ptr());
    throw py::error_already_set();
}

py::object to_python(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
        case nlohmann::json::value_t::discarded: return py::none();
        case nlohmann::json::value_t::boolean: return py::bool_(value.get<bool>());
        case nlohmann::json::value_t::number_integer: return py::int_(value.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return py::int_(value.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return py::float_(value.get<double>());
        case nlohmann::json::value_t::string: return py::str(value.get_ref<const std::string&>());
        case nlohmann::json::value_t::binary: return to_bytes(Bytes(value.get_binary().begin(), value.get_binary().end()));
        case nlohmann::json::value_t::array: {
            py::list out(value.size());
            std::size_t i = 0;
            for (const auto& item : value) out[i++] = to_python(item);
            return std::move(out);
        }
        case nlohmann::json::value_t::object: {
            py::dict out;
            for (const auto& [key, item] : value.items()) out[py::str(key)] = to_python(item);
            return std::move(out);
        }
    }
    return py::none();
}

nlohmann::json from_python(py::handle value) { return convert(value, 0); }

std::optional<std::int64_t> time_arg(py::handle value, const char* name) {
    if (value.is_none()) return std::nullopt;
    if (PyBool_Check(value.ptr())) throw py::type_error(std::string(name) + ": a time cannot be a bool");
    if (PyLong_Check(value.ptr())) {
        const nlohmann::json j = integer_from_python(value);
        // 2^63 to 2^64 - 1 read as unsigned: refused, never wrapped to a negative time.
        if (!j.is_number_integer() || j.is_number_unsigned())
            raise_error(Errc::invalid_argument, std::string(name) + ": " + py::str(value).cast<std::string>() +
                                                    " is out of range (a time is below 2^63 seconds)");
        return j.get<std::int64_t>();
    }
    if (PyFloat_Check(value.ptr())) {
        const double d = PyFloat_AsDouble(value.ptr());
        if (!std::isfinite(d) || d < -9.2e18 || d > 9.2e18)
            raise_error(Errc::invalid_argument, std::string(name) + ": out of range");
        return static_cast<std::int64_t>(std::floor(d));
    }
    if (PyUnicode_Check(value.ptr())) {
        auto parsed = parse_time(value.cast<std::string>());
        if (!parsed) raise_error(parsed.error().code, std::string(name) + ": " + parsed.error().message);
        return *parsed;
    }
    if (is_instance_of(value, "datetime", "datetime")) {
        if (value.attr("utcoffset")().is_none())
            throw py::value_error(std::string(name) +
                                  ": a naive datetime is ambiguous; pass an aware one, "
                                  "such as datetime.now(timezone.utc), or unix seconds");
        const py::object delta = value.attr("__sub__")(epoch());
        return delta.attr("days").cast<std::int64_t>() * 86400 + delta.attr("seconds").cast<std::int64_t>();
    }
    if (is_instance_of(value, "datetime", "date"))
        return (value.attr("toordinal")().cast<std::int64_t>() - 719163) * 86400;
    throw py::type_error(std::string(name) + ": a time is unix seconds, a datetime, a date or text, not " +
                         Py_TYPE(value.ptr())->tp_name);
}

std::int64_t time_or_now(py::handle value, const char* name) {
    if (auto t = time_arg(value, name)) return *t;
    return static_cast<std::int64_t>(std::time(nullptr));
}

py::object to_datetime(std::int64_t unix_seconds) {
    if (unix_seconds < kFirstDatetime || unix_seconds > kLastDatetime) return py::none();
    const py::object timedelta = py::module_::import("datetime").attr("timedelta");
    return epoch().attr("__add__")(timedelta(py::arg("seconds") = unix_seconds));
}

py::object to_datetime(const std::optional<std::int64_t>& unix_seconds) {
    return unix_seconds ? to_datetime(*unix_seconds) : py::none();
}

Bytes bytes_arg(py::handle value, const char* name) {
    if (PyBytes_Check(value.ptr())) {
        const char* data = PyBytes_AS_STRING(value.ptr());
        return Bytes(data, data + PyBytes_GET_SIZE(value.ptr()));
    }
    if (!PyObject_CheckBuffer(value.ptr()) || PyUnicode_Check(value.ptr()))
        throw py::type_error(std::string(name) + " must be bytes, not " + Py_TYPE(value.ptr())->tp_name);
    Py_buffer view;
    if (PyObject_GetBuffer(value.ptr(), &view, PyBUF_C_CONTIGUOUS) != 0) throw py::error_already_set();
    const auto* data = static_cast<const std::uint8_t*>(view.buf);
    Bytes out(data, data + view.len);
    PyBuffer_Release(&view);
    return out;
}

Bytes read_file(py::handle path) {
    const std::string name = py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
    std::ifstream in(name, std::ios::binary);
    if (!in) raise_error(Errc::io_error, "cannot read " + name);
    Bytes data;
    char chunk[65536];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        data.insert(data.end(), chunk, chunk + in.gcount());
        if (data.size() > kMaxFileSize) raise_error(Errc::limit_exceeded, name + " is larger than 64 MiB");
    }
    if (in.bad()) raise_error(Errc::io_error, "cannot read " + name);
    return data;
}

}  // namespace poura::python
