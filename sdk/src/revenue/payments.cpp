// Payments: allocated to what an account owes (oldest first, or the
// instalments the payer names), a rebate when the schedule grants one for
// paying early, a signed receipt and an SMS, all in one transaction; and
// settlement files of banks and mobile-money operators, reconciled row by
// row against what was recorded before.
#include "revenue/internal.hpp"
#include "revenue/csv.hpp"
#include "revenue/valuation.hpp"

#include <poura/issue.hpp>

#include "core/text.hpp"
#include "core/try.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace poura::revenue {

using detail::bad;

namespace {

constexpr std::size_t kImportBatch = 500;

const char* const kMethods[] = {"cash", "bank", "bkash", "nagad", "rocket"};

bool known_method(std::string_view m) { return std::find(std::begin(kMethods), std::end(kMethods), m) != std::end(kMethods); }

// The receipt profile's coarser method.
std::string receipt_method(const std::string& m) {
    if (m == "cash" || m == "bank") return m;
    return "mobile";
}

std::string canonical_account(std::string_view service, std::string_view account) {
    if (service == "holding_tax") {
        auto n = detail::holding_number(account);
        if (n) return *n;
    }
    return std::string(account);
}

// Checks what can be checked without the database.
Status check_payment(NewPayment& p, const std::string& today) {
    if (!detail::known_service(p.service))
        return bad("service", "'" + p.service + "' is not holding_tax, water or trade_licence");
    auto account = p.service == "holding_tax" ? detail::holding_number(p.account)
                                              : detail::account_number("account", p.account);
    POURA_RETURN_IF_ERROR(account);
    p.account = *account;
    if (p.amount <= Money()) return bad("amount", "must be more than nothing");
    if (p.amount.in_poisha() > Money::limit / 1000) return bad("amount", "is out of range");
    auto paid = detail::iso_date("paid_on", p.paid_on);
    POURA_RETURN_IF_ERROR(paid);
    p.paid_on = dates::format_iso_date(*paid);
    if (p.paid_on > today) return bad("paid_on", p.paid_on + " is after today (" + today + ")");
    if (!known_method(p.method)) return bad("method", "'" + p.method + "' is not cash, bank, bkash, nagad or rocket");
    if (p.method != "cash" && p.reference.empty())
        return bad("reference", "a " + p.method + " payment is recorded by its transaction reference");
    if (!p.reference.empty()) {
        auto ref = detail::account_number("reference", p.reference);
        POURA_RETURN_IF_ERROR(ref);
    }
    if (!p.payer_bn.empty()) {
        POURA_RETURN_IF_ERROR(detail::clean("payer_bn", p.payer_bn, 200, false));
        if (!text::is_bangla_name(text::nfc(p.payer_bn))) return bad("payer_bn", "must be a name in Bengali script");
    }
    std::set<std::string> seen;
    for (const auto& i : p.instalments) {
        const auto colon = i.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == i.size())
            return bad("instalments", "'" + i + "' is not PERIOD:INSTALMENT such as 2025-26:1 or 2025-07:0");
        if (!seen.insert(i).second) return bad("instalments", "'" + i + "' is named twice");
    }
    return {};
}

// "2025-26:1" to the dues' own form ("2025-2026", 1).
Result<std::pair<std::string, int>> named_instalment(const std::string& text) {
    const auto colon = text.find(':');
    std::string period = text.substr(0, colon);
    const std::string number = text.substr(colon + 1);
    if (number.size() != 1 || number[0] < '0' || number[0] > '4')
        return bad("instalments", "'" + text + "': the instalment is 0 to 4");
    if (auto y = dates::parse_fiscal_year(period)) period = dates::format_fiscal_year(*y);
    return std::make_pair(period, number[0] - '0');
}

// The first and last day of a due's period, for the payment-date check.
std::string period_start(const std::string& period) {
    if (auto y = dates::parse_fiscal_year(period)) return std::to_string(*y) + "-07-01";
    return period + "-01";
}

class Recorder {
public:
    Recorder(workflow::OfficeParts& office, store::RevenueStore& records) : office_(office), records_(records) {}

