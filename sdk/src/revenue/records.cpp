// Holdings, their owners and assessments, and water connections with their
// meter readings: each change checked, written with its audit entry in one
// transaction.
#include "revenue/internal.hpp"
#include "revenue/valuation.hpp"

#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/try.hpp"

#include <algorithm>
#include <numeric>

namespace poura::revenue {

using detail::bad;

namespace {

constexpr std::int64_t kMaxArea = 1'000'000'00;  // hundredths
constexpr std::size_t kMaxOwners = 100;
constexpr std::size_t kMaxUnits = 200;

const char* const kUses[] = {"residential", "commercial", "industrial", "religious", "educational",
                             "government",  "vacant_land", "mixed"};
const char* const kConstructions[] = {"pucca", "semi_pucca", "kutcha", "none"};

template <std::size_t N>
bool one_of(const char* const (&list)[N], std::string_view v) {
    return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// A share "n" or "n/d" as a reduced fraction.
Result<std::pair<std::int64_t, std::int64_t>> share(std::string_view field, std::string_view text) {
    std::int64_t n = 0, d = 1;
    const auto slash = text.find('/');
    auto number = [](std::string_view s, std::int64_t& out) {
        if (s.empty() || s.size() > 6) return false;
        out = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        return true;
    };
    if (!number(text.substr(0, slash), n) || (slash != std::string_view::npos && !number(text.substr(slash + 1), d)) ||
        d == 0 || n == 0 || n > d)
        return bad(field, "'" + std::string(text) + "' is not a share such as 1, 1/2 or 7/24");
    const auto g = std::gcd(n, d);
    return std::make_pair(n / g, d / g);
}

Status check_owners(std::vector<Owner>& owners) {
    if (owners.empty()) return bad("owners", "a holding has at least one owner");
    if (owners.size() > kMaxOwners) return bad("owners", "at most 100");
    std::int64_t num = 0, den = 1;  // the running sum, reduced; denominators stay below 10^6 each
    for (std::size_t i = 0; i < owners.size(); ++i) {
        Owner& o = owners[i];
        const std::string at = "owners[" + std::to_string(i) + "]";
        POURA_RETURN_IF_ERROR(detail::clean(at + ".name_bn", o.name_bn, 200, true));
        o.name_bn = text::nfc(o.name_bn);
        if (!text::is_bangla_name(o.name_bn)) return bad(at + ".name_bn", "must be a name in Bengali script");
        POURA_RETURN_IF_ERROR(detail::clean(at + ".name_en", o.name_en, 200, false));
        if (!o.nid.empty()) {
            auto nid = ids::national_id(o.nid);
            if (!nid) return bad(at + ".nid", "'" + o.nid + "' is not an NID of 10, 13 or 17 digits");
            o.nid = *nid;
        }
        if (!o.mobile.empty()) {
            auto m = ids::mobile(o.mobile);
            if (!m) return bad(at + ".mobile", "'" + o.mobile + "' is not a Bangladeshi mobile number");
            o.mobile = *m;
        }
        auto s = share(at + ".share", o.share);
        POURA_RETURN_IF_ERROR(s);
        o.share = s->second == 1 ? std::to_string(s->first) : std::to_string(s->first) + "/" + std::to_string(s->second);
        const std::int64_t l = std::lcm(den, s->second);
        if (l > 1'000'000'000'000) return bad(at + ".share", "the shares' denominators are too large together");
        num = num * (l / den) + s->first * (l / s->second);
        den = l;
        const auto g = std::gcd(num, den);
        num /= g;
        den /= g;
    }
    if (num != den)
        return bad("owners", "the owners' shares add up to " + std::to_string(num) + "/" + std::to_string(den) +
                                 ", not 1");
    return {};
}

}  // namespace

// The checks every holding passes, whether added, changed or imported.
Status detail::check_holding(Holding& h, int wards) {
    auto number = holding_number(h.number);
    POURA_RETURN_IF_ERROR(number);
    h.number = *number;
    if (h.ward < 1 || h.ward > wards) return bad("ward", "must be 1 to " + std::to_string(wards));
    POURA_RETURN_IF_ERROR(clean("mohalla", h.mohalla, 200, false));
    POURA_RETURN_IF_ERROR(clean("road", h.road, 200, false));
    if (!one_of(kUses, h.use))
        return bad("use", "'" + h.use +
                              "' is not residential, commercial, industrial, religious, educational, government, "
                              "vacant_land or mixed");
    if (!one_of(kConstructions, h.construction))
        return bad("construction", "'" + h.construction + "' is not pucca, semi_pucca, kutcha or none");
    if (h.land_area < 0 || h.land_area > kMaxArea) return bad("land_area", "out of range");
    if (h.floor_area < 0 || h.floor_area > kMaxArea) return bad("floor_area", "out of range");
    if (h.use == "vacant_land" && h.land_area == 0) return bad("land_area", "vacant land is valued by its area: give it");
    if (h.occupancy != "rented" && h.occupancy != "owner_occupied")
        return bad("occupancy", "'" + h.occupancy + "' is not rented or owner_occupied");
    if (h.monthly_rent < Money() || h.loan_interest < Money()) return bad("monthly_rent", "must not be negative");
    if (!h.units.is_array() || h.units.size() > kMaxUnits) return bad("units", "must be a list of at most 200 units");
    if (h.use == "mixed" && h.units.empty()) return bad("units", "a holding of mixed use is assessed per unit: list them");
    if (!h.units.empty() && h.use == "vacant_land") return bad("units", "vacant land has no units");
    std::sort(h.waivers.begin(), h.waivers.end());
    if (std::adjacent_find(h.waivers.begin(), h.waivers.end()) != h.waivers.end())
        return bad("waivers", "a waiver is given once");
    return check_owners(h.owners);
}

Result<Holding> Revenue::add_holding(std::int64_t actor, const Holding& holding) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "add holdings");
    POURA_RETURN_IF_ERROR(user);
    Holding h = holding;
    POURA_RETURN_IF_ERROR(detail::check_holding(h, office.municipality().wards));
    // Its bills must be computable: a holding the schedule cannot value is refused now, not at the bill run.
    POURA_RETURN_IF_ERROR(detail::check_valuation(office, h));
    h.created_at = h.updated_at = office.now();
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        auto id = records.insert_holding(h);
        POURA_RETURN_IF_ERROR(id);
        h.id = *id;
        return office.audit(actor, "holding_add", "holding:" + h.number, {{"ward", h.ward}, {"use", h.use}});
    });
    POURA_RETURN_IF_ERROR(done);
    return h;
}

