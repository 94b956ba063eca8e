#include "cli.hpp"

#include <algorithm>
#include <iostream>

namespace poura::cli {
namespace {

void line(const std::string& label, const std::string& value) {
    std::cout << "  " << label << std::string(label.size() < 14 ? 14 - label.size() : 1, ' ') << value << "\n";
}

// A value as printed: an enum value with labels shows them in both languages.
std::string scalar(const nlohmann::json& field, const nlohmann::json& v) {
    if (auto values = field.find("values"); values != field.end() && values->is_array())
        for (const auto& option : *values)
            if (option.is_object() && option.value("value", "") == v)
                return option.value("en", "") + " / " + option.value("bn", "");
    return v.is_string() ? v.get<std::string>() : v.dump();
}

// Each field with its bilingual label from the profile, nested values indented.
void print_fields(const nlohmann::json& fields, const nlohmann::json& values, const std::string& indent) {
    for (const auto& field : fields) {
        const std::string name = field.value("name", "");
        auto value = values.find(name);
        if (value == values.end()) continue;
        const auto& label = field["label"];
        const std::string heading = indent + label.value("en", name) + " / " + label.value("bn", name);
        if (value->is_object()) {
            std::cout << "  " << heading << ":\n";
            print_fields(field["fields"], *value, indent + "    ");
        } else if (value->is_array()) {
            std::cout << "  " << heading << ":\n";
            for (std::size_t i = 0; i < value->size(); ++i) {
                std::cout << "  " << indent << "  " << (i + 1) << ".\n";
                print_fields(field["fields"], (*value)[i], indent + "     ");
            }
        } else {
            std::cout << "  " << heading << ": " << scalar(field, *value) << "\n";
        }
    }
}

// The issuer's names, and what identifies it: its code in the trust bundle, or
// else the certificate's `iss` claim (a key given with --cert has neither names
// nor code), and the key id.
std::string issuer_text(const VerifyResult& r) {
    const IssuerInfo& issuer = *r.issuer;
    std::string names = issuer.name_en;
    if (!issuer.name_bn.empty()) names += (names.empty() ? "" : " / ") + issuer.name_bn;
    std::string ids = !issuer.code.empty()         ? issuer.code + ", "
                      : !r.issuer_claim.empty() ? "iss " + r.issuer_claim + ", "
                                                 : "";
    ids += "key " + to_hex(issuer.kid);
    return names.empty() ? ids : names + " (" + ids + ")";
}

}  // namespace

void print_result(const VerifyResult& r, const ProfileSet& profiles) {
    std::cout << "\n";
    if (r.valid()) std::cout << "  \u2714 VALID  \u09AC\u09C8\u09A7\n";
    else std::cout << "  \u2718 INVALID  \u0985\u09AC\u09C8\u09A7\n";
    std::cout << "  " << r.message_en << "\n  " << r.message_bn << "\n\n";
    if (!r.valid()) {
        line("Failed at", std::string(stage_name(r.stage)) + " (" + std::string(reason_code(r.reason)) + ")");
        if (!r.detail.empty()) line("Detail", r.detail);
    }
    if (const Profile* profile = profiles.find(r.document_type))
        line("Certificate", profile->title_en + " / " + profile->title_bn);
    else if (!r.document_type.empty())
        line("Certificate", r.document_type);
    if (!r.serial.empty()) line("Serial", r.serial);
    if (r.issuer) line("Issuer", issuer_text(r));
    // What a register or blocklist keys on (format.md 8.1): the same for every
    // text of this certificate.
    if (r.identity) line("Fingerprint", to_hex(r.identity->fingerprint));
    if (r.issued_at) line("Issued", format_time(*r.issued_at));
    if (r.expires_at) line("Expires", format_time(*r.expires_at));
    if (r.trust.has_bundle)
        line("Trust bundle", "#" + std::to_string(r.trust.sequence) + ", " + std::string(freshness_name(r.trust.freshness)) +
                                 ", next update " + format_time(r.trust.next_update));
    if (r.trust.has_bundle && r.trust.freshness == Freshness::clock_suspect)
        line("Clock", "suspect: the trust bundle was issued " + format_time(r.trust.issued_at) +
                          ", later than this computer's time; set the clock right and check again");
    if (r.document.is_object()) {
        std::cout << "\n";
        if (!r.valid())
            std::cout << "  Not valid: do not rely on these details.\n"
                         "  সনদটি বৈধ নয়: এই তথ্যের উপর নির্ভর করবেন না।\n\n";
        if (const Profile* profile = profiles.find(r.document_type))
            print_fields(profile->definition["fields"], r.document, "");
        else
            std::cout << "  " << r.document.dump(2) << "\n";
    }
    std::cout << "\n";
}

std::string table_text(const nlohmann::json& rows) {
    if (!rows.is_array() || rows.empty() || !rows[0].is_object()) return "(no rows)\n";
    std::vector<std::string> columns;
    for (const auto& item : rows[0].items()) columns.push_back(item.key());
    std::vector<std::vector<std::string>> cells(1);
    for (const auto& c : columns) {
        const bool money = c.size() > 7 && c.compare(c.size() - 7, 7, "_poisha") == 0;
        cells[0].push_back(money ? c.substr(0, c.size() - 7) : c);
    }
    for (const auto& row : rows) {
        cells.emplace_back();
        for (const auto& c : columns) {
            const auto found = row.find(c);
            const nlohmann::json v = found == row.end() ? nlohmann::json() : *found;
            const bool money = c.size() > 7 && c.compare(c.size() - 7, 7, "_poisha") == 0 && v.is_number_integer();
            cells.back().push_back(money ? format_money(Money::poisha(v.get<std::int64_t>()), Language::en)
                                   : v.is_string() ? v.get<std::string>()
                                   : v.is_null()   ? std::string()
                                                   : v.dump());
        }
    }
    std::vector<std::size_t> width(columns.size(), 0);
    // Widths in characters, counting each UTF-8 sequence once.
    auto length = [](const std::string& s) {
        return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
    };
    for (const auto& line : cells)
        for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], length(line[i]));
    std::string out;
    for (const auto& line : cells) {
        for (std::size_t i = 0; i < line.size(); ++i) {
            const std::string pad(width[i] - length(line[i]), ' ');
            const bool right = rows[0][columns[i]].is_number();
            out += (i ? "  " : "") + (right ? pad + line[i] : line[i] + (i + 1 < line.size() ? pad : ""));
        }
        out += "\n";
    }
    return out;
}

}  // namespace poura::cli