    // Inside a transaction: the payment, its allocations and rebate, receipt,
    // SMS and audit entry. Errors of the payment itself are invalid_argument,
    // invalid_state or not_found, and leave the transaction for the caller to
    // roll back.
    Result<Payment> record(std::int64_t actor, const NewPayment& in, const std::string& source) {
        auto dues = records_.open_dues(in.service, in.account);
        POURA_RETURN_IF_ERROR(dues);
        if (dues->empty()) {
            auto any = records_.demands(in.service, in.account);
            POURA_RETURN_IF_ERROR(any);
            if (any->empty()) return make_error(Errc::not_found, "nothing was ever billed to " + in.service + " " + in.account);
            return make_error(Errc::invalid_state, in.service + " " + in.account + " owes nothing");
        }
        std::vector<Due> chosen;
        if (in.instalments.empty()) {
            chosen = *dues;
        } else {
            for (const auto& text : in.instalments) {
                auto want = named_instalment(text);
                POURA_RETURN_IF_ERROR(want);
                auto it = std::find_if(dues->begin(), dues->end(), [&](const Due& d) {
                    return d.period == want->first && d.instalment == want->second;
                });
                if (it == dues->end())
                    return make_error(Errc::invalid_state, "instalment " + text + " of " + in.account + " is not owed");
                chosen.push_back(*it);
            }
        }
        // Holding tax and water are paid for a period once it has begun; a
        // licence's renewal is paid before its year.
        for (const Due& d : chosen)
            if (in.service != "trade_licence" && in.paid_on < period_start(d.period))
                return bad("paid_on", in.paid_on + " is before the period " + d.period + " it would pay began");

        Payment p;
        p.service = in.service;
        p.account = in.account;
        p.amount = in.amount;
        p.paid_on = in.paid_on;
        p.method = in.method;
        p.reference = in.reference;
        p.at = office_.now();

        auto demand = records_.demand_of(chosen.front().id);
        POURA_RETURN_IF_ERROR(demand);
        auto first = records_.demand(*demand, false);
        POURA_RETURN_IF_ERROR(first);
        p.ward = (*first)->ward;
        p.payer_bn = in.payer_bn.empty() ? (*first)->payer_bn : in.payer_bn;
        if (p.payer_bn.empty()) return bad("payer_bn", "the account has no owner's name: give the payer's");

        // A rebate for paying the current year's instalments early, as the schedule grants it.
        std::vector<std::pair<std::int64_t, Money>> rebates;
        POURA_RETURN_IF_ERROR(rebate(in, chosen, rebates, p.rebate));
        Money owed;
        for (const Due& d : chosen) owed += d.outstanding();
        owed -= p.rebate;
        if (p.amount > owed)
            return bad("amount", format_taka(p.amount, Language::en) + " is more than " + in.account + " owes (" +
                                     format_taka(owed, Language::en) +
                                     (p.rebate.is_zero() ? "" : ", after a rebate of " + format_taka(p.rebate, Language::en)) +
                                     ")");
        if (p.reference.empty()) {
            auto n = office_.store().next_serial("counter-" + office_.municipality().code);
            POURA_RETURN_IF_ERROR(n);
            p.reference = "C" + std::to_string(*n);
        }
        auto id = records_.insert_payment(p, actor, source);
        POURA_RETURN_IF_ERROR(id);
        p.id = *id;
        for (const auto& [due, amount] : rebates)
            POURA_RETURN_IF_ERROR(records_.adjust(due, "rebate", "early_payment", -amount, p.id,
                                                  "rebate for paying on " + p.paid_on, actor, p.at));
        Money left = p.amount;
        std::set<std::int64_t> demands_touched;
        for (const Due& d : chosen) {
            if (left.is_zero()) break;
            Money outstanding = d.outstanding();
            for (const auto& [due, amount] : rebates)
                if (due == d.id) outstanding -= amount;
            const Money take = std::min(left, outstanding);
            if (take.is_zero()) continue;
            POURA_RETURN_IF_ERROR(records_.allocate(p.id, d.id, take));
            p.allocations.push_back({d.id, d.period, d.instalment, d.kind, take});
            left -= take;
            auto of = records_.demand_of(d.id);
            POURA_RETURN_IF_ERROR(of);
            demands_touched.insert(*of);
        }
        POURA_RETURN_IF_ERROR(receipt(p, **first));
        POURA_RETURN_IF_ERROR(records_.set_receipt(p.id, p.receipt_serial, p.receipt_qr));
        if (!(*first)->mobile.empty()) POURA_RETURN_IF_ERROR(sms(p, (*first)->mobile));
        POURA_RETURN_IF_ERROR(office_.audit(actor, "payment", in.service + ":" + in.account,
                                            {{"payment", p.id},
                                             {"method", p.method},
                                             {"reference", p.reference},
                                             {"amount_poisha", p.amount.in_poisha()},
                                             {"rebate_poisha", p.rebate.in_poisha()},
                                             {"receipt", p.receipt_serial}}));
        // A licence whose fee is now paid in full is issued.
        if (in.service == "trade_licence")
            for (std::int64_t d : demands_touched) POURA_RETURN_IF_ERROR(detail::licence_paid(office_, records_, actor, d));
        return p;
    }

private:
    // The current year's holding-tax instalments, when the payer pays the
    // first k of them (all untouched) together with everything before them:
    // the schedule's rebate for paying those k early, spread over them from
    // the last.
    Status rebate(const NewPayment& in, const std::vector<Due>& chosen,
                  std::vector<std::pair<std::int64_t, Money>>& out, Money& total) {
        if (in.service != "holding_tax") return {};
        const auto paid = dates::parse_iso_date(in.paid_on);
        const int year = paid->month >= 7 ? paid->year : paid->year - 1;
        const std::string current = dates::format_fiscal_year(year);
        Money before;  // what comes before the current year's instalments
        std::vector<const Due*> quarters;
        for (const Due& d : chosen) {
            if (d.period == current && d.kind == "tax") {
                if (!d.paid.is_zero() || !d.adjusted.is_zero() || d.instalment != static_cast<int>(quarters.size()) + 1)
                    break;
                quarters.push_back(&d);
            } else if (quarters.empty()) {
                before += d.outstanding();
            } else {
                break;
            }
        }
        if (quarters.empty() || in.amount <= before) return {};
        auto holding = records_.holding(in.account);
        POURA_RETURN_IF_ERROR(holding);
        if (!*holding) return {};
        auto demand_id = records_.demand_of(quarters.front()->id);
        POURA_RETURN_IF_ERROR(demand_id);
        auto demand = records_.demand(*demand_id, true);
        POURA_RETURN_IF_ERROR(demand);
        // The annual value the demand was billed on.
        std::optional<Money> value;
        for (const auto& l : (*demand)->bill.value("lines", nlohmann::json::array()))
            if (l.value("code", "") == "annual_value" || l.value("code", "") == "pro_rata")
                value = Money::poisha(l.value("amount_poisha", std::int64_t{0}));
        // The year's bill with no payment date, once; with each form of payment below.
        auto without = detail::holding_bill(office_, **holding, current, value);
        if (!without) return {};
        for (std::size_t k = quarters.size(); k >= 1; --k) {
            std::string pays = k == 4 ? "year" : "q1";
            for (std::size_t i = 2; i <= k && k < 4; ++i) pays += "+q" + std::to_string(i);
            auto with = detail::holding_bill(office_, **holding, current, value, in.paid_on, pays);
            if (!with) continue;  // a form of payment this schedule has no rebate for
            const Money r = without->total - with->total;
            if (r <= Money()) continue;
            Money covered;
            for (std::size_t i = 0; i < k; ++i) covered += quarters[i]->amount;
            if (in.amount < before + covered - r) continue;
            Money left = r;
            for (std::size_t i = k; i-- > 0 && !left.is_zero();) {
                const Money take = std::min(left, quarters[i]->amount);
                out.emplace_back(quarters[i]->id, take);
                left -= take;
            }
            total = r;
            return {};
        }
        return {};
    }

