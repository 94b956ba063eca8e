// Trade licences: issued, renewed and surrendered. A new term's fee is a
// demand; when it is paid in full the licence is signed as a `trade_licence`
// document valid to the end of the term's last fiscal year.
#include "revenue/bill_codec.hpp"
#include "revenue/internal.hpp"
#include "revenue/valuation.hpp"

#include <poura/issue.hpp>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/try.hpp"

#include <cstdio>

namespace poura::revenue {

using detail::bad;

namespace {

constexpr std::size_t kMaxSignboards = 50;

Status check_licence(TradeLicence& l, int wards) {
    POURA_RETURN_IF_ERROR(detail::clean("business_name_bn", l.business_name_bn, 120, true));
    POURA_RETURN_IF_ERROR(detail::clean("business_name_en", l.business_name_en, 120, true));
    POURA_RETURN_IF_ERROR(detail::clean("owner_name_bn", l.owner_name_bn, 200, true));
    if (!text::is_bangla_name(text::nfc(l.owner_name_bn))) return bad("owner_name_bn", "must be a name in Bengali script");
    POURA_RETURN_IF_ERROR(detail::clean("owner_name_en", l.owner_name_en, 200, true));
    if (!text::is_latin_name(l.owner_name_en)) return bad("owner_name_en", "must be a name in Latin letters");
    auto nid = ids::national_id(l.owner_nid);
    if (!nid) return bad("owner_nid", "'" + l.owner_nid + "' is not an NID of 10, 13 or 17 digits");
    l.owner_nid = *nid;
    if (!l.mobile.empty()) {
        auto m = ids::mobile(l.mobile);
        if (!m) return bad("mobile", "'" + l.mobile + "' is not a Bangladeshi mobile number");
        l.mobile = *m;
    }
    if (l.ward < 1 || l.ward > wards) return bad("ward", "must be 1 to " + std::to_string(wards));
    POURA_RETURN_IF_ERROR(detail::clean("address_bn", l.address_bn, 300, true));
    auto category = detail::account_number("category", l.category);
    POURA_RETURN_IF_ERROR(category);
    if (l.signboards.size() > kMaxSignboards) return bad("signboards", "at most 50");
    for (const auto& b : l.signboards)
        if (b.area <= 0 || b.area > 100'000'00) return bad("signboards", "an area is more than 0 and at most 100,000 sq ft");
    return {};
}

Result<dates::Date> on_date(workflow::OfficeParts& office, std::string_view on) {
    if (on.empty()) return dates::from_unix(office.now());
    return detail::iso_date("on", on);
}

int fiscal_year_of(const dates::Date& d) { return d.month >= 7 ? d.year : d.year - 1; }

Result<TradeLicence> find(workflow::OfficeParts& office, std::string_view number) {
    auto l = store::RevenueStore(office.store()).licence(number);
    POURA_RETURN_IF_ERROR(l);
    if (!*l) return make_error(Errc::not_found, "no trade licence " + std::string(number));
    return **l;
}

// A new term's demand, written with its audit entry.
Status bill_term(workflow::OfficeParts& office, store::RevenueStore& records, std::int64_t actor,
                 const TradeLicence& l, int first, int years, bool renewal, const std::string& on) {
    auto bill = detail::licence_bill(office, l, dates::format_fiscal_year(first), years, renewal, on);
    POURA_RETURN_IF_ERROR(bill);
    Demand d = detail::licence_demand(l, *bill, dates::format_fiscal_year(first),
                                      dates::format_fiscal_year(first + years - 1));
    d.at = office.now();
    d.schedule = bill->schedule;
    auto id = records.insert_demand(d, detail::store_bill(*bill, d.bill));
    POURA_RETURN_IF_ERROR(id);
    return office.audit(actor, renewal ? "licence_renew" : "licence_issue", "licence:" + l.number,
                        {{"first_year", dates::format_fiscal_year(first)},
                         {"years", years},
                         {"fee_poisha", bill->total.in_poisha()}});
}

}  // namespace

Result<TradeLicence> Revenue::issue_licence(std::int64_t actor, const TradeLicence& licence, int years,
                                            std::string_view on) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "issue trade licences");
    POURA_RETURN_IF_ERROR(user);
    TradeLicence l = licence;
    POURA_RETURN_IF_ERROR(check_licence(l, office.municipality().wards));
    if (!l.holding.empty()) {
        auto h = this->holding(l.holding);
        POURA_RETURN_IF_ERROR(h);
        l.holding = h->number;
    }
    auto day = on_date(office, on);
    POURA_RETURN_IF_ERROR(day);
    if (years < 1 || years > 5) return bad("years", "a licence runs 1 to 5 fiscal years");
    const int first = fiscal_year_of(*day);
    l.first_year = dates::format_fiscal_year(first);
    l.last_year = dates::format_fiscal_year(first + years - 1);
    l.status = "pending";
    l.serial.clear();
    l.qr_text.clear();
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        auto n = office.store().next_serial("TL-" + office.municipality().code + "-" + std::to_string(first));
        POURA_RETURN_IF_ERROR(n);
        char number[16];
        std::snprintf(number, sizeof number, "%06lld", static_cast<long long>(*n));
        l.number = "TL-" + office.municipality().code + "-" + std::to_string(first) + "-" + number;
        auto id = records.insert_licence(l, office.now());
        POURA_RETURN_IF_ERROR(id);
        l.id = *id;
        return bill_term(office, records, actor, l, first, years, false, dates::format_iso_date(*day));
    });
    POURA_RETURN_IF_ERROR(done);
    return l;
}

