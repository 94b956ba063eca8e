// The office: applications and their workflow, the registry, the SMS outbox
// and the audit log, with records in and out as JSON (the core's own
// to_json and *_from_json, the same the CLI and Python use). Compiled only
// when the library has the office (POURA_OFFICE).
#include "office.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <optional>

using namespace poura::capi;
using nlohmann::json;

namespace {

static_assert(all_different({poura_office::kMagic, poura_buffer::kMagic, poura_private_key::kMagic,
                                          poura_keyset::kMagic, poura_public_keys::kMagic, poura_bundle::kMagic,
                                          poura_trust::kMagic, poura_verify_options::kMagic, poura_result::kMagic,
                                          poura_issue_options::kMagic, poura_certificate::kMagic,
                                          poura_schedules::kMagic, poura_bill::kMagic}),
              "every handle type needs a magic number of its own");

// One schedule file, or every *.json file of a folder, in name order.
void add_schedules(poura::fees::ScheduleSet& set, const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<std::string> files;
    if (fs::is_directory(path, ec)) {
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (entry.path().extension() == ".json") files.push_back(entry.path().string());
        if (ec) fail(POURA_ERROR_IO, path + ": " + ec.message());
        if (files.empty()) fail(POURA_ERROR_IO, path + ": no schedule files (*.json)");
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(path);
    }
    for (const auto& file : files) take(set.add(read_file(file.c_str()), file));
}

std::vector<std::string> paths(const json& options, const char* member) {
    std::vector<std::string> out;
    auto it = options.find(member);
    if (it == options.end() || it->is_null()) return out;
    if (!it->is_array()) fail(POURA_ERROR_INVALID_ARGUMENT, std::string("options_json: \"") + member + "\" must be a list of paths");
    for (const auto& path : *it) {
        if (!path.is_string())
            fail(POURA_ERROR_INVALID_ARGUMENT, std::string("options_json: \"") + member + "\" must be a list of paths");
        out.push_back(path.get<std::string>());
    }
    return out;
}

std::int64_t integer(const json& options, const char* member, std::int64_t fallback, std::int64_t minimum,
                     std::int64_t maximum) {
    auto it = options.find(member);
    if (it == options.end() || it->is_null()) return fallback;
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > std::uint64_t(maximum)) ||
        it->get<std::int64_t>() < minimum || it->get<std::int64_t>() > maximum)
        fail(POURA_ERROR_INVALID_ARGUMENT, std::string("options_json: \"") + member + "\" must be an integer from " +
                                               std::to_string(minimum) + " to " + std::to_string(maximum));
    return it->get<std::int64_t>();
}

poura::OfficeOptions office_options(const char* options_json) {
    poura::OfficeOptions options;
    const json j = parse_optional(options_json, "options_json");
    if (j.is_null()) return options;
    if (!j.is_object()) fail(POURA_ERROR_INVALID_ARGUMENT, "options_json: not a JSON object");
    for (const auto& [key, value] : j.items())
        if (key != "schedules" && key != "profiles" && key != "now" && key != "checkpoint_every")
            fail(POURA_ERROR_INVALID_ARGUMENT, "options_json: unknown member \"" + key + "\"");
    for (const auto& path : paths(j, "schedules")) add_schedules(options.schedules, path);
    for (const auto& path : paths(j, "profiles")) take(options.profiles.add(read_file(path.c_str())));
    options.now = integer(j, "now", 0, 0, std::numeric_limits<std::int64_t>::max());
    options.checkpoint_every = static_cast<int>(integer(j, "checkpoint_every", options.checkpoint_every, 1, 1000000));
    return options;
}

}  // namespace

extern "C" {

int poura_office_create(const char* path, const char* municipality_json, const char* options_json,
                        poura_office** out_office) {
    return guarded([&] {
        out_pointer(out_office, "out_office");
        const std::string file(text(path, "path"));
        const auto municipality =
            take_json(poura::municipality_from_json(parse(municipality_json, "municipality_json")), "municipality_json");
        auto office = take(poura::Office::create(file, municipality, office_options(options_json)));
        *out_office = make_handle<poura_office>(std::move(office));
    });
}

int poura_office_open(const char* path, const char* options_json, poura_office** out_office) {
    return guarded([&] {
        out_pointer(out_office, "out_office");
        const std::string file(text(path, "path"));
        auto office = take(poura::Office::open(file, office_options(options_json)));
        *out_office = make_handle<poura_office>(std::move(office));
    });
}

int poura_office_set_keyset(poura_office* office, const poura_keyset* keyset) {
    return guarded([&] {
        auto& o = use(office, "office");
        o.set_keyset(use(keyset, "keyset"));
    });
}

int poura_office_set_time(poura_office* office, int64_t now) {
    return guarded([&] {
        auto& o = use(office, "office");
        if (now < 0) fail(POURA_ERROR_INVALID_ARGUMENT, "now must be 0 (the system clock) or unix seconds");
        o.set_time(now);
    });
}

int poura_office_add_user(poura_office* office, const char* user_json, poura_buffer** out_user_json) {
    return guarded([&] {
        out_pointer(out_user_json, "out_user_json");
        auto& o = use(office, "office");
        const auto user = take_json(poura::user_from_json(parse(user_json, "user_json")), "user_json");
        give_json(out_user_json, poura::to_json(take(o.add_user(user))));
    });
}

int poura_office_users_to_json(poura_office* office, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, json_list(take(use(office, "office").users())));
    });
}

