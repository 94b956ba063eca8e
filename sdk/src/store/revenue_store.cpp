#include "store/revenue_store.hpp"

#include "core/try.hpp"
#include "store/sqlite.hpp"
#include "store/store_impl.hpp"

namespace poura::store {

using revenue::Assessment;
using revenue::Demand;
using revenue::Due;
using revenue::Holding;
using revenue::Owner;
using revenue::Payment;
using revenue::TradeLicence;
using revenue::WaterConnection;

namespace {

bool constraint_failed(sqlite3* db) { return (sqlite3_extended_errcode(db) & 0xff) == SQLITE_CONSTRAINT; }

std::int64_t last_id(sqlite3* db) { return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db)); }

constexpr const char* kHoldingColumns =
    "id, number, ward, mohalla, road, use, construction, land_area, floor_area, units, occupancy, monthly_rent, "
    "loan_interest, waivers, created_at, updated_at";
Holding read_holding(const Statement& s) {
    Holding h;
    h.id = s.integer(0);
    h.number = s.text(1);
    h.ward = static_cast<int>(s.integer(2));
    h.mohalla = s.text(3);
    h.road = s.text(4);
    h.use = s.text(5);
    h.construction = s.text(6);
    h.land_area = s.integer(7);
    h.floor_area = s.integer(8);
    h.units = stored_json(s.text(9));
    if (!h.units.is_array()) h.units = nlohmann::json::array();
    h.occupancy = s.text(10);
    h.monthly_rent = Money::poisha(s.integer(11));
    h.loan_interest = Money::poisha(s.integer(12));
    const auto waivers = stored_json(s.text(13));
    if (waivers.is_array())
        for (const auto& w : waivers)
            if (w.is_string()) h.waivers.push_back(w.get<std::string>());
    h.created_at = s.integer(14);
    h.updated_at = s.integer(15);
    return h;
}

constexpr const char* kOwnerColumns = "holding, name_bn, name_en, nid, mobile, share";
Owner read_owner(const Statement& s) {
    Owner o;
    o.name_bn = s.text(1);
    o.name_en = s.text(2);
    o.nid = s.text(3);
    o.mobile = s.text(4);
    o.share = s.text(5);
    return o;
}

constexpr const char* kAssessmentColumns = "id, holding, effective, kind, annual_value, status, note, actor, at";
Assessment read_assessment(const Statement& s) {
    Assessment a;
    a.id = s.integer(0);
    a.holding = s.integer(1);
    a.effective = s.text(2);
    a.kind = s.text(3);
    a.annual_value = Money::poisha(s.integer(4));
    a.status = s.text(5);
    a.note = s.text(6);
    a.actor = s.integer(7);
    a.at = s.integer(8);
    return a;
}

constexpr const char* kConnectionColumns =
    "c.id, c.number, h.number, c.diameter, c.use, c.storeys, c.flats, c.metered, c.meter_no, c.status, "
    "c.connected_on, h.ward";
WaterConnection read_connection(const Statement& s) {
    WaterConnection c;
    c.id = s.integer(0);
    c.number = s.text(1);
    c.holding = s.text(2);
    c.diameter = s.text(3);
    c.use = s.text(4);
    c.storeys = static_cast<int>(s.integer(5));
    c.flats = static_cast<int>(s.integer(6));
    c.metered = s.integer(7) != 0;
    c.meter_no = s.text(8);
    c.status = s.text(9);
    c.connected_on = s.text(10);
    return c;
}

constexpr const char* kLicenceColumns =
    "id, number, business_name_bn, business_name_en, owner_name_bn, owner_name_en, owner_nid, mobile, holding, "
    "ward, address_bn, category, signboards, first_year, last_year, status, serial, qr_text";
TradeLicence read_licence(const Statement& s) {
    TradeLicence l;
    l.id = s.integer(0);
    l.number = s.text(1);
    l.business_name_bn = s.text(2);
    l.business_name_en = s.text(3);
    l.owner_name_bn = s.text(4);
    l.owner_name_en = s.text(5);
    l.owner_nid = s.text(6);
    l.mobile = s.text(7);
    l.holding = s.text(8);
    l.ward = static_cast<int>(s.integer(9));
    l.address_bn = s.text(10);
    l.category = s.text(11);
    const auto boards = stored_json(s.text(12));
    if (boards.is_array())
        for (const auto& b : boards)
            if (b.is_object())
                l.signboards.push_back({b.value("area", std::int64_t{0}), b.value("lit", false)});
    l.first_year = s.text(13);
    l.last_year = s.text(14);
    l.status = s.text(15);
    l.serial = s.text(16);
    l.qr_text = s.text(17);
    return l;
}

std::string signboards_json(const std::vector<fees::SignboardInput>& boards) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& b : boards) out.push_back({{"area", b.area}, {"lit", b.lit}});
    return out.dump();
}

