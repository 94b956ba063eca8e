// The stable numbers of poura.h's constants, to and from the C++ enums.
#pragma once

#include <poura/poura.hpp>

namespace poura::capi {

int c_stage(Stage stage);
int c_reason(Reason reason);
int c_freshness(Freshness freshness);

// The C++ API's names, as C strings that live as long as the library.
const char* stage_name_of(Stage stage);
const char* reason_code_of(Reason reason);
const char* algorithm_name_of(Algorithm algorithm);

// These fail with POURA_ERROR_INVALID_ARGUMENT for a number outside the range.
IssuerStatus issuer_status_of(int status);
EccLevel ecc_level_of(int ecc);
Scheme scheme_of(int scheme);

}  // namespace poura::capi
