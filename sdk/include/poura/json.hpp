// Reading JSON text (RFC 8259) into nlohmann::json values: the one parser of
// every file, argument and message the SDK and its front ends take as JSON.
// It is strict where the standard leaves room and a careless reading would
// let two programs disagree on one text:
//   - a member named twice in one object is refused (the standard leaves it
//     open; nlohmann's own parser would keep the last silently);
//   - strings must be well-formed UTF-8, and \u escapes may not leave a
//     surrogate unpaired;
//   - an integer must fit 64 bits (-2^63 .. 2^64-1); one that does not is
//     refused, not turned into an approximate double;
//   - a number with a fraction or an exponent is read to the nearest double
//     (ties to even) when its significant digits fit 64 bits (19 always
//     do), its last one is at most 27 places after the decimal point, and
//     its magnitude is 0 or from 1e-10 to below 1e45: every amount, rate and
//     time Poura reads, and every double's text as nlohmann's dump writes
//     it within that range, so what is read can be written and read back.
//     Others (1e400, 1e-30, 0.1000000000000000055511151231257827) are
//     refused rather than read approximately;
//   - objects and arrays nest at most 128 deep.
// One UTF-8 byte order mark at the start is skipped, as editors write it.
// Non-negative integers become unsigned values and negative ones signed, as
// nlohmann's parser makes them, so is_number_integer() and get<>() behave
// the same. The code is small on purpose: the verify-only WebAssembly build
// links it instead of nlohmann's parser and the C library's strtod, whose
// 128-bit long double arithmetic is done in software there.
#pragma once

#include <poura/export.hpp>
#include <poura/result.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace poura {

inline constexpr std::size_t json_max_depth = 128;

// The value of `text`, or Errc::malformed_input with a message that says
// where and what: "$.fees[2].amount: expected a value (line 7, column 15)".
// The place is the JSON path of the value being read when the error was met,
// then the line and column (counted in code points, from 1). A member name
// that is not plain text appears quoted and escaped: $["a.b"]["\u0007"].
POURA_API Result<nlohmann::json> parse_json(std::string_view text);

}  // namespace poura