int poura_office_apply(poura_office* office, int64_t actor, const char* application_json,
                       poura_buffer** out_application_json) {
    return guarded([&] {
        out_pointer(out_application_json, "out_application_json");
        auto& o = use(office, "office");
        const auto application = take_json(
            poura::new_application_from_json(parse(application_json, "application_json")), "application_json");
        give_json(out_application_json, poura::to_json(take(o.apply(actor, application))));
    });
}

int poura_office_act(poura_office* office, int64_t actor, int64_t application, const char* action,
                     const char* comment, const char* document_json, poura_buffer** out_application_json) {
    return guarded([&] {
        out_pointer(out_application_json, "out_application_json");
        auto& o = use(office, "office");
        const auto what = take(poura::action_from_name(text(action, "action")));
        const json document = parse_optional(document_json, "document_json");
        if (!document.is_null() && !document.is_object())
            fail(POURA_ERROR_INVALID_ARGUMENT, "document_json: not a JSON object");
        give_json(out_application_json,
                  poura::to_json(take(o.act(actor, application, what, optional_text(comment), document))));
    });
}

int poura_office_application_to_json(poura_office* office, int64_t application, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, poura::to_json(take(use(office, "office").application(application))));
    });
}

int poura_office_queue_to_json(poura_office* office, int64_t actor, const char* filter_json,
                               poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        auto& o = use(office, "office");
        const auto filter =
            take_json(poura::queue_filter_from_json(parse_optional(filter_json, "filter_json")), "filter_json");
        give_json(out_json, json_list(take(o.queue(actor, filter))));
    });
}

int poura_office_certificate_to_json(poura_office* office, const char* serial, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        auto& o = use(office, "office");
        give_json(out_json, poura::to_json(take(o.certificate(text(serial, "serial")))));
    });
}

int poura_office_revoke(poura_office* office, int64_t actor, const char* serial, const char* reason,
                        poura_buffer** out_certificate_json) {
    return guarded([&] {
        out_pointer(out_certificate_json, "out_certificate_json");
        auto& o = use(office, "office");
        give_json(out_certificate_json,
                  poura::to_json(take(o.revoke(actor, text(serial, "serial"), text(reason, "reason")))));
    });
}

int poura_office_revocation_list_to_json(poura_office* office, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, take(use(office, "office").revocation_list()));
    });
}

int poura_office_print_pdf(poura_office* office, int64_t actor, const char* serial, poura_buffer** out_pdf) {
    return guarded([&] {
        out_pointer(out_pdf, "out_pdf");
        auto& o = use(office, "office");
        give(out_pdf, take(o.print(actor, text(serial, "serial"))).pdf);
    });
}

int poura_office_send_sms(poura_office* office, const char* transport_json, int limit,
                          poura_buffer** out_report_json) {
    return guarded([&] {
        out_pointer(out_report_json, "out_report_json");
        auto& o = use(office, "office");
        const json transport = parse_optional(transport_json, "transport_json");
        give_json(out_report_json, poura::to_json(take(o.send_sms(transport, limit_arg(limit)))));
    });
}

int poura_office_outbox_to_json(poura_office* office, const char* status, int limit, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        auto& o = use(office, "office");
        std::optional<std::string> wanted;
        if (status != nullptr) wanted = std::string(status);
        give_json(out_json, json_list(take(o.outbox(wanted, limit_arg(limit)))));
    });
}

int poura_office_verify_audit_to_json(poura_office* office, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give_json(out_json, poura::to_json(take(use(office, "office").verify_audit())));
    });
}

int poura_office_checkpoint_audit(poura_office* office) {
    return guarded([&] { take(use(office, "office").checkpoint_audit()); });
}

int poura_office_free(poura_office* office) { return free_handle(office); }

}  // extern "C"