constexpr const char* kDueColumns = "id, period, instalment, kind, due, amount, paid, adjusted";
Due read_due(const Statement& s) {
    Due d;
    d.id = s.integer(0);
    d.period = s.text(1);
    d.instalment = static_cast<int>(s.integer(2));
    d.kind = s.text(3);
    d.due = s.text(4);
    d.amount = Money::poisha(s.integer(5));
    d.paid = Money::poisha(s.integer(6));
    d.adjusted = Money::poisha(s.integer(7));
    return d;
}

constexpr const char* kDemandColumns =
    "id, service, account, ward, period, coalesce(run, 0), payer_bn, mobile, total, at, schedule, bill";
// Without its bill (the last column) unless asked: most callers need only the rest.
Demand read_demand(const Statement& s, bool with_bill = true) {
    Demand d;
    d.id = s.integer(0);
    d.service = s.text(1);
    d.account = s.text(2);
    d.ward = static_cast<int>(s.integer(3));
    d.period = s.text(4);
    d.run = s.integer(5);
    d.payer_bn = s.text(6);
    d.mobile = s.text(7);
    d.total = Money::poisha(s.integer(8));
    d.at = s.integer(9);
    d.schedule = s.text(10);
    if (with_bill) d.bill = stored_json(s.text(11));
    return d;
}

constexpr const char* kPaymentColumns =
    "id, service, account, ward, amount, rebate, paid_on, method, reference, payer_bn, receipt_serial, receipt_qr, at";
Payment read_payment(const Statement& s) {
    Payment p;
    p.id = s.integer(0);
    p.service = s.text(1);
    p.account = s.text(2);
    p.ward = static_cast<int>(s.integer(3));
    p.amount = Money::poisha(s.integer(4));
    p.rebate = Money::poisha(s.integer(5));
    p.paid_on = s.text(6);
    p.method = s.text(7);
    p.reference = s.text(8);
    p.payer_bn = s.text(9);
    p.receipt_serial = s.text(10);
    p.receipt_qr = s.text(11);
    p.at = s.integer(12);
    return p;
}

// Every row of a statement as a JSON object named by its columns.
Result<nlohmann::json> json_rows(Statement& s) {
    nlohmann::json out = nlohmann::json::array();
    std::vector<std::string> names;
    for (;;) {
        auto row = s.step();
        POURA_RETURN_IF_ERROR(row);
        if (!*row) return out;
        if (names.empty())
            for (int i = 0; i < s.columns(); ++i) names.push_back(s.column_name(i));
        nlohmann::json r = nlohmann::json::object();
        for (int i = 0; i < static_cast<int>(names.size()); ++i) {
            if (s.is_null(i)) r[names[i]] = nullptr;
            else if (s.is_integer(i)) r[names[i]] = s.integer(i);
            else r[names[i]] = s.text(i);
        }
        out.push_back(std::move(r));
    }
}

// The first and last day of a fiscal year "2025-26" (checked by the caller);
// empty for none.
std::pair<std::string, std::string> fiscal_year_days(const std::string& year) {
    if (year.size() < 4) return {};
    const std::string first = year.substr(0, 4);
    return {first + "-07-01", std::to_string(std::stoi(first) + 1) + "-06-30"};
}

}  // namespace

RevenueStore::RevenueStore(Store& store) : impl_(*store.impl_) {}

// ----- Holdings ------------------------------------------------------------

Result<std::int64_t> RevenueStore::insert_holding(const Holding& h) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO holdings (number, ward, mohalla, road, use, construction, land_area, floor_area, units, "
                "occupancy, monthly_rent, loan_interest, waivers, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, h.number).bind(2, h.ward).bind(3, h.mohalla).bind(4, h.road).bind(5, h.use).bind(6, h.construction);
    s.bind(7, h.land_area).bind(8, h.floor_area).bind(9, h.units.dump()).bind(10, h.occupancy);
    s.bind(11, h.monthly_rent.in_poisha()).bind(12, h.loan_interest.in_poisha());
    s.bind(13, nlohmann::json(h.waivers).dump()).bind(14, h.created_at).bind(15, h.updated_at);
    auto done = s.run();
    if (!done) {
        if (constraint_failed(impl_.db)) return make_error(Errc::conflict, "the holding " + h.number + " exists already");
        return std::move(done).error();
    }
    const auto id = last_id(impl_.db);
    auto owners = replace_owners(id, h.owners, "");
    POURA_RETURN_IF_ERROR(owners);
    return id;
}

