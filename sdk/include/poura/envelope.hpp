// The transport layers around a COSE_Sign1: prefix, Base45 and optional zlib.
// verify() and issue() use them; tools use them to look inside a QR text.
#pragma once

#include <poura/codes.hpp>
#include <poura/export.hpp>
#include <poura/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace poura {

// The envelope a verifier expects: Poura's "BD1:" by default; "HC1:" for
// EU-DCC-style certificates.
struct POURA_API Scheme {
    std::string prefix = "BD1:";
    std::int64_t document_claim = -65537;  // CWT claim key holding the document
    bool check_document = true;            // validate against a Poura profile
    // One encoding of a signed content only, as Poura issues it (format.md
    // 5.5): tag 18, CBOR in preferred serialization, an unprotected header
    // holding at most the kid, zero deflate padding. Other issuers' texts are
    // read leniently.
    bool canonical_encoding = true;
    // The EU DCC's rules (docs/format.md section 10): the text must be
    // zlib-compressed; the CWT tag 61 may wrap the COSE_Sign1 tag (RFC 8392
    // section 6); the document claim must hold the DCC as a map under key 1;
    // a signer certificate's extended key usage limits the DCC types it signs.
    bool require_compression = false;
    bool allow_cwt_tag = false;
    bool check_dcc = false;

    static Scheme bd1();
    static Scheme hc1();
};

// The COSE bytes inside a QR text, inflated when compressed. Nothing is
// verified. Errors: malformed_input (prefix, Base45, zlib), limit_exceeded.
POURA_API Result<Bytes> unwrap_envelope(std::string_view qr_text, const Scheme& scheme = Scheme::bd1(),
                                        std::size_t max_inflated_size = verify_defaults::max_inflated_size);

// prefix + Base45 of the COSE bytes, zlib-compressed when that is smaller and
// compression is allowed, and always when the scheme requires compression.
POURA_API std::string wrap_envelope(const Bytes& cose_sign1, const Scheme& scheme = Scheme::bd1(),
                                    bool allow_compression = true);

}  // namespace poura
