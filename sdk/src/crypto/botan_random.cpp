// Random bytes from the operating system, through Botan.
#include "crypto/crypto.hpp"
#include "crypto/exception_guard.hpp"

#include <botan/system_rng.h>

namespace poura::crypto {

// The system RNG (getrandom or /dev/urandom) keeps no state in the process, so
// any number of threads may draw from it at once without locking.
void random_bytes(std::uint8_t* out, std::size_t size) {
    if (size == 0) {
        return;
    }
    try {
        Botan::system_rng().randomize(out, size);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        fail_fast("the system random number generator failed", e);
    }
}

}  // namespace poura::crypto
