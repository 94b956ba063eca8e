// QR codes: render a certificate's text as SVG, PNG or terminal text; read one
// back from a PNG or JPEG image.
#include "common.hpp"

namespace poura::python {
namespace {

// Image content as bytes, bytearray or memoryview; a str or os.PathLike names a file.
Bytes image_arg(py::handle image) {
    if (PyUnicode_Check(image.ptr()) || py::hasattr(image, "__fspath__")) return read_file(image);
    return bytes_arg(image, "image");
}

}  // namespace

void bind_qr(py::module_& m) {
    py::class_<QrCode>(m, "QrCode")
        .def_readonly("version", &QrCode::version)
        .def_readonly("size", &QrCode::size)
        .def_property_readonly("modules", [](const QrCode& qr) { return to_bytes(qr.modules); })
        .def(
            "dark",
            [](const QrCode& qr, int x, int y) {
                if (x < 0 || y < 0 || x >= qr.size || y >= qr.size)
                    throw py::index_error("module (" + std::to_string(x) + ", " + std::to_string(y) +
                                          ") is outside a " + std::to_string(qr.size) + " x " +
                                          std::to_string(qr.size) + " code");
                return qr.dark(x, y);
            },
            py::arg("x"), py::arg("y"))
        .def(
            "to_svg",
            [](const QrCode& qr, int module_size, int quiet_zone) {
                return take(qr_to_svg(qr, QrRenderOptions{module_size, quiet_zone}));
            },
            py::kw_only(), py::arg("module_size") = 8, py::arg("quiet_zone") = 4)
        .def(
            "to_png",
            [](const QrCode& qr, int module_size, int quiet_zone) {
                Result<Bytes> png = [&] {
                    py::gil_scoped_release unlocked;
                    return qr_to_png(qr, QrRenderOptions{module_size, quiet_zone});
                }();
                return to_bytes(take(std::move(png)));
            },
            py::kw_only(), py::arg("module_size") = 8, py::arg("quiet_zone") = 4)
        .def(
            "to_text",
            [](const QrCode& qr, int quiet_zone) {
                return take(qr_to_text(qr, quiet_zone));
            },
            py::kw_only(), py::arg("quiet_zone") = 2)
        .def("__repr__", [](const QrCode& qr) {
            return "<QrCode version " + std::to_string(qr.version) + ", " + std::to_string(qr.size) + " x " +
                   std::to_string(qr.size) + " modules>";
        });

    m.def(
        "qr_encode",
        [](const std::string& text, const std::string& ecc) {
            const EccLevel level = take(ecc_level_from_name(ecc));
            return take(qr_encode(text, level));
        },
        py::arg("text"), py::kw_only(), py::arg("ecc") = "Q");

    m.def(
        "read_qr",
        [](py::handle image) {
            const Bytes data = image_arg(image);
            Result<std::string> text = [&] {
                py::gil_scoped_release unlocked;
                return qr_read_image(data);
            }();
            return take(std::move(text));
        },
        py::arg("image"));
}

}  // namespace poura::python
