"""Verify BD1 certificates without Poura: cbor2 and cryptography only.

Written from docs/format.md and docs/interop.md. It opens the trust bundle of
the shared test vectors, verifies every BD1 vector in valid.json,
failures.json and malformed.json, compares its verdict with the vector's, and
exits 1 on any disagreement.

    python3 verify_bd1.py tests/vectors
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import sys
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509 import load_der_x509_certificate

EDDSA, ES256 = -8, -7
ALG_NAMES = {"EdDSA": EDDSA, "ES256": ES256}
DOCUMENT_CLAIM = -65537
BUNDLE_CONTENT_TYPE = "application/poura-trust+cbor"
MALFORMED = (ValueError, cbor2.CBORDecodeError)


class Refused(Exception):
    def __init__(self, stage: str, reason: str, why: str):
        super().__init__(f"{stage}/{reason}: {why}")
        self.stage, self.reason = stage, reason


# --- Base45 (RFC 9285), strict: format.md section 2 -------------------------

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def base45_decode(text: str) -> bytes:
    if len(text) % 3 == 1:
        raise ValueError("one character left over")
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = text[i:i + 3]
        if any(c not in BASE45 for c in chunk):
            raise ValueError("not a Base45 character")
        n = sum(BASE45.index(c) * 45 ** k for k, c in enumerate(chunk))
        if n >= 256 ** (len(chunk) - 1):  # a triplet above 65535, a pair above 255 ("::" is 2024)
            raise ValueError("group out of range")
        out += n.to_bytes(len(chunk) - 1, "big")
    return bytes(out)


# --- Strict CBOR: format.md sections 4 and 5.5, checked before cbor2 decodes --

def float_is_shortest(info: int, raw: bytes) -> bool:
    """A float must not fit exactly in a narrower one; a NaN is always a half."""
    if info == 25:
        return True
    value = struct.unpack(">f" if info == 26 else ">d", raw)[0]
    if math.isnan(value):
        return False
    narrower = ["e"] if info == 26 else ["e", "f"]
    for fmt in narrower:
        try:
            if struct.unpack(">" + fmt, struct.pack(">" + fmt, value))[0] == value:
                return False
        except OverflowError:  # too large for a half
            pass
    return True


def check_strict_cbor(data: bytes, max_depth: int = 16, max_items: int = 4096) -> None:
    """Raise ValueError unless `data` is exactly one item within the rules."""
    pos = 0
    items = 0

    def head() -> tuple[int, int, int]:
        nonlocal pos
        if pos >= len(data):
            raise ValueError("cut off")
        major, info = data[pos] >> 5, data[pos] & 0x1F
        pos += 1
        if info < 24:
            return major, info, info
        if info > 27:
            raise ValueError("indefinite length or reserved additional information")
        size = 1 << (info - 24)
        if pos + size > len(data):
            raise ValueError("cut off")
        raw = data[pos:pos + size]
        value = int.from_bytes(raw, "big")
        pos += size
        if major == 7 and info >= 25 and not float_is_shortest(info, raw):
            raise ValueError("a float that a narrower one holds exactly")
        if major != 7 and value < (24 if info == 24 else 1 << (size * 4)):
            raise ValueError("a head longer than it needs to be")
        return major, info, value

    def item(depth: int) -> bytes:
        """Scan one item; return what identifies it as a map key."""
        nonlocal pos, items
        if depth > max_depth:
            raise ValueError("nested too deep")
        start = pos
        major, info, value = head()
        if major in (2, 3):
            if value > len(data) - pos:
                raise ValueError("string longer than the data")
            pos += value
            if major == 3:
                data[pos - value:pos].decode("utf-8")  # refuses overlong forms and surrogates
            return bytes([major]) + data[pos - value:pos]
        if major in (4, 5):
            if value > len(data) - pos:
                raise ValueError("more elements than bytes")
            items += value
            if items > max_items:
                raise ValueError("too many items")
            keys = set()
            for _ in range(value):
                key = item(depth + 1)
                if major == 5:
                    if key in keys:
                        raise ValueError("duplicate map key")
                    keys.add(key)
                    item(depth + 1)
            return data[start:pos]
        if major == 6:
            item(depth + 1)
            return data[start:pos]
        if major == 7 and info < 24 and not 20 <= value <= 23:
            raise ValueError("unassigned simple value")
        if major == 7 and info == 24:
            raise ValueError("unassigned simple value")
        # Integers compare by value, whatever the width they were written in.
        return bytes([major]) + value.to_bytes(8, "big") if major < 2 else data[start:pos]

    item(0)
    if pos != len(data):
        raise ValueError("bytes after the item")


# --- SCSU, the subset Poura emits: format.md section 7.2.1 ------------------

def scsu_decode(data: bytes) -> str:
    window = None
    units = []
    pos = 0
    if data[:1] == b"\x18":  # SD0 + half-block index, only at the start
        if len(data) < 2 or not 0x02 <= data[1] <= 0x67:
            raise ValueError("SD0 without a window index in 02..67")
        window, pos = data[1] * 0x80, 2
    while pos < len(data):
        b = data[pos]
        if 0x20 <= b <= 0x7F:
            units.append(b)
            pos += 1
            continue
        if b >= 0x80:
            if window is None:
                raise ValueError("window byte without SD0")
            units.append(window + b - 0x80)
            pos += 1
            continue
        if b in (0x01, 0x02, 0x05) and pos + 1 < len(data) and data[pos + 1] < 0x80:
            base = {0x01: 0x0000, 0x02: 0x0080, 0x05: 0x2000}[b]
            units.append(base + data[pos + 1])
            pos += 2
            continue
        if b == 0x0E and pos + 2 < len(data):  # SQU: one UTF-16 code unit
            units.append(data[pos + 1] << 8 | data[pos + 2])
            pos += 3
            continue
        raise ValueError(f"byte {b:02x} at {pos} is outside the subset")
    # Characters above U+FFFF came as two SQU units; the UTF-16 decoder pairs
    # them and refuses a lone surrogate.
    return b"".join(u.to_bytes(2, "big") for u in units).decode("utf-16-be")


# --- Keys and the trust bundle: format.md sections 5.3 and 9.1 --------------

@dataclass
class Issuer:
    kid: bytes
    alg: int
    key: object
    iss: str
    status: str
    valid_from: int
    valid_until: int


def public_key(alg: int, raw: bytes | None, der_certificate: bytes | None):
    if der_certificate is not None:
        return load_der_x509_certificate(der_certificate).public_key()
    if alg == EDDSA:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)


def signature_ok(alg: int, key, message: bytes, signature: bytes) -> bool:
    try:
        if alg == EDDSA:
            key.verify(signature, message)
        else:  # COSE carries r || s; cryptography wants DER
            if len(signature) != 64:
                return False
            r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def parse_sign1(data: bytes):
    """Tag 18 around [protected bstr, unprotected map, payload bstr, signature bstr]."""
    check_strict_cbor(data)
    item = cbor2.loads(data)
    if not isinstance(item, cbor2.CBORTag) or item.tag != 18:
        raise ValueError("not a COSE_Sign1 with tag 18")
    parts = item.value
    if not (isinstance(parts, (list, tuple)) and len(parts) == 4 and isinstance(parts[0], bytes)
            and isinstance(parts[1], Mapping) and isinstance(parts[2], bytes) and isinstance(parts[3], bytes)):
        raise ValueError("not [bstr, map, bstr, bstr]")
    return parts


def decode_protected(protected: bytes) -> Mapping:
    if not protected:
        return {}
    check_strict_cbor(protected)
    header = cbor2.loads(protected)
    if not isinstance(header, Mapping):
        raise ValueError("protected header is not a map")
    return header


def open_bundle(bundle: bytes, root: ed25519.Ed25519PublicKey):
    protected_bytes, _, payload, signature = parse_sign1(bundle)
    protected = decode_protected(protected_bytes)
    if protected.get(3) != BUNDLE_CONTENT_TYPE or protected.get(1) != EDDSA:
        raise ValueError("not a trust bundle")
    root.verify(signature, sig_structure(protected_bytes, payload))
    check_strict_cbor(payload, max_depth=8, max_items=1 << 20)
    body = cbor2.loads(payload)
    issuers = []
    for entry in body["issuers"]:
        alg = ALG_NAMES[entry["alg"]]
        key = public_key(alg, entry.get("key"), entry.get("x5c"))
        issuers.append(Issuer(entry["kid"], alg, key, entry["iss"], entry["status"], entry["from"], entry["until"]))
    return issuers, set(body["revoked"]), body["next"]


# --- Verification: the steps of format.md section 8 -------------------------

def numeric_date(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and -2 ** 63 <= value < 2 ** 63:
        return value
    if isinstance(value, float) and math.isfinite(value) and abs(value) < 1e15:
        return math.floor(value)
    raise ValueError("not a NumericDate")


def decode_texts(value):
    """The document with every text value readable: SCSU byte strings decoded."""
    if isinstance(value, Mapping):
        return {k: decode_texts(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [decode_texts(v) for v in value]
    if isinstance(value, bytes):
        return scsu_decode(value)
    return value


def inflate_exactly(data: bytes, limit: int) -> bytes:
    """The whole zlib stream inflated, or ValueError (zlib.error is one)."""
    stream = zlib.decompressobj()
    out = stream.decompress(data, limit + 1)
    if len(out) > limit or not stream.eof or stream.unused_data:
        raise ValueError("too large, truncated or followed by bytes")
    return out


def inflate(data: bytes, limit: int) -> bytes:
    """format.md 3 and 5.5: the padding bits after the last block are zero.

    zlib does not say how many bits of the last deflate byte (the one before
    the Adler-32) it used, but the bits it did not use cannot change what it
    inflates. So the top bits of that byte are cleared, 1 to 7 of them: if a
    set bit can be cleared and the stream still inflates to the same bytes
    and ends there, the bit was padding.
    """
    out = inflate_exactly(data, limit)
    last = len(data) - 5
    for cleared in range(1, 8):
        byte = data[last] & (0xFF >> cleared)
        if byte == data[last]:
            continue
        try:
            same = inflate_exactly(data[:last] + bytes([byte]) + data[last + 1:], limit) == out
        except (ValueError, zlib.error):
            same = False
        if same:
            raise ValueError("padding bits after the last deflate block are set")
    return out


def verify(text: str, trust, now: int, identity: dict, skew: int = 300, grace: int = 7 * 86400,
           inflate_limit: int = 65536) -> dict:
    """The certificate, or Refused. `identity` (format.md 8.1) is filled in
    from the moment the signature verifies, whatever the verdict after it."""
    issuers, revoked, next_update = trust
    text = text.strip(" \r\n")
    if len(text) > 8192:
        raise Refused("prefix", "too_long", "longer than 8192 characters")
    if not text.startswith("BD1:"):
        raise Refused("prefix", "bad_prefix", "no BD1: prefix")
    try:
        data = base45_decode(text[4:])
    except MALFORMED as e:
        raise Refused("base45", "bad_base45", str(e)) from None
    if len(data) >= 2 and data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and (data[0] << 8 | data[1]) % 31 == 0:
        try:
            data = inflate(data, inflate_limit)
        except (ValueError, zlib.error) as e:
            raise Refused("inflate", "bad_compression", str(e)) from None
    try:
        protected_bytes, unprotected, payload, signature = parse_sign1(data)
        if set(unprotected) - {4}:
            raise ValueError("the unprotected header holds more than the kid")
    except MALFORMED as e:
        raise Refused("cose", "bad_cose", str(e)) from None
    try:
        protected = decode_protected(protected_bytes)
    except MALFORMED as e:
        raise Refused("header", "bad_header", str(e)) from None
    if 4 in protected and 4 in unprotected:
        raise Refused("header", "bad_header", "a kid in both headers")
    alg = protected.get(1)
    kid = protected.get(4, unprotected.get(4))
    if alg not in (EDDSA, ES256) or isinstance(alg, bool) or not isinstance(kid, bytes) or not kid:
        raise Refused("header", "bad_header", "alg or kid missing or unsupported")
    candidates = [i for i in issuers if i.kid == kid and i.alg == alg]
    if not candidates:
        raise Refused("key_lookup", "unknown_key", "no trusted key with this kid and algorithm")
    signed = sig_structure(protected_bytes, payload)
    signer = next((i for i in candidates if signature_ok(alg, i.key, signed, signature)), None)
    if signer is None:
        raise Refused("signature", "bad_signature", "no trusted key verifies the signature")
    identity.update(issuer="", cti="", fingerprint=hashlib.sha256(signed).hexdigest())
    try:
        check_strict_cbor(payload)
        claims = cbor2.loads(payload)
        if isinstance(claims, cbor2.CBORTag) and claims.tag == 61:
            claims = claims.value
        if not isinstance(claims, Mapping):
            raise ValueError("claims are not a map")
        iss, cti = claims.get(1), claims.get(7)
        if (iss is not None and not isinstance(iss, str)) or (cti is not None and not isinstance(cti, bytes)):
            raise ValueError("iss or cti of the wrong type")
        identity.update(issuer=iss or "", cti=(cti or b"").hex())
        iat, nbf, exp = (None if claims.get(k) is None else numeric_date(claims[k]) for k in (6, 5, 4))
    except MALFORMED as e:
        raise Refused("document", "bad_document", str(e)) from None
    if exp is not None and now > exp + skew:
        raise Refused("time", "expired", "past exp")
    if (nbf is not None and now + skew < nbf) or (iat is not None and now + skew < iat):
        raise Refused("time", "not_yet_valid", "before nbf or iat")
    if signer.status != "active":
        raise Refused("issuer", "key_revoked", f"the key is {signer.status}")
    if signer.iss and signer.iss != iss:
        raise Refused("issuer", "issuer_not_allowed", "iss is not the key's issuer")
    if iat is not None and (iat < signer.valid_from or (signer.valid_until and iat > signer.valid_until)):
        raise Refused("issuer", "key_outside_validity", "iat outside the key's validity")
    if iss is not None and cti is not None and \
            hashlib.sha256(iss.encode() + b"\0" + cti).digest()[:16] in revoked:
        raise Refused("revocation", "revoked", "the serial is revoked")
    try:
        document = decode_texts(claims[DOCUMENT_CLAIM])
        if not isinstance(document, dict):
            raise ValueError("the document is not a map")
    except (KeyError, *MALFORMED) as e:
        raise Refused("document", "bad_document", str(e)) from None
    if now > next_update + grace:
        raise Refused("trust", "trust_expired", "the trust bundle is too old")
    return {"iss": iss, "serial": cti, "document": document, "identity": identity}


# --- The shared vectors -------------------------------------------------------

# Poura checks these and this program does not: the document type the key may
# sign (step 10) and the profile's rules (step 12).
NOT_CHECKED_HERE = {("issuer", "issuer_not_allowed"), ("document", "bad_document")}
# Valid SCSU that Poura's encoder never writes (format.md 7.2.1): this reader
# refuses to show it rather than guess.
OUTSIDE_SCSU_SUBSET = {"scsu_other_modes": ("document", "bad_document"),
                       "scsu_extended_windows": ("document", "bad_document")}


def run_file(path: Path) -> tuple[int, int, int, int, list[str]]:
    suite = json.loads(path.read_text(encoding="utf-8"))
    roots = suite["trust"]["roots"]
    root = ed25519.Ed25519PublicKey.from_public_bytes(base64.b64decode(roots[0]["public_key"]))
    trust = open_bundle(base64.b64decode(suite["trust"]["bundle"]), root)
    agreed = not_checked = identities = 0
    problems = []
    shown = None
    for vector in suite["vectors"]:
        expected = (vector["expect"]["stage"], vector["expect"]["reason"])
        options = vector.get("options", {})
        identity = {}
        try:
            result = verify(vector["qr"], trust, vector["now"], identity, options.get("clock_skew", 300),
                            options.get("grace_period", 7 * 86400), options.get("max_inflated_size", 65536))
            got, why = ("done", "ok"), ""
            shown = shown or result
        except Refused as e:
            got, why = (e.stage, e.reason), str(e)
        # A vector agrees only when its identity does too, where it states one.
        identity_ok = "identity" not in vector["expect"] or identity == (vector["expect"]["identity"] or {})
        if identity_ok and "identity" in vector["expect"]:
            identities += 1
        else:
            why += "" if identity_ok else f" identity {identity}, expected {vector['expect']['identity']}"
        expected = OUTSIDE_SCSU_SUBSET.get(vector["name"], expected)
        if got == expected and identity_ok:
            agreed += 1
        elif got == ("done", "ok") and expected in NOT_CHECKED_HERE and "scsu" not in vector["name"] and identity_ok:
            not_checked += 1
        else:
            problems.append(f"{path.name}: {vector['name']}: expected {expected}, got {got} {why}")
    if shown:
        print(f"  {path.name}: e.g. {shown['iss']} {shown['serial'].decode()}: {shown['document'].get(1)}, "
              f"fingerprint {shown['identity']['fingerprint']}")
    return len(suite["vectors"]), agreed, not_checked, identities, problems


# SCSU streams beyond what the vectors hold: the format.md 11 name, a
# character above U+FFFF, quoted characters; then streams to refuse.
SCSU_CASES = [
    ("1813aecb9bbe8320b0b9bfaebe2096bea4c1a8", "মোছাঃ রহিমা খাতুন"),
    ("0ed83d0ede00", "\U0001F600"),
    ("1813a7050da8020a41", "ধ\u200dন\u008aA"),
    ("0ed83d41", None), ("10", None), ("1800", None), ("1868", None), ("80", None), ("01", None),
    ("4118134142", None), ("0180", None), ("0a", None),
]


def check_scsu() -> list[str]:
    problems = []
    for stream, expected in SCSU_CASES:
        try:
            got = scsu_decode(bytes.fromhex(stream))
        except ValueError:
            got = None
        if got != expected:
            problems.append(f"SCSU {stream}: expected {expected!r}, got {got!r}")
    return problems


def main() -> int:
    vectors = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors")
    problems = check_scsu()
    print(f"SCSU subset: {len(SCSU_CASES) - len(problems)} of {len(SCSU_CASES)} streams decoded or refused as expected")
    for problem in problems:
        print("  DISAGREE", problem)
    passed, failed = len(SCSU_CASES) - len(problems), len(problems)
    for name in ("valid.json", "failures.json", "malformed.json"):
        total, agreed, not_checked, identities, problems = run_file(vectors / name)
        print(f"{name}: {total} vectors, {agreed} agree, {not_checked} left to Poura's policy checks, "
              f"{identities} identities as expected")
        for problem in problems:
            print("  DISAGREE", problem)
        passed += agreed + not_checked
        failed += len(problems)
    print(f"python: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
