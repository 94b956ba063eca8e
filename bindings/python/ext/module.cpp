// The extension module poura._poura; the Python package poura wraps it.
#include "common.hpp"

namespace poura::python {
namespace {

// Every error code the SDK defines, by name: the Python side checks its own
// table of exception classes against this one.
py::dict error_codes() {
    py::dict out;
    for (int status = 0; status >= -99; --status) {
        const auto name = errc_name(static_cast<Errc>(status));
        if (name != "unknown") out[py::str(std::string(name))] = status;
    }
    return out;
}

}  // namespace
}  // namespace poura::python

PYBIND11_MODULE(_poura, m) {
    using namespace poura;
    using namespace poura::python;
    m.doc() = "Poura's C++ core: keys, trust bundles, issuing and verifying signed QR certificates, QR codes, "
              "municipal fees, the office's workflow and its revenue section. Use it through the poura package.";
    m.attr("__version__") = std::string(version());
    m.def("error_codes", &error_codes);
    bind_keys(m);
    bind_trust(m);
    bind_verify(m);
    bind_qr(m);
    bind_fees(m);
#ifdef POURA_PYTHON_OFFICE
    bind_office(m);  // only when the core has the office (POURA_OFFICE)
    bind_revenue(m);
#endif
}
