#include "office_session.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace poura::cli {

std::set<std::string> office_options(std::set<std::string> extra) {
    extra.insert({"db", "as", "now", "schedules", "profiles", "keyset", "passphrase-file"});
    return extra;
}
std::set<std::string> office_flags(std::set<std::string> extra) {
    extra.insert({"json", "plain"});
    return extra;
}

std::string db_path(const Args& args) {
    if (auto db = args.get("db")) return *db;
    if (const char* env = std::getenv("POURA_DB"); env && *env) return env;
    fail(exit_usage, "--db FILE is required (or set $POURA_DB)");
}

OfficeOptions office_options_from(const Args& args) {
    OfficeOptions options;
    options.profiles = load_profiles(args);
    for (const auto& path : args.all("schedules")) load_schedules(options.schedules, path);
    if (args.get("now")) options.now = parse_time(*args.get("now"));
    return options;
}

Office open_office(const Args& args) {
    const std::string path = db_path(args);
    Office office = take(Office::open(path, office_options_from(args)), path);
    if (auto keyset = args.get("keyset")) office.set_keyset(load_keyset(*keyset, args));
    return office;
}

User acting_user(const Office& office, const Args& args) {
    std::string login;
    if (auto as = args.get("as")) login = *as;
    else if (const char* env = std::getenv("POURA_USER"); env && *env) login = env;
    else fail(exit_usage, "--as LOGIN is required (or set $POURA_USER): the user taking the action");
    return take(office.user_by_login(login));
}

std::string one_positional(const Args& args, const std::string& what) {
    if (args.positional().size() != 1) fail(exit_usage, "give one " + what);
    return args.positional()[0];
}

ProgressBar::ProgressBar() : terminal_(isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() {
    if (drawn_) std::cerr << "\n";
}

void ProgressBar::operator()(std::int64_t done, std::int64_t total) {
    if (!terminal_ || total <= 0) return;
    const int tenths = static_cast<int>(1000 * done / total);
    if (tenths == shown_) return;
    shown_ = tenths;
    drawn_ = true;
    const int width = 40, filled = static_cast<int>(width * done / total);
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << total
              << std::flush;
}

}  // namespace poura::cli
