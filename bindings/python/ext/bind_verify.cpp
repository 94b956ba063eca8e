// Verifying and issuing certificates, the result objects, profiles and the
// envelope around a COSE_Sign1.
#include "common.hpp"
#include "parallel.hpp"

#include <ctime>

namespace poura::python {
namespace {

// Work handed to one thread at a time in a batch: large enough that taking
// the next chunk costs nothing next to verifying it.
constexpr std::size_t kBatchChunk = 8;

Scheme scheme_arg(py::handle scheme) {
    if (PyUnicode_Check(scheme.ptr())) {
        const auto name = scheme.cast<std::string>();
        if (name == "bd1") return Scheme::bd1();
        if (name == "hc1") return Scheme::hc1();
        raise_error(Errc::invalid_argument, "scheme must be \"bd1\", \"hc1\" or a Scheme, not \"" + name + "\"");
    }
    return scheme.cast<Scheme>();
}

std::int64_t non_negative(std::int64_t value, const char* name) {
    if (value < 0) raise_error(Errc::invalid_argument, std::string(name) + " must not be negative");
    return value;
}

VerifyOptions verify_options(py::handle now, std::int64_t clock_skew, std::int64_t grace_period,
                             std::int64_t max_inflated_size, py::handle scheme, const ProfileSet* profiles) {
    VerifyOptions options;
    options.now = time_arg(now, "now");
    options.clock_skew = non_negative(clock_skew, "clock_skew");
    options.grace_period = non_negative(grace_period, "grace_period");
    options.max_inflated_size = static_cast<std::size_t>(non_negative(max_inflated_size, "max_inflated_size"));
    options.scheme = scheme_arg(scheme);
    // A snapshot: the caller may add to its set while verification runs unlocked.
    if (profiles) options.profiles = *profiles;
    return options;
}

// A text to verify, as the core reads it. A str with a lone surrogate has no
// UTF-8 form: it goes in with the surrogate's bytes (surrogatepass), so the
// core judges it like any other unreadable text, and a batch keeps every
// other verdict.
std::string text_arg(py::handle text, const char* name) {
    if (!PyUnicode_Check(text.ptr()))
        throw py::type_error(std::string(name) + " must be str, not " + Py_TYPE(text.ptr())->tp_name);
    Py_ssize_t size = 0;
    if (const char* utf8 = PyUnicode_AsUTF8AndSize(text.ptr(), &size)) return std::string(utf8, static_cast<std::size_t>(size));
    PyErr_Clear();
    PyObject* bytes = PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogatepass");
    if (!bytes) throw py::error_already_set();
    std::string out(PyBytes_AS_STRING(bytes), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes)));
    Py_DECREF(bytes);
    return out;
}

py::object issuer_info(const VerifyResult& r) {
    if (!r.issuer) return py::none();
    return py::cast(*r.issuer);
}

py::object certificate_identity(const VerifyResult& r) {
    if (!r.identity) return py::none();
    return py::cast(*r.identity);
}

std::string result_repr(const VerifyResult& r) {
    if (r.valid())
        return "<VerifyResult valid: " + r.document_type + " " + r.serial + " from " +
               (r.issuer && !r.issuer->code.empty() ? r.issuer->code : r.issuer_claim) + ">";
    return "<VerifyResult invalid at " + std::string(stage_name(r.stage)) + ": " + std::string(reason_code(r.reason)) +
           ">";
}

py::object json_text(const nlohmann::json& value, py::handle indent) {
    const int spaces = indent.is_none() ? -1 : indent.cast<int>();
    return py::str(value.dump(spaces, ' ', false));
}

nlohmann::json certificate_json(const IssuedCertificate& c) {
    return {{"qr_text", c.qr_text},
            {"serial", c.serial},
            {"issued_at", format_time(c.issued_at)},
            {"expires_at", c.expires_at != 0 ? nlohmann::json(format_time(c.expires_at)) : nlohmann::json()},
            {"kid", to_hex(c.kid)},
            {"document", c.document}};
}

nlohmann::json profile_json(const Profile& p) {
    return {{"type", p.type},
            {"version", p.version},
            {"title_bn", p.title_bn},
            {"title_en", p.title_en},
            {"definition", p.definition}};
}

