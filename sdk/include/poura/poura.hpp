// Poura SDK: signed-QR certificates for Bangladesh's municipalities.
#pragma once

#include <poura/documents.hpp>
#include <poura/envelope.hpp>
#include <poura/issue.hpp>
#include <poura/fees.hpp>
#include <poura/hex.hpp>
#include <poura/keys.hpp>
#include <poura/money.hpp>
#include <poura/qr.hpp>
#include <poura/result.hpp>
#include <poura/time.hpp>
#include <poura/trust.hpp>
#include <poura/verify.hpp>
#include <poura/version.hpp>
