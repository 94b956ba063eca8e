/* poura.h: the C API of the Poura SDK (signed-QR municipal certificates and
 * municipal fees for Bangladesh). C99; usable from C++ as well.
 *
 * Conventions
 * -----------
 * Status.  Every function returns an int status, except the few that return
 *   static text or a number and say so (poura_api_version, poura_version_string,
 *   poura_error_name, poura_error_string, poura_last_error). 0 (POURA_OK) means
 *   success; a negative number is an error. The numbers are grouped in ranges
 *   and never renumbered: -1..-99 are the same as poura::Errc in the C++ API,
 *   -100..-119 belong to the C API itself. poura_last_error() gives the
 *   message of the latest call made on the calling thread.
 *
 * Verdicts are data, not errors.  poura_certificate_verify() returns POURA_OK
 *   for a forged, expired or garbled certificate as well: the poura_result it
 *   gives says INVALID, at which stage and why. A negative status from it means
 *   the call itself could not be made (a NULL argument, a bad handle).
 *
 * Handles.  Objects are opaque handles made by a function with an out-pointer
 *   (poura_x **out) and released with poura_x_free(). poura_x_free(NULL) does
 *   nothing and returns POURA_OK. A handle that was already freed, that the
 *   library did not make, or that is of another type is refused with
 *   POURA_ERROR_BAD_HANDLE rather than used (unless its memory has since been
 *   reused for a new handle of the same type, which cannot be told apart).
 *   On failure, a handle out-pointer is set to NULL.
 *
 * Strings.  A function's name says whether the text it gives is lent or
 *   made for you:
 *   - An accessor is named for what it gives (poura_result_json,
 *     poura_bill_text, poura_certificate_qr_text, poura_buffer_string) and
 *     lends it through a `const char **` out-pointer. The text belongs to the
 *     handle passed in, which never changes once made, and stays valid until
 *     that handle is freed.
 *   - A function named with a verb makes something new: `_to_<form>` for a
 *     handle written out in another form (poura_trust_to_json,
 *     poura_keyset_to_json, poura_private_key_to_pem), otherwise the verb of
 *     the work (poura_bundle_sign, poura_qr_render_png, poura_qr_read_image).
 *     It gives a new poura_buffer through a `poura_buffer **` out-pointer:
 *     the buffer is yours, released with poura_buffer_free(), and lends its
 *     bytes (poura_buffer_data, poura_buffer_string) like any accessor.
 *   - The four functions returning `const char *` give static text
 *     (poura_version_string, poura_error_name, poura_error_string) or the
 *     calling thread's last error (poura_last_error).
 *   You never free() anything the library gives. Strings in and out are
 *   NUL-terminated UTF-8.
 *
 * Versions.  Every declaration opens with POURA_SINCE(n), the API version n
 *   it arrived in: a program that must also run with an older library asks
 *   poura_supports_api(n) before calling it. Only POURA_SINCE(1) up to
 *   POURA_SINCE(POURA_API_VERSION) exist, so a mistyped or future version
 *   does not compile. A function renamed to follow the rules above keeps its
 *   old name as a deprecated alias (POURA_DEPRECATED, at the end of this
 *   header): still exported, still working, never removed.
 *
 * Threads.  Functions taking a const handle may be called on the same handle
 *   from several threads at once (e.g. verifying with one poura_trust on every
 *   core). A function taking a non-const handle needs that handle to itself
 *   for the duration of the call. The last-error message is kept per thread.
 *
 * Times are Unix seconds (UTC). Money is in poisha (1 taka = 100 poisha).
 */
#ifndef POURA_H
#define POURA_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(POURA_C_BUILDING)
#    define POURA_C_API __declspec(dllexport)
#  else
#    define POURA_C_API __declspec(dllimport)
#  endif
#else
#  define POURA_C_API __attribute__((visibility("default")))
#endif

/* The API version a function arrived in (see "Versions" above). */
#define POURA_SINCE(version) POURA_SINCE_##version
#define POURA_SINCE_1 POURA_C_API
#define POURA_SINCE_2 POURA_C_API
#define POURA_SINCE_3 POURA_C_API
#define POURA_SINCE_4 POURA_C_API
#define POURA_SINCE_5 POURA_C_API
#define POURA_SINCE_6 POURA_C_API

/* An old name kept for its replacement; define POURA_NO_DEPRECATED_WARNINGS
 * to use it without a compiler warning. */
#if defined(POURA_NO_DEPRECATED_WARNINGS)
#  define POURA_DEPRECATED(replacement)
#elif defined(_MSC_VER)
#  define POURA_DEPRECATED(replacement) __declspec(deprecated("use " #replacement))
#else
#  define POURA_DEPRECATED(replacement) __attribute__((deprecated("use " #replacement)))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ----- Versions --------------------------------------------------------- */

/* The version of this header's API. It grows when functions or constants are
 * added; nothing is ever removed or changed in meaning.
 * 2: poura_trust_to_json.
 * 3: the functions that make a buffer named as "Strings" says:
 *    poura_private_key_to_public_json, poura_keyset_to_public_json,
 *    poura_schedules_to_list_json, poura_bill_to_receipt_json.
 * 4: the office (poura_office_*).
 * 5: the office's revenue section (poura_revenue_*).
 * 6: POURA_FRESHNESS_CLOCK_SUSPECT, which the freshness functions may give;
 *    ES384 (ECDSA on P-384 with SHA-384) keys, certificates and signatures. */
#define POURA_API_VERSION 6

/* The API version the library implements (returns the number, not a status). */
POURA_SINCE(1) int poura_api_version(void);
/* POURA_OK when the library implements API version `version` (1 up to
 * poura_api_version()); POURA_ERROR_UNSUPPORTED otherwise. */
POURA_SINCE(1) int poura_supports_api(uint32_t version);
/* The SDK's release, e.g. "0.1.0" (static text). */
POURA_SINCE(1) const char *poura_version_string(void);

/* ----- Status codes ----------------------------------------------------- */

