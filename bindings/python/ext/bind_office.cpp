// The office: applications and their workflow, the registry, printing, the
// SMS outbox and the audit log. Records cross into Python as dicts made by
// the core's to_json, and keyword arguments go in through its *_from_json,
// the same JSON the CLI and the C API use. Database work runs with the GIL
// released, one call at a time on each office.
#include "office.hpp"

#include <algorithm>
#include <filesystem>
#include <initializer_list>

namespace poura::python {
namespace {

using nlohmann::json;

std::string path_text(py::handle path) {
    return py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
}

std::string file_text(const std::string& path) {
    const Bytes data = read_file(py::str(path));
    return std::string(data.begin(), data.end());
}

// Fee schedule files, or folders of them (every *.json in name order), and
// extra profile files.
OfficeOptions office_options(py::handle schedules, py::handle profiles, py::handle now, int checkpoint_every) {
    OfficeOptions options;
    if (!schedules.is_none()) {
        for (py::handle item : py::iter(schedules)) {
            const std::string path = path_text(item);
            std::error_code ec;
            std::vector<std::string> files;
            if (std::filesystem::is_directory(path, ec)) {
                for (const auto& entry : std::filesystem::directory_iterator(path, ec))
                    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
                if (ec) raise_error(Errc::io_error, path + ": " + ec.message());
                if (files.empty()) raise_error(Errc::io_error, path + ": no schedule files (*.json)");
                std::sort(files.begin(), files.end());
            } else {
                files.push_back(path);
            }
            for (const auto& file : files) check(options.schedules.add(file_text(file), file));
        }
    }
    if (!profiles.is_none())
        for (py::handle item : py::iter(profiles)) check(options.profiles.add(file_text(path_text(item))));
    options.now = time_arg(now, "now").value_or(0);
    if (checkpoint_every < 1) raise_error(Errc::invalid_argument, "checkpoint_every must be at least 1");
    options.checkpoint_every = checkpoint_every;
    return options;
}

// Keyword arguments as a JSON object, leaving out those given as None.
json members(std::initializer_list<std::pair<const char*, py::handle>> arguments) {
    json j = json::object();
    for (const auto& [name, value] : arguments)
        if (!value.is_none()) j[name] = from_python(value);
    return j;
}

int limit_arg(int limit) {
    if (limit < 1 || limit > 10000) raise_error(Errc::invalid_argument, "limit must be from 1 to 10000");
    return limit;
}

}  // namespace

void bind_office(py::module_& m) {
    py::class_<PyOffice>(m, "Office")
        .def_static(
            "create",
            [](py::handle path, py::handle municipality, py::handle schedules, py::handle profiles, py::handle now,
               int checkpoint_every) {
                const std::string file = path_text(path);
                const Municipality muni = take(municipality_from_json(from_python(municipality)));
                OfficeOptions options = office_options(schedules, profiles, now, checkpoint_every);
                Result<Office> office = [&] {
                    py::gil_scoped_release unlocked;
                    return Office::create(file, muni, std::move(options));
                }();
                return std::make_unique<PyOffice>(take(std::move(office)));
            },
            py::arg("path"), py::kw_only(), py::arg("municipality"), py::arg("schedules") = py::none(),
            py::arg("profiles") = py::none(), py::arg("now") = py::none(), py::arg("checkpoint_every") = 1000)
        .def_static(
            "open",
            [](py::handle path, py::handle schedules, py::handle profiles, py::handle now, int checkpoint_every) {
                const std::string file = path_text(path);
                OfficeOptions options = office_options(schedules, profiles, now, checkpoint_every);
                Result<Office> office = [&] {
                    py::gil_scoped_release unlocked;
                    return Office::open(file, std::move(options));
                }();
                return std::make_unique<PyOffice>(take(std::move(office)));
            },
            py::arg("path"), py::kw_only(), py::arg("schedules") = py::none(), py::arg("profiles") = py::none(),
            py::arg("now") = py::none(), py::arg("checkpoint_every") = 1000)
        .def(
            "set_keyset",
            [](PyOffice& o, const Keyset& keyset) {
                Keyset copy = keyset;
                o.run([&](Office& office) {
                    office.set_keyset(std::move(copy));
                    return 0;
                });
            },
            py::arg("keyset"))
        .def(
            "set_time",
            [](PyOffice& o, py::handle now) {
                const std::int64_t at = time_arg(now, "now").value_or(0);
                o.run([&](Office& office) {
                    office.set_time(at);
                    return 0;
                });
            },
            py::arg("now"))
        .def(
            "add_user",
            [](PyOffice& o, py::handle login, py::handle name, py::handle role, py::handle ward, py::handle nid,
               py::handle mobile, py::handle authorised) {
                const User user = take(user_from_json(members({{"login", login}, {"name", name}, {"role", role},
                                                               {"ward", ward}, {"nid", nid}, {"mobile", mobile},
                                                               {"authorised", authorised}})));
                return to_python(to_json(take(o.run([&](Office& office) { return office.add_user(user); }))));
            },
            py::kw_only(), py::arg("login"), py::arg("name"), py::arg("role"), py::arg("ward") = 0,
            py::arg("nid") = "", py::arg("mobile") = "", py::arg("authorised") = false)
        .def(
            "user",
            [](PyOffice& o, std::int64_t id) {
                return to_python(to_json(take(o.run([&](Office& office) { return office.user(id); }))));
            },
            py::arg("id"))
        .def(
            "user_by_login",
            [](PyOffice& o, const std::string& login) {
                return to_python(to_json(take(o.run([&](Office& office) { return office.user_by_login(login); }))));
            },
            py::arg("login"))
        .def("users",
             [](PyOffice& o) { return to_python_list(take(o.run([](Office& office) { return office.users(); }))); })
        .def(
            "apply",
            [](PyOffice& o, std::int64_t actor, py::handle document, py::handle mobile, py::handle applicant_id,
               py::handle applicant_name_bn, py::handle holding_tax_receipt) {
                const NewApplication application = take(new_application_from_json(
                    members({{"document", document}, {"mobile", mobile}, {"applicant_id", applicant_id},
                             {"applicant_name_bn", applicant_name_bn}, {"holding_tax_receipt", holding_tax_receipt}})));
                return to_python(
                    to_json(take(o.run([&](Office& office) { return office.apply(actor, application); }))));
            },
            py::arg("actor"), py::arg("document"), py::arg("mobile"), py::kw_only(),
            py::arg("applicant_id") = py::none(), py::arg("applicant_name_bn") = py::none(),
            py::arg("holding_tax_receipt") = py::none())
        .def(
            "act",
            [](PyOffice& o, std::int64_t actor, std::int64_t application, const std::string& action,
               const std::string& comment, py::handle document) {
                const Action what = take(action_from_name(action));
                const json corrected = document.is_none() ? json() : from_python(document);
                if (!corrected.is_null() && !corrected.is_object())
                    raise_error(Errc::invalid_argument, "document must be a dict");
                return to_python(to_json(take(o.run(
                    [&](Office& office) { return office.act(actor, application, what, comment, corrected); }))));
            },
            py::arg("actor"), py::arg("application"), py::arg("action"), py::arg("comment") = "",
            py::arg("document") = py::none())
        .def(
            "application",
            [](PyOffice& o, std::int64_t id) {
                return to_python(to_json(take(o.run([&](Office& office) { return office.application(id); }))));
            },
            py::arg("id"))
        .def(
            "queue",
            [](PyOffice& o, std::int64_t actor, py::handle state, py::handle ward, py::handle type, bool overdue,
               int limit) {
                json j = members({{"state", state}, {"ward", ward}, {"type", type}});
                j["overdue"] = overdue;
                j["limit"] = limit_arg(limit);
                const QueueFilter filter = take(queue_filter_from_json(j));
                return to_python_list(take(o.run([&](Office& office) { return office.queue(actor, filter); })));
            },
            py::arg("actor"), py::kw_only(), py::arg("state") = py::none(), py::arg("ward") = py::none(),
            py::arg("type") = py::none(), py::arg("overdue") = false, py::arg("limit") = 100)
        .def(
            "certificate",
            [](PyOffice& o, const std::string& serial) {
                return to_python(to_json(take(o.run([&](Office& office) { return office.certificate(serial); }))));
            },
            py::arg("serial"))
        .def(
            "revoke",
            [](PyOffice& o, std::int64_t actor, const std::string& serial, const std::string& reason) {
                return to_python(
                    to_json(take(o.run([&](Office& office) { return office.revoke(actor, serial, reason); }))));
            },
            py::arg("actor"), py::arg("serial"), py::arg("reason"))
        .def("revocation_list",
             [](PyOffice& o) { return to_python(take(o.run([](Office& office) { return office.revocation_list(); }))); })
        .def(
            "print_pdf",
            [](PyOffice& o, std::int64_t actor, const std::string& serial) {
                auto copy = take(o.run([&](Office& office) { return office.print(actor, serial); }));
                return to_bytes(copy.pdf);
            },
            py::arg("actor"), py::arg("serial"))
        .def(
            "send_sms",
            [](PyOffice& o, py::handle transport, int limit) {
                const json how = transport.is_none() ? json() : from_python(transport);
                const int most = limit_arg(limit);
                return to_python(to_json(take(o.run([&](Office& office) { return office.send_sms(how, most); }))));
            },
            py::arg("transport") = py::none(), py::kw_only(), py::arg("limit") = 100)
        .def(
            "outbox",
            [](PyOffice& o, std::optional<std::string> status, int limit) {
                const int most = limit_arg(limit);
                return to_python_list(take(o.run([&](Office& office) { return office.outbox(status, most); })));
            },
            py::kw_only(), py::arg("status") = py::none(), py::arg("limit") = 100)
        .def("verify_audit",
             [](PyOffice& o) {
                 return to_python(to_json(take(o.run([](Office& office) { return office.verify_audit(); }))));
             })
        .def("checkpoint_audit",
             [](PyOffice& o) { check(o.run([](Office& office) { return office.checkpoint_audit(); })); })
        .def("__repr__", [](PyOffice&) { return std::string("<Office>"); });
}

}  // namespace poura::python
