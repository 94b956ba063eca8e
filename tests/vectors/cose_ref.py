"""An independent reference implementation of the BD1 signed QR format.

Written from the standards (RFC 9285 Base45, RFC 8949 CBOR, RFC 1950 zlib,
RFC 9052 COSE_Sign1, RFC 8392 CWT, RFC 8032 Ed25519, FIPS 186 ECDSA, RFC 8017
RSASSA-PSS, UTS #6 SCSU), docs/format.md and docs/profiles.md, not from
Poura's C++ code, so
that the two can check each other. It uses cbor2 for CBOR values,
`cryptography` for the signature algorithms and zlib from the standard
library.

It both produces certificates and trust bundles (for the shared test vectors
and the interoperability tests) and verifies them, following format.md
section 8 step by step, so the vector generator can check every expectation
it writes against a second verifier.
"""

from __future__ import annotations

import hashlib
import math
import re
import struct
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography import x509

# --------------------------------------------------------------------------
# Base45 (RFC 9285)

BASE45_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_BASE45_VALUE = {c: i for i, c in enumerate(BASE45_ALPHABET)}


class FormatError(ValueError):
    """Input that breaks one of the format's rules."""


def b45encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        c, n = n % 45, n // 45
        d, e = n % 45, n // 45
        out += [BASE45_ALPHABET[c], BASE45_ALPHABET[d], BASE45_ALPHABET[e]]
    if len(data) % 2:
        n = data[-1]
        out += [BASE45_ALPHABET[n % 45], BASE45_ALPHABET[n // 45]]
    return "".join(out)


def b45decode(text: str) -> bytes:
    if len(text) % 3 == 1:
        raise FormatError("Base45 length leaves one character over")
    out = bytearray()
    for i in range(0, len(text), 3):
        chunk = text[i:i + 3]
        try:
            digits = [_BASE45_VALUE[c] for c in chunk]
        except KeyError as e:
            raise FormatError(f"character {e.args[0]!r} is not Base45") from None
        n = sum(d * 45 ** k for k, d in enumerate(digits))
        if len(digits) == 3:
            if n > 0xFFFF:
                raise FormatError("Base45 triplet above 65535")
            out += n.to_bytes(2, "big")
        else:
            if n > 0xFF:
                raise FormatError("Base45 final pair above 255")
            out.append(n)
    return bytes(out)


# --------------------------------------------------------------------------
# zlib (RFC 1950), detected by its header

def looks_like_zlib(data: bytes) -> bool:
    return (len(data) >= 2 and data[0] & 0x0F == 8 and data[0] >> 4 <= 7
            and (data[0] * 256 + data[1]) % 31 == 0)


def _inflate_exactly(data: bytes, limit: int) -> Optional[bytes]:
    """The whole stream inflated, or None when it is damaged, cut short or
    followed by more bytes."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error:
        return None
    return out if d.eof and not d.unused_data else None


def deflate_padding_is_zero(data: bytes, limit: int = 65536) -> bool:
    """Whether the bits after the last deflate block, up to the byte boundary,
    are zero. They sit in the high bits of the deflate data's last byte (the
    four bytes after it are the Adler-32); a bit there is padding exactly when
    flipping it changes nothing, since flipping a bit that is read changes the
    code it belongs to."""
    inflated = _inflate_exactly(data, limit)
    if inflated is None:
        raise FormatError("not a whole zlib stream")
    last = len(data) - 5
    for bit in range(7, 0, -1):
        if not data[last] >> bit & 1:
            continue
        flipped = bytearray(data)
        flipped[last] ^= 1 << bit
        if _inflate_exactly(bytes(flipped), limit) == inflated:
            return False
    return True


def inflate(data: bytes, limit: int = 65536) -> bytes:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise FormatError(f"zlib: {e}") from None
    if len(out) > limit:
        raise FormatError("inflates beyond the limit")
    if not d.eof:
        raise FormatError("zlib stream is truncated")
    if d.unused_data:
        raise FormatError("bytes after the zlib stream")
    return out


def compress(data: bytes) -> bytes:
    return zlib.compress(data, 9)


# --------------------------------------------------------------------------
# Strict CBOR (format.md section 4): a well-formedness scan written from
# RFC 8949, then cbor2 for the values (refusing duplicate keys).

@dataclass(frozen=True)
class CborLimits:
    depth: int = 16
    items: int = 4096


BUNDLE_LIMITS = CborLimits(depth=8, items=1_048_576)


def _float_fits(value: float, fmt: str) -> bool:
    """Whether struct format `fmt` ('e' half, 'f' single) holds the value exactly."""
    try:
        return struct.unpack(">" + fmt, struct.pack(">" + fmt, value))[0] == value
    except (OverflowError, struct.error):
        return False


def _scan(data: bytes, limits: CborLimits, preferred: bool = False) -> None:
    """Well-formedness; with `preferred`, also RFC 8949 4.1's preferred
    serialization: shortest heads and shortest exact floats."""
    pos = 0
    items = 0

    def need(n: int) -> None:
        if n > len(data) - pos:
            raise FormatError("CBOR item runs past the end of the data")

    def argument(ai: int) -> int:
        nonlocal pos
        if ai < 24:
            return ai
        size = {24: 1, 25: 2, 26: 4, 27: 8}[ai]
        need(size)
        value = int.from_bytes(data[pos:pos + size], "big")
        pos += size
        if preferred and value < {1: 24, 2: 0x100, 4: 0x10000, 8: 2 ** 32}[size]:
            raise FormatError("CBOR head longer than needed")
        return value

    def float_item(ai: int) -> None:
        nonlocal pos
        size = {25: 2, 26: 4, 27: 8}[ai]
        need(size)
        value = struct.unpack(">" + {2: "e", 4: "f", 8: "d"}[size], data[pos:pos + size])[0]
        pos += size
        if not preferred or size == 2:
            return
        if math.isnan(value) or _float_fits(value, "e") or (size == 8 and _float_fits(value, "f")):
            raise FormatError("CBOR float longer than needed")

    def item(depth: int) -> None:
        nonlocal pos, items
        if depth > limits.depth:
            raise FormatError("CBOR nested too deeply")
        need(1)
        initial = data[pos]
        pos += 1
        major, ai = initial >> 5, initial & 0x1F
        if ai == 31:
            raise FormatError("indefinite-length CBOR")
        if ai >= 28:
            raise FormatError("reserved CBOR additional information")
        if major == 7:
            if ai < 20 or ai == 24:
                raise FormatError("CBOR simple value not allowed")
            if ai >= 25:
                float_item(ai)
            return
        n = argument(ai)
        if major in (0, 1):
            return
        if major in (2, 3):
            need(n)
            if major == 3:
                try:
                    data[pos:pos + n].decode("utf-8", "strict")
                except UnicodeDecodeError:
                    raise FormatError("CBOR text is not valid UTF-8") from None
            pos += n
            return
        if major == 6:
            item(depth + 1)
            return
        count = n if major == 4 else 2 * n
        need(count)  # every item takes at least one byte
        items += n
        if items > limits.items:
            raise FormatError("too many CBOR items")
        for _ in range(count):
            item(depth + 1)

    item(0)
    if pos != len(data):
        raise FormatError("bytes after the CBOR item")


class _TagsAsTags(Mapping):
    """Leaves every tag as a CBORTag: cbor2 would otherwise turn bignums into
    integers and epoch dates into datetimes, which the format does not allow."""

    def __getitem__(self, tag: int) -> Callable[[Any, bool], Any]:
        return lambda value, _immutable: cbor2.CBORTag(tag, value)

    def __contains__(self, tag: object) -> bool:
        return True

    def get(self, tag: int, default: Any = None) -> Any:
        return self[tag]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(())

    def __len__(self) -> int:
        return 0


def cbor_strict_loads(data: bytes, limits: CborLimits = CborLimits(), preferred: bool = False) -> Any:
    _scan(data, limits, preferred)
    try:
        return cbor2.loads(data, allow_indefinite=False, allow_duplicate_keys=False,
                           semantic_decoders=_TagsAsTags())
    except cbor2.CBORDecodeError as e:
        raise FormatError(f"CBOR: {e}") from None


def cbor_dumps(value: Any) -> bytes:
    """Shortest-form, definite-length CBOR; maps keep their insertion order."""
    return cbor2.dumps(value)


# --------------------------------------------------------------------------
# Keys and signatures

ALG_EDDSA, ALG_ES256, ALG_PS256 = -8, -7, -37
ALG_NAMES = {ALG_EDDSA: "EdDSA", ALG_ES256: "ES256", ALG_PS256: "PS256"}
ALG_IDS = {name: ident for ident, name in ALG_NAMES.items()}


def kid_of(raw_or_der: bytes) -> bytes:
    """First 8 bytes of SHA-256 over a raw key or a DER certificate."""
    return hashlib.sha256(raw_or_der).digest()[:8]


def _pss_encode(digest: bytes, salt: bytes, em_bits: int) -> bytes:
    """EMSA-PSS-ENCODE (RFC 8017, 9.1.1) with SHA-256 and MGF1-SHA-256."""
    h_len = 32
    em_len = (em_bits + 7) // 8
    m_prime = b"\x00" * 8 + digest + salt
    h = hashlib.sha256(m_prime).digest()
    ps = b"\x00" * (em_len - len(salt) - h_len - 2)
    db = ps + b"\x01" + salt
    mask = b""
    counter = 0
    while len(mask) < len(db):
        mask += hashlib.sha256(h + counter.to_bytes(4, "big")).digest()
        counter += 1
    masked = bytearray(a ^ b for a, b in zip(db, mask))
    masked[0] &= 0xFF >> (8 * em_len - em_bits)
    return bytes(masked) + h + b"\xbc"


class Signer:
    alg: int

    def sign(self, message: bytes) -> bytes:
        raise NotImplementedError

    def public_raw(self) -> bytes:
        """The raw public key of format.md 5.3."""
        raise NotImplementedError

    def kid(self) -> bytes:
        return kid_of(self.public_raw())


class Ed25519Signer(Signer):
    alg = ALG_EDDSA

    def __init__(self, seed: bytes):
        self.key = ed25519.Ed25519PrivateKey.from_private_bytes(seed)

    def sign(self, message: bytes) -> bytes:
        return self.key.sign(message)

    def public_raw(self) -> bytes:
        return self.key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class ES256Signer(Signer):
    """ECDSA P-256 with deterministic nonces (RFC 6979), raw r||s output."""
    alg = ALG_ES256

    def __init__(self, key: ec.EllipticCurvePrivateKey):
        self.key = key

    def sign(self, message: bytes) -> bytes:
        der = self.key.sign(message, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def public_raw(self) -> bytes:
        return self.key.public_key().public_bytes(serialization.Encoding.X962,
                                                  serialization.PublicFormat.UncompressedPoint)


class PS256Signer(Signer):
    """RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt. A salt_source makes the
    signature reproducible (the salt is then derived from it and the message)."""
    alg = ALG_PS256

    def __init__(self, key: rsa.RSAPrivateKey, salt_source: Optional[bytes] = None):
        self.key = key
        self.salt_source = salt_source

    def sign(self, message: bytes) -> bytes:
        if self.salt_source is None:
            return self.key.sign(message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                                 hashes.SHA256())
        numbers = self.key.private_numbers()
        n, d = numbers.public_numbers.n, numbers.d
        salt = hashlib.sha256(self.salt_source + message).digest()
        em = _pss_encode(hashlib.sha256(message).digest(), salt, n.bit_length() - 1)
        k = (n.bit_length() + 7) // 8
        return pow(int.from_bytes(em, "big"), d, n).to_bytes(k, "big")

    def public_raw(self) -> bytes:
        return self.key.public_key().public_bytes(serialization.Encoding.DER,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass
class TrustedKey:
    """A public key a verifier trusts, with its algorithm and kid."""
    alg: int
    key: Any  # a cryptography public key
    kid: bytes

    @staticmethod
    def from_raw(alg: int, raw: bytes) -> "TrustedKey":
        if alg == ALG_EDDSA:
            if len(raw) != 32:
                raise FormatError("an Ed25519 key is 32 bytes")
            key = ed25519.Ed25519PublicKey.from_public_bytes(raw)
        elif alg == ALG_ES256:
            if len(raw) != 65 or raw[0] != 4:
                raise FormatError("an ES256 key is an uncompressed P-256 point")
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        elif alg == ALG_PS256:
            key = serialization.load_der_public_key(raw)
            if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 2048:
                raise FormatError("a PS256 key is RSA of at least 2048 bits")
        else:
            raise FormatError(f"algorithm {alg} is not supported")
        return TrustedKey(alg, key, kid_of(raw))

    @staticmethod
    def from_certificate(der: bytes) -> "TrustedKey":
        cert = x509.load_der_x509_certificate(der)
        key = cert.public_key()
        if isinstance(key, ed25519.Ed25519PublicKey):
            alg = ALG_EDDSA
        elif isinstance(key, ec.EllipticCurvePublicKey) and isinstance(key.curve, ec.SECP256R1):
            alg = ALG_ES256
        elif isinstance(key, rsa.RSAPublicKey) and key.key_size >= 2048:
            alg = ALG_PS256
        else:
            raise FormatError("certificate key is not Ed25519, P-256 or RSA >= 2048")
        return TrustedKey(alg, key, kid_of(der))

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            if self.alg == ALG_EDDSA:
                if len(signature) != 64:
                    return False
                self.key.verify(signature, message)
            elif self.alg == ALG_ES256:
                if len(signature) != 64:
                    return False
                der = encode_dss_signature(int.from_bytes(signature[:32], "big"),
                                           int.from_bytes(signature[32:], "big"))
                self.key.verify(der, message, ec.ECDSA(hashes.SHA256()))
            else:
                if len(signature) != (self.key.key_size + 7) // 8:
                    return False
                self.key.verify(signature, message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                                hashes.SHA256())
            return True
        except InvalidSignature:
            return False


# --------------------------------------------------------------------------
# COSE_Sign1 (RFC 9052)

HDR_ALG, HDR_CONTENT_TYPE, HDR_KID = 1, 3, 4
TAG_SIGN1, TAG_CWT = 18, 61


def sig_structure(protected: bytes, payload: bytes, external_aad: bytes = b"") -> bytes:
    return cbor_dumps(["Signature1", protected, external_aad, payload])


def encode_protected(header: dict) -> bytes:
    return cbor_dumps(header) if header else b""


def sign1(payload: bytes, signer: Signer, protected: Optional[dict] = None, unprotected: Optional[dict] = None,
          tagged: bool = True, protected_bytes: Optional[bytes] = None) -> bytes:
    """A COSE_Sign1. Without `protected`, the header is {alg, kid}; raw
    `protected_bytes` are signed as given (for vectors that need odd ones)."""
    if protected_bytes is None:
        if protected is None:
            protected = {HDR_ALG: signer.alg, HDR_KID: signer.kid()}
        protected_bytes = encode_protected(protected)
    signature = signer.sign(sig_structure(protected_bytes, payload))
    body = [protected_bytes, unprotected or {}, payload, signature]
    return cbor_dumps(cbor2.CBORTag(TAG_SIGN1, body) if tagged else body)


@dataclass
class Sign1:
    protected_bytes: bytes
    protected: dict
    unprotected: dict
    payload: bytes
    signature: bytes

    def header(self, label: int) -> Any:
        """Protected wins over unprotected (format.md 5.2)."""
        if label in self.protected:
            return self.protected[label]
        return self.unprotected.get(label)


class CoseError(FormatError):
    def __init__(self, stage: str, reason: str, message: str):
        super().__init__(message)
        self.stage, self.reason = stage, reason


def parse_sign1(data: bytes, limits: CborLimits = CborLimits(), canonical: bool = False,
                allow_cwt_tag: bool = False) -> Sign1:
    """`canonical` (BD1): tag 18, preferred serialization, and an unprotected
    header that is empty or holds only a kid (format.md 5.1)."""
    try:
        item = cbor_strict_loads(data, limits, canonical)
    except FormatError as e:
        raise CoseError("cose", "bad_cose", str(e)) from None
    # RFC 8392 section 6: the CWT tag goes in front of the COSE tag, 61(18([...])).
    if allow_cwt_tag and isinstance(item, cbor2.CBORTag) and item.tag == TAG_CWT:
        item = item.value
        if not isinstance(item, cbor2.CBORTag) or item.tag != TAG_SIGN1:
            raise CoseError("cose", "bad_cose", "the CWT tag must wrap a tagged COSE_Sign1")
    if isinstance(item, cbor2.CBORTag):
        if item.tag != TAG_SIGN1:
            raise CoseError("cose", "bad_cose", f"tag {item.tag} is not COSE_Sign1")
        item = item.value
    elif canonical:
        raise CoseError("cose", "bad_cose", "untagged COSE_Sign1")
    if not isinstance(item, (list, tuple)) or len(item) != 4:
        raise CoseError("cose", "bad_cose", "COSE_Sign1 is an array of four")
    protected_bytes, unprotected, payload, signature = item
    if not isinstance(protected_bytes, bytes) or not isinstance(unprotected, Mapping) \
            or not isinstance(payload, bytes) or not isinstance(signature, bytes):
        raise CoseError("cose", "bad_cose", "COSE_Sign1 members have the wrong types")
    if canonical and any(label != HDR_KID for label in unprotected):
        raise CoseError("cose", "bad_cose", "unprotected header holds more than a kid")
    protected: dict = {}
    if protected_bytes:
        try:
            protected = cbor_strict_loads(protected_bytes, limits, canonical)
        except FormatError as e:
            raise CoseError("header", "bad_header", f"protected header: {e}") from None
        if not isinstance(protected, Mapping):
            raise CoseError("header", "bad_header", "protected header is not a map")
    return Sign1(protected_bytes, dict(protected), dict(unprotected), payload, signature)


# --------------------------------------------------------------------------
# CWT claims (RFC 8392)

CLAIM_ISS, CLAIM_EXP, CLAIM_NBF, CLAIM_IAT, CLAIM_CTI = 1, 4, 5, 6, 7
BD1_DOCUMENT_CLAIM, HC1_DOCUMENT_CLAIM = -65537, -260


def cwt_claims(iss: Optional[str], iat: Optional[int], exp: Optional[int], cti: Optional[bytes], document: Any,
               nbf: Optional[int] = None, document_claim: int = BD1_DOCUMENT_CLAIM) -> dict:
    """Claims in the order issuers write them: 1, 6, (5), 4, 7, document."""
    claims: dict = {}
    if iss is not None:
        claims[CLAIM_ISS] = iss
    if iat is not None:
        claims[CLAIM_IAT] = iat
    if nbf is not None:
        claims[CLAIM_NBF] = nbf
    if exp is not None:
        claims[CLAIM_EXP] = exp
    if cti is not None:
        claims[CLAIM_CTI] = cti
    if document is not None:
        claims[document_claim] = document
    return claims


def numeric_date(value: Any) -> int:
    if isinstance(value, bool):
        raise FormatError("NumericDate is not a boolean")
    if isinstance(value, int):
        if not -2 ** 63 <= value < 2 ** 63:
            raise FormatError("NumericDate outside the signed 64-bit range")
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e15:
            raise FormatError("NumericDate float out of range")
        return math.floor(value)
    raise FormatError("NumericDate is not a number")


@dataclass
class Claims:
    iss: Optional[str] = None
    iat: Optional[int] = None
    nbf: Optional[int] = None
    exp: Optional[int] = None
    cti: Optional[bytes] = None
    document: Any = None
    has_document: bool = False


def parse_claims(payload: bytes, document_claim: int, preferred: bool = False) -> Claims:
    value = cbor_strict_loads(payload, preferred=preferred)
    if isinstance(value, cbor2.CBORTag) and value.tag == TAG_CWT:
        value = value.value
    if not isinstance(value, Mapping):
        raise FormatError("CWT claims are not a map")
    claims = Claims()
    if CLAIM_ISS in value:
        if not isinstance(value[CLAIM_ISS], str):
            raise FormatError("iss is not text")
        claims.iss = value[CLAIM_ISS]
    if CLAIM_CTI in value:
        if not isinstance(value[CLAIM_CTI], bytes):
            raise FormatError("cti is not a byte string")
        claims.cti = value[CLAIM_CTI]
    for key, name in ((CLAIM_IAT, "iat"), (CLAIM_NBF, "nbf"), (CLAIM_EXP, "exp")):
        if key in value:
            setattr(claims, name, numeric_date(value[key]))
    if document_claim in value:
        claims.document = value[document_claim]
        claims.has_document = True
    return claims


# --------------------------------------------------------------------------
# SCSU (Unicode Technical Standard #6)

_STATIC_WINDOWS = [0x0000, 0x0080, 0x0100, 0x0300, 0x2000, 0x2080, 0x2100, 0x3000]
_INITIAL_DYNAMIC = [0x0080, 0x00C0, 0x0400, 0x0600, 0x0900, 0x3040, 0x30A0, 0xFF00]
_FIXED_OFFSETS = {0xF9: 0x00C0, 0xFA: 0x0250, 0xFB: 0x0370, 0xFC: 0x0530, 0xFD: 0x3040, 0xFE: 0x30A0, 0xFF: 0xFF60}
SQ0, SDX, SQU, SCU, SC0, SD0 = 0x01, 0x0B, 0x0E, 0x0F, 0x10, 0x18
UC0, UD0, UQU, UDX = 0xE0, 0xE8, 0xF0, 0xF1


def _window_offset(index: int) -> int:
    if 0x01 <= index <= 0x67:
        return index * 0x80
    if 0x68 <= index <= 0xA7:
        return index * 0x80 + 0xAC00
    if index in _FIXED_OFFSETS:
        return _FIXED_OFFSETS[index]
    raise FormatError(f"SCSU window index {index:#04x} is reserved")


def scsu_encode(text: str) -> bytes:
    """The single-byte subset format.md 7.2 says Poura's encoder emits."""
    out = bytearray()
    window = None
    for ch in text:
        cp = ord(ch)
        if window is None and 0x0100 <= cp <= 0x33FF:
            window = (cp // 0x80) * 0x80
            out += bytes([SD0, cp // 0x80])
    for ch in text:
        cp = ord(ch)
        if window is not None and window <= cp < window + 0x80:
            out.append(0x80 + cp - window)
        elif 0x20 <= cp <= 0x7F:
            out.append(cp)
        elif cp < 0x20:
            out += bytes([SQ0, cp])
        elif 0x80 <= cp <= 0xFF:
            out += bytes([SQ0 + 1, cp - 0x80])
        elif 0x2000 <= cp <= 0x207F:
            out += bytes([SQ0 + 4, cp - 0x2000])
        elif cp > 0xFFFF:
            high = 0xD800 + ((cp - 0x10000) >> 10)
            low = 0xDC00 + ((cp - 0x10000) & 0x3FF)
            out += bytes([SQU]) + high.to_bytes(2, "big") + bytes([SQU]) + low.to_bytes(2, "big")
        else:
            out += bytes([SQU]) + cp.to_bytes(2, "big")
    return bytes(out)


def scsu_decode(data: bytes) -> str:
    """Any conforming SCSU stream, single-byte and Unicode modes."""
    dynamic = list(_INITIAL_DYNAMIC)
    active = 0
    units: list[int] = []  # code points, with UTF-16 surrogates still apart
    pos = 0
    unicode_mode = False

    def take(n: int) -> bytes:
        nonlocal pos
        if pos + n > len(data):
            raise FormatError("SCSU tag cut off by the end of the data")
        chunk = data[pos:pos + n]
        pos += n
        return chunk

    def define_extended(hl: bytes) -> int:
        window = hl[0] >> 5
        dynamic[window] = 0x10000 + (((hl[0] & 0x1F) << 8) | hl[1]) * 0x80
        return window

    while pos < len(data):
        b = take(1)[0]
        if not unicode_mode:
            if b >= 0x80:
                units.append(dynamic[active] + b - 0x80)
            elif b >= 0x20 or b in (0x00, 0x09, 0x0A, 0x0D):
                units.append(b)
            elif SQ0 <= b <= SQ0 + 7:
                q = take(1)[0]
                n = b - SQ0
                units.append(_STATIC_WINDOWS[n] + q if q < 0x80 else dynamic[n] + q - 0x80)
            elif b == SDX:
                active = define_extended(take(2))
            elif b == 0x0C:
                raise FormatError("SCSU reserved byte 0C")
            elif b == SQU:
                units.append(int.from_bytes(take(2), "big"))
            elif b == SCU:
                unicode_mode = True
            elif SC0 <= b <= SC0 + 7:
                active = b - SC0
            else:  # SD0..SD7
                active = b - SD0
                dynamic[active] = _window_offset(take(1)[0])
        else:
            if UC0 <= b <= UC0 + 7:
                active = b - UC0
                unicode_mode = False
            elif UD0 <= b <= UD0 + 7:
                active = b - UD0
                dynamic[active] = _window_offset(take(1)[0])
                unicode_mode = False
            elif b == UQU:
                units.append(int.from_bytes(take(2), "big"))
            elif b == UDX:
                active = define_extended(take(2))
                unicode_mode = False
            elif b == 0xF2:
                raise FormatError("SCSU reserved byte F2 in Unicode mode")
            else:
                units.append((b << 8) | take(1)[0])

    out = []
    i = 0
    while i < len(units):
        u = units[i]
        if 0xD800 <= u <= 0xDBFF and i + 1 < len(units) and 0xDC00 <= units[i + 1] <= 0xDFFF:
            out.append(chr(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00)))
            i += 2
            continue
        if 0xD800 <= u <= 0xDFFF or u > 0x10FFFF:
            raise FormatError("SCSU result is not a Unicode scalar value")
        out.append(chr(u))
        i += 1
    return "".join(out)


def encode_text(text: str) -> Any:
    """A text value as the issuer writes it: SCSU bytes only when shorter."""
    utf8 = text.encode("utf-8")
    scsu = scsu_encode(text)
    return scsu if len(scsu) < len(utf8) else text


def decode_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return scsu_decode(value)
    raise FormatError("a text value is a text or byte string")


def normalise_text(text: str) -> str:
    """NFC; runs of spaces, tabs, CR and LF become one space, and both ends
    are trimmed (format.md 7.1, docs/profiles.md)."""
    return re.sub(r"[ \t\r\n]+", " ", unicodedata.normalize("NFC", text)).strip(" \t\r\n")


# --------------------------------------------------------------------------
# The document claim: profile key tables from format.md 7.3

@dataclass
class Field:
    key: int
    name: str
    kind: str = "text"  # text, int, object, list
    script: Optional[str] = None  # "bangla_name" or "latin_name": the name kinds' character rules
    required: bool = False
    pattern: Optional[str] = None
    max_length: Optional[int] = None
    min: Optional[int] = None
    max: Optional[int] = None
    values: Optional[list[str]] = None
    fields: Optional[list["Field"]] = None
    min_items: int = 0
    max_items: Optional[int] = None


NID = r"[0-9]{10}|[0-9]{13}|[0-9]{17}"
BRN = r"[0-9]{17}"
MOBILE = r"01[3-9][0-9]{8}"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
FISCAL_YEAR = r"[0-9]{4}-[0-9]{4}"
RELATIONS = ["father", "mother", "husband", "wife", "son", "daughter", "brother", "sister", "grandson",
             "granddaughter", "other"]


BN, EN = "bangla_name", "latin_name"


def _person() -> list[Field]:
    return [
        Field(1, "name_bn", required=True, script=BN), Field(2, "name_en", required=True, script=EN),
        Field(3, "father_name_bn", required=True, script=BN), Field(4, "father_name_en", script=EN),
        Field(5, "mother_name_bn", required=True, script=BN), Field(6, "mother_name_en", script=EN),
        Field(7, "nid", pattern=NID), Field(8, "brn", pattern=BRN), Field(9, "date_of_birth", pattern=DATE),
        Field(10, "address_bn", required=True, max_length=200), Field(11, "address_en", max_length=200),
        Field(12, "ward", kind="int", min=1, max=99),
    ]


@dataclass
class Profile:
    code: int
    type: str
    fields: list[Field]
    one_of: list[list[str]] = field(default_factory=list)


PROFILES = {p.type: p for p in [
    Profile(1, "citizenship", _person(), [["nid", "brn"]]),
    Profile(2, "character", _person(), [["nid", "brn"]]),
    Profile(3, "heirship", [
        Field(1, "deceased", kind="object", required=True, fields=[
            Field(1, "name_bn", required=True, script=BN), Field(2, "name_en", required=True, script=EN),
            Field(3, "father_name_bn", script=BN),
            Field(4, "nid", pattern=NID), Field(5, "date_of_death", required=True, pattern=DATE),
            Field(6, "address_bn", required=True, max_length=200)]),
        Field(2, "heirs", kind="list", required=True, min_items=1, max_items=30, fields=[
            Field(1, "name_bn", required=True, script=BN), Field(2, "name_en", script=EN),
            Field(3, "relation", required=True, values=RELATIONS), Field(4, "nid", pattern=NID),
            Field(5, "brn", pattern=BRN), Field(6, "date_of_birth", pattern=DATE)]),
        Field(3, "applicant_name_bn", script=BN),
        Field(4, "ward", kind="int", min=1, max=99),
    ]),
    Profile(4, "unmarried", _person(), [["nid", "brn"]]),
    Profile(5, "income", _person() + [
        Field(13, "annual_income", kind="int", required=True, min=0, max=10 ** 12),
        Field(14, "income_source_bn", max_length=100), Field(15, "income_source_en", max_length=100)],
        [["nid", "brn"]]),
    Profile(6, "landless", _person(), [["nid", "brn"]]),
    Profile(7, "same_person", _person() + [
        Field(13, "other_name_bn", required=True, script=BN), Field(14, "other_name_en", required=True, script=EN),
        Field(15, "other_name_document_en", max_length=100)], [["nid", "brn"]]),
    Profile(8, "trade_licence", [
        Field(1, "licence_no", required=True, max_length=40),
        Field(2, "business_name_bn", required=True, max_length=120),
        Field(3, "business_name_en", required=True, max_length=120),
        Field(4, "owner_name_bn", required=True, script=BN), Field(5, "owner_name_en", required=True, script=EN),
        Field(6, "owner_nid", required=True, pattern=NID),
        Field(7, "business_category", required=True, max_length=60),
        Field(8, "business_address_bn", required=True, max_length=200),
        Field(9, "holding_no", max_length=40), Field(10, "mobile", pattern=MOBILE),
        Field(11, "fiscal_year", required=True, pattern=FISCAL_YEAR),
        Field(12, "fee_paid", kind="int", required=True, min=0, max=10 ** 12),
        Field(13, "ward", kind="int", min=1, max=99),
    ]),
    Profile(10, "family", _person() + [
        Field(13, "members", kind="list", required=True, min_items=1, max_items=30, fields=[
            Field(1, "name_bn", required=True, script=BN), Field(2, "name_en", script=EN),
            Field(3, "relation", required=True, values=RELATIONS[:-1] + ["daughter_in_law", "other"]),
            Field(4, "nid", pattern=NID), Field(5, "brn", pattern=BRN), Field(6, "date_of_birth", pattern=DATE)])],
        [["nid", "brn"]]),
    Profile(11, "not_remarried", _person() + [
        Field(13, "late_spouse_name_bn", required=True, script=BN), Field(14, "late_spouse_name_en", script=EN),
        Field(15, "late_spouse_date_of_death", required=True, pattern=DATE), Field(16, "late_spouse_nid", pattern=NID)],
        [["nid", "brn"]]),
    Profile(12, "unemployment", _person() + [
        Field(13, "education_bn", max_length=100), Field(14, "education_en", max_length=100)], [["nid", "brn"]]),
    Profile(13, "freedom_fighter_child", _person() + [
        Field(13, "freedom_fighter_name_bn", required=True, script=BN),
        Field(14, "freedom_fighter_name_en", script=EN),
        Field(15, "freedom_fighter_relation", required=True, values=["son", "daughter"]),
        Field(16, "gazette_no", max_length=60), Field(17, "mis_no", max_length=40)],
        [["nid", "brn"], ["gazette_no", "mis_no"]]),
    Profile(14, "permanent_resident", _person() + [
        Field(13, "holding_no", max_length=40), Field(14, "resident_since", kind="int", min=1900, max=2100)],
        [["nid", "brn"]]),
    Profile(15, "widow", _person() + [
        Field(13, "late_husband_name_bn", required=True, script=BN), Field(14, "late_husband_name_en", script=EN),
        Field(15, "husband_date_of_death", required=True, pattern=DATE)], [["nid", "brn"]]),
    Profile(16, "orphan", _person() + [
        Field(13, "orphan_status", required=True, values=["father_deceased", "mother_deceased", "both_deceased"]),
        Field(14, "guardian", kind="object", required=True, fields=[
            Field(1, "name_bn", required=True, script=BN), Field(2, "name_en", script=EN),
            Field(3, "relation", required=True, values=["mother", "father", "grandfather", "grandmother", "uncle",
                                                        "aunt", "brother", "sister", "other"]),
            Field(4, "nid", pattern=NID), Field(5, "mobile", pattern=MOBILE)])], [["nid", "brn"]]),
    Profile(17, "disability", _person() + [
        Field(13, "disability_type", required=True, values=[
            "autism", "physical", "psychosocial", "visual", "speech", "intellectual", "hearing", "deaf_blind",
            "cerebral_palsy", "down_syndrome", "multiple", "other"]),
        Field(14, "disability_id", max_length=40)], [["nid", "brn"]]),
    Profile(18, "no_objection", _person() + [
        Field(13, "purpose_bn", required=True, max_length=300), Field(14, "purpose_en", max_length=300),
        Field(15, "addressed_to", max_length=200)], [["nid", "brn"]]),
    Profile(19, "possession", _person() + [
        Field(13, "mouza_bn", required=True, max_length=60), Field(14, "khatian_no", max_length=40),
        Field(15, "dag_no", required=True, max_length=40), Field(16, "land_area", required=True, max_length=40),
        Field(17, "holding_no", max_length=40)], [["nid", "brn"]]),
    Profile(20, "small_ethnic_group", _person() + [
        Field(13, "ethnic_group_bn", required=True, max_length=60), Field(14, "ethnic_group_en", max_length=60)],
        [["nid", "brn"]]),
    Profile(21, "river_erosion_affected", _person() + [
        Field(13, "river_bn", required=True, max_length=60),
        Field(14, "erosion_year", kind="int", required=True, min=1950, max=2100),
        Field(15, "lost_address_bn", required=True, max_length=200), Field(16, "loss_bn", max_length=200)],
        [["nid", "brn"]]),
]}
PROFILES_BY_CODE = {p.code: p for p in PROFILES.values()}


def _encode_record(fields: list[Field], record: dict, text_encoder: Callable[[str], Any]) -> dict:
    out: dict = {}
    for f in fields:
        if f.name not in record:
            continue
        value = record[f.name]
        if f.kind == "int":
            out[f.key] = value
        elif f.kind == "object":
            out[f.key] = _encode_record(f.fields, value, text_encoder)
        elif f.kind == "list":
            out[f.key] = [_encode_record(f.fields, item, text_encoder) for item in value]
        else:
            out[f.key] = text_encoder(value)
    unknown = set(record) - {f.name for f in fields} - {"type"}
    if unknown:
        raise FormatError(f"fields not in the profile: {sorted(unknown)}")
    return out


def encode_document(document: dict, text_encoder: Callable[[str], Any] = encode_text) -> dict:
    """A document ({"type": ..., fields}) as the claim map: key 0 first, then
    the fields in profile order."""
    profile = PROFILES[document["type"]]
    return {0: profile.code, **_encode_record(profile.fields, document, text_encoder)}


def _name_ok(text: str, kind: str) -> bool:
    """The character rules of the two name kinds (docs/profiles.md)."""
    if kind == "bangla_name":
        allowed = all(0x980 <= ord(c) <= 0x9FF or c in " .-\u200c\u200d" for c in text)
        return allowed and any(0x985 <= ord(c) <= 0x9B9 or 0x9CE <= ord(c) <= 0x9E1 for c in text)
    def letter(c: str) -> bool:
        return "A" <= c <= "Z" or "a" <= c <= "z" or (0xC0 <= ord(c) <= 0xFF and c not in "\u00d7\u00f7")
    return all(letter(c) or c in " .-'" for c in text) and any(letter(c) for c in text)


def _decode_record(fields: list[Field], claim: Any, path: str) -> dict:
    if not isinstance(claim, Mapping):
        raise FormatError(f"{path or 'document'} is not a map")
    by_key = {f.key: f for f in fields}
    out: dict = {}
    for key, value in claim.items():
        if key == 0 and not path:
            continue
        f = by_key.get(key) if isinstance(key, int) and not isinstance(key, bool) else None
        if f is None:
            raise FormatError(f"unknown key {key!r} in {path or 'document'}")
        where = f"{path}.{f.name}" if path else f.name
        if f.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise FormatError(f"{where} is not an integer")
            if (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
                raise FormatError(f"{where} out of range")
            out[f.name] = value
        elif f.kind == "object":
            out[f.name] = _decode_record(f.fields, value, where)
        elif f.kind == "list":
            if not isinstance(value, (list, tuple)):
                raise FormatError(f"{where} is not an array")
            if len(value) < f.min_items or (f.max_items is not None and len(value) > f.max_items):
                raise FormatError(f"{where} has the wrong number of items")
            out[f.name] = [_decode_record(f.fields, item, f"{where}[{i}]") for i, item in enumerate(value)]
        else:
            text = normalise_text(decode_text(value))
            if not text:
                raise FormatError(f"{where} is empty")
            if f.script and not _name_ok(text, f.script):
                raise FormatError(f"{where} has characters a {f.script} may not have")
            if f.pattern and not re.fullmatch(f.pattern, text):
                raise FormatError(f"{where} is ill-formed")
            if f.max_length is not None and len(text) > f.max_length:
                raise FormatError(f"{where} is too long")
            if f.values is not None and text not in f.values:
                raise FormatError(f"{where} is not one of the allowed values")
            if f.name == "fiscal_year" and int(text[5:]) != int(text[:4]) + 1:
                raise FormatError(f"{where} is not two consecutive years")
            out[f.name] = text
    for f in fields:
        if f.required and f.name not in out:
            raise FormatError(f"{path + '.' if path else ''}{f.name} is missing")
    return out


def decode_document(claim: Any) -> dict:
    """The claim map as a document JSON object ({"type": ..., fields})."""
    if not isinstance(claim, Mapping):
        raise FormatError("the document claim is not a map")
    code = claim.get(0)
    if not isinstance(code, int) or isinstance(code, bool) or code not in PROFILES_BY_CODE:
        raise FormatError(f"unknown profile code {code!r}")
    profile = PROFILES_BY_CODE[code]
    out = {"type": profile.type, **_decode_record(profile.fields, claim, "")}
    for group in profile.one_of:
        if not any(name in out for name in group):
            raise FormatError(f"one of {group} is required")
    return out


def document_type_of(claim: Any) -> Optional[str]:
    if isinstance(claim, Mapping):
        code = claim.get(0)
        if isinstance(code, int) and not isinstance(code, bool) and code in PROFILES_BY_CODE:
            return PROFILES_BY_CODE[code].type
    return None


def generic_json(value: Any) -> Any:
    """HC1 documents: integer keys as strings, byte strings as hex."""
    if isinstance(value, cbor2.CBORTag):
        return generic_json(value.value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return {(k if isinstance(k, str) else str(k)): generic_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [generic_json(v) for v in value]
    if value is cbor2.undefined:
        return None
    return value


# --------------------------------------------------------------------------
# Trust bundle (format.md 9)

BUNDLE_CONTENT_TYPE = "application/poura-trust+cbor"


@dataclass
class IssuerEntry:
    alg: int
    key: bytes = b""   # raw public key
    x5c: bytes = b""   # or a DER certificate
    iss: str = ""
    name_bn: str = ""
    name_en: str = ""
    valid_from: int = 0
    valid_until: int = 0
    docs: list[str] = field(default_factory=lambda: ["*"])
    status: str = "active"
    kid_override: Optional[bytes] = None  # for vectors with a wrong kid
    extra: dict = field(default_factory=dict)  # further members, written as given

    def kid(self) -> bytes:
        if self.kid_override is not None:
            return self.kid_override
        return kid_of(self.x5c if self.x5c else self.key)

    def to_cbor(self) -> dict:
        entry: dict = {"kid": self.kid(), "alg": ALG_NAMES[self.alg]}
        if self.x5c:
            entry["x5c"] = self.x5c
        else:
            entry["key"] = self.key
        entry.update({"iss": self.iss, "name_bn": self.name_bn, "name_en": self.name_en, "from": self.valid_from,
                      "until": self.valid_until, "docs": list(self.docs), "status": self.status})
        entry.update(self.extra)
        return entry

    def trusted_key(self) -> TrustedKey:
        return TrustedKey.from_certificate(self.x5c) if self.x5c else TrustedKey.from_raw(self.alg, self.key)


def revocation_hash(iss: str, serial: bytes) -> bytes:
    return hashlib.sha256(iss.encode("utf-8") + b"\x00" + serial).digest()[:16]


@dataclass
class Bundle:
    seq: int
    iat: int
    next: int
    issuers: list[IssuerEntry] = field(default_factory=list)
    revoked: list[bytes] = field(default_factory=list)
    version: int = 1
    extra: dict = field(default_factory=dict)  # further members, written as given

    def payload(self) -> dict:
        return {"v": self.version, "seq": self.seq, "iat": self.iat, "next": self.next,
                "issuers": [i.to_cbor() for i in self.issuers], "revoked": list(self.revoked), **self.extra}

    def sign(self, root: Signer, content_type_in: str = "protected", with_kid: bool = True) -> bytes:
        protected: dict = {HDR_ALG: root.alg}
        if with_kid:
            protected[HDR_KID] = root.kid()
        unprotected: dict = {}
        if content_type_in == "protected":
            protected[HDR_CONTENT_TYPE] = BUNDLE_CONTENT_TYPE
        elif content_type_in == "unprotected":
            unprotected[HDR_CONTENT_TYPE] = BUNDLE_CONTENT_TYPE
        return sign1(cbor_dumps(self.payload()), root, protected=protected, unprotected=unprotected)


class TrustError(Exception):
    """Loading trust failed; `code` is Poura's error name."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _bundle_issuer(entry: Any) -> IssuerEntry:
    if not isinstance(entry, Mapping):
        raise FormatError("issuer entry is not a map")

    def get(name: str, kind: type) -> Any:
        value = entry.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise FormatError(f"issuer member {name!r} is missing or of the wrong type")
        return value

    alg = ALG_IDS.get(get("alg", str))
    if alg is None:
        raise FormatError("issuer algorithm is not supported")
    issuer = IssuerEntry(alg=alg, iss=get("iss", str), name_bn=get("name_bn", str), name_en=get("name_en", str),
                         valid_from=get("from", int), valid_until=get("until", int),
                         docs=list(get("docs", (list, tuple))), status=get("status", str))
    if issuer.status not in ("active", "suspended", "revoked"):
        raise FormatError("issuer status is unknown")
    if not all(isinstance(d, str) for d in issuer.docs):
        raise FormatError("docs are text")
    if isinstance(entry.get("x5c"), bytes):
        issuer.x5c = entry["x5c"]
    elif isinstance(entry.get("key"), bytes):
        issuer.key = entry["key"]
    else:
        raise FormatError("issuer has neither key nor x5c")
    trusted = issuer.trusted_key()
    if trusted.alg != alg:
        raise FormatError("issuer key does not match its algorithm")
    if get("kid", bytes) != trusted.kid:
        raise FormatError("issuer kid does not match its key")
    return issuer


def open_bundle(signed: bytes, roots: list[TrustedKey], min_sequence: int = 0) -> Bundle:
    try:
        message = parse_sign1(signed, BUNDLE_LIMITS)
    except FormatError as e:
        raise TrustError("trust_bundle_invalid", str(e)) from None
    if message.protected.get(HDR_CONTENT_TYPE) != BUNDLE_CONTENT_TYPE:
        raise TrustError("trust_bundle_invalid", "no trust bundle content type in the protected header")
    alg, kid = message.header(HDR_ALG), message.header(HDR_KID)
    signed_input = sig_structure(message.protected_bytes, message.payload)
    if not any(r.alg == alg and (kid is None or r.kid == kid) and r.verify(signed_input, message.signature)
               for r in roots):
        raise TrustError("trust_bundle_invalid", "the bundle is not signed by a root key")
    try:
        body = cbor_strict_loads(message.payload, BUNDLE_LIMITS)
        if not isinstance(body, Mapping) or body.get("v") != 1:
            raise FormatError("unknown bundle version")
        for name in ("seq", "iat", "next"):
            if not isinstance(body.get(name), int) or isinstance(body.get(name), bool):
                raise FormatError(f"bundle member {name!r} missing")
        if body["seq"] < 0:
            raise FormatError("negative sequence")
        if not isinstance(body.get("issuers"), (list, tuple)) or not isinstance(body.get("revoked"), (list, tuple)):
            raise FormatError("bundle lists missing")
        revoked = list(body["revoked"])
        if not all(isinstance(r, bytes) and len(r) == 16 for r in revoked):
            raise FormatError("a revocation is 16 bytes")
        bundle = Bundle(body["seq"], body["iat"], body["next"], [_bundle_issuer(i) for i in body["issuers"]],
                        revoked)
    except FormatError as e:
        raise TrustError("trust_bundle_invalid", str(e)) from None
    if bundle.seq < min_sequence:
        raise TrustError("trust_rollback", f"sequence {bundle.seq} is below {min_sequence}")
    return bundle


@dataclass
class Trust:
    issuers: list[IssuerEntry]
    bundle: Optional[Bundle] = None

    @staticmethod
    def from_bundle(signed: bytes, roots: list[TrustedKey], min_sequence: int = 0) -> "Trust":
        bundle = open_bundle(signed, roots, min_sequence)
        return Trust(bundle.issuers, bundle)

    def update(self, signed: bytes, roots: list[TrustedKey]) -> None:
        current = self.bundle.seq if self.bundle else 0
        bundle = open_bundle(signed, roots, current)
        self.bundle, self.issuers = bundle, bundle.issuers

    def freshness(self, now: int, grace: int, skew: int) -> str:
        if self.bundle is None:
            return "fresh"
        if self.bundle.iat > now + skew:  # issued after this clock's time: the clock is suspect
            return "clock_suspect"
        if now <= self.bundle.next:
            return "fresh"
        return "stale" if now <= self.bundle.next + grace else "expired"


# --------------------------------------------------------------------------
# Verification (format.md section 8)

@dataclass
class Scheme:
    prefix: str
    document_claim: int
    check_document: bool
    canonical: bool
    dcc: bool = False  # format.md 10: compression required, CWT tag 61, DCC map, DSC key usage


BD1 = Scheme("BD1:", BD1_DOCUMENT_CLAIM, True, True)
HC1 = Scheme("HC1:", HC1_DOCUMENT_CLAIM, False, False, dcc=True)

# The DCC specification's extended key usages for document signer
# certificates, with the alternative arc 1.3.6.1.4.1.0.1847.2021.1 it also names.
DCC_KEY_USAGES = {f"{arc}.{n}": kind for arc in ("1.3.6.1.4.1.1847.2021.1", "1.3.6.1.4.1.0.1847.2021.1")
                  for n, kind in ((1, "t"), (2, "v"), (3, "r"))}


def dcc_signer_refusal(certificate: bytes, dcc: Mapping) -> Optional[str]:
    """Why a signer certificate may not sign this DCC, per its extended key usage."""
    try:
        usage = x509.load_der_x509_certificate(certificate).extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return None
    allowed = {DCC_KEY_USAGES[oid.dotted_string] for oid in usage if oid.dotted_string in DCC_KEY_USAGES}
    if not allowed:
        return None
    carried = {kind for kind in ("v", "t", "r") if kind in dcc}
    if not carried:
        return "the DCC carries no certificate type"
    if not carried <= allowed:
        return f"types {sorted(carried - allowed)} not allowed"
    return None


@dataclass
class Verification:
    verdict: str
    stage: str
    reason: str
    detail: str = ""
    document: Any = None
    issuer: Optional[dict] = None
    identity: Optional[dict] = None
    freshness: str = "fresh"


def verify(text: str, trust: Trust, now: int, scheme: Scheme = BD1, clock_skew: int = 300,
           grace_period: int = 7 * 86400, max_inflated_size: int = 65536) -> Verification:
    freshness = trust.freshness(now, grace_period, clock_skew)
    found: dict = {"freshness": freshness}

    def fail(stage: str, reason: str, detail: str) -> Verification:
        return Verification("invalid", stage, reason, detail, **found)

    text = text.strip(" \r\n")
    if len(text) > 8192:
        return fail("prefix", "too_long", "longer than any QR code")
    if not text.startswith(scheme.prefix):
        return fail("prefix", "bad_prefix", "prefix")
    try:
        data = b45decode(text[len(scheme.prefix):])
    except FormatError as e:
        return fail("base45", "bad_base45", str(e))
    if looks_like_zlib(data):
        try:
            inflated = inflate(data, max_inflated_size)
        except FormatError as e:
            return fail("inflate", "bad_compression", str(e))
        if scheme.canonical and not deflate_padding_is_zero(data, max_inflated_size):
            return fail("inflate", "bad_compression", "deflate padding bits set")
        data = inflated
    elif scheme.dcc:
        return fail("inflate", "bad_compression", "an HC1 text must be compressed")
    try:
        message = parse_sign1(data, canonical=scheme.canonical, allow_cwt_tag=scheme.dcc)
    except CoseError as e:
        return fail(e.stage, e.reason, str(e))
    if scheme.canonical and HDR_KID in message.protected and HDR_KID in message.unprotected:
        return fail("header", "bad_header", "kid in both headers")
    alg, kid = message.header(HDR_ALG), message.header(HDR_KID)
    if not isinstance(alg, int) or isinstance(alg, bool) or alg not in ALG_NAMES:
        return fail("header", "bad_header", "alg missing or unsupported")
    if not isinstance(kid, bytes) or not kid:
        return fail("header", "bad_header", "kid missing")
    candidates = [e for e in trust.issuers if e.kid() == kid and e.alg == alg]
    if not candidates:
        return fail("key_lookup", "unknown_key", "no trusted key")
    signed_input = sig_structure(message.protected_bytes, message.payload)
    entry = next((e for e in candidates if e.trusted_key().verify(signed_input, message.signature)), None)
    if entry is None:
        return fail("signature", "bad_signature", "signature does not verify")
    found["issuer"] = {"code": entry.iss, "name_bn": entry.name_bn, "name_en": entry.name_en, "kid": kid.hex(),
                       "algorithm": ALG_NAMES[alg]}
    found["identity"] = {"issuer": "", "cti": "", "fingerprint": hashlib.sha256(signed_input).hexdigest()}
    try:
        claims = parse_claims(message.payload, scheme.document_claim, scheme.canonical)
    except FormatError as e:
        return fail("document", "bad_document", str(e))
    found["identity"].update(issuer=claims.iss or "", cti=(claims.cti or b"").hex())
    # The document is read before the time, issuer and revocation checks, so
    # that their refusals still carry it; its own errors are reported last.
    document_error = None
    if not claims.has_document:
        document_error = "no document claim"
    elif scheme.check_document:
        try:
            found["document"] = decode_document(claims.document)
        except FormatError as e:
            document_error = str(e)
    elif not isinstance(claims.document, Mapping):
        document_error = "the document claim is not a map"
    elif scheme.dcc and not isinstance(claims.document.get(1), Mapping):
        document_error = "-260/1 is not a map"
    else:
        found["document"] = generic_json(claims.document)
    if claims.exp is not None and now > claims.exp + clock_skew:
        return fail("time", "expired", "expired")
    if claims.nbf is not None and now + clock_skew < claims.nbf:
        return fail("time", "not_yet_valid", "nbf")
    if claims.iat is not None and now + clock_skew < claims.iat:
        return fail("time", "not_yet_valid", "iat")
    if entry.status != "active":
        return fail("issuer", "key_revoked", entry.status)
    if entry.iss and entry.iss != (claims.iss or ""):
        return fail("issuer", "issuer_not_allowed", "iss")
    if claims.iat is not None and (claims.iat < entry.valid_from or
                                   (entry.valid_until != 0 and claims.iat > entry.valid_until)):
        return fail("issuer", "key_outside_validity", "iat outside the key's validity")
    doc_type = document_type_of(claims.document) if scheme.check_document else None
    if doc_type is not None and doc_type not in entry.docs and "*" not in entry.docs:
        return fail("issuer", "issuer_not_allowed", "document type")
    if scheme.dcc and document_error is None and entry.x5c:
        refusal = dcc_signer_refusal(entry.x5c, claims.document[1])
        if refusal is not None:
            return fail("issuer", "issuer_not_allowed", refusal)
    if trust.bundle and trust.bundle.revoked and claims.cti is not None:
        if revocation_hash(claims.iss or "", claims.cti) in trust.bundle.revoked:
            return fail("revocation", "revoked", "revoked")
    if document_error is not None:
        return fail("document", "bad_document", document_error)
    if freshness == "expired":
        return fail("trust", "trust_expired", "bundle past its grace period")
    return Verification("valid", "done", "ok", "", **found)


def wrap(cose: bytes, prefix: str = "BD1:", compress_if_smaller: bool = True, force_compress: bool = False) -> str:
    """QR text for a COSE_Sign1: zlib only when strictly smaller (or forced)."""
    data = cose
    if force_compress or compress_if_smaller:
        packed = compress(cose)
        if force_compress or len(packed) < len(cose):
            data = packed
    return prefix + b45encode(data)


def unwrap(text: str, prefix: str = "BD1:", limit: int = 65536) -> bytes:
    text = text.strip(" \r\n")
    if not text.startswith(prefix):
        raise FormatError("wrong prefix")
    data = b45decode(text[len(prefix):])
    return inflate(data, limit) if looks_like_zlib(data) else data
