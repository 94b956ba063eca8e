// What the opaque handles of poura.h hold: each wraps one value of the C++ API.
// Handles the C API hands out strings from never change after they are made;
// their JSON and text forms are made on first use, once, even when several
// threads ask at the same time.
#pragma once

#include "handles.hpp"

#include <poura/poura.hpp>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace poura::capi {

class LazyText {
public:
    template <typename Make>
    const std::string& get(Make&& make) const {
        std::call_once(once_, [&] { text_ = make(); });
        return text_;
    }

private:
    mutable std::once_flag once_;
    mutable std::string text_;
};

}  // namespace poura::capi

// Each handle type names a magic number of its own (four ASCII letters), which
// the registry of live handles records for each handle's address.
struct poura_buffer {
    static constexpr std::uint32_t kMagic = 0x50425546;  // "PBUF"
    static constexpr const char* kTypeName = "poura_buffer";
    explicit poura_buffer(std::string content) : bytes(std::move(content)) {}
    std::string bytes;
};

struct poura_private_key {
    static constexpr std::uint32_t kMagic = 0x50505256;  // "PPRV"
    static constexpr const char* kTypeName = "poura_private_key";
    explicit poura_private_key(poura::PrivateKey k) : key(std::move(k)) {}
    poura::PrivateKey key;
};

struct poura_keyset {
    static constexpr std::uint32_t kMagic = 0x504B5354;  // "PKST"
    static constexpr const char* kTypeName = "poura_keyset";
    explicit poura_keyset(poura::Keyset k) : keyset(std::move(k)) {}
    poura::Keyset keyset;
};

struct poura_public_keys {
    static constexpr std::uint32_t kMagic = 0x50505542;  // "PPUB"
    static constexpr const char* kTypeName = "poura_public_keys";
    std::vector<poura::PublicKey> keys;
};

struct poura_bundle {
    static constexpr std::uint32_t kMagic = 0x50424E44;  // "PBND"
    static constexpr const char* kTypeName = "poura_bundle";
    explicit poura_bundle(poura::TrustBundle b) : bundle(std::move(b)) {}
    poura::TrustBundle bundle;
};

struct poura_trust {
    static constexpr std::uint32_t kMagic = 0x50545253;  // "PTRS"
    static constexpr const char* kTypeName = "poura_trust";
    explicit poura_trust(poura::Trust t) : trust(std::move(t)) {}
    poura::Trust trust;
};

struct poura_verify_options {
    static constexpr std::uint32_t kMagic = 0x50564F50;  // "PVOP"
    static constexpr const char* kTypeName = "poura_verify_options";
    poura::VerifyOptions options;
};

struct poura_result {
    static constexpr std::uint32_t kMagic = 0x50525354;  // "PRST"
    static constexpr const char* kTypeName = "poura_result";
    explicit poura_result(poura::VerifyResult r) : result(std::move(r)) {}
    poura::VerifyResult result;
    poura::capi::LazyText kid_hex, document_json, json;
};

struct poura_issue_options {
    static constexpr std::uint32_t kMagic = 0x50494F50;  // "PIOP"
    static constexpr const char* kTypeName = "poura_issue_options";
    poura::IssueOptions options;
};

struct poura_certificate {
    static constexpr std::uint32_t kMagic = 0x50435254;  // "PCRT"
    static constexpr const char* kTypeName = "poura_certificate";
    explicit poura_certificate(poura::IssuedCertificate c) : certificate(std::move(c)) {}
    poura::IssuedCertificate certificate;
    poura::capi::LazyText kid_hex, document_json;
};

struct poura_schedules {
    static constexpr std::uint32_t kMagic = 0x50534348;  // "PSCH"
    static constexpr const char* kTypeName = "poura_schedules";
    poura::fees::ScheduleSet schedules;
};

struct poura_bill {
    static constexpr std::uint32_t kMagic = 0x5042494C;  // "PBIL"
    static constexpr const char* kTypeName = "poura_bill";
    explicit poura_bill(poura::fees::Bill b) : bill(std::move(b)) {}
    poura::fees::Bill bill;
    poura::capi::LazyText json, text;
};

namespace poura::capi {

// A new buffer handle in *out.
void give(poura_buffer** out, std::string content);
void give(poura_buffer** out, const Bytes& content);

// A string accessor's output.
void give(const char** out, const std::string& value);

}  // namespace poura::capi