Status RevenueStore::update_holding(const Holding& h) {
    Statement s(impl_.db, impl_.statements,
                "UPDATE holdings SET ward = ?, mohalla = ?, road = ?, use = ?, construction = ?, land_area = ?, "
                "floor_area = ?, units = ?, occupancy = ?, monthly_rent = ?, loan_interest = ?, waivers = ?, "
                "updated_at = ? WHERE id = ?");
    s.bind(1, h.ward).bind(2, h.mohalla).bind(3, h.road).bind(4, h.use).bind(5, h.construction).bind(6, h.land_area);
    s.bind(7, h.floor_area).bind(8, h.units.dump()).bind(9, h.occupancy).bind(10, h.monthly_rent.in_poisha());
    s.bind(11, h.loan_interest.in_poisha()).bind(12, nlohmann::json(h.waivers).dump()).bind(13, h.updated_at);
    s.bind(14, h.id);
    return s.run();
}

Result<std::optional<Holding>> RevenueStore::holding(std::string_view number) const {
    Statement s(impl_.db, impl_.statements, std::string("SELECT ") + kHoldingColumns + " FROM holdings WHERE number = ?");
    s.bind(1, number);
    auto h = one<Holding>(s, read_holding);
    POURA_RETURN_IF_ERROR(h);
    if (!*h) return h;
    Statement o(impl_.db, impl_.statements,
                std::string("SELECT ") + kOwnerColumns + " FROM owners WHERE holding = ? AND until IS NULL ORDER BY id");
    o.bind(1, (*h)->id);
    auto owners = rows<Owner>(o, read_owner);
    POURA_RETURN_IF_ERROR(owners);
    (*h)->owners = std::move(*owners);
    return h;
}

Result<std::vector<Holding>> RevenueStore::holdings(int ward, int limit) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kHoldingColumns +
                    " FROM holdings WHERE (?1 = 0 OR ward = ?1) ORDER BY ward, number LIMIT ?2");
    s.bind(1, ward).bind(2, limit > 0 ? static_cast<std::int64_t>(limit) : std::int64_t{-1});
    auto list = rows<Holding>(s, read_holding);
    POURA_RETURN_IF_ERROR(list);
    std::unordered_map<std::int64_t, Holding*> by_id;
    by_id.reserve(list->size());
    for (auto& h : *list) by_id[h.id] = &h;
    Statement o(impl_.db, impl_.statements,
                std::string("SELECT o.holding, o.name_bn, o.name_en, o.nid, o.mobile, o.share FROM owners o "
                            "JOIN holdings h ON h.id = o.holding WHERE o.until IS NULL AND (?1 = 0 OR h.ward = ?1) "
                            "ORDER BY o.id"));
    o.bind(1, ward);
    for (;;) {
        auto row = o.step();
        POURA_RETURN_IF_ERROR(row);
        if (!*row) break;
        auto it = by_id.find(o.integer(0));
        if (it != by_id.end()) it->second->owners.push_back(read_owner(o));
    }
    return list;
}

Status RevenueStore::replace_owners(std::int64_t holding, const std::vector<Owner>& owners, std::string_view since) {
    Statement end(impl_.db, impl_.statements, "UPDATE owners SET until = ? WHERE holding = ? AND until IS NULL");
    end.bind(1, since).bind(2, holding);
    auto ended = end.run();
    POURA_RETURN_IF_ERROR(ended);
    for (const Owner& o : owners) {
        Statement s(impl_.db, impl_.statements,
                    "INSERT INTO owners (holding, name_bn, name_en, nid, mobile, share, since) VALUES (?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, holding).bind(2, o.name_bn).bind(3, o.name_en).bind(4, o.nid).bind(5, o.mobile).bind(6, o.share);
        s.bind(7, since);
        auto done = s.run();
        POURA_RETURN_IF_ERROR(done);
    }
    return {};
}

Result<std::int64_t> RevenueStore::insert_assessment(const Assessment& a) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO assessments (holding, effective, kind, annual_value, status, note, actor, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.holding).bind(2, a.effective).bind(3, a.kind).bind(4, a.annual_value.in_poisha()).bind(5, a.status);
    s.bind(6, a.note).bind(7, a.actor).bind(8, a.at);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    return last_id(impl_.db);
}

Status RevenueStore::set_assessment_status(std::int64_t id, std::string_view status) {
    Statement s(impl_.db, impl_.statements, "UPDATE assessments SET status = ? WHERE id = ?");
    s.bind(1, status).bind(2, id);
    return s.run();
}

Result<std::vector<Assessment>> RevenueStore::assessments(std::int64_t holding) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kAssessmentColumns + " FROM assessments WHERE holding = ? ORDER BY effective, id");
    s.bind(1, holding);
    return rows<Assessment>(s, read_assessment);
}

Result<std::unordered_map<std::int64_t, std::vector<Assessment>>> RevenueStore::assessments_in(int ward) const {
    Statement s(impl_.db, impl_.statements,
                "SELECT a.id, a.holding, a.effective, a.kind, a.annual_value, a.status, a.note, a.actor, a.at "
                "FROM assessments a JOIN holdings h ON h.id = a.holding "
                "WHERE a.status <> 'superseded' AND (?1 = 0 OR h.ward = ?1) ORDER BY a.holding, a.effective, a.id");
    s.bind(1, ward);
    std::unordered_map<std::int64_t, std::vector<Assessment>> out;
    for (;;) {
        auto row = s.step();
        POURA_RETURN_IF_ERROR(row);
        if (!*row) return out;
        Assessment a = read_assessment(s);
        out[a.holding].push_back(std::move(a));
    }
}