void bind_results(py::module_& m) {
    py::class_<Scheme>(m, "Scheme")
        .def(py::init([](std::string prefix, std::int64_t document_claim, bool check_document,
                         bool canonical_encoding) {
                 return Scheme{std::move(prefix), document_claim, check_document, canonical_encoding};
             }),
             py::kw_only(), py::arg("prefix"), py::arg("document_claim"), py::arg("check_document") = false,
             py::arg("canonical_encoding") = false)
        .def_static("bd1", &Scheme::bd1)
        .def_static("hc1", &Scheme::hc1)
        .def_readonly("prefix", &Scheme::prefix)
        .def_readonly("document_claim", &Scheme::document_claim)
        .def_readonly("check_document", &Scheme::check_document)
        .def_readonly("canonical_encoding", &Scheme::canonical_encoding)
        .def("__repr__", [](const Scheme& s) {
            return "<Scheme " + s.prefix + " document claim " + std::to_string(s.document_claim) + ">";
        });

    py::class_<IssuerInfo>(m, "IssuerInfo")
        .def_readonly("code", &IssuerInfo::code)
        .def_readonly("name_bn", &IssuerInfo::name_bn)
        .def_readonly("name_en", &IssuerInfo::name_en)
        .def_property_readonly("kid", [](const IssuerInfo& i) { return to_bytes(i.kid); })
        .def_property_readonly("algorithm", [](const IssuerInfo& i) { return std::string(algorithm_name(i.algorithm)); })
        .def(
            "name", [](const IssuerInfo& i, const std::string& language) {
                if (language == "bn") return i.name_bn;
                if (language == "en") return i.name_en;
                raise_error(Errc::invalid_argument, "language must be \"bn\" or \"en\", not \"" + language + "\"");
            },
            py::arg("language") = "en")
        .def("__repr__", [](const IssuerInfo& i) {
            return "<IssuerInfo " + (i.code.empty() ? std::string("(no code)") : i.code) + " kid=" + to_hex(i.kid) + ">";
        });

    // Equal and hashable, so that a set or a dict key deduplicates certificates.
    py::class_<CertificateIdentity>(m, "CertificateIdentity")
        .def_readonly("issuer", &CertificateIdentity::issuer)
        .def_property_readonly("cti", [](const CertificateIdentity& i) { return to_bytes(i.cti); })
        .def_property_readonly("fingerprint", [](const CertificateIdentity& i) { return to_bytes(i.fingerprint); })
        .def("__eq__", [](const CertificateIdentity& a, py::handle other) {
            if (!py::isinstance<CertificateIdentity>(other)) return false;
            const auto& b = other.cast<const CertificateIdentity&>();
            return a.issuer == b.issuer && a.cti == b.cti && a.fingerprint == b.fingerprint;
        })
        .def("__hash__", [](const CertificateIdentity& i) { return py::hash(to_bytes(i.fingerprint)); })
        .def("__repr__", [](const CertificateIdentity& i) {
            return "<CertificateIdentity " + (i.issuer.empty() ? std::string("(no iss)") : i.issuer) + " cti=" +
                   to_hex(i.cti) + " fingerprint=" + to_hex(i.fingerprint) + ">";
        });

    py::class_<TrustInfo>(m, "TrustInfo")
        .def_readonly("has_bundle", &TrustInfo::has_bundle)
        .def_property_readonly("freshness", [](const TrustInfo& t) { return std::string(freshness_name(t.freshness)); })
        .def_readonly("sequence", &TrustInfo::sequence)
        .def_property_readonly("issued_at", [](const TrustInfo& t) {
            return t.has_bundle ? to_datetime(t.issued_at) : py::none();
        })
        .def_property_readonly("next_update", [](const TrustInfo& t) {
            return t.has_bundle ? to_datetime(t.next_update) : py::none();
        })
        .def("__repr__", [](const TrustInfo& t) {
            if (!t.has_bundle) return std::string("<TrustInfo without a bundle>");
            return "<TrustInfo bundle sequence " + std::to_string(t.sequence) + ", " +
                   std::string(freshness_name(t.freshness)) + ">";
        });

    py::class_<VerifyResult>(m, "VerifyResult")
        .def_property_readonly("verdict", [](const VerifyResult& r) { return std::string(verdict_name(r.verdict)); })
        .def_property_readonly("valid", &VerifyResult::valid)
        .def_property_readonly("stage", [](const VerifyResult& r) { return std::string(stage_name(r.stage)); })
        .def_property_readonly("reason", [](const VerifyResult& r) { return std::string(reason_code(r.reason)); })
        .def_readonly("message_en", &VerifyResult::message_en)
        .def_readonly("message_bn", &VerifyResult::message_bn)
        .def(
            "message",
            [](const VerifyResult& r, const std::string& language) {
                if (language == "bn") return r.message_bn;
                if (language == "en") return r.message_en;
                raise_error(Errc::invalid_argument, "language must be \"bn\" or \"en\", not \"" + language + "\"");
            },
            py::arg("language") = "en")
        .def_readonly("detail", &VerifyResult::detail)
        .def_readonly("document_type", &VerifyResult::document_type)
        .def_property_readonly("document", [](const VerifyResult& r) { return to_python(r.document); })
        .def_property_readonly("issuer", &issuer_info)
        .def_readonly("issuer_claim", &VerifyResult::issuer_claim)
        .def_readonly("serial", &VerifyResult::serial)
        .def_property_readonly("identity", &certificate_identity)
        .def_property_readonly("issued_at", [](const VerifyResult& r) { return to_datetime(r.issued_at); })
        .def_property_readonly("not_before", [](const VerifyResult& r) { return to_datetime(r.not_before); })
        .def_property_readonly("expires_at", [](const VerifyResult& r) { return to_datetime(r.expires_at); })
        .def_readonly("trust", &VerifyResult::trust)
        .def("to_dict", [](const VerifyResult& r) { return to_python(r.to_json()); })
        .def(
            "to_json",
            [](const VerifyResult& r, py::handle indent) -> py::object {
                if (indent.is_none()) return py::str(r.to_json_text());
                return json_text(r.to_json(), indent);
            },
            py::kw_only(), py::arg("indent") = py::none())
        .def("__repr__", &result_repr);

    py::class_<IssuedCertificate>(m, "IssuedCertificate")
        .def_readonly("qr_text", &IssuedCertificate::qr_text)
        .def_readonly("serial", &IssuedCertificate::serial)
        .def_property_readonly("issued_at", [](const IssuedCertificate& c) { return to_datetime(c.issued_at); })
        .def_property_readonly("expires_at", [](const IssuedCertificate& c) {
            return c.expires_at != 0 ? to_datetime(c.expires_at) : py::none();
        })
        .def_property_readonly("kid", [](const IssuedCertificate& c) { return to_bytes(c.kid); })
        .def_property_readonly("document", [](const IssuedCertificate& c) { return to_python(c.document); })
        .def(
            "qr", [](const IssuedCertificate& c, const std::string& ecc) {
                const EccLevel level = take(ecc_level_from_name(ecc));
                return take(qr_encode(c.qr_text, level));
            },
            py::kw_only(), py::arg("ecc") = "Q")
        .def("to_dict", [](const IssuedCertificate& c) { return to_python(certificate_json(c)); })
        .def("__str__", [](const IssuedCertificate& c) { return c.qr_text; })
        .def("__repr__", [](const IssuedCertificate& c) {
            return "<IssuedCertificate " + c.document.value("type", std::string()) + " " + c.serial + ", " +
                   std::to_string(c.qr_text.size()) + " characters>";
        });
}