/* generated:begin status_codes (from sdk/data/codes.json by cmake/generate_codes.py) */
#define POURA_OK 0
/* -1 .. -19: the caller's input (as poura::Errc) */
#define POURA_ERROR_INVALID_ARGUMENT -1
#define POURA_ERROR_MALFORMED_INPUT -2
#define POURA_ERROR_LIMIT_EXCEEDED -3
#define POURA_ERROR_DOCUMENT_INVALID -4
#define POURA_ERROR_UNKNOWN_DOCUMENT_TYPE -5
#define POURA_ERROR_SCHEDULE_INVALID -6
#define POURA_ERROR_NOT_IN_SCHEDULE -7
#define POURA_ERROR_PROFILE_INVALID -8
#define POURA_ERROR_NOT_FOUND -9
#define POURA_ERROR_PERMISSION_DENIED -10
#define POURA_ERROR_INVALID_STATE -11
#define POURA_ERROR_CONFLICT -12
#define POURA_ERROR_UNSAFE_TEXT -13
/* -20 .. -39: keys and trust (as poura::Errc) */
#define POURA_ERROR_KEY_INVALID -20
#define POURA_ERROR_WRONG_PASSPHRASE -21
#define POURA_ERROR_NO_SIGNING_KEY -22
#define POURA_ERROR_TRUST_BUNDLE_INVALID -23
#define POURA_ERROR_TRUST_ROLLBACK -24
#define POURA_ERROR_ISSUER_UNKNOWN -25
/* -40 .. -59: the environment (as poura::Errc) */
#define POURA_ERROR_IO -40
#define POURA_ERROR_UNSUPPORTED -41
#define POURA_ERROR_STORAGE -42
/* -90 .. -99: the library itself (as poura::Errc) */
#define POURA_ERROR_INTERNAL -99
/* -100 .. -119: the C API */
#define POURA_ERROR_NULL_POINTER -100 /* a required pointer argument is NULL */
#define POURA_ERROR_BAD_HANDLE -101 /* the handle was freed, is of another type, or was not made by the library */
#define POURA_ERROR_OUT_OF_MEMORY -102 /* out of memory */
/* generated:end status_codes */

/* The code's stable name, e.g. "trust_rollback" (as poura::errc_name), or
 * "unknown" for a number that is no status code. Static text. */
POURA_SINCE(1) const char *poura_error_name(int status);
/* A short English description of the code. Static text. */
POURA_SINCE(1) const char *poura_error_string(int status);
/* The message of the latest poura_* call made on this thread: why it failed,
 * or "" when it succeeded. Valid until the next poura_* call on this thread. */
POURA_SINCE(1) const char *poura_last_error(void);

/* ----- Enumerations (stable numbers) ------------------------------------ */

#define POURA_LANGUAGE_BN 0 /* Bangla */
#define POURA_LANGUAGE_EN 1 /* English */

/* generated:begin verdict_codes (from sdk/data/codes.json by cmake/generate_codes.py) */
#define POURA_VERDICT_VALID 0
#define POURA_VERDICT_INVALID 1

/* The stage a verification reached; on failure, the one that failed. */
#define POURA_STAGE_PREFIX 0
#define POURA_STAGE_BASE45 1
#define POURA_STAGE_INFLATE 2
#define POURA_STAGE_COSE 3
#define POURA_STAGE_HEADER 4
#define POURA_STAGE_KEY_LOOKUP 5
#define POURA_STAGE_SIGNATURE 6
#define POURA_STAGE_TIME 7
#define POURA_STAGE_ISSUER 8
#define POURA_STAGE_REVOCATION 9
#define POURA_STAGE_DOCUMENT 10
#define POURA_STAGE_TRUST 11
#define POURA_STAGE_DONE 12

/* Why a verification gave its verdict (poura_result_reason_code gives the
 * same as text: "ok", "bad_prefix", ...). */
#define POURA_REASON_OK 0
#define POURA_REASON_BAD_PREFIX 1
#define POURA_REASON_BAD_BASE45 2
#define POURA_REASON_BAD_COMPRESSION 3
#define POURA_REASON_BAD_COSE 4
#define POURA_REASON_BAD_HEADER 5
#define POURA_REASON_UNKNOWN_KEY 6
#define POURA_REASON_BAD_SIGNATURE 7
#define POURA_REASON_NOT_YET_VALID 8
#define POURA_REASON_EXPIRED 9
#define POURA_REASON_ISSUER_NOT_ALLOWED 10 /* may not sign this document type */
#define POURA_REASON_KEY_OUTSIDE_VALIDITY 11 /* signed outside the key's validity */
#define POURA_REASON_KEY_REVOKED 12 /* the key is suspended or revoked */
#define POURA_REASON_REVOKED 13 /* the certificate is revoked */
#define POURA_REASON_BAD_DOCUMENT 14 /* the document fails its profile */
#define POURA_REASON_TRUST_EXPIRED 15 /* the bundle is past its grace period */
#define POURA_REASON_INTERNAL_ERROR 16 /* the verifier failed (out of memory, a bug): no verdict on the certificate */
#define POURA_REASON_TOO_LONG 17 /* the text is longer than any QR code holds (8,192 characters): not a certificate, whatever its prefix */
/* generated:end verdict_codes */

/* A trust bundle's freshness: fresh until its next-update time, stale during
 * the grace period after it, expired then. Clock suspect (since API 6): the
 * bundle was issued later than now plus the clock skew, so this clock or the
 * bundle's is wrong and its freshness cannot be told; certificates are still
 * checked, but the verifier should say so and have its clock looked at. */
#define POURA_FRESHNESS_FRESH 0
#define POURA_FRESHNESS_STALE 1
#define POURA_FRESHNESS_EXPIRED 2
#define POURA_FRESHNESS_CLOCK_SUSPECT 3

/* The envelope a verifier expects: Poura's "BD1:", or EU-DCC-style "HC1:". */
#define POURA_SCHEME_BD1 0
#define POURA_SCHEME_HC1 1

#define POURA_ISSUER_ACTIVE 0
#define POURA_ISSUER_SUSPENDED 1
#define POURA_ISSUER_REVOKED 2

/* Which time of a verified certificate poura_result_time gives. */
#define POURA_TIME_ISSUED_AT 0
#define POURA_TIME_NOT_BEFORE 1
#define POURA_TIME_EXPIRES_AT 2

/* QR error correction level. */
#define POURA_ECC_L 0
#define POURA_ECC_M 1
#define POURA_ECC_Q 2
#define POURA_ECC_H 3

/* ----- Handles ---------------------------------------------------------- */

