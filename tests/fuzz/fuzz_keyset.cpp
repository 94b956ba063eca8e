// libFuzzer target over the keyset reader (Keyset::from_json, poura/trust.hpp),
// with plain PKCS#8 keys: an encrypted key is refused without a passphrase
// before any decryption, and decryption (PBKDF2, 600,000 rounds) is too slow to
// fuzz. Properties beyond not crashing, for a keyset that loads:
//   - exactly one primary key;
//   - parse, serialise, parse: to_json() reads back into a keyset with the
//     same public half and the same serialisation;
//   - its public half reads back as issuer entries
//     (issuer_entries_from_public_json), one per key with the same kid,
//     algorithm and validity.
// With POURA_FUZZ_WRITE_SEEDS=<dir> the program writes keysets of one and of
// three keys (two rotations) to <dir> and exits.

#include "property.hpp"

#include <poura/trust.hpp>

#include <string>
#include <string_view>

namespace {

using namespace poura;
using fuzz::property_broken;

void write_seeds(const std::string& dir) {
    Keyset keyset = Keyset::create(PrivateKey::generate().value(), 1735689600);
    fuzz::write_seed(dir + "/one-key.json", keyset.to_json("", true).value());
    keyset.rotate(PrivateKey::generate().value(), 1751328000);
    keyset.rotate(PrivateKey::generate().value(), 1767225600);
    fuzz::write_seed(dir + "/rotated-twice.json", keyset.to_json("", true).value());
    std::printf("wrote 2 seeds to %s\n", dir.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    poura::fuzz::write_seeds_if_asked(write_seeds);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto keyset = Keyset::from_json(text, "");
    if (!keyset) return 0;

    std::size_t primaries = 0;
    for (const auto& entry : keyset->entries()) primaries += entry.primary ? 1 : 0;
    if (primaries != 1 || !keyset->primary().primary) property_broken("a loaded keyset has one primary key", text);

    const auto written = keyset->to_json("", true);
    if (!written) property_broken("a loaded keyset serialises", text);
    const auto reread = Keyset::from_json(*written, "");
    if (!reread) property_broken("a serialised keyset loads", text);
    if (reread->public_json() != keyset->public_json() || reread->to_json("", true).value() != *written)
        property_broken("parse, serialise, parse gives the same keyset", text);

    const auto issuers = issuer_entries_from_public_json(keyset->public_json(), "FUZZ", "ফাজ", "Fuzz", {"*"});
    if (!issuers || issuers->size() != keyset->entries().size())
        property_broken("a keyset's public half reads as one issuer entry per key", text);
    for (std::size_t i = 0; i < issuers->size(); ++i) {
        const KeysetEntry& entry = keyset->entries()[i];
        const IssuerEntry& issuer = (*issuers)[i];
        if (issuer.key_id() != entry.key.public_key().key_id() || issuer.key.algorithm != Algorithm::EdDSA ||
            issuer.valid_from != entry.valid_from || issuer.valid_until != entry.valid_until)
            property_broken("each issuer entry is its key's, with its validity", text);
    }
    return 0;
}
