// Shared pieces of the poura command-line tool.
#pragma once

#include <poura/poura.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace poura::cli {

// Exit codes, documented in docs/cli.md.
enum Exit : int {
    exit_ok = 0,
    exit_invalid = 1,   // verification done: the certificate is not valid
    exit_usage = 2,     // the command line is wrong
    exit_input = 3,     // an input file or value is wrong
    exit_io = 4,        // a file could not be read or written
    exit_internal = 5,  // a bug
};

// Thrown inside the tool, caught once in main and printed as one line.
struct Failure : std::runtime_error {
    Failure(Exit code, const std::string& message) : std::runtime_error(message), code(code) {}
    Exit code;
};

[[noreturn]] void fail(Exit code, const std::string& message);
// Turns a library error into a Failure with the right exit code.
[[noreturn]] void fail(const Error& error, const std::string& context = {});

template <typename T>
T take(Result<T> result, const std::string& context = {}) {
    if (!result) fail(result.error(), context);
    return std::move(result).value();
}
inline void take(Status status, const std::string& context = {}) {
    if (!status) fail(status.error(), context);
}

// The most days an option may give (a century), so that days in seconds added
// to a time stay far from overflow.
constexpr std::int64_t kMaxDays = 36500;
constexpr std::int64_t kSecondsPerDay = 86400;

class Args {
public:
    // options: names taking a value; flags: names without one.
    Args(std::vector<std::string> words, std::set<std::string> options, std::set<std::string> flags);

    // The value of an option (the last one when it is repeated), and all of them.
    std::optional<std::string> get(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
    std::string require(const std::string& name) const;
    bool has(const std::string& name) const { return flags_.count(name) != 0; }
    const std::vector<std::string>& positional() const { return positional_; }
    // A whole number from min to max; anything else is a usage error.
    std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
    // A number of days from min_days to max_days, in seconds.
    std::int64_t days(const std::string& name, std::int64_t fallback_days, std::int64_t min_days,
                      std::int64_t max_days) const;

private:
    std::map<std::string, std::vector<std::string>> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
};

// Files.
std::string read_text(const std::string& path);  // "-" reads standard input
// The file's JSON value; an input error naming the file, and where in it, when it is not JSON.
nlohmann::json read_json_file(const std::string& path);
Bytes read_bytes(const std::string& path);
// Writes through a temporary file and a rename, so a crash never leaves half a file.
// A secret file is created readable by its owner only.
void write_file(const std::string& path, const std::string& data, bool secret = false);
void write_file(const std::string& path, const Bytes& data);
bool file_exists(const std::string& path);
// The one rule for a file a command writes anew: an existing one is kept, as
// an io error, unless --force was given. Checked before any work is done.
void refuse_to_overwrite(const Args& args, const std::string& path);

// The passphrase for private keys: --passphrase-file, else $POURA_PASSPHRASE.
// Empty only with --plain.
std::string passphrase(const Args& args);
Keyset load_keyset(const std::string& path, const Args& args);
void save_keyset(const std::string& base, const Keyset& keyset, const Args& args);
std::vector<PublicKey> load_public_keys(const std::string& path);

// "1767225600", "2026-01-01" or "2026-01-01T00:00:00Z".
std::int64_t parse_time(const std::string& text);
std::int64_t now_or(const Args& args);  // --now, else the clock

// Every *.json fee schedule of a directory (in name order), or the file itself.
void load_schedules(fees::ScheduleSet& set, const std::string& path);

// The built-in profiles, with --profiles FILE added on top.
ProfileSet load_profiles(const Args& args);
// --module and --quiet, refused out of range whether or not an image is written.
QrRenderOptions qr_render_options(const Args& args);
// --png and --svg, checked before any work: see refuse_to_overwrite.
void refuse_to_overwrite_images(const Args& args);
// --png / --svg with --ecc, --module and --quiet.
void write_qr_images(const Args& args, const std::string& text);

// Output.
void print_result(const VerifyResult& result, const ProfileSet& profiles);
void print_json(const nlohmann::json& j);
// Rows of the same members (a report) as an aligned table; money members
// ("*_poisha") in taka under their names without the suffix.
std::string table_text(const nlohmann::json& rows);

int cmd_keygen(const std::vector<std::string>& words);
int cmd_trust(const std::vector<std::string>& words);
int cmd_issue(const std::vector<std::string>& words);
int cmd_verify(const std::vector<std::string>& words);
int cmd_qr(const std::vector<std::string>& words);
int cmd_demo(const std::vector<std::string>& words);
int cmd_fee(const std::vector<std::string>& words);
// The --help of one fee calculator ('poura fee holding --help'); empty for an unknown one.
std::string fee_help(const std::string& calculator);
// The office commands (cmd_office.cpp), when the library has the office.
int cmd_office(const std::string& command, const std::vector<std::string>& words);
// The office's commands but 'issue', which is the office's with --db (office_issue).
const std::set<std::string>& office_commands();
bool is_office_command(const std::string& command);
// The revenue section's commands (cmd_revenue.cpp), with the office.
int cmd_revenue(const std::string& command, const std::vector<std::string>& words);
const std::set<std::string>& revenue_commands();
bool is_revenue_command(const std::string& command);
// Whether 'issue' means the office's: --db given, or $POURA_DB set and no --document.
bool office_issue(const std::vector<std::string>& words);

}  // namespace poura::cli
