#include "enums.hpp"

#include "handles.hpp"
#include "status_table.hpp"

#include <array>
#include <string>

namespace poura::capi {

namespace {

// The C constants are the C++ enums' numbers (status_table.hpp checks it), so
// a number is its own index into the table's names.
template <typename Enum, std::size_t N>
int c_number(Enum value, const char* const (&)[N], const char* what) {
    const int number = static_cast<int>(value);
    if (number < 0 || static_cast<std::size_t>(number) >= N) fail(POURA_ERROR_INTERNAL, what);
    return number;
}

}  // namespace

int c_stage(Stage stage) {
    return c_number(stage, code_table::kStageNames, "a verification stage the C API does not know");
}

int c_reason(Reason reason) {
    return c_number(reason, code_table::kReasonNames, "a verification reason the C API does not know");
}

int c_freshness(Freshness freshness) {
    switch (freshness) {
        case Freshness::fresh: return POURA_FRESHNESS_FRESH;
        case Freshness::stale: return POURA_FRESHNESS_STALE;
        case Freshness::expired: return POURA_FRESHNESS_EXPIRED;
        case Freshness::clock_suspect: return POURA_FRESHNESS_CLOCK_SUSPECT;
    }
    fail(POURA_ERROR_INTERNAL, "a freshness the C API does not know");
}

namespace {

// Names copied once from the C++ API, indexed by the C constant.
template <typename Enum, std::size_t N, typename Name, typename Code>
const char* name_of(Enum value, const std::array<Enum, N>& all, Name name, Code code) {
    static const std::array<std::string, N> names = [&] {
        std::array<std::string, N> out;
        for (Enum e : all) out.at(static_cast<std::size_t>(code(e))) = std::string(name(e));
        return out;
    }();
    return names.at(static_cast<std::size_t>(code(value))).c_str();
}

}  // namespace

const char* stage_name_of(Stage stage) { return code_table::kStageNames[c_stage(stage)]; }

const char* reason_code_of(Reason reason) { return code_table::kReasonNames[c_reason(reason)]; }

const char* algorithm_name_of(Algorithm algorithm) {
    static constexpr std::array<Algorithm, 4> all = {Algorithm::EdDSA, Algorithm::ES256, Algorithm::PS256,
                                                     Algorithm::ES384};
    return name_of(algorithm, all, algorithm_name, [](Algorithm a) { return static_cast<int>(a); });
}

IssuerStatus issuer_status_of(int status) {
    switch (status) {
        case POURA_ISSUER_ACTIVE: return IssuerStatus::active;
        case POURA_ISSUER_SUSPENDED: return IssuerStatus::suspended;
        case POURA_ISSUER_REVOKED: return IssuerStatus::revoked;
        default: fail(POURA_ERROR_INVALID_ARGUMENT, "status must be one of POURA_ISSUER_*");
    }
}

EccLevel ecc_level_of(int ecc) {
    switch (ecc) {
        case POURA_ECC_L: return EccLevel::L;
        case POURA_ECC_M: return EccLevel::M;
        case POURA_ECC_Q: return EccLevel::Q;
        case POURA_ECC_H: return EccLevel::H;
        default: fail(POURA_ERROR_INVALID_ARGUMENT, "ecc must be one of POURA_ECC_*");
    }
}

Scheme scheme_of(int scheme) {
    switch (scheme) {
        case POURA_SCHEME_BD1: return Scheme::bd1();
        case POURA_SCHEME_HC1: return Scheme::hc1();
        default: fail(POURA_ERROR_INVALID_ARGUMENT, "scheme must be POURA_SCHEME_BD1 or POURA_SCHEME_HC1");
    }
}

}  // namespace poura::capi