Result<TradeLicence> Revenue::renew_licence(std::int64_t actor, std::string_view number, int years,
                                            std::string_view on) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "renew trade licences");
    POURA_RETURN_IF_ERROR(user);
    auto l = find(office, number);
    POURA_RETURN_IF_ERROR(l);
    if (l->status != "active")
        return make_error(Errc::invalid_state, "licence " + l->number + " is " + l->status + ": only an active one renews");
    auto day = on_date(office, on);
    POURA_RETURN_IF_ERROR(day);
    if (years < 1 || years > 5) return bad("years", "a licence runs 1 to 5 fiscal years");
    const int first = *dates::parse_fiscal_year(l->last_year) + 1;
    if (first > fiscal_year_of(*day) + 1)
        return make_error(Errc::invalid_state, "licence " + l->number + " runs to " + l->last_year +
                                                   ": it renews from the year before that ends");
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        auto billed = records.has_demand("trade_licence", l->number, dates::format_fiscal_year(first));
        POURA_RETURN_IF_ERROR(billed);
        if (*billed)
            return make_error(Errc::conflict, "licence " + l->number + " has a renewal for " +
                                                  dates::format_fiscal_year(first) + " billed already");
        return bill_term(office, records, actor, *l, first, years, true, dates::format_iso_date(*day));
    });
    POURA_RETURN_IF_ERROR(done);
    return l;
}

Result<TradeLicence> Revenue::surrender_licence(std::int64_t actor, std::string_view number, std::string_view reason) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "take back trade licences");
    POURA_RETURN_IF_ERROR(user);
    POURA_RETURN_IF_ERROR(detail::clean("reason", reason, 2000, true));
    auto l = find(office, number);
    POURA_RETURN_IF_ERROR(l);
    if (l->status == "surrendered") return make_error(Errc::invalid_state, "licence " + l->number + " was surrendered already");
    l->status = "surrendered";
    store::RevenueStore records(office.store());
    auto done = office.store().transaction([&]() -> Status {
        POURA_RETURN_IF_ERROR(records.update_licence(*l, office.now()));
        return office.audit(actor, "licence_surrender", "licence:" + l->number,
                            {{"reason", reason}, {"serial", l->serial}});
    });
    POURA_RETURN_IF_ERROR(done);
    return l;
}

