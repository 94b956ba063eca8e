#include "crypto/crypto.hpp"
#include "crypto/exception_guard.hpp"

#include <botan/sha2_32.h>
#include <botan/system_rng.h>

namespace poura::crypto {

Bytes sha256(const std::uint8_t* data, std::size_t size) {
    Botan::SHA_256 hash;
    if (size != 0) {
        hash.update(data, size);
    }
    Bytes digest(hash.output_length());
    hash.final(digest.data());
    return digest;
}

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
