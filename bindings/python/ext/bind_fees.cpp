// Fees and money: schedules, the four calculators, receipts and the money
// formats. Amounts cross into Python as whole poisha; poura.fees and
// poura._money turn them into Decimal taka.
#include "common.hpp"

namespace poura::python {
namespace {

Language language_arg(const std::string& language) {
    if (language == "bn") return Language::bn;
    if (language == "en") return Language::en;
    raise_error(Errc::invalid_argument, "language must be \"bn\" or \"en\", not \"" + language + "\"");
}

Money money_arg(std::int64_t poisha) {
    if (poisha < -Money::limit || poisha > Money::limit)
        raise_error(Errc::invalid_argument, "an amount must be within Tk 10,00,00,00,00,000 either way");
    return Money::poisha(poisha);
}

template <typename Input, typename Calculator>
fees::Bill calculate(const fees::ScheduleSet& schedules, const nlohmann::json& input, Calculator calculator) {
    const Input parsed = take(Input::from_json(input));
    return take(calculator(schedules, parsed));
}

fees::Bill bill(const std::string& calculator, const fees::ScheduleSet& schedules, py::handle input) {
    const nlohmann::json j = from_python(input);
    if (calculator == "holding") return calculate<fees::HoldingTaxInput>(schedules, j, fees::holding_tax);
    if (calculator == "water") return calculate<fees::WaterInput>(schedules, j, fees::water_bill);
    if (calculator == "trade") return calculate<fees::TradeLicenceInput>(schedules, j, fees::trade_licence_fee);
    if (calculator == "certificate") return calculate<fees::CertificateFeeInput>(schedules, j, fees::certificate_fee);
    raise_error(Errc::invalid_argument, "calculator must be \"holding\", \"water\", \"trade\" or \"certificate\", not \"" +
                                            calculator + "\"");
}

fees::ReceiptDetails receipt_details(const std::string& payer_name_bn, const std::string& payer_name_en,
                                     const std::string& reference, const std::string& paid_on,
                                     const std::string& method) {
    fees::ReceiptDetails details;
    details.payer_name_bn = payer_name_bn;
    details.payer_name_en = payer_name_en;
    details.reference = reference;
    details.paid_on = paid_on;
    details.method = method;
    return details;
}

}  // namespace

void bind_fees(py::module_& m) {
    py::class_<fees::ScheduleSet>(m, "ScheduleSet")
        .def(py::init<>())
        .def(
            "add",
            [](fees::ScheduleSet& set, py::handle schedule, const std::string& source_name) {
                if (PyUnicode_Check(schedule.ptr())) check(set.add(schedule.cast<std::string>(), source_name));
                else check(set.add_json(from_python(schedule), source_name));
            },
            py::arg("schedule"), py::kw_only(), py::arg("source_name") = "schedule")
        .def(
            "add_file",
            [](fees::ScheduleSet& set, py::handle path) {
                const Bytes data = read_file(path);
                const std::string name = py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
                check(set.add(std::string(data.begin(), data.end()), name));
            },
            py::arg("path"))
        .def_static(
            "check", [](py::handle schedule) { return fees::ScheduleSet::check(from_python(schedule)); },
            py::arg("schedule"))
        .def("list", [](const fees::ScheduleSet& set) { return to_python(set.list()); })
        .def("__len__", &fees::ScheduleSet::size)
        .def("__repr__", [](const fees::ScheduleSet& set) {
            return "<ScheduleSet " + std::to_string(set.size()) + " schedule(s)>";
        });

    // A calculated bill, kept whole: poura.fees.Bill reads it through to_dict()
    // and to_text().
    py::class_<fees::Bill>(m, "NativeBill")
        .def_property_readonly("total_poisha", [](const fees::Bill& b) { return b.total.in_poisha(); })
        .def("to_dict", [](const fees::Bill& b) { return to_python(b.to_json()); })
        .def("to_text", &fees::Bill::to_text)
        .def(
            "receipt_document",
            [](const fees::Bill& b, const std::string& payer_name_bn, const std::string& payer_name_en,
               const std::string& reference, const std::string& paid_on, const std::string& method) {
                return to_python(take(fees::receipt_document(
                    b, receipt_details(payer_name_bn, payer_name_en, reference, paid_on, method))));
            },
            py::kw_only(), py::arg("payer_name_bn"), py::arg("payer_name_en"), py::arg("reference"),
            py::arg("paid_on"), py::arg("method") = "");

    m.def("bill", &bill, py::arg("calculator"), py::arg("schedules"), py::arg("input"));

    m.def(
        "parse_money", [](const std::string& text) { return take(parse_money(text)).in_poisha(); }, py::arg("text"));
    m.def(
        "format_money",
        [](std::int64_t poisha, const std::string& language) {
            return format_money(money_arg(poisha), language_arg(language));
        },
        py::arg("poisha"), py::arg("language"));
    m.def(
        "format_taka",
        [](std::int64_t poisha, const std::string& language) {
            return format_taka(money_arg(poisha), language_arg(language));
        },
        py::arg("poisha"), py::arg("language"));
    m.def(
        "money_in_words",
        [](std::int64_t poisha, const std::string& language) {
            return money_in_words(money_arg(poisha), language_arg(language));
        },
        py::arg("poisha"), py::arg("language"));
    m.def(
        "format_percent",
        [](std::int64_t basis_points, const std::string& language) {
            if (basis_points < -1'000'000'000 || basis_points > 1'000'000'000)
                raise_error(Errc::invalid_argument, "a rate must be within ±10,000,000%");
            return format_percent(basis_points, language_arg(language));
        },
        py::arg("basis_points"), py::arg("language"));
}

}  // namespace poura::python