Result<TradeLicence> Revenue::licence(std::string_view number) const {
    workflow::OfficeParts office(*office_);
    return find(office, number);
}

Status detail::licence_paid(workflow::OfficeParts& office, store::RevenueStore& records, std::int64_t actor,
                            std::int64_t demand_id) {
    auto demand = records.demand(demand_id, true);
    POURA_RETURN_IF_ERROR(demand);
    if (!*demand) return make_error(Errc::not_found, "no demand " + std::to_string(demand_id));
    const Demand& d = **demand;
    for (const Due& x : d.dues)
        if (x.kind == "tax" && !x.outstanding().is_zero()) return {};
    const auto term = d.bill.find("licence");
    if (term == d.bill.end()) return {};
    auto found = records.licence(d.account);
    POURA_RETURN_IF_ERROR(found);
    if (!*found) return make_error(Errc::not_found, "no trade licence " + d.account);
    TradeLicence l = **found;
    if (l.status == "surrendered") return {};
    const std::string first = term->value("first_year", ""), last = term->value("last_year", "");
    const auto last_year = dates::parse_fiscal_year(last);
    if (!last_year) return make_error(Errc::internal, "demand " + std::to_string(demand_id) + " has no licence term");
    if (l.status == "active" && l.last_year >= last) return {};  // issued already
    if (l.status == "pending") l.first_year = first;
    l.last_year = last;
    l.status = "active";
    const auto& keyset = office.keyset();
    if (!keyset) return make_error(Errc::no_signing_key, "a licence is signed: the office needs its keyset");
    nlohmann::json doc = {{"type", "trade_licence"},
                          {"licence_no", l.number},
                          {"business_name_bn", l.business_name_bn},
                          {"business_name_en", l.business_name_en},
                          {"owner_name_bn", l.owner_name_bn},
                          {"owner_name_en", l.owner_name_en},
                          {"owner_nid", l.owner_nid},
                          {"business_category", l.category},
                          {"business_address_bn", l.address_bn},
                          {"fiscal_year", first},
                          {"fee_paid", d.total.in_poisha() / 100},
                          {"ward", l.ward}};
    if (!l.holding.empty()) doc["holding_no"] = l.holding;
    if (!l.mobile.empty()) doc["mobile"] = l.mobile;
    IssueOptions io;
    io.issuer = office.municipality().code;
    auto n = office.store().next_serial("TLC-" + office.municipality().code);
    POURA_RETURN_IF_ERROR(n);
    io.serial = l.number + "-" + std::to_string(*n);
    io.issued_at = office.now();
    // Valid to the end of the term's last fiscal year (30 June), whatever the profile's one-year default.
    io.expires_at = dates::to_unix({*last_year + 1, 6, 30}) + 86400 - 1;
    io.profiles = office.options().profiles;
    auto issued = issue(doc, *keyset, io);
    POURA_RETURN_IF_ERROR(issued);
    l.serial = issued->serial;
    l.qr_text = issued->qr_text;
    POURA_RETURN_IF_ERROR(records.update_licence(l, office.now()));
    if (!l.mobile.empty()) {
        const bool bn = office.municipality().sms_language != "en";
        const std::string text = bn ? office.municipality().name_bn + ": ট্রেড লাইসেন্স " + l.number + " " +
                                          text::bengali_digits(l.last_year) + " পর্যন্ত ইস্যু হয়েছে।"
                                    : office.municipality().name_en + ": trade licence " + l.number +
                                          " is issued, valid to the end of " + l.last_year + ".";
        POURA_RETURN_IF_ERROR(office.queue_sms(l.mobile, text, "licence"));
    }
    return office.audit(actor, "licence_signed", "licence:" + l.number,
                        {{"serial", l.serial}, {"first_year", l.first_year}, {"last_year", l.last_year}});
}

}  // namespace poura::revenue