// ----- Water ---------------------------------------------------------------

Result<std::int64_t> RevenueStore::insert_connection(const WaterConnection& c, std::int64_t holding, std::int64_t at) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO water_connections (number, holding, diameter, use, storeys, flats, metered, meter_no, "
                "status, connected_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, c.number).bind(2, holding).bind(3, c.diameter).bind(4, c.use).bind(5, c.storeys).bind(6, c.flats);
    s.bind(7, c.metered).bind(8, c.meter_no).bind(9, c.status).bind(10, c.connected_on).bind(11, at);
    auto done = s.run();
    if (!done) {
        if (constraint_failed(impl_.db))
            return make_error(Errc::conflict, "the water connection " + c.number + " exists already");
        return std::move(done).error();
    }
    return last_id(impl_.db);
}

Result<std::optional<WaterConnection>> RevenueStore::connection(std::string_view number) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kConnectionColumns +
                    " FROM water_connections c JOIN holdings h ON h.id = c.holding WHERE c.number = ?");
    s.bind(1, number);
    return one<WaterConnection>(s, read_connection);
}

Result<std::vector<std::pair<WaterConnection, int>>> RevenueStore::connections(int ward) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kConnectionColumns +
                    " FROM water_connections c JOIN holdings h ON h.id = c.holding WHERE (?1 = 0 OR h.ward = ?1) "
                    "ORDER BY c.number");
    s.bind(1, ward);
    return rows<std::pair<WaterConnection, int>>(
        s, [](const Statement& r) { return std::make_pair(read_connection(r), static_cast<int>(r.integer(11))); });
}

Status RevenueStore::insert_reading(std::int64_t connection, std::string_view month, std::int64_t litres,
                                    std::int64_t at) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO meter_readings (connection, month, litres, at) VALUES (?, ?, ?, ?)");
    s.bind(1, connection).bind(2, month).bind(3, litres).bind(4, at);
    auto done = s.run();
    if (!done && constraint_failed(impl_.db))
        return make_error(Errc::conflict, "the meter was read for " + std::string(month) + " already");
    return done;
}

Result<std::optional<std::int64_t>> RevenueStore::reading(std::int64_t connection, std::string_view month) const {
    Statement s(impl_.db, impl_.statements, "SELECT litres FROM meter_readings WHERE connection = ? AND month = ?");
    s.bind(1, connection).bind(2, month);
    return one<std::int64_t>(s, [](const Statement& r) { return r.integer(0); });
}

// ----- Licences --------------------------------------------------------------

Result<std::int64_t> RevenueStore::insert_licence(const TradeLicence& l, std::int64_t at) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO licences (number, business_name_bn, business_name_en, owner_name_bn, owner_name_en, "
                "owner_nid, mobile, holding, ward, address_bn, category, signboards, first_year, last_year, status, "
                "serial, qr_text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, l.number).bind(2, l.business_name_bn).bind(3, l.business_name_en).bind(4, l.owner_name_bn);
    s.bind(5, l.owner_name_en).bind(6, l.owner_nid).bind(7, l.mobile).bind(8, l.holding).bind(9, l.ward);
    s.bind(10, l.address_bn).bind(11, l.category).bind(12, signboards_json(l.signboards)).bind(13, l.first_year);
    s.bind(14, l.last_year).bind(15, l.status).bind(16, l.serial).bind(17, l.qr_text).bind(18, at);
    auto done = s.run();
    if (!done) {
        if (constraint_failed(impl_.db)) return make_error(Errc::conflict, "the licence " + l.number + " exists already");
        return std::move(done).error();
    }
    return last_id(impl_.db);
}

Status RevenueStore::update_licence(const TradeLicence& l, std::int64_t at) {
    Statement s(impl_.db, impl_.statements,
                "UPDATE licences SET first_year = ?, last_year = ?, status = ?, serial = ?, qr_text = ?, "
                "signboards = ?, updated_at = ? WHERE id = ?");
    s.bind(1, l.first_year).bind(2, l.last_year).bind(3, l.status).bind(4, l.serial).bind(5, l.qr_text);
    s.bind(6, signboards_json(l.signboards)).bind(7, at).bind(8, l.id);
    return s.run();
}

Result<std::optional<TradeLicence>> RevenueStore::licence(std::string_view number) const {
    Statement s(impl_.db, impl_.statements, std::string("SELECT ") + kLicenceColumns + " FROM licences WHERE number = ?");
    s.bind(1, number);
    return one<TradeLicence>(s, read_licence);
}