void bind_profiles(py::module_& m) {
    py::class_<ProfileSet>(m, "ProfileSet")
        .def_static("builtin", &ProfileSet::builtin, py::return_value_policy::reference)
        .def_static(
            "from_json", [](const std::string& text) { return take(ProfileSet::from_json(text)); }, py::arg("text"))
        .def(
            "copy", [](const ProfileSet& set) { return ProfileSet(set); })
        .def(
            "add",
            [](ProfileSet& set, const std::string& text) {
                if (&set == &ProfileSet::builtin())
                    raise_error(Errc::invalid_argument,
                                "the built-in profiles are shared: add to a copy (ProfileSet.builtin().copy())");
                check(set.add(text));
            },
            py::arg("text"))
        .def("types", &ProfileSet::types)
        .def(
            "profile",
            [](const ProfileSet& set, const std::string& type) -> py::object {
                const Profile* p = set.find(type);
                if (p == nullptr) return py::none();
                return to_python(profile_json(*p));
            },
            py::arg("type"))
        .def(
            "validate", [](const ProfileSet& set, py::handle document) {
                return to_python(take(set.validate(from_python(document))));
            },
            py::arg("document"))
        .def("__contains__", [](const ProfileSet& set, const std::string& type) { return set.find(type) != nullptr; })
        .def("__len__", [](const ProfileSet& set) { return set.types().size(); })
        .def("__repr__", [](const ProfileSet& set) {
            std::string names;
            for (const auto& t : set.types()) names += (names.empty() ? "" : ", ") + t;
            return "<ProfileSet " + names + ">";
        });
}

}  // namespace

