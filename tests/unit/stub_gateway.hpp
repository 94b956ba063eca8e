// tests/support/sms_gateway.py, the stand-in SMS gateway, run for a test:
// started on a free port, killed when the test ends. Shared by the SMS
// transport's tests and the office's outbox tests.
#pragma once

#include <nlohmann/json.hpp>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace poura::test {

namespace fs = std::filesystem;
using nlohmann::json;

// A folder of its own for each test, removed afterwards.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "poura-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

std::vector<json> json_lines(const fs::path& file) {
    std::vector<json> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    return lines;
}

// tests/support/sms_gateway.py on a free port, killed when the test ends.
class StubGateway {
public:
    explicit StubGateway(const std::string& plan, bool per_key = false) : log_(dir_ / "requests.jsonl") {
        int out[2];
        if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
        const std::string script = std::string(POURA_SOURCE_DIR) + "/tests/support/sms_gateway.py";
        std::vector<std::string> args = {POURA_PYTHON3, script, "--plan", plan, "--log", log_.string()};
        if (per_key) args.push_back("--per-key");
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        posix_spawn_file_actions_addclose(&actions, out[1]);
        const int spawned = ::posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        output_ = out[0];
        if (spawned != 0) {
            pid_ = -1;
            throw std::runtime_error("cannot start " + args[0]);
        }
        port_ = read_port();
    }
    ~StubGateway() { stop(); }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/send"; }

    // Every request the gateway has received, in order.
    std::vector<json> requests() const { return json_lines(log_); }

    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
        if (output_ >= 0) ::close(output_);
        output_ = -1;
    }

private:
    // The first line the gateway prints, waiting at most ten seconds.
    int read_port() {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (line.find('\n') == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{output_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buffer[64];
            const ssize_t n = ::read(output_, buffer, sizeof buffer);
            if (n <= 0) break;
            line.append(buffer, static_cast<std::size_t>(n));
        }
        const int port = std::atoi(line.c_str());
        if (port <= 0) {
            stop();
            throw std::runtime_error("the stub gateway printed no port: \"" + line + "\"");
        }
        return port;
    }

    TempDir dir_;
    fs::path log_;
    pid_t pid_ = -1;
    int output_ = -1;
    int port_ = 0;
};

}  // namespace poura::test