Result<std::vector<TradeLicence>> RevenueStore::licences(int ward) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kLicenceColumns + " FROM licences WHERE (?1 = 0 OR ward = ?1) ORDER BY number");
    s.bind(1, ward);
    return rows<TradeLicence>(s, read_licence);
}

Result<std::vector<std::pair<std::string, std::int64_t>>> RevenueStore::surrendered_licences() const {
    Statement s(impl_.db, impl_.statements,
                "SELECT serial, updated_at FROM licences WHERE status = 'surrendered' AND serial <> '' ORDER BY updated_at, id");
    return rows<std::pair<std::string, std::int64_t>>(
        s, [](const Statement& r) { return std::make_pair(r.text(0), r.integer(1)); });
}

// ----- Demands -----------------------------------------------------------------

Result<std::int64_t> RevenueStore::insert_run(const revenue::Scope& scope, std::int64_t actor, std::int64_t at) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO bill_runs (service, period, ward, actor, at, summary) VALUES (?, ?, ?, ?, ?, '{}')");
    s.bind(1, scope.service).bind(2, scope.period).bind(3, scope.ward).bind(4, actor).bind(5, at);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    return last_id(impl_.db);
}

Status RevenueStore::set_run_summary(std::int64_t run, const nlohmann::json& summary) {
    Statement s(impl_.db, impl_.statements, "UPDATE bill_runs SET summary = ? WHERE id = ?");
    s.bind(1, summary.dump()).bind(2, run);
    return s.run();
}

Result<bool> RevenueStore::has_demand(std::string_view service, std::string_view account,
                                      std::string_view period) const {
    Statement s(impl_.db, impl_.statements,
                "SELECT 1 FROM demands WHERE service = ? AND account = ? AND period = ?");
    s.bind(1, service).bind(2, account).bind(3, period);
    return s.step();
}

Result<std::int64_t> RevenueStore::insert_demand(const Demand& d, std::string_view bill_text) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO demands (service, account, ward, period, run, payer_bn, mobile, total, schedule, bill, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, d.service).bind(2, d.account).bind(3, d.ward).bind(4, d.period);
    if (d.run) s.bind(5, d.run);
    else s.bind_null(5);
    s.bind(6, d.payer_bn).bind(7, d.mobile).bind(8, d.total.in_poisha()).bind(9, d.schedule).bind(10, bill_text);
    s.bind(11, d.at);
    auto done = s.run();
    if (!done) {
        if (constraint_failed(impl_.db))
            return make_error(Errc::conflict, d.account + " was billed for " + d.period + " already");
        return std::move(done).error();
    }
    const auto id = last_id(impl_.db);
    for (const Due& due : d.dues) {
        Statement i(impl_.db, impl_.statements,
                    "INSERT INTO dues (demand, service, account, ward, period, instalment, kind, due, amount) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        i.bind(1, id).bind(2, d.service).bind(3, d.account).bind(4, d.ward).bind(5, due.period).bind(6, due.instalment);
        i.bind(7, due.kind).bind(8, due.due).bind(9, due.amount.in_poisha());
        auto added = i.run();
        if (!added) {
            if (constraint_failed(impl_.db))
                return make_error(Errc::conflict, d.account + ": " + due.period + " was surcharged already");
            return std::move(added).error();
        }
    }
    return id;
}

Result<std::vector<Demand>> RevenueStore::demands(std::string_view service, std::string_view account) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kDemandColumns + " FROM demands WHERE service = ? AND account = ? ORDER BY period, id");
    s.bind(1, service).bind(2, account);
    auto list = rows<Demand>(s, [](const Statement& r) { return read_demand(r); });
    POURA_RETURN_IF_ERROR(list);
    for (Demand& d : *list) {
        Statement q(impl_.db, impl_.statements,
                    std::string("SELECT ") + kDueColumns + " FROM dues WHERE demand = ? ORDER BY due, period, instalment, id");
        q.bind(1, d.id);
        auto dues = rows<Due>(q, read_due);
        POURA_RETURN_IF_ERROR(dues);
        d.dues = std::move(*dues);
    }
    return list;
}

Result<std::optional<Demand>> RevenueStore::demand(std::int64_t id, bool with_bill) const {
    Statement s(impl_.db, impl_.statements, std::string("SELECT ") + kDemandColumns + " FROM demands WHERE id = ?");
    s.bind(1, id);
    auto d = one<Demand>(s, [&](const Statement& r) { return read_demand(r, with_bill); });
    POURA_RETURN_IF_ERROR(d);
    if (!*d) return d;
    Statement q(impl_.db, impl_.statements,
                std::string("SELECT ") + kDueColumns + " FROM dues WHERE demand = ? ORDER BY due, period, instalment, id");
    q.bind(1, id);
    auto dues = rows<Due>(q, read_due);
    POURA_RETURN_IF_ERROR(dues);
    (*d)->dues = std::move(*dues);
    return d;
}

