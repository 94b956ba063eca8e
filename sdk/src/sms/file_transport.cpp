// The file transport: one JSON line per message, appended and fsynced, or
// written to standard output.
#include "sms/message_check.hpp"
#include "sms/sms.hpp"

#include "core/json_writer.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace poura::sms {
namespace {

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// Writes all of `data`, through partial writes and interrupted calls.
bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

class FileTransport : public Transport {
public:
    explicit FileTransport(std::string path) : path_(std::move(path)) {}

    Delivery send(const Message& m) override {
        try {
            return deliver(m);
        } catch (...) {  // only allocation throws here; the short detail needs none
            return {Outcome::retry, {}, "out of memory"};
        }
    }

    std::string name() const override { return to_stdout() ? "file:-" : "file:" + path_; }

private:
    bool to_stdout() const { return path_ == "-"; }

    Delivery deliver(const Message& m) {
        if (auto problem = message_problem(m)) return {Outcome::failed, {}, *problem};
        const Segments segments = count_segments(m.text);
        std::string line;
        JsonWriter(line)
            .begin_object()
            .key("id").value(m.id)
            .key("to").value(m.to)
            .key("text").value(m.text)
            .key("parts").value(static_cast<std::int64_t>(segments.parts))
            .key("ucs2").value(segments.ucs2)
            .end_object();
        line += '\n';

        if (to_stdout()) {
            if (!write_all(STDOUT_FILENO, line)) return {Outcome::retry, {}, system_error("writing to stdout")};
            return {Outcome::sent, {}, "written to stdout"};
        }
        // Opened for each message: a rotated or removed file is simply
        // created again, and O_APPEND keeps lines from concurrent sends whole.
        const int fd = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
        if (fd < 0) return {Outcome::retry, {}, system_error("opening " + path_)};
        Delivery d{Outcome::sent, {}, "appended to " + path_};
        // A write cut short (a full disk) leaves half a line: the next line
        // starts on a line of its own, so only the damaged one is lost.
        struct stat st {};
        char last = '\n';
        if (::fstat(fd, &st) == 0 && st.st_size > 0 && ::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
            line.insert(line.begin(), '\n');
        if (!write_all(fd, line)) d = {Outcome::retry, {}, system_error("writing " + path_)};
        else if (::fsync(fd) != 0) d = {Outcome::retry, {}, system_error("syncing " + path_)};
        if (::close(fd) != 0 && d.outcome == Outcome::sent) d = {Outcome::retry, {}, system_error("closing " + path_)};
        return d;
    }

    std::string path_;
};

}  // namespace

std::unique_ptr<Transport> file_transport(std::string path) {
    return std::make_unique<FileTransport>(std::move(path));
}

}  // namespace poura::sms
