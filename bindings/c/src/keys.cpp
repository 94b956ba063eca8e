// Signing keys, keysets and lists of public keys.
#include "objects.hpp"

#include <nlohmann/json.hpp>

using namespace poura::capi;
using poura::Keyset;
using poura::PrivateKey;
using poura::PublicKey;

namespace {

std::vector<PublicKey> public_keys_from_json(std::string_view text) {
    const auto j = parse_json_text(text, "public keys");
    if (!j.is_object()) fail(POURA_ERROR_KEY_INVALID, "public keys: not a JSON object");
    std::vector<PublicKey> keys;
    if (j.contains("keys")) {
        if (!j["keys"].is_array() || j["keys"].empty())
            fail(POURA_ERROR_KEY_INVALID, "public keys: \"keys\" is not a list of keys");
        for (const auto& k : j["keys"]) keys.push_back(take(poura::public_key_from_json(k)));
    } else {
        keys.push_back(take(poura::public_key_from_json(j)));
    }
    return keys;
}

}  // namespace

extern "C" {

int poura_private_key_generate(poura_private_key** out_key) {
    return guarded([&] {
        out_pointer(out_key, "out_key");
        *out_key = make_handle<poura_private_key>(take(PrivateKey::generate()));
    });
}

int poura_private_key_from_pem(const char* pem, const char* passphrase, poura_private_key** out_key) {
    return guarded([&] {
        out_pointer(out_key, "out_key");
        *out_key = make_handle<poura_private_key>(
            take(PrivateKey::from_pem(text(pem, "pem"), optional_text(passphrase))));
    });
}

int poura_private_key_to_pem(const poura_private_key* key, const char* passphrase, poura_buffer** out_pem) {
    return guarded([&] {
        out_pointer(out_pem, "out_pem");
        give(out_pem, take(use(key, "key").to_encrypted_pem(optional_text(passphrase))));
    });
}

int poura_private_key_to_unencrypted_pem(const poura_private_key* key, poura_buffer** out_pem) {
    return guarded([&] {
        out_pointer(out_pem, "out_pem");
        give(out_pem, take(use(key, "key").to_unencrypted_pem()));
    });
}

int poura_private_key_to_public_json(const poura_private_key* key, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give(out_json, poura::public_key_to_json(use(key, "key").public_key()).dump());
    });
}

int poura_private_key_free(poura_private_key* key) { return free_handle(key); }

int poura_keyset_create(const poura_private_key* first, int64_t now, poura_keyset** out_keyset) {
    return guarded([&] {
        out_pointer(out_keyset, "out_keyset");
        *out_keyset = make_handle<poura_keyset>(Keyset::create(use(first, "first"), now));
    });
}

int poura_keyset_rotate(poura_keyset* keyset, const poura_private_key* next, int64_t now) {
    return guarded([&] {
        auto& target = use(keyset, "keyset");
        target.rotate(use(next, "next"), now);
    });
}

int poura_keyset_to_json(const poura_keyset* keyset, const char* passphrase, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give(out_json, take(use(keyset, "keyset").to_json(optional_text(passphrase))));
    });
}

int poura_keyset_to_unencrypted_json(const poura_keyset* keyset, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give(out_json, take(use(keyset, "keyset").to_json({}, true)));
    });
}

int poura_keyset_from_json(const char* json, const char* passphrase, poura_keyset** out_keyset) {
    return guarded([&] {
        out_pointer(out_keyset, "out_keyset");
        *out_keyset =
            make_handle<poura_keyset>(take(Keyset::from_json(text(json, "json"), optional_text(passphrase))));
    });
}

int poura_keyset_to_public_json(const poura_keyset* keyset, poura_buffer** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        give(out_json, use(keyset, "keyset").public_json());
    });
}

int poura_keyset_primary_key(const poura_keyset* keyset, poura_private_key** out_key) {
    return guarded([&] {
        out_pointer(out_key, "out_key");
        *out_key = make_handle<poura_private_key>(use(keyset, "keyset").primary().key);
    });
}

int poura_keyset_free(poura_keyset* keyset) { return free_handle(keyset); }

int poura_public_keys_new(poura_public_keys** out_keys) {
    return guarded([&] {
        out_pointer(out_keys, "out_keys");
        *out_keys = make_handle<poura_public_keys>();
    });
}

int poura_public_keys_add_raw(poura_public_keys* keys, const char* algorithm, const uint8_t* raw, size_t size) {
    return guarded([&] {
        auto& list = use(keys, "keys");
        const poura::Algorithm alg = take(poura::algorithm_from_name(text(algorithm, "algorithm")));
        list.push_back(take(PublicKey::from_raw(alg, bytes(raw, size, "raw"))));
    });
}

int poura_public_keys_add_certificate(poura_public_keys* keys, const uint8_t* der, size_t size) {
    return guarded([&] {
        auto& list = use(keys, "keys");
        list.push_back(take(PublicKey::from_certificate(bytes(der, size, "der"))));
    });
}

int poura_public_keys_add_json(poura_public_keys* keys, const char* json) {
    return guarded([&] {
        auto& list = use(keys, "keys");
        auto added = public_keys_from_json(text(json, "json"));
        list.insert(list.end(), added.begin(), added.end());
    });
}

int poura_public_keys_add_file(poura_public_keys* keys, const char* path) {
    return guarded([&] {
        auto& list = use(keys, "keys");
        const std::string content = read_file(path);
        std::vector<PublicKey> added;
        try {
            added = public_keys_from_json(content);
        } catch (Failure& failure) {
            failure.message = std::string(path) + ": " + failure.message;
            throw;
        }
        list.insert(list.end(), added.begin(), added.end());
    });
}

int poura_public_keys_count(const poura_public_keys* keys, size_t* out_count) {
    return guarded([&] {
        require(out_count, "out_count");
        *out_count = 0;
        *out_count = use(keys, "keys").size();
    });
}

int poura_public_keys_free(poura_public_keys* keys) { return free_handle(keys); }

}  // extern "C"