typedef struct poura_buffer poura_buffer;               /* bytes or text the library made */
typedef struct poura_private_key poura_private_key;     /* an Ed25519 signing key */
typedef struct poura_keyset poura_keyset;               /* an issuer's signing keys */
typedef struct poura_public_keys poura_public_keys;     /* a list of public keys */
typedef struct poura_bundle poura_bundle;               /* a trust bundle being built or read */
typedef struct poura_trust poura_trust;                 /* what a verifier trusts */
typedef struct poura_verify_options poura_verify_options;
typedef struct poura_result poura_result;               /* a verification's outcome */
typedef struct poura_issue_options poura_issue_options;
typedef struct poura_certificate poura_certificate;     /* an issued certificate */
typedef struct poura_schedules poura_schedules;         /* fee schedules */
typedef struct poura_bill poura_bill;                   /* a calculated bill */
typedef struct poura_office poura_office;               /* a municipal office's database */

/* ----- Buffers ---------------------------------------------------------- */

/* The bytes and their count. A NUL byte always follows them (not counted),
 * so text buffers can be used as C strings. */
POURA_SINCE(1) int poura_buffer_data(const poura_buffer *buffer, const uint8_t **out_data, size_t *out_size);
/* The buffer as a C string (for buffers holding text). */
POURA_SINCE(1) int poura_buffer_string(const poura_buffer *buffer, const char **out_text);
POURA_SINCE(1) int poura_buffer_free(poura_buffer *buffer);

/* ----- Signing keys ----------------------------------------------------- */

POURA_SINCE(1) int poura_private_key_generate(poura_private_key **out_key);
/* PKCS#8 PEM, encrypted ("ENCRYPTED PRIVATE KEY"), or plain ("PRIVATE KEY")
 * when the passphrase is NULL or "". */
POURA_SINCE(1) int poura_private_key_from_pem(const char *pem, const char *passphrase, poura_private_key **out_key);
/* Encrypted PKCS#8 PEM; an empty passphrase is refused. */
POURA_SINCE(1) int poura_private_key_to_pem(const poura_private_key *key, const char *passphrase,
                                            poura_buffer **out_pem);
/* Plain PKCS#8 PEM: the secret key in the clear, only when asked for by name. */
POURA_SINCE(1) int poura_private_key_to_unencrypted_pem(const poura_private_key *key, poura_buffer **out_pem);
/* The public key as JSON: {"algorithm", "kid", "public_key"} in hex. */
POURA_SINCE(3) int poura_private_key_to_public_json(const poura_private_key *key, poura_buffer **out_json);
POURA_SINCE(1) int poura_private_key_free(poura_private_key *key);

/* ----- Keysets: one primary signing key, older keys still verifying ------ */

/* A keyset whose first key is primary from `now`. The key is copied. */
POURA_SINCE(1) int poura_keyset_create(const poura_private_key *first, int64_t now, poura_keyset **out_keyset);
/* `next` becomes primary; the old primary signs no more after `now` but its
 * certificates keep verifying. */
POURA_SINCE(1) int poura_keyset_rotate(poura_keyset *keyset, const poura_private_key *next, int64_t now);
/* The keyset file (as `poura keygen` writes it), every private key encrypted
 * with the passphrase; an empty passphrase is refused. */
POURA_SINCE(1) int poura_keyset_to_json(const poura_keyset *keyset, const char *passphrase, poura_buffer **out_json);
/* The keyset file with the private keys in the clear. */
POURA_SINCE(1) int poura_keyset_to_unencrypted_json(const poura_keyset *keyset, poura_buffer **out_json);
/* Reads a keyset file; passphrase NULL or "" for plain keys. */
POURA_SINCE(1) int poura_keyset_from_json(const char *json, const char *passphrase, poura_keyset **out_keyset);
/* The public half ({"poura_public_keys": 1, "keys": [...]}), for the trust
 * bundle's publisher: no secret leaves through it. */
POURA_SINCE(3) int poura_keyset_to_public_json(const poura_keyset *keyset, poura_buffer **out_json);
/* A copy of the primary key, e.g. to sign a trust bundle with a root keyset. */
POURA_SINCE(1) int poura_keyset_primary_key(const poura_keyset *keyset, poura_private_key **out_key);
POURA_SINCE(1) int poura_keyset_free(poura_keyset *keyset);

/* ----- Public keys: root keys, signer certificates ---------------------- */

POURA_SINCE(1) int poura_public_keys_new(poura_public_keys **out_keys);
/* A raw key: algorithm "EdDSA" (32 bytes), "ES256" (65-byte uncompressed
 * point), "ES384" (97-byte uncompressed point, since API version 6) or
 * "PS256" (DER SubjectPublicKeyInfo). */
POURA_SINCE(1) int poura_public_keys_add_raw(poura_public_keys *keys, const char *algorithm, const uint8_t *raw,
                                             size_t size);
/* A DER X.509 certificate; the algorithm is read from it. */
POURA_SINCE(1) int poura_public_keys_add_certificate(poura_public_keys *keys, const uint8_t *der, size_t size);
/* JSON text: one key ({"algorithm", "public_key" | "certificate"} in hex) or
 * a public keys file ({"keys": [...]}, as poura_keyset_public_json gives). */
POURA_SINCE(1) int poura_public_keys_add_json(poura_public_keys *keys, const char *json);
/* The same, read from a file (e.g. root.pub.json from `poura keygen`). */
POURA_SINCE(1) int poura_public_keys_add_file(poura_public_keys *keys, const char *path);
POURA_SINCE(1) int poura_public_keys_count(const poura_public_keys *keys, size_t *out_count);
POURA_SINCE(1) int poura_public_keys_free(poura_public_keys *keys);

/* ----- Trust bundles (for the publisher) -------------------------------- */

/* An empty bundle. */
POURA_SINCE(1) int poura_bundle_new(uint64_t sequence, int64_t issued_at, int64_t next_update,
                                    poura_bundle **out_bundle);
/* Reads a signed bundle, checking its signature against one of the roots. */
POURA_SINCE(1) int poura_bundle_open(const uint8_t *signed_bundle, size_t size, const poura_public_keys *roots,
                                     poura_bundle **out_bundle);
/* Sets the sequence number and times, before signing an edited bundle anew
 * (verifiers refuse a sequence lower than one they have seen). */
POURA_SINCE(1) int poura_bundle_renew(poura_bundle *bundle, uint64_t sequence, int64_t issued_at,
                                      int64_t next_update);
/* Lists every key of an issuer's public keys file under its code and names,
 * allowed to sign the given document types ("*": every type). Entries the
 * bundle already had for this code are replaced, so adding an issuer again
 * after a key rotation publishes the rotation. */
