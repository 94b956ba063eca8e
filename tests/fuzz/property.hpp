// What the fuzz targets share: reporting a broken property (run.sh looks for
// the message), and writing and reading seed files.
#pragma once

#include <poura/result.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace poura::fuzz {

[[noreturn]] inline void property_broken(const char* property, std::string_view input) {
    std::fprintf(stderr, "\nfuzz property broken: %s\n  input (%zu bytes): %.*s\n", property, input.size(),
                 static_cast<int>(input.size() > 400 ? 400 : input.size()), input.data());
    __builtin_trap();
}

inline void write_seed(const std::string& path, std::string_view body) {
    std::ofstream out(path, std::ios::binary);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(1);
    }
}

inline void write_seed(const std::string& path, std::uint8_t control, const Bytes& body) {
    std::string text(1, static_cast<char>(control));
    text.append(body.begin(), body.end());
    write_seed(path, text);
}

// run.sh asks a target for its seeds by naming a folder in
// POURA_FUZZ_WRITE_SEEDS: the target writes them there and exits before any
// fuzzing. Called first in each LLVMFuzzerInitialize.
inline void write_seeds_if_asked(void (*write_seeds)(const std::string& dir)) {
    if (const char* dir = std::getenv("POURA_FUZZ_WRITE_SEEDS")) {
        write_seeds(dir);
        std::exit(0);
    }
}

// A file of the source tree (fixtures the seeds are made from).
inline std::string read_source_file(const std::string& relative) {
    const std::string path = std::string(POURA_SOURCE_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(1);
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace poura::fuzz
