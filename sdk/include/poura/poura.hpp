// Poura SDK: signed-QR certificates for Bangladesh's municipalities.
//
// JSON values (documents, fee inputs, bills, results) are nlohmann::json, by
// promise: documents are JSON in every front end and data file, and this is
// the JSON type C++ callers already have. See README.md.
#pragma once

#include <poura/documents.hpp>
#include <poura/envelope.hpp>
#include <poura/issue.hpp>
#include <poura/fees.hpp>
#include <poura/hex.hpp>
#include <poura/json.hpp>
#include <poura/keys.hpp>
#include <poura/money.hpp>
#include <poura/qr.hpp>
#include <poura/result.hpp>
#include <poura/time.hpp>
#include <poura/trust.hpp>
#include <poura/verify.hpp>
#include <poura/version.hpp>