POURA_SINCE(1) int poura_bundle_add_issuers(poura_bundle *bundle, const char *public_keys_json,
                                            const char *issuer_code, const char *name_bn, const char *name_en,
                                            const char *const *document_types, size_t document_type_count);
/* Suspends, revokes or reactivates one issuer key, by its kid in hex.
 * POURA_ERROR_ISSUER_UNKNOWN when no key of the bundle has that kid. */
POURA_SINCE(1) int poura_bundle_set_issuer_status(poura_bundle *bundle, const char *kid_hex, int status);
/* Revokes one certificate (the bundle lists a hash of issuer and serial). */
POURA_SINCE(1) int poura_bundle_revoke(poura_bundle *bundle, const char *issuer_code, const char *serial);
/* The signed bundle (COSE_Sign1), signed by the root key. */
POURA_SINCE(1) int poura_bundle_sign(const poura_bundle *bundle, const poura_private_key *root,
                                     poura_buffer **out_signed_bundle);
POURA_SINCE(1) int poura_bundle_sequence(const poura_bundle *bundle, uint64_t *out_sequence);
/* The bundle's content as JSON, for people and tools. */
POURA_SINCE(1) int poura_bundle_to_json(const poura_bundle *bundle, poura_buffer **out_json);
POURA_SINCE(1) int poura_bundle_free(poura_bundle *bundle);

/* ----- Trust (for the verifier) ----------------------------------------- */

/* Opens a signed bundle against the root keys. A bundle whose sequence is
 * below min_sequence (the highest this verifier has accepted before) is
 * refused with POURA_ERROR_TRUST_ROLLBACK. */
POURA_SINCE(1) int poura_trust_from_bundle(const uint8_t *signed_bundle, size_t size, const poura_public_keys *roots,
                                           uint64_t min_sequence, poura_trust **out_trust);
/* The same, the bundle read from a file. */
POURA_SINCE(1) int poura_trust_from_bundle_file(const char *path, const poura_public_keys *roots,
                                                uint64_t min_sequence, poura_trust **out_trust);
/* Trusts these keys directly, with no bundle: no issuer code, every document
 * type allowed (e.g. DER X.509 signer certificates for HC1 certificates).
 * Such trust is never stale. */
POURA_SINCE(1) int poura_trust_from_keys(const poura_public_keys *keys, poura_trust **out_trust);
/* Replaces the bundle with a newer one from the same roots; a lower sequence
 * is refused (POURA_ERROR_TRUST_ROLLBACK) and the trust is left as it was. */
POURA_SINCE(1) int poura_trust_update(poura_trust *trust, const uint8_t *signed_bundle, size_t size);
/* The bundle's sequence number (0 for trust without a bundle). */
POURA_SINCE(1) int poura_trust_sequence(const poura_trust *trust, uint64_t *out_sequence);
/* The bundle's next-update time (0 for trust without a bundle). */
POURA_SINCE(1) int poura_trust_next_update(const poura_trust *trust, int64_t *out_next_update);
/* POURA_FRESHNESS_* at `now`, with `grace_seconds` of grace after next-update
 * and the default clock skew (300 s) before the bundle's issue time. */
POURA_SINCE(1) int poura_trust_freshness(const poura_trust *trust, int64_t now, int64_t grace_seconds,
                                         int *out_freshness);
/* What the verifier trusts, as JSON: the bundle's content, as
 * poura_bundle_to_json gives it; for trust from keys, the same fields with
 * sequence 0, no times (null) and the keys as issuers. */
POURA_SINCE(2) int poura_trust_to_json(const poura_trust *trust, poura_buffer **out_json);
POURA_SINCE(1) int poura_trust_free(poura_trust *trust);

/* ----- Verifying -------------------------------------------------------- */

/* Defaults: the system clock, 300 s clock skew, 7 days of grace for a stale
 * bundle, scheme BD1, 64 KiB inflated size limit. */
POURA_SINCE(1) int poura_verify_options_new(poura_verify_options **out_options);
/* Verify as of this time instead of the system clock. */
POURA_SINCE(1) int poura_verify_options_set_now(poura_verify_options *options, int64_t now);
/* Seconds of tolerance on the certificate's times (>= 0). */
POURA_SINCE(1) int poura_verify_options_set_clock_skew(poura_verify_options *options, int64_t seconds);
/* How long a stale trust bundle is still used (>= 0). */
POURA_SINCE(1) int poura_verify_options_set_grace_period(poura_verify_options *options, int64_t seconds);
/* POURA_SCHEME_BD1 or POURA_SCHEME_HC1. */
POURA_SINCE(1) int poura_verify_options_set_scheme(poura_verify_options *options, int scheme);
/* The largest the signed bytes may inflate to (> 0). */
POURA_SINCE(1) int poura_verify_options_set_max_inflated_size(poura_verify_options *options, size_t bytes);
POURA_SINCE(1) int poura_verify_options_free(poura_verify_options *options);

/* Verifies a QR text ("BD1:..."). options may be NULL for the defaults.
 * Returns POURA_OK whatever the verdict; read it from the result. */
POURA_SINCE(1) int poura_certificate_verify(const char *qr_text, const poura_trust *trust,
                                            const poura_verify_options *options, poura_result **out_result);

/* The result's accessors. Strings belong to the result; fields the
 * verification did not get as far as reading are "" (text), "null" (JSON) or
 * absent (times). */
POURA_SINCE(1) int poura_result_verdict(const poura_result *result, int *out_verdict);  /* POURA_VERDICT_* */
POURA_SINCE(1) int poura_result_stage(const poura_result *result, int *out_stage);      /* POURA_STAGE_* */
POURA_SINCE(1) int poura_result_reason(const poura_result *result, int *out_reason);    /* POURA_REASON_* */
/* "done", "signature", ... */
POURA_SINCE(1) int poura_result_stage_name(const poura_result *result, const char **out_name);
/* "ok", "expired", "bad_signature", ... */
POURA_SINCE(1) int poura_result_reason_code(const poura_result *result, const char **out_code);
/* For people: POURA_LANGUAGE_BN or POURA_LANGUAGE_EN. */
POURA_SINCE(1) int poura_result_message(const poura_result *result, int language, const char **out_message);
/* Technical detail, for logs. */
POURA_SINCE(1) int poura_result_detail(const poura_result *result, const char **out_detail);
POURA_SINCE(1) int poura_result_document_type(const poura_result *result, const char **out_type);
/* The decoded document as JSON: also for a certificate refused after its
 * signature checked (expired, revoked, ...); "null" when it was not decoded. */
