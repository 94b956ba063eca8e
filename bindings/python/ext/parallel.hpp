// Batch work on every core: the caller releases the GIL around run_parallel,
// whose tasks touch no Python object.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace poura::python {

// The number of threads a batch uses: what the caller asked for, or one per
// core; never more than there are chunks of work.
inline unsigned batch_threads(std::size_t requested, std::size_t items, std::size_t chunk) {
    std::size_t threads = requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t chunks = (items + chunk - 1) / chunk;
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min(threads, chunks)));
}

// Calls task(i) for every i in [0, count), handing out chunks of indexes to
// `threads` threads (the calling one included). The first exception a task
// throws is rethrown once every thread has stopped.
template <typename Task>
void run_parallel(std::size_t count, unsigned threads, std::size_t chunk, Task task) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&] {
        try {
            for (;;) {
                const std::size_t begin = next.fetch_add(chunk);
                if (begin >= count) return;
                const std::size_t end = std::min(count, begin + chunk);
                for (std::size_t i = begin; i < end; ++i) task(i);
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next.store(count);
        }
    };
    std::vector<std::thread> helpers;
    helpers.reserve(threads > 0 ? threads - 1 : 0);
    for (unsigned t = 1; t < threads; ++t) {
        try {
            helpers.emplace_back(work);
        } catch (const std::system_error&) {
            break;  // no more threads to be had: the ones running share the work
        }
    }
    work();
    for (auto& helper : helpers) helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace poura::python
