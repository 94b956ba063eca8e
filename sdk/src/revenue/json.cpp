// The revenue records as JSON: the one form the CLI, the C API and the
// Python package give and take them in. Amounts go out in poisha
// ("amount_poisha") and come in as taka, a number or text ("1,500.50").
#include <poura/revenue.hpp>

#include "core/json_reader.hpp"
#include "core/try.hpp"
#include "revenue/csv.hpp"

namespace poura::revenue {

namespace {

class Reader : public JsonReader {
public:
    explicit Reader(std::vector<std::string>& problems) : JsonReader(problems) {}

    std::string string(const nlohmann::json& j, const char* member, std::string fallback = {}) {
        auto it = j.find(member);
        if (it == j.end()) return fallback;
        if (!it->is_string()) {
            problem(std::string("$.") + member, "must be text");
            return fallback;
        }
        return it->get<std::string>();
    }

    std::int64_t number(const nlohmann::json& j, const char* member, std::int64_t fallback) {
        auto it = j.find(member);
        if (it == j.end()) return fallback;
        if (!it->is_number_integer()) {
            problem(std::string("$.") + member, "must be a whole number");
            return fallback;
        }
        return it->get<std::int64_t>();
    }

    // Hundredths: a number with at most two decimals.
    std::int64_t hundredths(const nlohmann::json& j, const char* member) {
        return fixed_point(j, member, 2, "$", 0, 1'000'000'000'00, false).value_or(0);
    }

    Money money(const nlohmann::json& j, const char* member) {
        auto it = j.find(member);
        if (it == j.end()) return Money();
        if (it->is_string()) {
            auto m = detail::parse_amount(it->get_ref<const std::string&>());
            if (!m) problem(std::string("$.") + member, m.error().message);
            return m ? *m : Money();
        }
        return Money::poisha(fixed_point(*it, 2, std::string("$.") + member, 0, Money::limit).value_or(0));
    }

    bool boolean(const nlohmann::json& j, const char* member) {
        auto it = j.find(member);
        if (it == j.end()) return false;
        if (!it->is_boolean()) problem(std::string("$.") + member, "must be true or false");
        return it->is_boolean() && it->get<bool>();
    }

