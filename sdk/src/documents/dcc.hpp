// The EU Digital COVID Certificate (DCC) an HC1 certificate carries: the
// eHealth Network's rules that a verifier applies beyond the generic HC1
// claims, for the document itself and for who may sign it.
#pragma once

#include "codec/cbor.hpp"

#include <poura/result.hpp>

#include <optional>
#include <string>
#include <vector>

namespace poura::documents::dcc {

// The hcert claim (-260) holds the DCC under key 1 (eu_dcc_v1): both must be
// maps. Anything else is no DCC.
Status check_claim(const cbor::Value& hcert);

// Why a document signer certificate (DSC) whose extendedKeyUsage names these
// key purposes (DER OID contents) may not sign this DCC; nothing when it may.
// A DSC naming none of the DCC's OIDs (test 1.3.6.1.4.1.1847.2021.1.1,
// vaccination .1.2, recovery .1.3, and the same three under
// 1.3.6.1.4.1.0.1847.2021.1) may sign every type. One naming some may sign
// those types only: the DCC must then carry a certificate type (v, t or r),
// and only allowed ones. The claim must have passed check_claim().
std::optional<std::string> signer_refusal(const cbor::Value& hcert, const std::vector<Bytes>& key_purposes);

}  // namespace poura::documents::dcc
