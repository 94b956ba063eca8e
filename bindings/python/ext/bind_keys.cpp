// Keys: public keys, Ed25519 private keys and keysets.
#include "common.hpp"

namespace poura::python {
namespace {

std::string kid_hex(const PublicKey& key) { return to_hex(key.key_id()); }

std::vector<PublicKey> read_public_keys(const std::string& text) {
    const auto parsed = parse_json(text);
    if (!parsed) raise_error(Errc::key_invalid, "not a public keys file: " + parsed.error().message);
    const nlohmann::json& j = *parsed;
    if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array())
        raise_error(Errc::key_invalid, "not a public keys file: expected {\"keys\": [...]} as Keyset.public_json() writes");
    std::vector<PublicKey> keys;
    for (const auto& k : j["keys"]) keys.push_back(take(public_key_from_json(k)));
    if (keys.empty()) raise_error(Errc::key_invalid, "the public keys file lists no key");
    return keys;
}

}  // namespace

void bind_keys(py::module_& m) {
    py::class_<PublicKey>(m, "PublicKey")
        .def_static(
            "from_raw",
            [](py::handle raw, const std::string& algorithm) {
                return take(PublicKey::from_raw(take(algorithm_from_name(algorithm)), bytes_arg(raw, "raw")));
            },
            py::arg("raw"), py::kw_only(), py::arg("algorithm") = "EdDSA")
        .def_static(
            "from_certificate", [](py::handle der) { return take(PublicKey::from_certificate(bytes_arg(der, "der"))); },
            py::arg("der"))
        .def_static(
            "from_dict", [](py::handle data) { return take(public_key_from_json(from_python(data))); },
            py::arg("data"))
        .def("to_dict", [](const PublicKey& key) { return to_python(public_key_to_json(key)); })
        .def_property_readonly("algorithm", [](const PublicKey& key) { return std::string(algorithm_name(key.algorithm)); })
        .def_property_readonly("raw", [](const PublicKey& key) { return to_bytes(key.raw); })
        .def_property_readonly("certificate", [](const PublicKey& key) -> py::object {
            if (key.certificate.empty()) return py::none();
            return to_bytes(key.certificate);
        })
        .def_property_readonly("kid", [](const PublicKey& key) { return to_bytes(key.key_id()); })
        .def("__eq__",
             [](const PublicKey& a, const PublicKey& b) {
                 return a.algorithm == b.algorithm && a.raw == b.raw && a.certificate == b.certificate;
             })
        .def("__hash__", [](const PublicKey& key) { return py::hash(py::str(kid_hex(key))); })
        .def("__repr__", [](const PublicKey& key) {
            return "<PublicKey " + std::string(algorithm_name(key.algorithm)) + " kid=" + kid_hex(key) +
                   (key.certificate.empty() ? "" : " (certificate)") + ">";
        });

    py::class_<PrivateKey>(m, "PrivateKey")
        .def_static("generate", [] { return take(PrivateKey::generate()); })
        .def_static(
            "from_pem",
            [](const std::string& pem, const std::string& passphrase) {
                Result<PrivateKey> key = [&] {
                    py::gil_scoped_release unlocked;  // PBKDF2 takes a while
                    return PrivateKey::from_pem(pem, passphrase);
                }();
                return take(std::move(key));
            },
            py::arg("pem"), py::arg("passphrase") = "")
        .def(
            "to_encrypted_pem",
            [](const PrivateKey& key, const std::string& passphrase) {
                Result<std::string> pem = [&] {
                    py::gil_scoped_release unlocked;
                    return key.to_encrypted_pem(passphrase);
                }();
                return take(std::move(pem));
            },
            py::arg("passphrase"))
        .def("to_unencrypted_pem", [](const PrivateKey& key) { return take(key.to_unencrypted_pem()); })
        .def_property_readonly("public_key", &PrivateKey::public_key)
        .def(
            "sign",
            [](const PrivateKey& key, py::handle data) {
                const Bytes message = bytes_arg(data, "data");
                Result<Bytes> signature = [&] {
                    py::gil_scoped_release unlocked;
                    return key.sign(message);
                }();
                return to_bytes(take(std::move(signature)));
            },
            py::arg("data"))
        .def("__repr__", [](const PrivateKey& key) { return "<PrivateKey EdDSA kid=" + kid_hex(key.public_key()) + ">"; });

    py::class_<KeysetEntry>(m, "KeysetEntry")
        .def_property_readonly("key", [](const KeysetEntry& e) { return e.key; })
        .def_property_readonly("public_key", [](const KeysetEntry& e) { return e.key.public_key(); })
        .def_property_readonly("kid", [](const KeysetEntry& e) { return to_bytes(e.key.public_key().key_id()); })
        .def_readonly("valid_from", &KeysetEntry::valid_from)
        .def_readonly("valid_until", &KeysetEntry::valid_until)
        .def_readonly("primary", &KeysetEntry::primary)
        .def("__repr__", [](const KeysetEntry& e) {
            return "<KeysetEntry kid=" + kid_hex(e.key.public_key()) + (e.primary ? " primary" : "") + " from " +
                   format_time(e.valid_from) + (e.valid_until ? " until " + format_time(e.valid_until) : "") + ">";
        });

    py::class_<Keyset>(m, "Keyset")
        .def_static(
            "create",
            [](std::optional<PrivateKey> first, py::handle now) {
                const std::int64_t at = time_or_now(now, "now");
                return Keyset::create(first ? *first : take(PrivateKey::generate()), at);
            },
            py::arg("first") = py::none(), py::kw_only(), py::arg("now") = py::none())
        .def(
            "rotate",
            [](Keyset& keyset, std::optional<PrivateKey> next, py::handle now) {
                const std::int64_t at = time_or_now(now, "now");
                keyset.rotate(next ? *next : take(PrivateKey::generate()), at);
            },
            py::arg("next") = py::none(), py::kw_only(), py::arg("now") = py::none())
        .def_property_readonly("primary", [](const Keyset& keyset) { return keyset.primary(); })
        .def_property_readonly("entries", [](const Keyset& keyset) { return keyset.entries(); })
        .def_property_readonly("public_keys",
                               [](const Keyset& keyset) {
                                   std::vector<PublicKey> keys;
                                   for (const auto& e : keyset.entries()) keys.push_back(e.key.public_key());
                                   return keys;
                               })
        .def(
            "to_json",
            [](const Keyset& keyset, const std::string& passphrase, bool allow_plain) {
                const Keyset copy = keyset;
                Result<std::string> text = [&] {
                    py::gil_scoped_release unlocked;
                    return copy.to_json(passphrase, allow_plain);
                }();
                return take(std::move(text));
            },
            py::arg("passphrase"), py::kw_only(), py::arg("allow_plain") = false)
        .def_static(
            "from_json",
            [](const std::string& text, const std::string& passphrase) {
                Result<Keyset> keyset = [&] {
                    py::gil_scoped_release unlocked;
                    return Keyset::from_json(text, passphrase);
                }();
                return take(std::move(keyset));
            },
            py::arg("text"), py::arg("passphrase"))
        .def("public_json", &Keyset::public_json)
        .def("__len__", [](const Keyset& keyset) { return keyset.entries().size(); })
        .def("__repr__", [](const Keyset& keyset) {
            return "<Keyset " + std::to_string(keyset.entries().size()) +
                   " key(s), primary kid=" + kid_hex(keyset.primary().key.public_key()) + ">";
        });

    m.def("read_public_keys", &read_public_keys, py::arg("text"));
}

}  // namespace poura::python