Result<std::vector<Due>> RevenueStore::open_dues(std::string_view service, std::string_view account) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kDueColumns +
                    " FROM dues WHERE service = ? AND account = ? AND amount + adjusted - paid > 0 "
                    "ORDER BY due, period, instalment, id");
    s.bind(1, service).bind(2, account);
    return rows<Due>(s, read_due);
}

Result<std::int64_t> RevenueStore::demand_of(std::int64_t due) const {
    Statement s(impl_.db, impl_.statements, "SELECT demand FROM dues WHERE id = ?");
    s.bind(1, due);
    auto d = one<std::int64_t>(s, [](const Statement& r) { return r.integer(0); });
    POURA_RETURN_IF_ERROR(d);
    if (!*d) return make_error(Errc::not_found, "no due " + std::to_string(due));
    return **d;
}

Result<bool> RevenueStore::surcharged(std::string_view service, std::string_view account,
                                      std::string_view period) const {
    Statement s(impl_.db, impl_.statements,
                "SELECT 1 FROM dues WHERE service = ? AND account = ? AND period = ? AND kind = 'surcharge'");
    s.bind(1, service).bind(2, account).bind(3, period);
    return s.step();
}

// ----- Payments ----------------------------------------------------------------

namespace {
Status load_allocations(sqlite3* db, StatementCache& statements, Payment& p) {
    Statement s(db, statements,
                "SELECT a.due, d.period, d.instalment, d.kind, a.amount FROM allocations a JOIN dues d ON d.id = a.due "
                "WHERE a.payment = ? ORDER BY d.due, d.period, d.instalment, d.id");
    s.bind(1, p.id);
    auto list = rows<revenue::Allocation>(s, [](const Statement& r) {
        revenue::Allocation a;
        a.due = r.integer(0);
        a.period = r.text(1);
        a.instalment = static_cast<int>(r.integer(2));
        a.kind = r.text(3);
        a.amount = Money::poisha(r.integer(4));
        return a;
    });
    POURA_RETURN_IF_ERROR(list);
    p.allocations = std::move(*list);
    return {};
}
}  // namespace

Result<std::optional<Payment>> RevenueStore::payment_by_reference(std::string_view method,
                                                                  std::string_view reference) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kPaymentColumns + " FROM payments WHERE method = ? AND reference = ?");
    s.bind(1, method).bind(2, reference);
    auto p = one<Payment>(s, read_payment);
    POURA_RETURN_IF_ERROR(p);
    if (*p) {
        auto loaded = load_allocations(impl_.db, impl_.statements, **p);
        POURA_RETURN_IF_ERROR(loaded);
    }
    return p;
}

Result<std::int64_t> RevenueStore::insert_payment(const Payment& p, std::int64_t actor, std::string_view source) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO payments (method, reference, service, account, ward, amount, rebate, paid_on, payer_bn, "
                "actor, at, receipt_serial, receipt_qr, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?)");
    s.bind(1, p.method).bind(2, p.reference).bind(3, p.service).bind(4, p.account).bind(5, p.ward);
    s.bind(6, p.amount.in_poisha()).bind(7, p.rebate.in_poisha()).bind(8, p.paid_on).bind(9, p.payer_bn);
    s.bind(10, actor).bind(11, p.at).bind(12, source);
    auto done = s.run();
    if (!done) {
        if (constraint_failed(impl_.db))
            return make_error(Errc::conflict, "the " + p.method + " reference " + p.reference + " is recorded already");
        return std::move(done).error();
    }
    return last_id(impl_.db);
}

Status RevenueStore::set_receipt(std::int64_t payment, std::string_view serial, std::string_view qr_text) {
    Statement s(impl_.db, impl_.statements, "UPDATE payments SET receipt_serial = ?, receipt_qr = ? WHERE id = ?");
    s.bind(1, serial).bind(2, qr_text).bind(3, payment);
    return s.run();
}

Status RevenueStore::allocate(std::int64_t payment, std::int64_t due, Money amount) {
    Statement s(impl_.db, impl_.statements, "INSERT INTO allocations (payment, due, amount) VALUES (?, ?, ?)");
    s.bind(1, payment).bind(2, due).bind(3, amount.in_poisha());
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    Statement u(impl_.db, impl_.statements, "UPDATE dues SET paid = paid + ? WHERE id = ?");
    u.bind(1, amount.in_poisha()).bind(2, due);
    auto updated = u.run();
    if (!updated && constraint_failed(impl_.db))
        return make_error(Errc::invalid_argument, "the payment is more than is owed");
    return updated;
}

