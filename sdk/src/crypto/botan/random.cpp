// Random bytes from the operating system, through Botan.
#include "crypto/signing.hpp"
#include "crypto/botan/exception_guard.hpp"

#include <botan/system_rng.h>

namespace poura::crypto {

// The system RNG (getrandom or /dev/urandom) keeps no state in the process, so
// any number of threads may draw from it at once without locking.
Status random_bytes(std::uint8_t* out, std::size_t size) {
    if (size == 0) {
        return {};
    }
    return without_exceptions(Errc::internal, "the system random number generator failed", [&]() -> Status {
        Botan::system_rng().randomize(out, size);
        return {};
    });
}

}  // namespace poura::crypto
