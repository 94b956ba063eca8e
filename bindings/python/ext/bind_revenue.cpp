// The office's revenue section, poura.Revenue(office): holdings, water
// connections, trade licences, bill runs, payments, settlement files, the
// ledger and reports. Records go in as dicts read by the core's *_from_json
// and come back as dicts made by its to_json, the same JSON the CLI and the
// C API use. Work runs with the GIL released under the office's lock, so a
// Revenue and its Office take turns.
#include "office.hpp"

#include <poura/revenue.hpp>

#include <exception>
#include <functional>
#include <optional>

namespace poura::python {
namespace {

using nlohmann::json;
using revenue::Revenue;

// The revenue section of an office that the Python object keeps alive.
struct PyRevenue {
    explicit PyRevenue(PyOffice& o) : office(&o) {}
    PyOffice* office;

    template <typename Work>
    auto run(Work&& work) {
        return office->run([&](Office& o) {
            Revenue section(o);
            return work(section);
        });
    }
};

// Thrown through the core from a progress callback that raised: inside a
// transaction it rolls the work back (Store::transaction), and the Python
// exception is raised in its place.
struct CallbackRaised : std::exception {
    const char* what() const noexcept override { return "the progress callback raised an exception"; }
};

// A Python callable progress(done, total), called with the GIL taken again.
// When it raises, the work stops there and its exception is the call's.
class Progress {
public:
    explicit Progress(py::handle callback) : callback_(py::reinterpret_borrow<py::object>(callback)) {}

    std::function<void(std::int64_t, std::int64_t)> function() {
        if (callback_.is_none()) return {};
        return [this](std::int64_t done, std::int64_t total) {
            if (raised_) throw CallbackRaised();
            py::gil_scoped_acquire held;
            try {
                callback_(done, total);
            } catch (py::error_already_set& e) {
                raised_ = std::move(e);
                throw CallbackRaised();
            }
        };
    }

    // The work's result, or the callback's exception raised again.
    template <typename T>
    T take_result(Result<T> result) {
        if (raised_) throw *raised_;
        return take(std::move(result));
    }