    std::vector<std::string> strings(const nlohmann::json& j, const char* member) {
        std::vector<std::string> out;
        auto it = j.find(member);
        if (it == j.end()) return out;
        if (!it->is_array()) {
            problem(std::string("$.") + member, "must be a list of text");
            return out;
        }
        for (const auto& v : *it) {
            if (v.is_string()) out.push_back(v.get<std::string>());
            else problem(std::string("$.") + member, "must be a list of text");
        }
        return out;
    }
};

template <typename T, typename Fill>
Result<T> read(const nlohmann::json& j, const char* what, Fill fill) {
    if (!j.is_object()) return make_error(Errc::invalid_argument, std::string(what) + ": must be a JSON object");
    std::vector<std::string> problems;
    Reader r(problems);
    T out;
    fill(r, out);
    if (!problems.empty()) return make_error(Errc::invalid_argument, describe_problems(what, problems));
    return out;
}

nlohmann::json money(Money m) { return m.in_poisha(); }

}  // namespace

Result<Money> parse_taka(std::string_view text) { return detail::parse_amount(text); }

nlohmann::json to_json(const Holding& h) {
    nlohmann::json owners = nlohmann::json::array();
    for (const Owner& o : h.owners)
        owners.push_back({{"name_bn", o.name_bn}, {"name_en", o.name_en}, {"nid", o.nid}, {"mobile", o.mobile}, {"share", o.share}});
    return {{"number", h.number},
            {"ward", h.ward},
            {"mohalla", h.mohalla},
            {"road", h.road},
            {"use", h.use},
            {"construction", h.construction},
            {"land_area", static_cast<double>(h.land_area) / 100},
            {"floor_area", static_cast<double>(h.floor_area) / 100},
            {"units", h.units},
            {"occupancy", h.occupancy},
            {"monthly_rent_poisha", money(h.monthly_rent)},
            {"loan_interest_poisha", money(h.loan_interest)},
            {"waivers", h.waivers},
            {"owners", owners}};
}

nlohmann::json to_json(const Assessment& a) {
    return {{"id", a.id},         {"effective", a.effective}, {"kind", a.kind},
            {"annual_value_poisha", money(a.annual_value)}, {"status", a.status}, {"note", a.note}};
}

nlohmann::json to_json(const WaterConnection& c) {
    return {{"number", c.number},   {"holding", c.holding},   {"diameter", c.diameter},
            {"use", c.use},         {"storeys", c.storeys},   {"flats", c.flats},
            {"metered", c.metered}, {"meter_no", c.meter_no}, {"status", c.status},
            {"connected_on", c.connected_on}};
}

nlohmann::json to_json(const TradeLicence& l) {
    nlohmann::json boards = nlohmann::json::array();
    for (const auto& b : l.signboards) boards.push_back({{"area", static_cast<double>(b.area) / 100}, {"lit", b.lit}});
    return {{"number", l.number},
            {"business_name_bn", l.business_name_bn},
            {"business_name_en", l.business_name_en},
            {"owner_name_bn", l.owner_name_bn},
            {"owner_name_en", l.owner_name_en},
            {"owner_nid", l.owner_nid},
            {"mobile", l.mobile},
            {"holding", l.holding},
            {"ward", l.ward},
            {"address_bn", l.address_bn},
            {"category", l.category},
            {"signboards", boards},
            {"first_year", l.first_year},
            {"last_year", l.last_year},
            {"status", l.status},
            {"serial", l.serial},
            {"qr_text", l.qr_text}};
}

nlohmann::json to_json(const Demand& d) {
    nlohmann::json dues = nlohmann::json::array();
    Money outstanding;
    for (const Due& x : d.dues) {
        dues.push_back({{"period", x.period},
                        {"instalment", x.instalment},
                        {"kind", x.kind},
                        {"due", x.due},
                        {"amount_poisha", money(x.amount)},
                        {"paid_poisha", money(x.paid)},
                        {"adjusted_poisha", money(x.adjusted)},
                        {"outstanding_poisha", money(x.outstanding())}});
        outstanding += x.outstanding();
    }
    return {{"service", d.service}, {"account", d.account},   {"ward", d.ward},
            {"period", d.period},   {"run", d.run},           {"payer_bn", d.payer_bn},
            {"mobile", d.mobile},   {"total_poisha", money(d.total)}, {"outstanding_poisha", money(outstanding)},
            {"schedule", d.schedule},
            {"dues", dues},         {"bill", d.bill}};
}

nlohmann::json to_json(const RunSummary& s) {
    return {{"run", s.run},
            {"service", s.service},
            {"period", s.period},
            {"ward", s.ward},
            {"accounts", s.accounts},
            {"billed", s.billed},
            {"already_billed", s.already_billed},
            {"exempt", s.exempt},
            {"skipped", s.skipped},
            {"surcharges", s.surcharges},
            {"demand_poisha", money(s.demand)},
            {"arrears_poisha", money(s.arrears)},
            {"problems", s.problems}};
}

nlohmann::json to_json(const Payment& p) {
    nlohmann::json allocations = nlohmann::json::array();
    for (const auto& a : p.allocations)
        allocations.push_back({{"period", a.period}, {"instalment", a.instalment}, {"kind", a.kind}, {"amount_poisha", money(a.amount)}});
    return {{"service", p.service},
            {"account", p.account},
            {"ward", p.ward},
            {"amount_poisha", money(p.amount)},
            {"rebate_poisha", money(p.rebate)},
            {"paid_on", p.paid_on},
            {"method", p.method},
            {"reference", p.reference},
            {"payer_bn", p.payer_bn},
            {"allocations", allocations},
            {"receipt_serial", p.receipt_serial},
            {"receipt_qr", p.receipt_qr},
            {"duplicate", p.duplicate}};
}

nlohmann::json to_json(const ImportReport& r) {
    return {{"rows", r.rows},
            {"recorded", r.recorded},
            {"duplicates", r.duplicates},
            {"unmatched", r.unmatched},
            {"amount_poisha", money(r.amount)},
            {"unmatched_sample", r.unmatched_sample}};
}

nlohmann::json to_json(const LedgerCheck& c) {
    return {{"ok", c.ok},
            {"demand_poisha", money(c.demand)},
            {"collection_poisha", money(c.collection)},
            {"adjustments_poisha", money(c.adjustments)},
            {"outstanding_poisha", money(c.outstanding)},
            {"dues", c.dues},
            {"payments", c.payments},
            {"problems", c.problems}};
}

Result<Owner> owner_from_json(const nlohmann::json& j) {
    return read<Owner>(j, "owner", [&](Reader& r, Owner& o) {
        o.name_bn = r.string(j, "name_bn");
        o.name_en = r.string(j, "name_en");
        o.nid = r.string(j, "nid");
        o.mobile = r.string(j, "mobile");
        o.share = r.string(j, "share", "1");
        r.only(j, "$", {"name_bn", "name_en", "nid", "mobile", "share"});
    });
}

Result<Holding> holding_from_json(const nlohmann::json& j) {
    std::vector<Owner> owners;
    if (j.is_object() && j.contains("owners")) {
        if (!j["owners"].is_array()) return make_error(Errc::invalid_argument, "holding: $.owners must be a list");
        for (const auto& o : j["owners"]) {
            auto owner = owner_from_json(o);
            POURA_RETURN_IF_ERROR(owner);
            owners.push_back(std::move(*owner));
        }
    }
    auto h = read<Holding>(j, "holding", [&](Reader& r, Holding& h) {
        h.number = r.string(j, "number");
        h.ward = static_cast<int>(r.number(j, "ward", 0));
        h.mohalla = r.string(j, "mohalla");
        h.road = r.string(j, "road");
        h.use = r.string(j, "use", h.use);
        h.construction = r.string(j, "construction", h.construction);
        h.land_area = r.hundredths(j, "land_area");
        h.floor_area = r.hundredths(j, "floor_area");
        if (j.contains("units")) h.units = j["units"];
        h.occupancy = r.string(j, "occupancy", h.occupancy);
        h.monthly_rent = r.money(j, "monthly_rent");
        h.loan_interest = r.money(j, "loan_interest");
        h.waivers = r.strings(j, "waivers");
        r.only(j, "$", {"number", "ward", "mohalla", "road", "use", "construction", "land_area", "floor_area", "units",
                        "occupancy", "monthly_rent", "loan_interest", "waivers", "owners"});
    });
    POURA_RETURN_IF_ERROR(h);
    h->owners = std::move(owners);
    return h;
}

Result<WaterConnection> connection_from_json(const nlohmann::json& j) {
    return read<WaterConnection>(j, "water connection", [&](Reader& r, WaterConnection& c) {
        c.number = r.string(j, "number");
        c.holding = r.string(j, "holding");
        c.diameter = r.string(j, "diameter");
        c.use = r.string(j, "use", c.use);
        c.storeys = static_cast<int>(r.number(j, "storeys", 1));
        c.flats = static_cast<int>(r.number(j, "flats", 1));
        c.metered = r.boolean(j, "metered");
        c.meter_no = r.string(j, "meter_no");
        c.status = r.string(j, "status", c.status);
        c.connected_on = r.string(j, "connected_on");
        r.only(j, "$", {"number", "holding", "diameter", "use", "storeys", "flats", "metered", "meter_no", "status",
                        "connected_on"});
    });
}

Result<TradeLicence> licence_from_json(const nlohmann::json& j) {
    return read<TradeLicence>(j, "trade licence", [&](Reader& r, TradeLicence& l) {
        l.business_name_bn = r.string(j, "business_name_bn");
        l.business_name_en = r.string(j, "business_name_en");
        l.owner_name_bn = r.string(j, "owner_name_bn");
        l.owner_name_en = r.string(j, "owner_name_en");
        l.owner_nid = r.string(j, "owner_nid");
        l.mobile = r.string(j, "mobile");
        l.holding = r.string(j, "holding");
        l.ward = static_cast<int>(r.number(j, "ward", 0));
        l.address_bn = r.string(j, "address_bn");
        l.category = r.string(j, "category");
        if (auto it = j.find("signboards"); it != j.end()) {
            if (!it->is_array()) r.problem("$.signboards", "must be a list of {\"area\", \"lit\"}");
            else
                for (const auto& b : *it) {
                    if (!b.is_object()) {
                        r.problem("$.signboards", "must be a list of {\"area\", \"lit\"}");
                        continue;
                    }
                    l.signboards.push_back({r.hundredths(b, "area"), r.boolean(b, "lit")});
                    r.only(b, "$.signboards[]", {"area", "lit"});
                }
        }
        r.only(j, "$", {"business_name_bn", "business_name_en", "owner_name_bn", "owner_name_en", "owner_nid", "mobile",
                        "holding", "ward", "address_bn", "category", "signboards"});
    });
}

Result<Assessment> assessment_from_json(const nlohmann::json& j) {
    return read<Assessment>(j, "assessment", [&](Reader& r, Assessment& a) {
        a.effective = r.string(j, "effective");
        a.kind = r.string(j, "kind", a.kind);
        a.annual_value = r.money(j, "annual_value");
        a.note = r.string(j, "note");
        r.only(j, "$", {"effective", "kind", "annual_value", "note"});
    });
}

Result<Scope> scope_from_json(const nlohmann::json& j) {
    return read<Scope>(j, "scope", [&](Reader& r, Scope& s) {
        s.service = r.string(j, "service");
        s.period = r.string(j, "period");
        s.ward = static_cast<int>(r.number(j, "ward", 0));
        r.only(j, "$", {"service", "period", "ward"});
    });
}

Result<NewPayment> payment_from_json(const nlohmann::json& j) {
    return read<NewPayment>(j, "payment", [&](Reader& r, NewPayment& p) {
        p.service = r.string(j, "service");
        p.account = r.string(j, "account");
        p.amount = r.money(j, "amount");
        p.paid_on = r.string(j, "paid_on");
        p.method = r.string(j, "method", p.method);
        p.reference = r.string(j, "reference");
        p.payer_bn = r.string(j, "payer_bn");
        p.instalments = r.strings(j, "instalments");
        r.only(j, "$", {"service", "account", "amount", "paid_on", "method", "reference", "payer_bn", "instalments"});
    });
}

}  // namespace poura::revenue
