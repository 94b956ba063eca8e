// Internal faults: an allocation made to fail at every point of a
// verification in turn. Each run must end in a result, and a result that is
// not the certificate's true verdict must say internal_error: never a
// malformed or forged verdict on a genuine certificate, never an exception.
//
// This program replaces the global operator new, so it is one of its own.
#include <poura/poura.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <new>

namespace {

// Allocations left before the one that fails; negative: none fails.
thread_local long allocations_before_failure = -1;

void* allocate(std::size_t size) {
    if (allocations_before_failure == 0) {
        allocations_before_failure = -1;  // one failure per run: the handler must be able to report it
        throw std::bad_alloc();
    }
    if (allocations_before_failure > 0) --allocations_before_failure;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}

}  // namespace

// Every replaceable form that the program's own code can reach, so that no
// block comes from one allocator and goes back to another (AddressSanitizer
// reports that): the nothrow forms too, which Catch uses.
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return allocate(size);
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace poura;

namespace {

constexpr std::int64_t kT0 = 1767225600;  // 2026-01-01

struct Fixture {
    Keyset root = Keyset::create(PrivateKey::generate().value(), kT0);
    Keyset municipality = Keyset::create(PrivateKey::generate().value(), kT0);
    Trust trust = make_trust();
    std::string qr_text = make_certificate();

    Trust make_trust() const {
        TrustBundle b;
        b.sequence = 1;
        b.issued_at = kT0;
        b.next_update = kT0 + 30 * 86400;
        b.issuers = issuer_entries_from_public_json(municipality.public_json(), "BD-1", "পৌরসভা", "Pourashava",
                                                    {"citizenship"})
                        .value();
        return Trust::from_bundle(b.sign(root.primary().key).value(), {root.primary().key.public_key()}).value();
    }

    std::string make_certificate() const {
        IssueOptions options;
        options.issuer = "BD-1";
        options.issued_at = kT0;
        const nlohmann::json document = {{"type", "citizenship"},        {"name_bn", "রহিমা খাতুন"},
                                         {"name_en", "Rahima Khatun"},    {"father_name_bn", "আব্দুল করিম"},
                                         {"mother_name_bn", "ফাতেমা বেগম"}, {"nid", "1990101234567"},
                                         {"address_bn", "সারিয়াকান্দি, বগুড়া"}};
        return issue(document, municipality, options).value().qr_text;
    }
};

}  // namespace

TEST_CASE("an allocation failure anywhere in verification is an internal error, never a verdict") {
    const Fixture f;
    VerifyOptions options;
    options.now = kT0 + 86400;
    REQUIRE(verify(f.qr_text, f.trust, options).valid());

    int internal_errors = 0;
    bool completed = false;
    for (long failing = 0; failing < 100000 && !completed; ++failing) {
        allocations_before_failure = failing;
        VerifyResult result = verify(f.qr_text, f.trust, options);
        // Still armed: the run made fewer allocations, so it saw no failure.
        completed = allocations_before_failure >= 0;
        allocations_before_failure = -1;
        INFO("allocation " << failing << ": " << reason_code(result.reason) << " at " << stage_name(result.stage)
                           << ", " << result.detail);
        if (completed) {
            CHECK(result.valid());
        } else {
            CHECK(result.reason == Reason::internal_error);
            CHECK_FALSE(result.valid());
            ++internal_errors;
        }
    }
    CHECK(completed);
    CHECK(internal_errors > 10);
}

TEST_CASE("an internal error names the stage that was running and says so in both languages") {
    const Fixture f;
    VerifyOptions options;
    options.now = kT0 + 86400;
    bool saw_signature_stage_or_later = false;
    for (long failing = 0; failing < 100000; ++failing) {
        allocations_before_failure = failing;
        VerifyResult result = verify(f.qr_text, f.trust, options);
        const bool completed = allocations_before_failure >= 0;
        allocations_before_failure = -1;
        if (completed) break;
        REQUIRE(result.reason == Reason::internal_error);
        CHECK(result.stage != Stage::done);
        if (result.stage >= Stage::signature) saw_signature_stage_or_later = true;
        if (!result.message_en.empty()) {
            CHECK_FALSE(result.message_bn.empty());
            CHECK(result.detail.rfind("internal error: ", 0) == 0);
        }
    }
    CHECK(saw_signature_stage_or_later);
}