Result<Holding> Revenue::holding(std::string_view number) const {
    workflow::OfficeParts office(*office_);
    auto canonical = detail::holding_number(number);
    POURA_RETURN_IF_ERROR(canonical);
    auto h = store::RevenueStore(office.store()).holding(*canonical);
    POURA_RETURN_IF_ERROR(h);
    if (!*h) return make_error(Errc::not_found, "no holding " + *canonical);
    return **h;
}

Result<std::vector<Holding>> Revenue::holdings(int ward, int limit) const {
    workflow::OfficeParts office(*office_);
    if (limit < 1 || limit > 1'000'000) return bad("limit", "must be 1 to 1,000,000");
    return store::RevenueStore(office.store()).holdings(ward, limit);
}

Result<Holding> Revenue::update_holding(std::int64_t actor, const Holding& holding) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "change holdings");
    POURA_RETURN_IF_ERROR(user);
    auto current = this->holding(holding.number);
    POURA_RETURN_IF_ERROR(current);
    Holding h = holding;
    h.owners = current->owners;  // owners change by mutation only
    POURA_RETURN_IF_ERROR(detail::check_holding(h, office.municipality().wards));
    POURA_RETURN_IF_ERROR(detail::check_valuation(office, h));
    h.id = current->id;
    h.created_at = current->created_at;
    h.updated_at = office.now();
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        POURA_RETURN_IF_ERROR(records.update_holding(h));
        return office.audit(actor, "holding_update", "holding:" + h.number, {{"ward", h.ward}, {"use", h.use}});
    });
    POURA_RETURN_IF_ERROR(done);
    return h;
}

