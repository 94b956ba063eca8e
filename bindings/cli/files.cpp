#include "cli.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

namespace poura::cli {
namespace {

constexpr std::size_t kMaxInputFile = 64 * 1024 * 1024;
static_assert(kMaxInputFile >= trust_bundle_max_size, "every bundle that signs must be readable");

}  // namespace

std::string read_text(const std::string& path) {
    if (path == "-") {
        // Standard input stops at the same limit as a file, while reading.
        std::string data;
        char chunk[65536];
        while (std::cin.read(chunk, sizeof chunk) || std::cin.gcount() > 0) {
            data.append(chunk, static_cast<std::size_t>(std::cin.gcount()));
            if (data.size() > kMaxInputFile) fail(exit_input, "standard input is larger than 64 MiB");
        }
        return data;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(exit_io, "cannot read " + path + ": " + std::strerror(errno));
    std::string data;
    char chunk[65536];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        data.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (data.size() > kMaxInputFile) fail(exit_input, path + " is larger than 64 MiB");
    }
    return data;
}

Bytes read_bytes(const std::string& path) {
    const std::string data = read_text(path);
    return Bytes(data.begin(), data.end());
}

void write_file(const std::string& path, const std::string& data, bool secret) {
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, secret ? 0600 : 0644);
    if (fd < 0) fail(exit_io, "cannot write " + path + ": " + std::strerror(errno));
    // The OS's reason for the first failure (a full disk, a read-only folder)
    // is what the person needs to act on.
    int reason = 0;
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            reason = n < 0 ? errno : ENOSPC;
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    if (reason == 0 && ::fsync(fd) != 0) reason = errno;
    if (::close(fd) != 0 && reason == 0) reason = errno;
    if (reason == 0 && std::rename(temporary.c_str(), path.c_str()) != 0) reason = errno;
    if (reason != 0) {
        std::remove(temporary.c_str());
        fail(exit_io, "cannot write " + path + ": " + std::strerror(reason));
    }
}

void refuse_to_overwrite(const Args& args, const std::string& path) {
    if (file_exists(path) && !args.has("force")) fail(exit_io, path + " exists (--force to overwrite)");
}

void write_file(const std::string& path, const Bytes& data) {
    write_file(path, std::string(data.begin(), data.end()), false);
}

bool file_exists(const std::string& path) {
    struct stat info;
    return ::stat(path.c_str(), &info) == 0;
}

std::string passphrase(const Args& args) {
    if (args.has("plain")) return {};
    if (auto file = args.get("passphrase-file")) {
        std::string text = read_text(*file);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        if (text.empty()) fail(exit_input, *file + " holds an empty passphrase");
        return text;
    }
    if (const char* env = std::getenv("POURA_PASSPHRASE"); env && *env) return env;
    fail(exit_usage, "private keys need a passphrase: set POURA_PASSPHRASE, give --passphrase-file, or --plain");
}

Keyset load_keyset(const std::string& path, const Args& args) {
    // As ssh does for its keys: a private key that others may read is a leak
    // waiting to happen, even encrypted (the passphrase can then be guessed offline).
    struct stat info;
    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 0077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        std::cerr << "poura: warning: " << path << " holds private keys and is open to group or others (mode "
                  << mode << "): run 'chmod 600 " << path << "'\n";
    }
    return take(Keyset::from_json(read_text(path), passphrase(args)), path);
}

void save_keyset(const std::string& base, const Keyset& keyset, const Args& args) {
    const std::string secret = passphrase(args);
    write_file(base + ".keyset.json", take(keyset.to_json(secret, args.has("plain"))), true);
    write_file(base + ".pub.json", keyset.public_json(), false);
}

nlohmann::json read_json_file(const std::string& path) {
    auto parsed = parse_json(read_text(path));
    if (!parsed) fail(exit_input, path + ": not valid JSON: " + parsed.error().message);
    return std::move(parsed).value();
}

std::vector<PublicKey> load_public_keys(const std::string& path) {
    const auto j = read_json_file(path);
    if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array())
        fail(exit_input, path + ": not a public keys file (from 'poura keygen')");
    std::vector<PublicKey> keys;
    for (const auto& k : j["keys"]) keys.push_back(take(public_key_from_json(k), path));
    if (keys.empty()) fail(exit_input, path + ": no keys");
    return keys;
}

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

// Every *.json file of a directory (in name order), or the file itself.
void load_schedules(fees::ScheduleSet& set, const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        take(set.add(read_text(path), path));
        return;
    }
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    if (ec) fail(exit_io, path + ": " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) fail(exit_input, path + ": no schedule files (*.json)");
    for (const auto& file : files) take(set.add(read_text(file), file));
}

}  // namespace poura::cli