POURA_SINCE(1) int poura_result_document_json(const poura_result *result, const char **out_json);
/* The certificate's serial (`cti`) and issuer claim (`iss`). */
POURA_SINCE(1) int poura_result_serial(const poura_result *result, const char **out_serial);
POURA_SINCE(1) int poura_result_issuer_claim(const poura_result *result, const char **out_issuer);
/* Whether the signing key was found in the trust; the issuer_* accessors
 * give "" when it was not. */
POURA_SINCE(1) int poura_result_has_issuer(const poura_result *result, int *out_has_issuer);
POURA_SINCE(1) int poura_result_issuer_code(const poura_result *result, const char **out_code);
POURA_SINCE(1) int poura_result_issuer_name(const poura_result *result, int language, const char **out_name);
POURA_SINCE(1) int poura_result_issuer_kid(const poura_result *result, const char **out_kid_hex);
/* "EdDSA", "ES256", "ES384" (since API version 6) or "PS256". */
POURA_SINCE(1) int poura_result_issuer_algorithm(const poura_result *result, const char **out_algorithm);
/* One of the certificate's times (POURA_TIME_*): *out_present is 1 and
 * *out_seconds set when the certificate carries it, else 0 and 0. */
POURA_SINCE(1) int poura_result_time(const poura_result *result, int which, int *out_present, int64_t *out_seconds);
/* The trust bundle's state at verification time. */
POURA_SINCE(1) int poura_result_freshness(const poura_result *result, int *out_freshness); /* POURA_FRESHNESS_* */
POURA_SINCE(1) int poura_result_trust_sequence(const poura_result *result, uint64_t *out_sequence);
/* The whole result as one JSON object (verdict, stage, reason, messages,
 * document, issuer, times, trust). */
POURA_SINCE(1) int poura_result_json(const poura_result *result, const char **out_json);
POURA_SINCE(1) int poura_result_free(poura_result *result);

/* ----- Issuing ---------------------------------------------------------- */

/* Defaults: a random serial, issued now, expiry from the document's profile,
 * compression when it makes the QR smaller. */
POURA_SINCE(1) int poura_issue_options_new(poura_issue_options **out_options);
POURA_SINCE(1) int poura_issue_options_set_serial(poura_issue_options *options, const char *serial);
POURA_SINCE(1) int poura_issue_options_set_issued_at(poura_issue_options *options, int64_t issued_at);
POURA_SINCE(1) int poura_issue_options_set_expires_at(poura_issue_options *options, int64_t expires_at);
POURA_SINCE(1) int poura_issue_options_set_compression(poura_issue_options *options, int allow);
POURA_SINCE(1) int poura_issue_options_free(poura_issue_options *options);

/* Validates the document (JSON, {"type": "citizenship", ...}) against its
 * profile and signs it with the keyset's primary key as issuer `issuer_code`.
 * options may be NULL for the defaults. */
POURA_SINCE(1) int poura_certificate_issue(const char *document_json, const poura_keyset *keyset,
                                           const char *issuer_code, const poura_issue_options *options,
                                           poura_certificate **out_certificate);
/* "BD1:..." */
POURA_SINCE(1) int poura_certificate_qr_text(const poura_certificate *certificate, const char **out_text);
POURA_SINCE(1) int poura_certificate_serial(const poura_certificate *certificate, const char **out_serial);
POURA_SINCE(1) int poura_certificate_issued_at(const poura_certificate *certificate, int64_t *out_issued_at);
/* 0: the certificate does not expire. */
POURA_SINCE(1) int poura_certificate_expires_at(const poura_certificate *certificate, int64_t *out_expires_at);
POURA_SINCE(1) int poura_certificate_kid(const poura_certificate *certificate, const char **out_kid_hex);
/* The document as validated and normalised. */
POURA_SINCE(1) int poura_certificate_document_json(const poura_certificate *certificate, const char **out_json);
POURA_SINCE(1) int poura_certificate_free(poura_certificate *certificate);

/* ----- QR codes --------------------------------------------------------- */

/* The text as a QR code: SVG text or PNG bytes. ecc is POURA_ECC_*;
 * module_size is pixels (PNG) or user units (SVG) per module, 1..100;
 * quiet_zone the light margin in modules, 0..100; values outside these
 * ranges are refused (POURA_ERROR_INVALID_ARGUMENT). A text too long for a
 * QR code gives POURA_ERROR_LIMIT_EXCEEDED. */
POURA_SINCE(1) int poura_qr_render_svg(const char *text, int ecc, int module_size, int quiet_zone,
                                       poura_buffer **out_svg);
POURA_SINCE(1) int poura_qr_render_png(const char *text, int ecc, int module_size, int quiet_zone,
                                       poura_buffer **out_png);
/* The text as a QR code drawn with Unicode half blocks, two modules to a
 * character cell, one line per two rows of modules, for a terminal. Light
 * modules are the blocks, so it reads dark on light on a dark-background
 * terminal. quiet_zone is in modules, 0..100. */
POURA_SINCE(1) int poura_qr_render_text(const char *text, int ecc, int quiet_zone, poura_buffer **out_text);
/* Finds and decodes a QR code in a PNG or JPEG image; the text as a buffer.
 * POURA_ERROR_MALFORMED_INPUT when there is none. */
POURA_SINCE(1) int poura_qr_read_image(const uint8_t *image, size_t size, poura_buffer **out_text);

/* ----- Fees and bills --------------------------------------------------- */

POURA_SINCE(1) int poura_schedules_new(poura_schedules **out_schedules);
/* Validates a schedule (JSON text) and adds it; on failure nothing is added
 * and poura_last_error() lists every problem. source_name (may be NULL)
 * names the schedule in messages. */
POURA_SINCE(1) int poura_schedules_add(poura_schedules *schedules, const char *json, const char *source_name);
/* The same, read from a file. */
POURA_SINCE(1) int poura_schedules_add_file(poura_schedules *schedules, const char *path);
POURA_SINCE(1) int poura_schedules_count(const poura_schedules *schedules, size_t *out_count);
/* The schedules as a JSON list: [{"id", "municipality", "from", "until"}, ...] */
POURA_SINCE(3) int poura_schedules_to_list_json(const poura_schedules *schedules, poura_buffer **out_json);
POURA_SINCE(1) int poura_schedules_free(poura_schedules *schedules);