void bind_verify(py::module_& m) {
    bind_results(m);
    bind_profiles(m);
    // The keyword arguments' defaults are the core's.
    const VerifyOptions defaults;

    m.def(
        "verify",
        [](py::handle text, const Trust& trust, py::handle now, std::int64_t clock_skew, std::int64_t grace_period,
           std::int64_t max_inflated_size, py::handle scheme, const ProfileSet* profiles) {
            const std::string qr = text_arg(text, "text");
            const VerifyOptions options =
                verify_options(now, clock_skew, grace_period, max_inflated_size, scheme, profiles);
            // A copy shares the trust's state, and another thread's update()
            // replaces the Python object's value, never this one.
            const Trust pinned = trust;
            py::gil_scoped_release unlocked;
            return verify(qr, pinned, options);
        },
        py::arg("text"), py::arg("trust"), py::kw_only(), py::arg("now") = py::none(),
        py::arg("clock_skew") = defaults.clock_skew, py::arg("grace_period") = defaults.grace_period,
        py::arg("max_inflated_size") = defaults.max_inflated_size, py::arg("scheme") = "bd1",
        py::arg("profiles") = nullptr);

    m.def(
        "verify_batch",
        [](py::iterable texts, const Trust& trust, py::handle now, std::int64_t clock_skew, std::int64_t grace_period,
           std::int64_t max_inflated_size, py::handle scheme, const ProfileSet* profiles, int threads) {
            if (PyUnicode_Check(texts.ptr()))
                throw py::type_error("texts must be an iterable of str, not one str: verify() takes one text");
            std::vector<std::string> qrs;
            for (auto t : texts) qrs.push_back(text_arg(t, "texts[]"));
            if (threads < 0) raise_error(Errc::invalid_argument, "threads must not be negative");
            VerifyOptions options = verify_options(now, clock_skew, grace_period, max_inflated_size, scheme, profiles);
            // One time for the whole batch, so every certificate is judged at the same moment.
            if (!options.now) options.now = static_cast<std::int64_t>(std::time(nullptr));
            const Trust pinned = trust;
            std::vector<VerifyResult> results(qrs.size());
            {
                py::gil_scoped_release unlocked;
                run_parallel(qrs.size(), batch_threads(static_cast<std::size_t>(threads), qrs.size(), kBatchChunk),
                             kBatchChunk, [&](std::size_t i) { results[i] = verify(qrs[i], pinned, options); });
            }
            py::list out(results.size());
            for (std::size_t i = 0; i < results.size(); ++i) out[i] = py::cast(std::move(results[i]));
            return out;
        },
        py::arg("texts"), py::arg("trust"), py::kw_only(), py::arg("now") = py::none(),
        py::arg("clock_skew") = defaults.clock_skew, py::arg("grace_period") = defaults.grace_period,
        py::arg("max_inflated_size") = defaults.max_inflated_size, py::arg("scheme") = "bd1",
        py::arg("profiles") = nullptr, py::arg("threads") = 0);

    m.def(
        "issue",
        [](py::handle document, const Keyset& keyset, const std::string& issuer, const std::string& serial,
           py::handle issued_at, py::handle expires_at, bool allow_compression, const ProfileSet* profiles) {
            const nlohmann::json doc = from_python(document);
            IssueOptions options;
            options.issuer = issuer;
            options.serial = serial;
            options.issued_at = time_arg(issued_at, "issued_at");
            options.expires_at = time_arg(expires_at, "expires_at");
            options.allow_compression = allow_compression;
            if (profiles) options.profiles = *profiles;
            const Keyset signing = keyset;  // another thread may rotate the caller's keyset meanwhile
            Result<IssuedCertificate> cert = [&] {
                py::gil_scoped_release unlocked;
                return issue(doc, signing, options);
            }();
            return take(std::move(cert));
        },
        py::arg("document"), py::arg("keyset"), py::kw_only(), py::arg("issuer"), py::arg("serial") = "",
        py::arg("issued_at") = py::none(), py::arg("expires_at") = py::none(), py::arg("allow_compression") = true,
        py::arg("profiles") = nullptr);

    m.def(
        "unwrap_envelope",
        [](py::handle text, py::handle scheme, std::int64_t max_inflated_size) {
            const std::string qr = text_arg(text, "text");
            const Scheme s = scheme_arg(scheme);
            return to_bytes(take(unwrap_envelope(
                qr, s, static_cast<std::size_t>(non_negative(max_inflated_size, "max_inflated_size")))));
        },
        py::arg("text"), py::kw_only(), py::arg("scheme") = "bd1",
        py::arg("max_inflated_size") = defaults.max_inflated_size);

    m.def(
        "wrap_envelope",
        [](py::handle cose_sign1, py::handle scheme, bool allow_compression) {
            return wrap_envelope(bytes_arg(cose_sign1, "cose_sign1"), scheme_arg(scheme), allow_compression);
        },
        py::arg("cose_sign1"), py::kw_only(), py::arg("scheme") = "bd1", py::arg("allow_compression") = true);
}

}  // namespace poura::python
