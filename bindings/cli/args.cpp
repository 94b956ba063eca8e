#include "cli.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace poura::cli {

[[noreturn]] void fail(Exit code, const std::string& message) { throw Failure(code, message); }

[[noreturn]] void fail(const Error& error, const std::string& context) {
    Exit code = exit_input;
    if (error.code == Errc::io_error || error.code == Errc::storage) code = exit_io;
    if (error.code == Errc::internal) code = exit_internal;
    if (error.code == Errc::invalid_argument) code = exit_usage;
    const std::string prefix = context.empty() ? "" : context + ": ";
    throw Failure(code, prefix + error.message + " [" + std::string(errc_name(error.code)) + "]");
}

Args::Args(std::vector<std::string> words, std::set<std::string> options, std::set<std::string> flags) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word.size() < 3 || word.compare(0, 2, "--") != 0) {
            positional_.push_back(word);
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (flags.count(name)) {
            if (inline_value) fail(exit_usage, "--" + name + " takes no value");
            flags_.insert(name);
        } else if (options.count(name)) {
            if (!inline_value && i + 1 >= words.size()) fail(exit_usage, "--" + name + " needs a value");
            values_[name].push_back(inline_value ? *inline_value : words[++i]);
        } else {
            fail(exit_usage, "unknown option --" + name + " (see 'poura help')");
        }
    }
}

std::optional<std::string> Args::get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::require(const std::string& name) const {
    auto value = get(name);
    if (!value || value->empty()) fail(exit_usage, "--" + name + " is required");
    return *value;
}

std::int64_t Args::integer(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max) const {
    auto value = get(name);
    if (!value) return fallback;
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(value->c_str(), &end, 10);
    if (value->empty() || *end != '\0' || errno == ERANGE || n < min || n > max) {
        fail(exit_usage, "--" + name + " must be a whole number from " + std::to_string(min) + " to " +
                             std::to_string(max) + ", not '" + *value + "'");
    }
    return n;
}

std::int64_t Args::days(const std::string& name, std::int64_t fallback_days, std::int64_t min_days,
                        std::int64_t max_days) const {
    return integer(name, fallback_days, min_days, max_days) * kSecondsPerDay;
}

std::int64_t parse_time(const std::string& text) { return take(poura::parse_time(text)); }

std::int64_t now_or(const Args& args) {
    if (auto now = args.get("now")) return parse_time(*now);
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace poura::cli
