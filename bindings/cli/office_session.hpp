// What every office command does first: the options they all take, the
// office opened on --db, and the user acting (--as).
#pragma once

#include "cli.hpp"

#include <poura/office.hpp>

#include <cstdint>

namespace poura::cli {

// The options and flags every office command takes, with a command's own.
std::set<std::string> office_options(std::set<std::string> extra);
std::set<std::string> office_flags(std::set<std::string> extra);

// --db FILE, else $POURA_DB.
std::string db_path(const Args& args);
// --profiles, --schedules and --now as the office's options.
OfficeOptions office_options_from(const Args& args);
// The office on --db, with --keyset when given.
Office open_office(const Args& args);
// --as LOGIN, else $POURA_USER.
User acting_user(const Office& office, const Args& args);

// The one positional argument a command takes.
std::string one_positional(const Args& args, const std::string& what);

// A bar drawn on standard error while long work runs (a bill run, an import,
// the registry check) when standard error is a terminal; nothing otherwise,
// so that output captured by a script stays clean.
class ProgressBar {
public:
    ProgressBar();
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    void operator()(std::int64_t done, std::int64_t total);

private:
    bool terminal_;
    bool drawn_ = false;
    int shown_ = -1;  // the tenths of a percent last drawn
};

}  // namespace poura::cli