    Status receipt(Payment& p, const Demand& demand) {
        const auto& keyset = office_.keyset();
        if (!keyset) return make_error(Errc::no_signing_key, "a payment's receipt is signed: the office needs its keyset");
        std::string period;
        for (const auto& a : p.allocations)
            if (period.find(a.period) == std::string::npos) period += (period.empty() ? "" : "/") + a.period;
        if (period.size() > 20) period = p.allocations.front().period + "/" + p.allocations.back().period;
        if (period.size() > 20) period = p.allocations.back().period;
        nlohmann::json doc = {{"type", "receipt"},
                              {"municipality", office_.municipality().code},
                              {"service", p.service},
                              {"period", period},
                              {"amount_poisha", p.amount.in_poisha()},
                              {"payer_name_bn", p.payer_bn},
                              {"reference", p.account},
                              {"paid_on", p.paid_on},
                              {"method", receipt_method(p.method)}};
        if (!demand.schedule.empty()) doc["schedule"] = demand.schedule;
        const auto paid = dates::parse_iso_date(p.paid_on);
        const int year = paid->month >= 7 ? paid->year : paid->year - 1;
        const std::string scope = "R-" + office_.municipality().code + "-" + std::to_string(year);
        auto n = office_.store().next_serial(scope);
        POURA_RETURN_IF_ERROR(n);
        char number[16];
        std::snprintf(number, sizeof number, "%07lld", static_cast<long long>(*n));
        IssueOptions io;
        io.issuer = office_.municipality().code;
        io.serial = scope + "-" + number;
        io.issued_at = p.at;
        io.profiles = office_.options().profiles;
        auto issued = issue(doc, *keyset, io);
        POURA_RETURN_IF_ERROR(issued);
        p.receipt_serial = issued->serial;
        p.receipt_qr = issued->qr_text;
        return {};
    }

