#include "revenue/bill_codec.hpp"

#include "core/json_writer.hpp"

namespace poura::revenue::detail {

namespace {

const char* const kKinds[] = {"fixed", "rate", "per_unit", "tiered", "given", "sum"};
constexpr fees::Rule::Kind kKindValues[] = {fees::Rule::Kind::fixed,    fees::Rule::Kind::rate,  fees::Rule::Kind::per_unit,
                                            fees::Rule::Kind::tiered,   fees::Rule::Kind::given, fees::Rule::Kind::sum};
constexpr int kFormat = 1;

const char* kind_name(fees::Rule::Kind k) {
    for (std::size_t i = 0; i < std::size(kKindValues); ++i)
        if (kKindValues[i] == k) return kKinds[i];
    return "fixed";
}

fees::Rule::Kind kind_of(const std::string& name) {
    for (std::size_t i = 0; i < std::size(kKinds); ++i)
        if (name == kKinds[i]) return kKindValues[i];
    return fees::Rule::Kind::fixed;
}

std::int64_t integer(const nlohmann::json& j, const char* member) {
    auto it = j.find(member);
    return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string text(const nlohmann::json& j, const char* member) {
    auto it = j.find(member);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string store_bill(const fees::Bill& b, const nlohmann::json& extra) {
    std::string out;
    out.reserve(256 + 256 * b.lines.size());
    JsonWriter w(out);
    w.begin_object();
    w.key("stored").value(std::int64_t{kFormat});
    w.key("service").value(b.service);
    w.key("municipality").value(b.municipality);
    w.key("municipality_bn").value(b.municipality_bn);
    w.key("municipality_en").value(b.municipality_en);
    w.key("period").value(b.period);
    w.key("schedule").value(b.schedule);
    w.key("total_poisha").value(b.total.in_poisha());
    w.key("due").value(b.due);
    w.key("lines").begin_array();
    for (const fees::LineItem& l : b.lines) {
        w.begin_object();
        w.key("code").value(l.code);
        w.key("label_bn").value(l.label_bn);
        w.key("label_en").value(l.label_en);
        w.key("amount_poisha").value(l.amount.in_poisha());
        w.key("kind").value(kind_name(l.rule.kind));
        if (l.rule.kind == fees::Rule::Kind::rate) {
            w.key("base_poisha").value(l.rule.base.in_poisha());
            w.key("rate").value(l.rule.rate);
        } else if (l.rule.kind == fees::Rule::Kind::per_unit || l.rule.kind == fees::Rule::Kind::tiered) {
            w.key("quantity").value(l.rule.quantity);
            w.key("unit_price_poisha").value(l.rule.unit_price.in_poisha());
            w.key("unit").value(l.rule.unit);
        }
        if (!l.schedule.empty()) w.key("schedule").value(l.schedule);
        if (!l.period.empty()) w.key("period").value(l.period);
        if (l.informational) w.key("informational").value(true);
        w.end_object();
    }
    w.end_array();
    w.key("instalments").begin_array();
    for (const fees::Instalment& i : b.instalments) {
        w.begin_object();
        w.key("number").value(std::int64_t{i.number});
        w.key("due").value(i.due);
        w.key("amount_poisha").value(i.amount.in_poisha());
        w.end_object();
    }
    w.end_array();
    if (extra.is_object())
        for (const auto& [name, value] : extra.items()) w.key(name).value(value);
    w.end_object();
    return out;
}

nlohmann::json expand_bill(const nlohmann::json& stored) {
    if (!stored.is_object() || integer(stored, "stored") != kFormat) return stored;
    fees::Bill b;
    b.service = text(stored, "service");
    b.municipality = text(stored, "municipality");
    b.municipality_bn = text(stored, "municipality_bn");
    b.municipality_en = text(stored, "municipality_en");
    b.period = text(stored, "period");
    b.schedule = text(stored, "schedule");
    b.total = Money::poisha(integer(stored, "total_poisha"));
    b.due = text(stored, "due");
    for (const auto& l : stored.value("lines", nlohmann::json::array())) {
        fees::LineItem line;
        line.code = text(l, "code");
        line.label_bn = text(l, "label_bn");
        line.label_en = text(l, "label_en");
        line.amount = Money::poisha(integer(l, "amount_poisha"));
        line.rule.kind = kind_of(text(l, "kind"));
        line.rule.base = Money::poisha(integer(l, "base_poisha"));
        line.rule.rate = integer(l, "rate");
        line.rule.quantity = integer(l, "quantity");
        line.rule.unit_price = Money::poisha(integer(l, "unit_price_poisha"));
        line.rule.unit = text(l, "unit");
        line.schedule = text(l, "schedule");
        line.period = text(l, "period");
        line.informational = l.value("informational", false);
        b.lines.push_back(std::move(line));
    }
    for (const auto& i : stored.value("instalments", nlohmann::json::array()))
        b.instalments.push_back({static_cast<int>(integer(i, "number")), text(i, "due"),
                                 Money::poisha(integer(i, "amount_poisha"))});
    nlohmann::json full = b.to_json();
    for (const auto& [name, value] : stored.items())
        if (!full.contains(name) && name != "stored" && name != "municipality_bn" && name != "municipality_en")
            full[name] = value;
    return full;
}

}  // namespace poura::revenue::detail