Result<Holding> Revenue::mutate(std::int64_t actor, std::string_view number, const std::vector<Owner>& owners,
                                std::string_view effective, std::string_view note) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "record mutations");
    POURA_RETURN_IF_ERROR(user);
    auto h = this->holding(number);
    POURA_RETURN_IF_ERROR(h);
    auto when = detail::iso_date("effective", effective);
    POURA_RETURN_IF_ERROR(when);
    POURA_RETURN_IF_ERROR(detail::clean("note", note, 2000, false));
    std::vector<Owner> next = owners;
    POURA_RETURN_IF_ERROR(check_owners(next));
    store::RevenueStore records(office.store());
    nlohmann::json before = nlohmann::json::array(), after = nlohmann::json::array();
    for (const auto& o : h->owners) before.push_back(o.name_bn);
    for (const auto& o : next) after.push_back(o.name_bn);
    auto done = office.store().transaction([&]() -> Status {
        POURA_RETURN_IF_ERROR(records.replace_owners(h->id, next, effective));
        return office.audit(actor, "mutation", "holding:" + h->number,
                            {{"from", before}, {"to", after}, {"effective", effective}, {"note", note}});
    });
    POURA_RETURN_IF_ERROR(done);
    h->owners = std::move(next);
    return h;
}

Result<Assessment> Revenue::assess(std::int64_t actor, std::string_view number, const Assessment& assessment) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "assess holdings");
    POURA_RETURN_IF_ERROR(user);
    auto h = this->holding(number);
    POURA_RETURN_IF_ERROR(h);
    Assessment a = assessment;
    if (a.kind != "general" && a.kind != "interim")
        return bad("kind", "'" + a.kind + "' is not general or interim (a review follows an objection)");
    auto when = detail::iso_date("effective", a.effective);
    POURA_RETURN_IF_ERROR(when);
    POURA_RETURN_IF_ERROR(detail::clean("note", a.note, 2000, false));
    if (a.annual_value < Money()) return bad("annual_value", "must not be negative");
    if (a.annual_value.is_zero() && h->use != "religious" && h->use != "educational") {
        // No value given: the schedule's method from the holding's rents.
        auto value = detail::annual_value(office, *h, dates::format_fiscal_year(
                                                          when->month >= 7 ? when->year : when->year - 1));
        POURA_RETURN_IF_ERROR(value);
        a.annual_value = *value;
    }
    a.holding = h->id;
    a.status = "in_force";
    a.actor = actor;
    a.at = office.now();
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        auto existing = records.assessments(h->id);
        POURA_RETURN_IF_ERROR(existing);
        for (const Assessment& e : *existing)
            if (e.status != "superseded" && e.effective == a.effective)
                return make_error(Errc::conflict, "holding " + h->number + " has an assessment from " + a.effective +
                                                      " already: object to it to have it reviewed");
        auto id = records.insert_assessment(a);
        POURA_RETURN_IF_ERROR(id);
        a.id = *id;
        return office.audit(actor, "assess", "holding:" + h->number,
                            {{"kind", a.kind}, {"effective", a.effective}, {"annual_value_poisha", a.annual_value.in_poisha()}});
    });
    POURA_RETURN_IF_ERROR(done);
    return a;
}

Result<std::vector<Assessment>> Revenue::assessments(std::string_view number) const {
    workflow::OfficeParts office(*office_);
    auto h = this->holding(number);
    POURA_RETURN_IF_ERROR(h);
    return store::RevenueStore(office.store()).assessments(h->id);
}

namespace {
// The assessment in force now: the latest effective one not superseded.
const Assessment* in_force(const std::vector<Assessment>& list, const std::string& today) {
    const Assessment* found = nullptr;
    for (const Assessment& a : list)
        if (a.status != "superseded" && a.effective <= today) found = &a;
    return found;
}
}  // namespace

