// SHA-256, SHA-384 and SHA-512, incremental. The verifiers in this folder use them
// directly; the rest of the SDK goes through crypto::sha256().
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace poura::crypto {

// What both hashes share: buffering input into blocks and the final padding.
template <typename Derived, std::size_t BlockSize>
class Sha2Base {
public:
    void update(const std::uint8_t* data, std::size_t size);

protected:
    void pad();

    std::uint8_t buffer_[BlockSize] = {};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;  // bytes hashed so far
};

class Sha256 : public Sha2Base<Sha256, 64> {
public:
    static constexpr std::size_t kSize = 32;
    // How a block is compressed: portable C++, or the SHA extensions of x86-64
    // processors (SHA-NI), some ten times faster. Both give the same digest.
    enum class Engine { portable, x86_sha };
    // The fastest engine this processor runs, found once.
    static Engine best_engine();

    explicit Sha256(Engine engine = best_engine()) : engine_(engine) { reset(); }
    // Writes the digest and starts over.
    void final(std::uint8_t out[kSize]);

private:
    friend class Sha2Base<Sha256, 64>;
    void reset();
    void compress(const std::uint8_t* block);
    std::uint32_t state_[8];
    Engine engine_;
};

class Sha512 : public Sha2Base<Sha512, 128> {
public:
    static constexpr std::size_t kSize = 64;
    Sha512() { reset(); }
    void final(std::uint8_t out[kSize]);

private:
    friend class Sha2Base<Sha512, 128>;
    void reset();
    void compress(const std::uint8_t* block);
    std::uint64_t state_[8];
};

// SHA-512's compression from other initial values, its digest cut to 48 bytes.
class Sha384 : public Sha2Base<Sha384, 128> {
public:
    static constexpr std::size_t kSize = 48;
    Sha384() { reset(); }
    void final(std::uint8_t out[kSize]);

private:
    friend class Sha2Base<Sha384, 128>;
    void reset();
    void compress(const std::uint8_t* block);
    std::uint64_t state_[8];
};

}  // namespace poura::crypto
