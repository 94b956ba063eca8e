// poura.Office's object, shared by the office's bindings and its revenue
// section's (poura.Revenue works on the same office and its lock).
#pragma once

#include "common.hpp"

#include <poura/office.hpp>

#include <atomic>
#include <mutex>
#include <thread>

namespace poura::python {

// An office with the lock that keeps to one call at a time what runs while
// other Python threads run too.
struct PyOffice {
    explicit PyOffice(Office o) : office(std::move(o)) {}
    Office office;
    std::mutex mutex;
    // The thread in a call, so that a call made from inside it (a progress
    // callback calling its office) is refused instead of waiting for itself.
    std::atomic<std::thread::id> busy{};

    // Runs `work` on the office with the GIL released; its Result comes back
    // with the GIL held again, to be taken.
    template <typename Work>
    auto run(Work&& work) {
        if (busy.load() == std::this_thread::get_id())
            raise_error(Errc::invalid_state, "the office is already in a call on this thread: a progress callback "
                                             "may not call its office");
        py::gil_scoped_release unlocked;
        std::lock_guard<std::mutex> lock(mutex);
        struct Busy {
            std::atomic<std::thread::id>& busy;
            explicit Busy(std::atomic<std::thread::id>& b) : busy(b) { busy = std::this_thread::get_id(); }
            ~Busy() { busy = std::thread::id(); }
        } in_call(busy);
        return work(office);
    }
};

// Records as a list of dicts, each by the core's to_json.
template <typename T>
py::list to_python_list(const std::vector<T>& records) {
    py::list out;
    for (const auto& record : records) out.append(to_python(to_json(record)));
    return out;
}

}  // namespace poura::python