Status RevenueStore::adjust(std::int64_t due, std::string_view kind, std::string_view code, Money amount,
                            std::optional<std::int64_t> payment, std::string_view note, std::int64_t actor,
                            std::int64_t at) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO adjustments (due, kind, code, amount, payment, note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, due).bind(2, kind).bind(3, code).bind(4, amount.in_poisha()).bind(5, payment).bind(6, note);
    s.bind(7, actor).bind(8, at);
    auto done = s.run();
    if (!done) {
        if (constraint_failed(impl_.db))
            return make_error(Errc::conflict, "the " + std::string(kind) + " '" + std::string(code) +
                                                  "' was given on this due already");
        return std::move(done).error();
    }
    Statement u(impl_.db, impl_.statements, "UPDATE dues SET adjusted = adjusted + ? WHERE id = ?");
    u.bind(1, amount.in_poisha()).bind(2, due);
    auto updated = u.run();
    if (!updated && constraint_failed(impl_.db))
        return make_error(Errc::invalid_argument, "the adjustment would leave less than nothing owed");
    return updated;
}

Result<std::vector<Payment>> RevenueStore::payments(std::string_view service, std::string_view account) const {
    Statement s(impl_.db, impl_.statements,
                std::string("SELECT ") + kPaymentColumns + " FROM payments WHERE service = ? AND account = ? ORDER BY id");
    s.bind(1, service).bind(2, account);
    auto list = rows<Payment>(s, read_payment);
    POURA_RETURN_IF_ERROR(list);
    for (Payment& p : *list) {
        auto loaded = load_allocations(impl_.db, impl_.statements, p);
        POURA_RETURN_IF_ERROR(loaded);
    }
    return list;
}

Status RevenueStore::resolve_unmatched(std::string_view method, std::string_view reference) {
    Statement s(impl_.db, impl_.statements, "DELETE FROM unmatched_payments WHERE method = ? AND reference = ?");
    s.bind(1, method).bind(2, reference);
    return s.run();
}

Result<bool> RevenueStore::insert_unmatched(std::string_view file, std::int64_t row, std::string_view method,
                                            const revenue::NewPayment& p, std::string_view reason, std::int64_t at) {
    Statement s(impl_.db, impl_.statements,
                "INSERT INTO unmatched_payments (file, row, method, reference, service, account, amount, paid_on, "
                "reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (method, reference) DO NOTHING");
    s.bind(1, file).bind(2, row).bind(3, method).bind(4, p.reference).bind(5, p.service).bind(6, p.account);
    s.bind(7, p.amount.in_poisha()).bind(8, p.paid_on).bind(9, reason).bind(10, at);
    auto done = s.run();
    POURA_RETURN_IF_ERROR(done);
    return sqlite3_changes(impl_.db) == 1;
}

// ----- Ledger ----------------------------------------------------------------

Result<revenue::LedgerCheck> RevenueStore::check_ledger() const {
    revenue::LedgerCheck c;
    auto scalar = [&](const char* sql, std::int64_t& out) -> Status {
        Statement s(impl_.db, sql);
        auto row = s.step();
        POURA_RETURN_IF_ERROR(row);
        out = *row ? s.integer(0) : 0;
        return {};
    };
    std::int64_t demand = 0, paid = 0, adjusted = 0, outstanding = 0, collection = 0, allocated = 0, adjustments = 0;
    for (auto [sql, out] : {std::pair<const char*, std::int64_t*>{"SELECT coalesce(sum(amount), 0) FROM dues", &demand},
                            {"SELECT coalesce(sum(paid), 0) FROM dues", &paid},
                            {"SELECT coalesce(sum(adjusted), 0) FROM dues", &adjusted},
                            {"SELECT coalesce(sum(amount + adjusted - paid), 0) FROM dues", &outstanding},
                            {"SELECT coalesce(sum(amount), 0) FROM payments", &collection},
                            {"SELECT coalesce(sum(amount), 0) FROM allocations", &allocated},
                            {"SELECT coalesce(sum(amount), 0) FROM adjustments", &adjustments},
                            {"SELECT count(*) FROM dues", &c.dues},
                            {"SELECT count(*) FROM payments", &c.payments}}) {
        auto done = scalar(sql, *out);
        POURA_RETURN_IF_ERROR(done);
    }
    c.demand = Money::poisha(demand);
    c.collection = Money::poisha(collection);
    c.adjustments = Money::poisha(adjustments);
    c.outstanding = Money::poisha(outstanding);
    auto problem = [&](std::string text) {
        c.ok = false;
        if (c.problems.size() < 100) c.problems.push_back(std::move(text));
    };
    if (collection != allocated)
        problem("payments add up to " + std::to_string(collection) + " poisha but their allocations to " +
                std::to_string(allocated));
    if (paid != allocated)
        problem("dues record " + std::to_string(paid) + " poisha paid but the allocations add up to " +
                std::to_string(allocated));
    if (adjusted != adjustments)
        problem("dues record " + std::to_string(adjusted) + " poisha adjusted but the adjustments add up to " +
                std::to_string(adjustments));
    if (demand - collection + adjustments != outstanding)
        problem("demand - collection - waivers (" + std::to_string(demand - collection + adjustments) +
                " poisha) is not the outstanding " + std::to_string(outstanding));
    // Row by row: the first 100 records that disagree.
    const char* const checks[] = {
        "SELECT 'due ' || d.id || ': paid ' || d.paid || ' but allocated ' || coalesce(a.s, 0) FROM dues d "
        "LEFT JOIN (SELECT due, sum(amount) s FROM allocations GROUP BY due) a ON a.due = d.id "
        "WHERE d.paid <> coalesce(a.s, 0) LIMIT 100",
        "SELECT 'due ' || d.id || ': adjusted ' || d.adjusted || ' but adjustments ' || coalesce(a.s, 0) FROM dues d "
        "LEFT JOIN (SELECT due, sum(amount) s FROM adjustments GROUP BY due) a ON a.due = d.id "
        "WHERE d.adjusted <> coalesce(a.s, 0) LIMIT 100",
        "SELECT 'payment ' || p.id || ' (' || p.method || ' ' || p.reference || '): ' || p.amount || "
        "' but allocated ' || coalesce(a.s, 0) FROM payments p "
        "LEFT JOIN (SELECT payment, sum(amount) s FROM allocations GROUP BY payment) a ON a.payment = p.id "
        "WHERE p.amount <> coalesce(a.s, 0) LIMIT 100",
        "SELECT 'demand ' || m.id || ' (' || m.account || ' ' || m.period || '): total ' || m.total || "
        "' but dues ' || coalesce(d.s, 0) FROM demands m "
        "LEFT JOIN (SELECT demand, sum(amount) s FROM dues GROUP BY demand) d ON d.demand = m.id "
        "WHERE m.total <> coalesce(d.s, 0) LIMIT 100",
        "SELECT 'due ' || id || ': owes ' || (amount + adjusted - paid) FROM dues "
        "WHERE amount + adjusted - paid < 0 OR amount + adjusted - paid > amount + max(adjusted, 0) LIMIT 100",
    };
    for (const char* sql : checks) {
        Statement s(impl_.db, sql);
        auto found = rows<std::string>(s, [](const Statement& r) { return r.text(0); });
        POURA_RETURN_IF_ERROR(found);
        for (auto& text : *found) problem(std::move(text));
    }
    return c;
}