/* The calculators: input as JSON (see docs/fees.md), a bill out. */
POURA_SINCE(1) int poura_bill_holding_tax(const poura_schedules *schedules, const char *input_json,
                                          poura_bill **out_bill);
POURA_SINCE(1) int poura_bill_water(const poura_schedules *schedules, const char *input_json, poura_bill **out_bill);
POURA_SINCE(1) int poura_bill_trade_licence(const poura_schedules *schedules, const char *input_json,
                                            poura_bill **out_bill);
POURA_SINCE(1) int poura_bill_certificate_fee(const poura_schedules *schedules, const char *input_json,
                                              poura_bill **out_bill);
POURA_SINCE(1) int poura_bill_total_poisha(const poura_bill *bill, int64_t *out_total);
/* The bill as JSON: lines with their rules explained, total, instalments. */
POURA_SINCE(1) int poura_bill_json(const poura_bill *bill, const char **out_json);
/* The bill as printed, in Bangla and English. */
POURA_SINCE(1) int poura_bill_text(const poura_bill *bill, const char **out_text);
/* A `receipt` document for the paid bill, as JSON ready for
 * poura_certificate_issue. details_json: {"payer_name_bn", "payer_name_en",
 * "reference", "paid_on", "method"}, each a string; payer_name_en and method
 * may be left out. */
POURA_SINCE(3) int poura_bill_to_receipt_json(const poura_bill *bill, const char *details_json,
                                              poura_buffer **out_document_json);
POURA_SINCE(1) int poura_bill_free(poura_bill *bill);

/* ----- The office ------------------------------------------------------ */

/* A municipal office: applications through their workflow (apply, the ward
 * councilor recommends, the mayor approves, the office issues), the registry
 * of issued certificates, revocations, the SMS outbox and the audit log, in
 * one SQLite file (docs/workflow.md). Only a library built with the office
 * (the CMake option POURA_OFFICE, on by default natively, never in the
 * WebAssembly builds) has these functions.
 *
 * Records go in and out as JSON, in the shapes docs/c.md lists: users,
 * applications (with their history), certificates, outbox messages. Times in
 * them are ISO 8601 UTC text. Every action names the acting user by id; the
 * office refuses what that user's role and ward do not allow with
 * POURA_ERROR_PERMISSION_DENIED, an action the application's state does not
 * allow with POURA_ERROR_INVALID_STATE, and a missing application, user or
 * certificate with POURA_ERROR_NOT_FOUND; poura_last_error() says why. Each
 * change is one transaction: on an error, nothing of it happened.
 *
 * options_json (may be NULL): {"schedules": [paths of fee schedule files, or
 * folders of them], "profiles": [paths of extra profile files], "now": unix
 * seconds (0: the system clock), "checkpoint_every": audit entries}.
 * Functions on an office need the handle to themselves (see "Threads"). */

/* Creates the database file for a municipality (an existing file is refused).
 * municipality_json: {"code", "name_bn", "name_en", "body_class", "wards",
 * "require_holding_tax_clearance", "download_url", "sms_language",
 * "sms_templates", "sms_gateway"}. */
POURA_SINCE(4) int poura_office_create(const char *path, const char *municipality_json, const char *options_json,
                                       poura_office **out_office);
/* Opens an existing database, migrating it to this library's schema. */
POURA_SINCE(4) int poura_office_open(const char *path, const char *options_json, poura_office **out_office);
/* The keys that sign issued certificates and audit checkpoints (copied; never
 * stored in the database). */
POURA_SINCE(4) int poura_office_set_keyset(poura_office *office, const poura_keyset *keyset);
/* The office's clock: unix seconds, or 0 for the system clock. */
POURA_SINCE(4) int poura_office_set_time(poura_office *office, int64_t now);
/* Adds a user: {"login", "name", "role", "ward", "nid", "mobile",
 * "authorised"}, role one of "citizen", "digital_centre", "councilor",
 * "panel_mayor", "mayor", "secretary", "admin". Gives the user with its id. */
POURA_SINCE(4) int poura_office_add_user(poura_office *office, const char *user_json, poura_buffer **out_user_json);
/* Every user, as a JSON list. */
POURA_SINCE(4) int poura_office_users_to_json(poura_office *office, poura_buffer **out_json);
/* Submits an application as user `actor`: {"document": {"type": ..., fields},
 * "mobile", "applicant_id", "applicant_name_bn", "holding_tax_receipt"}.
 * Gives the application. */
POURA_SINCE(4) int poura_office_apply(poura_office *office, int64_t actor, const char *application_json,
                                      poura_buffer **out_application_json);
/* Takes an action on an application as user `actor`: "recommend", "return",
 * "reject", "approve", "issue", "investigate", "resubmit",
 * "request_correction" or "approve_correction". comment (may be NULL) is the
 * reason or note, which return, reject and investigate need; document_json
 * (may be NULL) the corrected fields for resubmit and request_correction.
 * Gives the application as it is now. */
POURA_SINCE(4) int poura_office_act(poura_office *office, int64_t actor, int64_t application, const char *action,
                                    const char *comment, const char *document_json,
                                    poura_buffer **out_application_json);
/* One application with its history. */
POURA_SINCE(4) int poura_office_application_to_json(poura_office *office, int64_t application,
                                                    poura_buffer **out_json);
/* What waits for user `actor`, as a JSON list of applications. filter_json
 * (may be NULL): {"state", "ward", "type", "overdue", "limit"}. */
POURA_SINCE(4) int poura_office_queue_to_json(poura_office *office, int64_t actor, const char *filter_json,
                                              poura_buffer **out_json);
/* A certificate of the registry: status, signatories, prints, QR text, document. */
POURA_SINCE(4) int poura_office_certificate_to_json(poura_office *office, const char *serial,
                                                    poura_buffer **out_json);
/* Revokes a certificate as user `actor` (a mayor or admin), with a reason.
 * Gives the certificate as it is now. */
POURA_SINCE(4) int poura_office_revoke(poura_office *office, int64_t actor, const char *serial, const char *reason,
                                       poura_buffer **out_certificate_json);
/* [{"issuer", "serial", "revoked_at", "reason"}] of every revoked or
 * superseded certificate, for the next trust bundle. */
POURA_SINCE(4) int poura_office_revocation_list_to_json(poura_office *office, poura_buffer **out_json);
/* The certificate as a printable A4 PDF, recorded as one more printed copy. */
POURA_SINCE(4) int poura_office_print_pdf(poura_office *office, int64_t actor, const char *serial,
                                          poura_buffer **out_pdf);