Result<Assessment> Revenue::object(std::int64_t actor, std::string_view number, std::string_view reason) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "record objections");
    POURA_RETURN_IF_ERROR(user);
    auto h = this->holding(number);
    POURA_RETURN_IF_ERROR(h);
    POURA_RETURN_IF_ERROR(detail::clean("reason", reason, 2000, true));
    store::RevenueStore records(office.store());
    Assessment objected;
    auto done = office.store().transaction([&]() -> Status {
        auto list = records.assessments(h->id);
        POURA_RETURN_IF_ERROR(list);
        const Assessment* a = in_force(*list, detail::today(office.now()));
        if (!a) return make_error(Errc::invalid_state, "holding " + h->number + " has no assessment in force to object to");
        if (a->status == "objected")
            return make_error(Errc::invalid_state, "the assessment of holding " + h->number + " is under objection already");
        objected = *a;
        objected.status = "objected";
        POURA_RETURN_IF_ERROR(records.set_assessment_status(a->id, "objected"));
        return office.audit(actor, "objection", "holding:" + h->number, {{"assessment", a->id}, {"reason", reason}});
    });
    POURA_RETURN_IF_ERROR(done);
    return objected;
}

Result<Assessment> Revenue::review(std::int64_t actor, std::string_view number, Money revised_value,
                                   std::string_view note) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "record review decisions");
    POURA_RETURN_IF_ERROR(user);
    auto h = this->holding(number);
    POURA_RETURN_IF_ERROR(h);
    if (revised_value < Money()) return bad("annual_value", "must not be negative");
    POURA_RETURN_IF_ERROR(detail::clean("note", note, 2000, true));
    store::RevenueStore records(office.store());
    Assessment revised;
    auto done = office.store().transaction([&]() -> Status {
        auto list = records.assessments(h->id);
        POURA_RETURN_IF_ERROR(list);
        const Assessment* objected = nullptr;
        for (const Assessment& a : *list)
            if (a.status == "objected") objected = &a;
        if (!objected)
            return make_error(Errc::invalid_state, "holding " + h->number + " has no assessment under objection to review");
        revised.holding = h->id;
        revised.effective = objected->effective;
        revised.kind = "review";
        revised.annual_value = revised_value;
        revised.status = "in_force";
        revised.note = std::string(note);
        revised.actor = actor;
        revised.at = office.now();
        POURA_RETURN_IF_ERROR(records.set_assessment_status(objected->id, "superseded"));
        auto id = records.insert_assessment(revised);
        POURA_RETURN_IF_ERROR(id);
        revised.id = *id;
        // Demands already made on the objected value are revised by the
        // difference the new value makes to each year's tax.
        auto demands = records.demands("holding_tax", h->number);
        POURA_RETURN_IF_ERROR(demands);
        const auto effective = dates::parse_iso_date(revised.effective);
        const std::string from_year =
            dates::format_fiscal_year(effective->month >= 7 ? effective->year : effective->year - 1);
        nlohmann::json revisions = nlohmann::json::array();
        auto after = records.assessments(h->id);
        POURA_RETURN_IF_ERROR(after);
        for (const Demand& d : *demands) {
            if (d.period < from_year) continue;
            const int year = *dates::parse_fiscal_year(d.period);
            // The year's value pro rata, as the bill run took it, before and after.
            const auto old_value = detail::assessed_value(&*list, year);
            const auto new_value = detail::assessed_value(&*after, year);
            auto old_bill = detail::holding_bill(office, *h, d.period, old_value ? std::optional<Money>(old_value->value) : std::nullopt);
            auto new_bill = detail::holding_bill(office, *h, d.period, new_value ? std::optional<Money>(new_value->value) : std::nullopt);
            POURA_RETURN_IF_ERROR(old_bill);
            POURA_RETURN_IF_ERROR(new_bill);
            Money change = new_bill->total - old_bill->total;
            if (change.is_zero()) continue;
            std::vector<const Due*> taxes;
            for (const Due& x : d.dues)
                if (x.kind == "tax") taxes.push_back(&x);
            if (taxes.empty()) continue;
            Money refund;
            const std::string code = "assessment:" + std::to_string(revised.id);
            if (change > Money()) {
                POURA_RETURN_IF_ERROR(records.adjust(taxes.back()->id, "review", code, change, std::nullopt,
                                                     std::string(note), actor, office.now()));
            } else {
                // Less is owed: taken off the last instalments first, as far as they are unpaid.
                Money left = -change;
                for (auto it = taxes.rbegin(); it != taxes.rend() && !left.is_zero(); ++it) {
                    const Money take = std::min(left, (*it)->outstanding());
                    if (take.is_zero()) continue;
                    POURA_RETURN_IF_ERROR(records.adjust((*it)->id, "review", code, -take, std::nullopt,
                                                         std::string(note), actor, office.now()));
                    left -= take;
                }
                refund = left;  // paid already: owed back to the holder
            }
            revisions.push_back({{"period", d.period},
                                 {"change_poisha", change.in_poisha()},
                                 {"refund_poisha", refund.in_poisha()}});
        }
        return office.audit(actor, "review", "holding:" + h->number,
                            {{"assessment", revised.id},
                             {"replaces", objected->id},
                             {"annual_value_poisha", revised_value.in_poisha()},
                             {"revisions", revisions}});
    });
    POURA_RETURN_IF_ERROR(done);
    return revised;
}

