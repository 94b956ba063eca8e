// Registers kept so far on paper or in spreadsheets, imported from CSV: all
// rows or none, and every bad row named with its line and field.
#include "revenue/csv.hpp"
#include "revenue/internal.hpp"
#include "revenue/valuation.hpp"

#include <poura/json.hpp>

#include "core/try.hpp"

#include <set>

namespace poura::revenue {

using detail::bad;

namespace {

constexpr std::size_t kMaxProblems = 200;

const std::vector<std::string> kHoldingColumns = {"number", "ward", "use", "owner_name_bn"};
const std::vector<std::string> kHoldingOptional = {
    "mohalla",       "road",          "construction", "land_area", "floor_area",   "occupancy",
    "monthly_rent",  "loan_interest", "waivers",      "units",     "owner_name_en", "owner_nid",
    "owner_mobile",  "share"};
const std::vector<std::string> kConnectionColumns = {"number", "holding", "diameter", "connected_on"};
const std::vector<std::string> kConnectionOptional = {"use", "storeys", "flats", "metered", "meter_no"};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

std::string get(const std::map<std::string, std::string>& row, const char* column) {
    auto it = row.find(column);
    return it == row.end() ? std::string() : it->second;
}

Result<std::int64_t> whole(const std::string& field, const std::string& text, std::int64_t fallback) {
    if (text.empty()) return fallback;
    if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        return bad(field, "'" + text + "' is not a whole number");
    return std::stoll(text);
}

// A quantity with at most two decimals, in hundredths.
Result<std::int64_t> hundredths(const std::string& field, const std::string& text) {
    if (text.empty()) return std::int64_t{0};
    auto m = detail::parse_amount(text);  // the same digits rule as an amount
    if (!m) return bad(field, "'" + text + "' is not a number with at most two decimals");
    return m->in_poisha();
}

Result<Holding> holding_row(const std::map<std::string, std::string>& row) {
    Holding h;
    h.number = get(row, "number");
    auto ward = whole("ward", get(row, "ward"), 0);
    POURA_RETURN_IF_ERROR(ward);
    h.ward = static_cast<int>(*ward);
    h.mohalla = get(row, "mohalla");
    h.road = get(row, "road");
    h.use = get(row, "use");
    if (auto c = get(row, "construction"); !c.empty()) h.construction = c;
    auto land = hundredths("land_area", get(row, "land_area"));
    POURA_RETURN_IF_ERROR(land);
    h.land_area = *land;
    auto floor = hundredths("floor_area", get(row, "floor_area"));
    POURA_RETURN_IF_ERROR(floor);
    h.floor_area = *floor;
    if (auto o = get(row, "occupancy"); !o.empty()) h.occupancy = o;
    for (const char* column : {"monthly_rent", "loan_interest"}) {
        const std::string text = get(row, column);
        if (text.empty()) continue;
        auto m = detail::parse_amount(text);
        if (!m) return bad(column, m.error().message);
        (std::string(column) == "monthly_rent" ? h.monthly_rent : h.loan_interest) = *m;
    }
    h.waivers = split(get(row, "waivers"), ';');
    if (auto units = get(row, "units"); !units.empty()) {
        auto parsed = parse_json(units);
        if (!parsed || !parsed->is_array()) return bad("units", "must be a JSON list of units");
        h.units = std::move(parsed).value();
    }
    // Several owners: their fields separated by ';', in the same order.
    const auto names = split(get(row, "owner_name_bn"), ';');
    const auto names_en = split(get(row, "owner_name_en"), ';');
    const auto nids = split(get(row, "owner_nid"), ';');
    const auto mobiles = split(get(row, "owner_mobile"), ';');
    const auto shares = split(get(row, "share"), ';');
    for (const auto* list : {&names_en, &nids, &mobiles, &shares})
        if (!list->empty() && list->size() != names.size())
            return bad("owners", "the owner columns list " + std::to_string(names.size()) +
                                     " owners but another lists " + std::to_string(list->size()));
    for (std::size_t i = 0; i < names.size(); ++i) {
        Owner o;
        o.name_bn = names[i];
        if (!names_en.empty()) o.name_en = names_en[i];
        if (!nids.empty()) o.nid = nids[i];
        if (!mobiles.empty()) o.mobile = mobiles[i];
        o.share = shares.empty() ? (names.size() == 1 ? "1" : "") : shares[i];
        if (o.share.empty()) return bad("share", "a holding of several owners gives each owner's share");
        h.owners.push_back(std::move(o));
    }
    return h;
}

Result<WaterConnection> connection_row(const std::map<std::string, std::string>& row) {
    WaterConnection c;
    c.number = get(row, "number");
    c.holding = get(row, "holding");
    c.diameter = get(row, "diameter");
    c.connected_on = get(row, "connected_on");
    if (auto u = get(row, "use"); !u.empty()) c.use = u;
    auto storeys = whole("storeys", get(row, "storeys"), 1);
    POURA_RETURN_IF_ERROR(storeys);
    c.storeys = static_cast<int>(*storeys);
    auto flats = whole("flats", get(row, "flats"), 1);
    POURA_RETURN_IF_ERROR(flats);
    c.flats = static_cast<int>(*flats);
    const std::string metered = get(row, "metered");
    if (metered == "yes" || metered == "true" || metered == "1") c.metered = true;
    else if (!metered.empty() && metered != "no" && metered != "false" && metered != "0")
        return bad("metered", "'" + metered + "' is not yes or no");
    c.meter_no = get(row, "meter_no");
    return c;
}

}  // namespace

Result<std::int64_t> Revenue::import_register(std::int64_t actor, std::string_view kind, std::string_view csv) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "import registers");
    POURA_RETURN_IF_ERROR(user);
    if (kind != "holdings" && kind != "connections")
        return bad("kind", "'" + std::string(kind) + "' is not holdings or connections");
    const bool holdings = kind == "holdings";
    auto table = holdings ? detail::parse_csv(csv, kHoldingColumns, kHoldingOptional)
                          : detail::parse_csv(csv, kConnectionColumns, kConnectionOptional);
    POURA_RETURN_IF_ERROR(table);
    store::RevenueStore records(office.store());
    std::vector<std::string> problems;
    std::vector<Holding> new_holdings;
    std::vector<WaterConnection> new_connections;
    std::set<std::string> numbers;
    auto problem = [&](std::size_t i, const Error& e) {
        if (problems.size() < kMaxProblems) problems.push_back("line " + std::to_string(table->line_of[i]) + ": " + e.message);
        else if (problems.size() == kMaxProblems) problems.push_back("...");
    };
    std::set<std::string> holdings_in_file;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        if (holdings) {
            auto h = holding_row(table->rows[i]);
            if (!h) {
                problem(i, h.error());
                continue;
            }
            auto checked = detail::check_holding(*h, office.municipality().wards);
            if (checked) checked = detail::check_valuation(office, *h);
            if (!checked) {
                problem(i, checked.error());
                continue;
            }
            if (!numbers.insert(h->number).second) {
                problem(i, bad("number", h->number + " appears twice in the file"));
                continue;
            }
            auto existing = records.holding(h->number);
            POURA_RETURN_IF_ERROR(existing);
            if (*existing) {
                problem(i, make_error(Errc::conflict, "number: holding " + h->number + " exists already"));
                continue;
            }
            new_holdings.push_back(std::move(*h));
        } else {
            auto c = connection_row(table->rows[i]);
            if (!c) {
                problem(i, c.error());
                continue;
            }
            auto checked = detail::check_connection(office, *c);
            if (!checked) {
                problem(i, checked.error());
                continue;
            }
            if (!numbers.insert(c->number).second) {
                problem(i, bad("number", c->number + " appears twice in the file"));
                continue;
            }
            auto existing = records.connection(c->number);
            POURA_RETURN_IF_ERROR(existing);
            auto holding = records.holding(c->holding);
            POURA_RETURN_IF_ERROR(holding);
            if (*existing) problem(i, make_error(Errc::conflict, "number: water connection " + c->number + " exists already"));
            else if (!*holding) problem(i, make_error(Errc::not_found, "holding: no holding " + c->holding));
            else new_connections.push_back(std::move(*c));
        }
    }
    if (!problems.empty()) {
        std::string message = "the " + std::string(kind) + " register has " +
                              std::to_string(problems.size() > kMaxProblems ? kMaxProblems : problems.size()) +
                              (problems.size() > kMaxProblems ? "+" : "") + " bad row(s); nothing was imported";
        for (const auto& p : problems) message += "\n  " + p;
        return make_error(Errc::malformed_input, message);
    }
    const std::int64_t now = office.now();
    auto done = office.store().transaction([&]() -> Status {
        for (Holding& h : new_holdings) {
            h.created_at = h.updated_at = now;
            auto id = records.insert_holding(h);
            POURA_RETURN_IF_ERROR(id);
        }
        for (const WaterConnection& c : new_connections) {
            auto holding = records.holding(c.holding);
            POURA_RETURN_IF_ERROR(holding);
            auto id = records.insert_connection(c, (*holding)->id, now);
            POURA_RETURN_IF_ERROR(id);
        }
        return office.audit(actor, "register_import", std::string("register:") + std::string(kind),
                            {{"rows", table->rows.size()}});
    });
    POURA_RETURN_IF_ERROR(done);
    return static_cast<std::int64_t>(table->rows.size());
}

}  // namespace poura::revenue