/* Sends the SMS that are due, at most `limit` (1..10000). transport_json (may
 * be NULL for the municipality's gateway, else standard output):
 * {"file": path} or {"http": {"url", "api_key", "sender", "timeout_ms"}}.
 * Gives {"sent", "retried", "failed"}. */
POURA_SINCE(4) int poura_office_send_sms(poura_office *office, const char *transport_json, int limit,
                                         poura_buffer **out_report_json);
/* The outbox's messages, at most `limit` (1..10000); status (may be NULL for
 * all): "queued", "sent" or "failed". */
POURA_SINCE(4) int poura_office_outbox_to_json(poura_office *office, const char *status, int limit,
                                               poura_buffer **out_json);
/* Walks the audit log's hash chain: {"ok", "entries", "checkpoints",
 * "bad_entry", "problem", "message"}. A tampered log is POURA_OK with "ok":
 * false (a verdict, not an error). */
POURA_SINCE(4) int poura_office_verify_audit_to_json(poura_office *office, poura_buffer **out_json);
/* Signs a checkpoint over the audit chain's head (needs the keyset). */
POURA_SINCE(4) int poura_office_checkpoint_audit(poura_office *office);
POURA_SINCE(4) int poura_office_free(poura_office *office);

/* ----- The revenue section -------------------------------------------- */

/* The office's revenue section, on the same handle and database (docs/c.md):
 * holdings with their owners and assessments, water connections and trade
 * licences as records; bill runs that make a fiscal year's (water: a
 * month's) demands; payments allocated to them, each with a signed receipt;
 * settlement files; the ledger and reports. Only a library built with the
 * office has these functions.
 *
 * Records go in and out as JSON, in the forms of poura/revenue.hpp's to_json
 * and *_from_json (the CLI's and Python's too): amounts come in as taka (a
 * number, or text such as "1,500.50") and go out in poisha
 * ("amount_poisha"). A member the form does not know is refused with
 * POURA_ERROR_INVALID_ARGUMENT, text that is not JSON with
 * POURA_ERROR_MALFORMED_INPUT. Records are kept by the office's secretary or
 * admin: another actor gets POURA_ERROR_PERMISSION_DENIED. A missing
 * holding, connection, licence or account is POURA_ERROR_NOT_FOUND, a period
 * the fee schedules do not cover POURA_ERROR_NOT_IN_SCHEDULE. Each change is
 * one transaction: on an error, nothing of it happened. (A settlement file
 * is recorded in batches, one transaction each: imported again after an
 * interruption, it records only the rows it had not.)
 *
 * service is "holding_tax", "water" or "trade_licence". scope_json (may be
 * NULL for all): {"service", "period", "ward"}, period a fiscal year
 * "2025-26" (water: a month "2025-07" or a fiscal year), ward 0 for every
 * ward. */

/* Called as a bill run or an import goes: `done` of `total` accounts or rows.
 * It runs inside the call, on the calling thread, and must not call the
 * library with the same office. */
typedef void (*poura_progress_callback)(int64_t done, int64_t total, void *user_data);

/* Adds a holding: {"number", "ward", "mohalla", "road", "use",
 * "construction", "land_area", "floor_area", "units", "occupancy",
 * "monthly_rent", "loan_interest", "waivers", "owners": [{"name_bn",
 * "name_en", "nid", "mobile", "share"}]}. Gives the holding as kept. */
POURA_SINCE(5) int poura_revenue_add_holding(poura_office *office, int64_t actor, const char *holding_json,
                                             poura_buffer **out_holding_json);
/* One holding by its number (ASCII or Bengali digits). */
POURA_SINCE(5) int poura_revenue_holding_to_json(poura_office *office, const char *number, poura_buffer **out_json);
/* The holdings of a ward (0: every ward), at most `limit` (1..1000000), by ward
 * and number. */
POURA_SINCE(5) int poura_revenue_holdings_to_json(poura_office *office, int ward, int limit, poura_buffer **out_json);
/* Changes a holding's description (the holding named by "number"; not its
 * owners, which poura_revenue_mutate changes). */
POURA_SINCE(5) int poura_revenue_update_holding(poura_office *office, int64_t actor, const char *holding_json,
                                                poura_buffer **out_holding_json);
/* Mutation: owners_json (a list of owners, shares adding up to 1) replace the
 * current owners from the ISO date `effective`; what the holding owes stays
 * on it. note may be NULL. */
POURA_SINCE(5) int poura_revenue_mutate(poura_office *office, int64_t actor, const char *number,
                                        const char *owners_json, const char *effective, const char *note,
                                        poura_buffer **out_holding_json);
/* An assessment of the holding's annual value: {"effective", "kind"
 * ("general", "interim"), "annual_value", "note"}; without an annual value
 * the schedule in force computes it from the holding's rents. */
POURA_SINCE(5) int poura_revenue_assess(poura_office *office, int64_t actor, const char *number,
                                        const char *assessment_json, poura_buffer **out_assessment_json);
/* The owner objects to the assessment in force (POURA_ERROR_INVALID_STATE
 * when it is objected to already). */
POURA_SINCE(5) int poura_revenue_object(poura_office *office, int64_t actor, const char *number, const char *reason,
                                        poura_buffer **out_assessment_json);
/* The review board's revised annual value, in poisha, for the assessment
 * objected to, with its note (the board's decision); demands already made
 * are revised. */
POURA_SINCE(5) int poura_revenue_review(poura_office *office, int64_t actor, const char *number,
                                        int64_t revised_value_poisha, const char *note,
                                        poura_buffer **out_assessment_json);
/* The holding's assessments, oldest first. */
POURA_SINCE(5) int poura_revenue_assessments_to_json(poura_office *office, const char *number,
                                                     poura_buffer **out_json);
/* Adds a water connection: {"number", "holding", "diameter", "use",
 * "storeys", "flats", "metered", "meter_no", "status", "connected_on"}. */
POURA_SINCE(5) int poura_revenue_add_connection(poura_office *office, int64_t actor, const char *connection_json,
                                                poura_buffer **out_connection_json);
POURA_SINCE(5) int poura_revenue_connection_to_json(poura_office *office, const char *number,
                                                    poura_buffer **out_json);
