// Trust: issuer entries, the signed trust bundle and the Trust a verifier
// checks certificates against.
#include "common.hpp"

#include <algorithm>

namespace poura::python {
namespace {

IssuerStatus status_from_name(const std::string& name) {
    for (IssuerStatus s : {IssuerStatus::active, IssuerStatus::suspended, IssuerStatus::revoked})
        if (issuer_status_name(s) == name) return s;
    raise_error(Errc::invalid_argument, "status must be \"active\", \"suspended\" or \"revoked\", not \"" + name + "\"");
}

std::int64_t wire_time(py::handle value, const char* name) { return time_arg(value, name).value_or(0); }

std::vector<Bytes> revocation_list(py::handle hashes) {
    std::vector<Bytes> out;
    for (auto h : py::reinterpret_borrow<py::iterable>(hashes)) out.push_back(bytes_arg(h, "revoked"));
    return out;
}

}  // namespace

void bind_trust(py::module_& m) {
    py::class_<IssuerEntry>(m, "IssuerEntry")
        .def(py::init([](const PublicKey& key, std::vector<std::string> document_types, std::string issuer_code,
                         std::string name_bn, std::string name_en, py::handle valid_from, py::handle valid_until,
                         const std::string& status) {
                 IssuerEntry e;
                 e.key = key;
                 e.document_types = std::move(document_types);
                 e.issuer_code = std::move(issuer_code);
                 e.name_bn = std::move(name_bn);
                 e.name_en = std::move(name_en);
                 e.valid_from = wire_time(valid_from, "valid_from");
                 e.valid_until = wire_time(valid_until, "valid_until");
                 e.status = status_from_name(status);
                 return e;
             }),
             py::arg("key"), py::kw_only(), py::arg("document_types"), py::arg("issuer_code") = "",
             py::arg("name_bn") = "", py::arg("name_en") = "", py::arg("valid_from") = 0,
             py::arg("valid_until") = 0, py::arg("status") = "active")
        .def_readwrite("key", &IssuerEntry::key)
        .def_readwrite("issuer_code", &IssuerEntry::issuer_code)
        .def_readwrite("name_bn", &IssuerEntry::name_bn)
        .def_readwrite("name_en", &IssuerEntry::name_en)
        .def_property(
            "valid_from", [](const IssuerEntry& e) { return e.valid_from; },
            [](IssuerEntry& e, py::handle t) { e.valid_from = wire_time(t, "valid_from"); })
        .def_property(
            "valid_until", [](const IssuerEntry& e) { return e.valid_until; },
            [](IssuerEntry& e, py::handle t) { e.valid_until = wire_time(t, "valid_until"); })
        .def_property(
            "document_types",
            [](const IssuerEntry& e) { return py::tuple(py::cast(e.document_types)); },
            [](IssuerEntry& e, std::vector<std::string> types) { e.document_types = std::move(types); })
        .def_property(
            "status", [](const IssuerEntry& e) { return std::string(issuer_status_name(e.status)); },
            [](IssuerEntry& e, const std::string& s) { e.status = status_from_name(s); })
        .def_property_readonly("kid", [](const IssuerEntry& e) { return to_bytes(e.key_id()); })
        .def("may_sign", &IssuerEntry::may_sign, py::arg("document_type"))
        .def("__repr__", [](const IssuerEntry& e) {
            return "<IssuerEntry " + (e.issuer_code.empty() ? std::string("(no code)") : e.issuer_code) +
                   " kid=" + to_hex(e.key_id()) + " " + std::string(issuer_status_name(e.status)) + ">";
        });

    m.def(
        "issuer_entries",
        [](const std::string& public_json, const std::string& issuer_code, const std::string& name_bn,
           const std::string& name_en, const std::vector<std::string>& document_types) {
            return take(issuer_entries_from_public_json(public_json, issuer_code, name_bn, name_en, document_types));
        },
        py::arg("public_json"), py::kw_only(), py::arg("issuer_code"), py::arg("name_bn"), py::arg("name_en"),
        py::arg("document_types"));

    m.def(
        "revocation_hash",
        [](const std::string& issuer, const std::string& serial) { return to_bytes(revocation_hash(issuer, serial)); },
        py::arg("issuer"), py::arg("serial"));

    py::class_<TrustBundle>(m, "TrustBundle")
        .def(py::init([](std::uint64_t sequence, py::handle issued_at, py::handle next_update,
                         std::vector<IssuerEntry> issuers, py::handle revoked) {
                 TrustBundle b;
                 b.sequence = sequence;
                 b.issued_at = wire_time(issued_at, "issued_at");
                 b.next_update = wire_time(next_update, "next_update");
                 b.issuers = std::move(issuers);
                 b.revoked = revocation_list(revoked);
                 return b;
             }),
             py::kw_only(), py::arg("sequence") = 0, py::arg("issued_at") = 0, py::arg("next_update") = 0,
             py::arg("issuers") = std::vector<IssuerEntry>{}, py::arg("revoked") = py::tuple())
        .def_readwrite("sequence", &TrustBundle::sequence)
        .def_property(
            "issued_at", [](const TrustBundle& b) { return b.issued_at; },
            [](TrustBundle& b, py::handle t) { b.issued_at = wire_time(t, "issued_at"); })
        .def_property(
            "next_update", [](const TrustBundle& b) { return b.next_update; },
            [](TrustBundle& b, py::handle t) { b.next_update = wire_time(t, "next_update"); })
        // Tuples, so that appending to a copy cannot silently do nothing:
        // assign a new sequence, or use add_issuers() and revoke().
        .def_property(
            "issuers", [](const TrustBundle& b) { return py::tuple(py::cast(b.issuers)); },
            [](TrustBundle& b, std::vector<IssuerEntry> issuers) { b.issuers = std::move(issuers); })
        .def_property(
            "revoked",
            [](const TrustBundle& b) {
                py::tuple out(b.revoked.size());
                for (std::size_t i = 0; i < b.revoked.size(); ++i) out[i] = to_bytes(b.revoked[i]);
                return out;
            },
            [](TrustBundle& b, py::handle revoked) { b.revoked = revocation_list(revoked); })
        .def(
            "add_issuers",
            [](TrustBundle& b, const std::vector<IssuerEntry>& entries, bool replace) {
                if (replace) {
                    auto same_code = [&](const IssuerEntry& e) {
                        return std::any_of(entries.begin(), entries.end(),
                                           [&](const IssuerEntry& n) { return n.issuer_code == e.issuer_code; });
                    };
                    b.issuers.erase(std::remove_if(b.issuers.begin(), b.issuers.end(), same_code), b.issuers.end());
                }
                b.issuers.insert(b.issuers.end(), entries.begin(), entries.end());
            },
            py::arg("entries"), py::kw_only(), py::arg("replace") = true)
        .def(
            "revoke",
            [](TrustBundle& b, const std::string& issuer, const std::string& serial) {
                const Bytes hash = revocation_hash(issuer, serial);
                if (std::find(b.revoked.begin(), b.revoked.end(), hash) == b.revoked.end()) b.revoked.push_back(hash);
            },
            py::arg("issuer"), py::arg("serial"))
        .def(
            "sign",
            [](const TrustBundle& b, const PrivateKey& root) {
                const TrustBundle copy = b;
                Result<Bytes> signed_bundle = [&] {
                    py::gil_scoped_release unlocked;
                    return copy.sign(root);
                }();
                return to_bytes(take(std::move(signed_bundle)));
            },
            py::arg("root"))
        .def_static(
            "open",
            [](py::handle signed_bundle, const std::vector<PublicKey>& roots) {
                const Bytes data = bytes_arg(signed_bundle, "signed_bundle");
                Result<TrustBundle> bundle = [&] {
                    py::gil_scoped_release unlocked;
                    return TrustBundle::open(data, roots);
                }();
                return take(std::move(bundle));
            },
            py::arg("signed_bundle"), py::arg("roots"))
        .def("to_dict", [](const TrustBundle& b) { return to_python(b.to_json()); })
        .def("__repr__", [](const TrustBundle& b) {
            return "<TrustBundle sequence " + std::to_string(b.sequence) + ", " + std::to_string(b.issuers.size()) +
                   " issuer key(s), " + std::to_string(b.revoked.size()) + " revocation(s)>";
        });

    py::class_<Trust>(m, "Trust")
        .def_static(
            "from_bundle",
            [](py::handle signed_bundle, const std::vector<PublicKey>& roots, std::uint64_t min_sequence) {
                const Bytes data = bytes_arg(signed_bundle, "signed_bundle");
                Result<Trust> trust = [&] {
                    py::gil_scoped_release unlocked;
                    return Trust::from_bundle(data, roots, min_sequence);
                }();
                return take(std::move(trust));
            },
            py::arg("signed_bundle"), py::kw_only(), py::arg("roots"), py::arg("min_sequence") = 0)
        .def_static(
            "from_issuers", [](std::vector<IssuerEntry> issuers) { return take(Trust::from_issuers(std::move(issuers))); },
            py::arg("issuers"))
        .def(
            "update",
            [](Trust& trust, py::handle signed_bundle) {
                const Bytes data = bytes_arg(signed_bundle, "signed_bundle");
                Trust next = trust;
                Status status = [&] {
                    py::gil_scoped_release unlocked;
                    return next.update(data);
                }();
                check(status);
                trust = std::move(next);
            },
            py::arg("signed_bundle"))
        .def_property_readonly("has_bundle", &Trust::has_bundle)
        .def_property_readonly("bundle", [](const Trust& trust) -> py::object {
            if (!trust.has_bundle()) return py::none();
            return py::cast(trust.bundle());
        })
        .def_property_readonly("sequence", [](const Trust& trust) -> std::uint64_t {
            return trust.has_bundle() ? trust.bundle().sequence : 0;
        })
        .def(
            "freshness",
            [](const Trust& trust, py::handle now, std::int64_t grace_period) {
                return std::string(freshness_name(trust.freshness(time_or_now(now, "now"), grace_period)));
            },
            py::kw_only(), py::arg("now") = py::none(), py::arg("grace_period") = VerifyOptions{}.grace_period)
        .def("__repr__", [](const Trust& trust) {
            if (!trust.has_bundle()) return std::string("<Trust without a bundle>");
            const TrustBundle& b = trust.bundle();
            return "<Trust bundle sequence " + std::to_string(b.sequence) + ", " + std::to_string(b.issuers.size()) +
                   " issuer key(s), next update " + format_time(b.next_update) + ">";
        });
}

}  // namespace poura::python