    Status sms(const Payment& p, const std::string& mobile) {
        const bool bn = office_.municipality().sms_language != "en";
        const std::string text =
            bn ? office_.municipality().name_bn + ": " + p.account + " বাবদ " + format_taka(p.amount, Language::bn) +
                     " গৃহীত হয়েছে। রসিদ " + p.receipt_serial
               : office_.municipality().name_en + ": " + format_taka(p.amount, Language::en) + " received for " +
                     p.account + ". Receipt " + p.receipt_serial;
        return office_.queue_sms(mobile, text, "payment");
    }

    workflow::OfficeParts& office_;
    store::RevenueStore& records_;
};

}  // namespace

Result<Payment> Revenue::pay(std::int64_t actor, const NewPayment& payment) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "record payments");
    POURA_RETURN_IF_ERROR(user);
    NewPayment p = payment;
    POURA_RETURN_IF_ERROR(check_payment(p, detail::today(office.now())));
    if (!office.keyset()) return make_error(Errc::no_signing_key, "a payment's receipt is signed: the office needs its keyset");
    store::RevenueStore records(office.store());
    Payment out;
    auto done = office.store().transaction([&]() -> Status {
        if (!p.reference.empty()) {
            auto before = records.payment_by_reference(p.method, p.reference);
            POURA_RETURN_IF_ERROR(before);
            if (*before) {
                if ((*before)->account != p.account || (*before)->amount != p.amount || (*before)->service != p.service)
                    return make_error(Errc::conflict, "the " + p.method + " reference " + p.reference +
                                                          " was recorded for another payment (" + (*before)->account +
                                                          ", " + format_taka((*before)->amount, Language::en) + ")");
                out = **before;
                out.duplicate = true;
                return {};
            }
        }
        Recorder recorder(office, records);
        auto recorded = recorder.record(actor, p, "counter");
        POURA_RETURN_IF_ERROR(recorded);
        out = std::move(*recorded);
        return {};
    });
    POURA_RETURN_IF_ERROR(done);
    return out;
}

Result<std::vector<Payment>> Revenue::payments(std::string_view service, std::string_view account) const {
    workflow::OfficeParts office(*office_);
    if (!detail::known_service(service))
        return bad("service", "'" + std::string(service) + "' is not holding_tax, water or trade_licence");
    return store::RevenueStore(office.store()).payments(service, canonical_account(service, account));
}