// ----- Water -------------------------------------------------------------------

Result<WaterConnection> Revenue::add_connection(std::int64_t actor, const WaterConnection& connection) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "add water connections");
    POURA_RETURN_IF_ERROR(user);
    WaterConnection c = connection;
    POURA_RETURN_IF_ERROR(detail::check_connection(office, c));
    auto h = this->holding(c.holding);
    POURA_RETURN_IF_ERROR(h);
    c.holding = h->number;
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        auto id = records.insert_connection(c, h->id, office.now());
        POURA_RETURN_IF_ERROR(id);
        c.id = *id;
        return office.audit(actor, "connection_add", "water:" + c.number,
                            {{"holding", c.holding}, {"diameter", c.diameter}, {"metered", c.metered}});
    });
    POURA_RETURN_IF_ERROR(done);
    return c;
}

Result<WaterConnection> Revenue::connection(std::string_view number) const {
    workflow::OfficeParts office(*office_);
    auto c = store::RevenueStore(office.store()).connection(number);
    POURA_RETURN_IF_ERROR(c);
    if (!*c) return make_error(Errc::not_found, "no water connection " + std::string(number));
    return **c;
}

Status Revenue::record_reading(std::int64_t actor, std::string_view number, std::string_view month,
                               std::int64_t litres) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "record meter readings");
    POURA_RETURN_IF_ERROR(user);
    auto c = connection(number);
    POURA_RETURN_IF_ERROR(c);
    if (!c->metered) return make_error(Errc::invalid_state, "water connection " + c->number + " has no meter");
    auto m = detail::month("month", month);
    POURA_RETURN_IF_ERROR(m);
    if (litres < 0 || litres > 1'000'000'000'000) return bad("litres", "must be 0 to 10^12");
    store::RevenueStore records(office.store());
    return office.store().transaction([&]() -> Status {
        // A meter counts up: a reading below the month before's is a mistake.
        auto before = records.reading(c->id, detail::format_month(dates::add_months(*m, -1)));
        POURA_RETURN_IF_ERROR(before);
        if (*before && **before > litres)
            return bad("litres", "the meter read " + std::to_string(**before) + " litres the month before: a reading of " +
                                     std::to_string(litres) + " goes backwards");
        POURA_RETURN_IF_ERROR(records.insert_reading(c->id, detail::format_month(*m), litres, office.now()));
        return office.audit(actor, "meter_reading", "water:" + c->number,
                            {{"month", detail::format_month(*m)}, {"litres", litres}});
    });
}

}  // namespace poura::revenue