/* A metered connection's reading (cumulative litres) for a month "2025-07". */
POURA_SINCE(5) int poura_revenue_record_reading(poura_office *office, int64_t actor, const char *connection,
                                                const char *month, int64_t litres);
/* A new trade licence for `years` from the ISO date `on`: {"business_name_bn",
 * "business_name_en", "owner_name_bn", "owner_name_en", "owner_nid",
 * "mobile", "holding", "ward", "address_bn", "category", "signboards":
 * [{"area", "lit"}]}. Its fee becomes a demand; once that is paid
 * (poura_revenue_pay), the signed licence is issued. */
POURA_SINCE(5) int poura_revenue_issue_licence(poura_office *office, int64_t actor, const char *licence_json,
                                               int years, const char *on, poura_buffer **out_licence_json);
/* Renews a licence for `years` from the year after its term; the renewal fee
 * becomes a demand. */
POURA_SINCE(5) int poura_revenue_renew_licence(poura_office *office, int64_t actor, const char *number, int years,
                                               const char *on, poura_buffer **out_licence_json);
/* Gives a licence up (its signed licence is revoked). */
POURA_SINCE(5) int poura_revenue_surrender_licence(poura_office *office, int64_t actor, const char *number,
                                                   const char *reason, poura_buffer **out_licence_json);
/* A licence with its status and, once issued, its signed QR text. */
POURA_SINCE(5) int poura_revenue_licence_to_json(poura_office *office, const char *number, poura_buffer **out_json);
/* Imports a register in CSV with a header row; kind "holdings" or
 * "connections". One bad row refuses the whole file with
 * POURA_ERROR_MALFORMED_INPUT (poura_last_error() lists every bad row and
 * field); otherwise every row goes in. *out_added is how many records were
 * added (0 on failure). */
POURA_SINCE(5) int poura_revenue_import_register(poura_office *office, int64_t actor, const char *kind,
                                                 const char *csv, int64_t *out_added);
/* A bill run over scope_json ("service" and "period" needed), in one
 * transaction; run again, it bills nothing twice. progress (may be NULL) is
 * called as it goes. Gives the run's summary: {"run", "service", "period",
 * "ward", "accounts", "billed", "already_billed", "exempt", "skipped",
 * "surcharges", "demand_poisha", "arrears_poisha", "problems"}. */
POURA_SINCE(5) int poura_revenue_run_bills(poura_office *office, int64_t actor, const char *scope_json,
                                           poura_progress_callback progress, void *user_data,
                                           poura_buffer **out_summary_json);
/* An account's demands, oldest first, each with its dues and bill. */
POURA_SINCE(5) int poura_revenue_demands_to_json(poura_office *office, const char *service, const char *account,
                                                 poura_buffer **out_json);
/* Records a payment: {"service", "account", "amount", "paid_on", "method"
 * ("cash", "bank", "bkash", "nagad", "rocket"), "reference", "payer_bn",
 * "instalments": ["2025-26:1", ...]}. The same method and reference again
 * gives that payment ("duplicate": true) and records nothing. Gives the
 * payment with its allocations and signed receipt ("receipt_qr"). */
POURA_SINCE(5) int poura_revenue_pay(poura_office *office, int64_t actor, const char *payment_json,
                                     poura_buffer **out_payment_json);
/* An account's payments, oldest first. */
POURA_SINCE(5) int poura_revenue_payments_to_json(poura_office *office, const char *service, const char *account,
                                                  poura_buffer **out_json);
/* Reconciles a bank's or mobile-money operator's settlement file (CSV:
 * reference, service, account, amount, paid_on[, payer]) paid by `method`.
 * A bad row refuses the whole file (POURA_ERROR_MALFORMED_INPUT, every bad
 * row and field in poura_last_error()); a row for no account, nothing owed
 * or more than is owed is counted unmatched. file_name (may be NULL) names
 * it in the audit log. Gives {"rows",
 * "recorded", "duplicates", "unmatched", "amount_poisha",
 * "unmatched_sample"}. */
POURA_SINCE(5) int poura_revenue_import_payments(poura_office *office, int64_t actor, const char *method,
                                                 const char *csv, const char *file_name,
                                                 poura_progress_callback progress, void *user_data,
                                                 poura_buffer **out_report_json);
/* Checks that demand - collection + adjustments = outstanding and that every
 * record agrees: {"ok", "demand_poisha", "collection_poisha",
 * "adjustments_poisha", "outstanding_poisha", "dues", "payments",
 * "problems"}. A ledger that does not balance is POURA_OK with "ok": false. */
POURA_SINCE(5) int poura_revenue_check_ledger_to_json(poura_office *office, poura_buffer **out_json);
/* A report's rows as a JSON list: name "collection" (by ward and month),
 * "demand" (demand, collection and outstanding by service and ward) or
 * "defaulters" (accounts owing, with amounts and mobile numbers). */
POURA_SINCE(5) int poura_revenue_report_to_json(poura_office *office, const char *name, const char *scope_json,
                                                poura_buffer **out_rows_json);
/* Report rows (a JSON list of objects) as CSV, with a header row. */
POURA_SINCE(5) int poura_revenue_rows_to_csv(const char *rows_json, poura_buffer **out_csv);
/* Report rows as an SVG bar chart of the numeric column value_column (an
 * "_poisha" column is drawn in taka) against label_column. */
POURA_SINCE(5) int poura_revenue_rows_to_svg(const char *rows_json, const char *label_column,
                                             const char *value_column, const char *title, poura_buffer **out_svg);

/* ----- Deprecated names ------------------------------------------------- */

/* Each is the function it names under the name it had before the rules of
 * "Strings": the same parameters, the same behaviour. */
POURA_SINCE(1) POURA_DEPRECATED(poura_private_key_to_public_json)
int poura_private_key_public_json(const poura_private_key *key, poura_buffer **out_json);
POURA_SINCE(1) POURA_DEPRECATED(poura_keyset_to_public_json)
int poura_keyset_public_json(const poura_keyset *keyset, poura_buffer **out_json);
POURA_SINCE(1) POURA_DEPRECATED(poura_schedules_to_list_json)
int poura_schedules_list_json(const poura_schedules *schedules, poura_buffer **out_json);
POURA_SINCE(1) POURA_DEPRECATED(poura_bill_to_receipt_json)
int poura_bill_receipt_document(const poura_bill *bill, const char *details_json, poura_buffer **out_document_json);

#ifdef __cplusplus
}
#endif

#endif /* POURA_H */