Result<ImportReport> Revenue::import_payments(std::int64_t actor, std::string_view method, std::string_view csv,
                                              std::string_view file_name,
                                              const std::function<void(std::int64_t, std::int64_t)>& progress) {
    workflow::OfficeParts office(*office_);
    auto user = detail::office_user(office, actor, "import payments");
    POURA_RETURN_IF_ERROR(user);
    if (!known_method(method) || method == "cash")
        return bad("method", "'" + std::string(method) + "' is not bank, bkash, nagad or rocket");
    if (!office.keyset()) return make_error(Errc::no_signing_key, "a payment's receipt is signed: the office needs its keyset");
    auto table = detail::parse_csv(csv, {"reference", "service", "account", "amount", "paid_on"}, {"payer_bn"});
    POURA_RETURN_IF_ERROR(table);
    // Every row is checked before anything is written: one bad row refuses the file.
    const std::string today = detail::today(office.now());
    std::vector<NewPayment> rows;
    std::vector<std::string> problems;
    std::set<std::string> references;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const auto& row = table->rows[i];
        const std::string where = "row " + std::to_string(table->line_of[i]);
        NewPayment p;
        p.method = std::string(method);
        p.reference = row.at("reference");
        p.service = row.at("service");
        p.account = row.at("account");
        p.paid_on = row.at("paid_on");
        if (auto it = row.find("payer_bn"); it != row.end()) p.payer_bn = it->second;
        auto amount = detail::parse_amount(row.at("amount"));
        if (!amount) {
            problems.push_back(where + ", amount: " + amount.error().message);
            continue;
        }
        p.amount = *amount;
        auto ok = check_payment(p, today);
        if (!ok) {
            problems.push_back(where + ", " + ok.error().message);
            continue;
        }
        if (!references.insert(p.reference).second) {
            problems.push_back(where + ", reference: " + p.reference + " appears twice in the file");
            continue;
        }
        rows.push_back(std::move(p));
    }
    if (!problems.empty()) {
        std::string message = std::string(file_name) + ": " + std::to_string(problems.size()) +
                              " bad row(s); nothing was imported";
        for (std::size_t i = 0; i < problems.size() && i < 100; ++i) message += "\n  " + problems[i];
        return make_error(Errc::malformed_input, message);
    }
    ImportReport report;
    report.rows = static_cast<std::int64_t>(rows.size());
    store::RevenueStore records(office.store());
    Recorder recorder(office, records);
    // Batches, each one transaction: a killed import is run again and
    // records only what it had not (the reference is the key).
    for (std::size_t start = 0; start < rows.size(); start += kImportBatch) {
        ImportReport batch;
        auto done = office.store().transaction([&]() -> Status {
            batch = ImportReport{};
            for (std::size_t i = start; i < rows.size() && i < start + kImportBatch; ++i) {
                const NewPayment& p = rows[i];
                auto before = records.payment_by_reference(p.method, p.reference);
                POURA_RETURN_IF_ERROR(before);
                if (*before) {
                    ++batch.duplicates;
                    continue;
                }
                // A row that cannot be matched is kept aside, not half-recorded:
                // the savepoint undoes whatever its attempt wrote.
                POURA_RETURN_IF_ERROR(office.store().savepoint());
                auto recorded = recorder.record(actor, p, std::string(file_name));
                if (recorded) {
                    POURA_RETURN_IF_ERROR(records.resolve_unmatched(p.method, p.reference));
                    POURA_RETURN_IF_ERROR(office.store().release());
                    ++batch.recorded;
                    batch.amount += p.amount;
                    continue;
                }
                POURA_RETURN_IF_ERROR(office.store().rollback_to_savepoint());
                const Errc code = recorded.error().code;
                if (code != Errc::invalid_argument && code != Errc::invalid_state && code != Errc::not_found)
                    return std::move(recorded).error();
                const auto line = table->line_of[i];
                auto kept = records.insert_unmatched(file_name, line, p.method, p, recorded.error().message, office.now());
                POURA_RETURN_IF_ERROR(kept);
                ++batch.unmatched;
                if (batch.unmatched_sample.size() < 100)
                    batch.unmatched_sample.push_back("row " + std::to_string(line) + ": " + p.reference + ": " +
                                                     recorded.error().message);
            }
            return {};
        });
        POURA_RETURN_IF_ERROR(done);
        report.recorded += batch.recorded;
        report.duplicates += batch.duplicates;
        report.unmatched += batch.unmatched;
        report.amount += batch.amount;
        for (auto& s : batch.unmatched_sample)
            if (report.unmatched_sample.size() < 100) report.unmatched_sample.push_back(std::move(s));
        if (progress) progress(static_cast<std::int64_t>(std::min(rows.size(), start + kImportBatch)), report.rows);
    }
    auto audited = office.store().transaction([&]() -> Status {
        return office.audit(actor, "payments_import", "file:" + std::string(file_name),
                            {{"method", method},
                             {"rows", report.rows},
                             {"recorded", report.recorded},
                             {"duplicates", report.duplicates},
                             {"unmatched", report.unmatched},
                             {"amount_poisha", report.amount.in_poisha()}});
    });
    POURA_RETURN_IF_ERROR(audited);
    return report;
}

}  // namespace poura::revenue