    // Runs work that may throw CallbackRaised out of the core (outside a
    // transaction), with the GIL released.
    template <typename Work>
    auto guard(Work&& work) -> decltype(work()) {
        try {
            return work();
        } catch (const CallbackRaised&) {
            return make_error(Errc::internal, "stopped by the progress callback");
        }
    }

private:
    py::object callback_;
    std::optional<py::error_already_set> raised_;
};

// A date argument: "YYYY-MM-DD" text or a datetime.date.
std::string date_text(py::handle value, const char* name) {
    const json j = from_python(value);
    if (!j.is_string()) raise_error(Errc::invalid_argument, std::string(name) + " must be an ISO date (text or date)");
    return j.get<std::string>();
}

json object_arg(py::handle value, const char* name) {
    if (!py::isinstance<py::dict>(value)) raise_error(Errc::invalid_argument, std::string(name) + " must be a dict");
    return from_python(value);
}

// An amount of taka as the records' JSON forms read it (an assessment's
// annual value): int, float, Decimal or text such as "1,20,000.50".
Money taka_arg(py::handle value, const char* name) {
    auto read = revenue::assessment_from_json({{"annual_value", from_python(value)}});
    if (!read || read->annual_value < Money())
        raise_error(Errc::invalid_argument,
                    std::string(name) + " must be an amount of taka: a number, Decimal or text such as \"1,20,000.50\"");
    return read->annual_value;
}

revenue::Scope scope_arg(py::handle service, py::handle period, int ward) {
    json j = {{"ward", ward}};
    if (!service.is_none()) j["service"] = from_python(service);
    if (!period.is_none()) j["period"] = from_python(period);
    return take(revenue::scope_from_json(j));
}

json rows_arg(py::handle rows) {
    const json j = from_python(rows);
    if (!j.is_array()) raise_error(Errc::invalid_argument, "rows must be a list of report rows (dicts)");
    for (const auto& row : j)
        if (!row.is_object()) raise_error(Errc::invalid_argument, "rows must be a list of report rows (dicts)");
    return j;
}

}  // namespace

void bind_revenue(py::module_& m) {
    py::class_<PyRevenue>(m, "Revenue")
        .def(py::init<PyOffice&>(), py::arg("office"), py::keep_alive<1, 2>())
        // ----- records
        .def(
            "add_holding",
            [](PyRevenue& r, std::int64_t actor, py::handle holding) {
                const auto h = take(revenue::holding_from_json(object_arg(holding, "holding")));
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.add_holding(actor, h); }))));
            },
            py::arg("actor"), py::arg("holding"))
        .def(
            "holding",
            [](PyRevenue& r, const std::string& number) {
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.holding(number); }))));
            },
            py::arg("number"))
        .def(
            "holdings",
            [](PyRevenue& r, int ward, int limit) {
                return to_python_list(take(r.run([&](Revenue& s) { return s.holdings(ward, limit); })));
            },
            py::kw_only(), py::arg("ward") = 0, py::arg("limit") = 1000)
        .def(
            "update_holding",
            [](PyRevenue& r, std::int64_t actor, py::handle holding) {
                const auto h = take(revenue::holding_from_json(object_arg(holding, "holding")));
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.update_holding(actor, h); }))));
            },
            py::arg("actor"), py::arg("holding"))
        .def(
            "mutate",
            [](PyRevenue& r, std::int64_t actor, const std::string& number, py::handle owners, py::handle effective,
               const std::string& note) {
                const json list = from_python(owners);
                if (!list.is_array()) raise_error(Errc::invalid_argument, "owners must be a list of dicts");
                std::vector<revenue::Owner> new_owners;
                for (const auto& owner : list) new_owners.push_back(take(revenue::owner_from_json(owner)));
                const std::string from = date_text(effective, "effective");
                return to_python(to_json(
                    take(r.run([&](Revenue& s) { return s.mutate(actor, number, new_owners, from, note); }))));
            },
            py::arg("actor"), py::arg("number"), py::arg("owners"), py::kw_only(), py::arg("effective"),
            py::arg("note") = "")
        .def(
            "assess",
            [](PyRevenue& r, std::int64_t actor, const std::string& number, py::handle assessment) {
                const auto a = take(revenue::assessment_from_json(object_arg(assessment, "assessment")));
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.assess(actor, number, a); }))));
            },
            py::arg("actor"), py::arg("number"), py::arg("assessment"))
        .def(
            "object",
            [](PyRevenue& r, std::int64_t actor, const std::string& number, const std::string& reason) {
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.object(actor, number, reason); }))));
            },
            py::arg("actor"), py::arg("number"), py::arg("reason"))
        .def(
            "review",
            [](PyRevenue& r, std::int64_t actor, const std::string& number, py::handle revised_value,
               const std::string& note) {
                const Money value = taka_arg(revised_value, "revised_value");
                return to_python(
                    to_json(take(r.run([&](Revenue& s) { return s.review(actor, number, value, note); }))));
            },
            py::arg("actor"), py::arg("number"), py::arg("revised_value"), py::arg("note"))
        .def(
            "assessments",
            [](PyRevenue& r, const std::string& number) {
                return to_python_list(take(r.run([&](Revenue& s) { return s.assessments(number); })));
            },
            py::arg("number"))
        .def(
            "add_connection",
            [](PyRevenue& r, std::int64_t actor, py::handle connection) {
                const auto c = take(revenue::connection_from_json(object_arg(connection, "connection")));
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.add_connection(actor, c); }))));
            },
            py::arg("actor"), py::arg("connection"))
        .def(
            "connection",
            [](PyRevenue& r, const std::string& number) {
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.connection(number); }))));
            },
            py::arg("number"))
        .def(
            "record_reading",
            [](PyRevenue& r, std::int64_t actor, const std::string& connection, const std::string& month,
               std::int64_t litres) {
                check(r.run([&](Revenue& s) { return s.record_reading(actor, connection, month, litres); }));
            },
            py::arg("actor"), py::arg("connection"), py::arg("month"), py::arg("litres"))
        .def(
            "issue_licence",
            [](PyRevenue& r, std::int64_t actor, py::handle licence, int years, py::handle on) {
                const auto l = take(revenue::licence_from_json(object_arg(licence, "licence")));
                const std::string day = date_text(on, "on");
                return to_python(
                    to_json(take(r.run([&](Revenue& s) { return s.issue_licence(actor, l, years, day); }))));
            },
            py::arg("actor"), py::arg("licence"), py::kw_only(), py::arg("years") = 1, py::arg("on"))
        .def(
            "renew_licence",
            [](PyRevenue& r, std::int64_t actor, const std::string& number, int years, py::handle on) {
                const std::string day = date_text(on, "on");
                return to_python(
                    to_json(take(r.run([&](Revenue& s) { return s.renew_licence(actor, number, years, day); }))));
            },
            py::arg("actor"), py::arg("number"), py::kw_only(), py::arg("years") = 1, py::arg("on"))
        .def(
            "surrender_licence",
            [](PyRevenue& r, std::int64_t actor, const std::string& number, const std::string& reason) {
                return to_python(
                    to_json(take(r.run([&](Revenue& s) { return s.surrender_licence(actor, number, reason); }))));
            },
            py::arg("actor"), py::arg("number"), py::arg("reason"))
        .def(
            "licence",
            [](PyRevenue& r, const std::string& number) {
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.licence(number); }))));
            },
            py::arg("number"))
        .def(
            "import_register",
            [](PyRevenue& r, std::int64_t actor, const std::string& kind, const std::string& csv) {
                return take(r.run([&](Revenue& s) { return s.import_register(actor, kind, csv); }));
            },
            py::arg("actor"), py::arg("kind"), py::arg("csv"))
        // ----- bills and payments
        .def(
            "run_bills",
            [](PyRevenue& r, std::int64_t actor, py::handle service, py::handle period, int ward,
               py::handle progress) {
                const revenue::Scope scope = scope_arg(service, period, ward);
                Progress callback(progress);
                auto summary = r.run([&](Revenue& s) {
                    return callback.guard([&] { return s.run_bills(actor, scope, callback.function()); });
                });
                return to_python(to_json(callback.take_result(std::move(summary))));
            },
            py::arg("actor"), py::arg("service"), py::arg("period"), py::kw_only(), py::arg("ward") = 0,
            py::arg("progress") = py::none())
        .def(
            "demands",
            [](PyRevenue& r, const std::string& service, const std::string& account) {
                return to_python_list(take(r.run([&](Revenue& s) { return s.demands(service, account); })));
            },
            py::arg("service"), py::arg("account"))
        .def(
            "pay",
            [](PyRevenue& r, std::int64_t actor, py::handle payment) {
                const auto p = take(revenue::payment_from_json(object_arg(payment, "payment")));
                return to_python(to_json(take(r.run([&](Revenue& s) { return s.pay(actor, p); }))));
            },
            py::arg("actor"), py::arg("payment"))
        .def(
            "payments",
            [](PyRevenue& r, const std::string& service, const std::string& account) {
                return to_python_list(take(r.run([&](Revenue& s) { return s.payments(service, account); })));
            },
            py::arg("service"), py::arg("account"))
        .def(
            "import_payments",
            [](PyRevenue& r, std::int64_t actor, const std::string& method, const std::string& csv,
               const std::string& file_name, py::handle progress) {
                Progress callback(progress);
                auto report = r.run([&](Revenue& s) {
                    return callback.guard(
                        [&] { return s.import_payments(actor, method, csv, file_name, callback.function()); });
                });
                return to_python(to_json(callback.take_result(std::move(report))));
            },
            py::arg("actor"), py::arg("method"), py::arg("csv"), py::kw_only(), py::arg("file_name") = "settlement",
            py::arg("progress") = py::none())
        // ----- the ledger and reports
        .def("check_ledger",
             [](PyRevenue& r) { return to_python(to_json(take(r.run([](Revenue& s) { return s.check_ledger(); })))); })
        .def(
            "report",
            [](PyRevenue& r, const std::string& name, py::handle service, py::handle period, int ward) {
                const revenue::Scope scope = scope_arg(service, period, ward);
                return to_python(take(r.run([&](Revenue& s) { return s.report(name, scope); })));
            },
            py::arg("name"), py::kw_only(), py::arg("service") = py::none(), py::arg("period") = py::none(),
            py::arg("ward") = 0)
        .def_static(
            "report_csv", [](py::handle rows) { return revenue::report_csv(rows_arg(rows)); }, py::arg("rows"))
        .def_static(
            "report_svg",
            [](py::handle rows, const std::string& label, const std::string& value, const std::string& title) {
                return take(revenue::report_svg(rows_arg(rows), label, value, title));
            },
            py::arg("rows"), py::kw_only(), py::arg("label"), py::arg("value"), py::arg("title") = "")
        .def("__repr__", [](PyRevenue&) { return std::string("<Revenue>"); });
}

}  // namespace poura::python
