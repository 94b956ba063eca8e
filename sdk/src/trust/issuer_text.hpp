// What an issuer's code and names may hold: they are shown to the clerk next
// to the verdict, so nothing in them may hide, reorder or mark up the text.
#pragma once

#include <poura/trust.hpp>

namespace poura::trust {

// unsafe_text naming the issuer, the member and the character; OK otherwise.
// The code: 1-64 ASCII letters, digits, '-', '.', '_' and '/'. The names: no
// control characters, bidi or zero-width controls (text::first_hidden_control)
// and no '<' or '>'.
Status check_issuer_text(const IssuerEntry& entry);

}  // namespace poura::trust