// ----- Reports ---------------------------------------------------------------

Result<nlohmann::json> RevenueStore::collection_report(const revenue::Scope& scope) const {
    Statement s(impl_.db, impl_.statements,
                "SELECT ward, substr(paid_on, 1, 7) AS month, service, count(*) AS payments, "
                "sum(amount) AS amount_poisha FROM payments WHERE (?1 = '' OR service = ?1) AND (?2 = 0 OR ward = ?2) "
                "AND (?3 = '' OR paid_on BETWEEN ?3 AND ?4) GROUP BY ward, month, service ORDER BY ward, month, service");
    const auto days = fiscal_year_days(scope.period);
    s.bind(1, scope.service).bind(2, scope.ward).bind(3, days.first).bind(4, days.second);
    return json_rows(s);
}

Result<nlohmann::json> RevenueStore::demand_report(const revenue::Scope& scope) const {
    Statement s(impl_.db, impl_.statements,
                "SELECT service, ward, count(DISTINCT account) AS accounts, sum(amount) AS demand_poisha, "
                "sum(paid) AS collection_poisha, sum(adjusted) AS adjustments_poisha, "
                "sum(amount + adjusted - paid) AS outstanding_poisha FROM dues "
                "WHERE (?1 = '' OR service = ?1) AND (?2 = 0 OR ward = ?2) AND (?3 = '' OR period = ?3) "
                "GROUP BY service, ward ORDER BY service, ward");
    s.bind(1, scope.service).bind(2, scope.ward).bind(3, scope.period);
    return json_rows(s);
}

Result<nlohmann::json> RevenueStore::defaulters_report(const revenue::Scope& scope, std::string_view as_of) const {
    Statement s(impl_.db, impl_.statements,
                "SELECT d.service, d.account, d.ward, sum(d.amount + d.adjusted - d.paid) AS outstanding_poisha, "
                "min(d.period) AS oldest_period, count(DISTINCT d.period) AS periods, "
                "(SELECT payer_bn FROM demands m WHERE m.service = d.service AND m.account = d.account "
                " ORDER BY m.period DESC LIMIT 1) AS payer_bn, "
                "(SELECT mobile FROM demands m WHERE m.service = d.service AND m.account = d.account "
                " ORDER BY m.period DESC LIMIT 1) AS mobile "
                "FROM dues d WHERE d.amount + d.adjusted - d.paid > 0 AND d.due < ?3 "
                "AND (?1 = '' OR d.service = ?1) AND (?2 = 0 OR d.ward = ?2) "
                "GROUP BY d.service, d.account ORDER BY outstanding_poisha DESC, d.service, d.account");
    s.bind(1, scope.service).bind(2, scope.ward).bind(3, as_of);
    return json_rows(s);
}

}  // namespace poura::store
