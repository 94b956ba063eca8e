#include "cli.hpp"

#include <iostream>

namespace poura::cli {

int cmd_keygen(const std::vector<std::string>& words) {
    const Args args(words, {"out", "passphrase-file", "now"}, {"rotate", "plain", "json", "force"});
    const std::string base = args.require("out");
    const std::int64_t now = now_or(args);
    const std::string path = base + ".keyset.json";

    Keyset keyset = [&] {
        if (args.has("rotate")) {
            Keyset existing = load_keyset(path, args);
            existing.rotate(take(PrivateKey::generate()), now);
            return existing;
        }
        if (file_exists(path) && !args.has("force"))
            fail(exit_io, path + " exists: --rotate adds a new primary key to it, --force replaces it (its keys are lost)");
        refuse_to_overwrite(args, base + ".pub.json");
        return Keyset::create(take(PrivateKey::generate()), now);
    }();
    save_keyset(base, keyset, args);

    const PublicKey primary = keyset.primary().key.public_key();
    if (args.has("json")) {
        print_json({{"keyset", path}, {"public_keys", base + ".pub.json"}, {"primary_kid", to_hex(primary.key_id())},
                    {"keys", keyset.entries().size()}});
    } else {
        std::cout << "wrote " << path << (args.has("plain") ? " (NOT encrypted)" : " (encrypted)") << " and " << base
                  << ".pub.json\nprimary key " << to_hex(primary.key_id()) << ", " << keyset.entries().size()
                  << " key(s) in the keyset\n";
    }
    return exit_ok;
}

}  // namespace poura::cli
