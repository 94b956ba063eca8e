#!/usr/bin/env python3
"""Signature verdict vectors for Poura's verifiers (tests/vectors/crypto/signatures.json).

Every case is one public key (raw, or inside a DER X.509 certificate), one
message and one signature, with the verdict OpenSSL gives through the Python
`cryptography` package, under Poura's documented rules (docs/format.md):

- EdDSA: Ed25519 (RFC 8032, pure), a 32-byte key, a 64-byte signature;
  a key that does not decode (5.1.3: y >= p, x = 0 with the sign bit set,
  no square root) or is a point of small order (order 8 or less) is refused,
  and S must be below L (5.1.7);
- ES256: ECDSA on P-256 with SHA-256, the key an uncompressed SEC1 point
  (65 bytes, 04 || X || Y), the signature r || s (64 bytes); ES384 likewise
  on P-384 with SHA-384 (97 and 96 bytes), here in certificates only;
- PS256: RSASSA-PSS with SHA-256, MGF1-SHA-256 and a salt of exactly 32
  bytes, the key a DER SubjectPublicKeyInfo of an RSA key of at least 2048
  bits, the signature exactly as long as the modulus.

Case members: "name" (unique), "alg", either "key" (the raw key) or
"certificate" (DER), "message", "signature" (all standard Base64), then
either "key_error": true (the key must be refused) or "valid" (the verdict).
Optional: "note", which says where Poura's rule and OpenSSL's own answer differ: the
verdict follows the rule, and --check confirms OpenSSL's answer too.

Ed25519 and P-256 keys, messages and ECDSA nonces (RFC 6979) are derived from
fixed seeds, so those cases come out the same on every run; RSA keys and PSS
salts are random, so the committed file is the reference and `--check`
re-verifies it instead of regenerating.

    signatures.py           rewrite signatures.json
    signatures.py --check   recompute every committed case's verdict with
                            cryptography; exit 1 on any disagreement
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import json
import sys
from pathlib import Path
from typing import Optional

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.x509.oid import NameOID

OUTPUT = Path(__file__).resolve().parent / "crypto" / "signatures.json"

# Lower bounds on the number of cases, checked when writing and by --check, so
# that a truncated file is noticed.
MINIMUM_CASES = {"EdDSA": 170, "ES256": 150, "PS256": 80, "certificate": 12}


def seed(label: str, size: int = 32) -> bytes:
    """Reproducible bytes for a label."""
    out = b""
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"poura signature vectors/{label}/{counter}".encode()).digest()
        counter += 1
    return out[:size]


def flip_bit(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# --------------------------------------------------------------------------
# The oracle: OpenSSL's verdict through `cryptography`, under Poura's rules

class KeyRefused(Exception):
    """The key must be refused (make_verifier, or PublicKey::from_*, fails)."""

    def __init__(self, why: str, openssl_accepts: bool):
        super().__init__(why)
        self.openssl_accepts = openssl_accepts


PSS_SHA256_SALT32 = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)


def _is_spki(der: bytes) -> bool:
    """The outer structure of a SubjectPublicKeyInfo: SEQUENCE { SEQUENCE
    (AlgorithmIdentifier) ... }. cryptography's DER loader also takes a bare
    PKCS#1 RSAPublicKey (SEQUENCE { INTEGER, INTEGER }), which Poura does not."""
    if len(der) < 4 or der[0] != 0x30:
        return False
    if der[1] < 0x80:
        header = 2
    else:
        header = 2 + (der[1] & 0x7F)
    return len(der) > header and der[header] == 0x30


def _rsa_key(public_key, origin: str) -> rsa.RSAPublicKey:
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise KeyRefused(f"{origin} is not an RSA key", openssl_accepts=True)
    if public_key.key_size < 2048:
        raise KeyRefused(f"RSA key of {public_key.key_size} bits: Poura requires 2048 or more", openssl_accepts=True)
    return public_key


def _raw_key(alg: str, raw: bytes):
    if alg == "EdDSA":
        if len(raw) != 32:
            raise KeyRefused("an Ed25519 key is 32 bytes", openssl_accepts=False)
        point = ed_decode(raw, strict=True)
        if point is None:
            raise KeyRefused("not the canonical encoding of a curve point", openssl_accepts=True)
        if ed_order(point):
            raise KeyRefused(f"a point of order {ed_order(point)}", openssl_accepts=True)
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    if alg == "ES256":
        try:
            point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        except ValueError as error:
            raise KeyRefused(f"OpenSSL refuses the point: {error}", openssl_accepts=False) from None
        if len(raw) != 65 or raw[0] != 0x04:
            raise KeyRefused("Poura takes only the uncompressed 65-byte point", openssl_accepts=True)
        return point
    if alg == "PS256":
        try:
            public_key = serialization.load_der_public_key(raw)
        except (ValueError, UnsupportedAlgorithm) as error:
            raise KeyRefused(f"OpenSSL refuses the DER key: {error}", openssl_accepts=False) from None
        if not _is_spki(raw):
            raise KeyRefused("not a SubjectPublicKeyInfo (a bare PKCS#1 key)", openssl_accepts=True)
        return _rsa_key(public_key, "the SubjectPublicKeyInfo")
    raise ValueError(f"unknown algorithm {alg}")


def _certified_key(alg: str, der: bytes):
    try:
        certificate = x509.load_der_x509_certificate(der)
        public_key = certificate.public_key()
    except (ValueError, UnsupportedAlgorithm) as error:
        raise KeyRefused(f"OpenSSL refuses the certificate: {error}", openssl_accepts=False) from None
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        held = "EdDSA"
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        if isinstance(public_key.curve, ec.SECP256R1):
            held = "ES256"
        elif isinstance(public_key.curve, ec.SECP384R1):
            held = "ES384"
        else:
            raise KeyRefused(f"ECDSA key on {public_key.curve.name}: Poura takes only P-256 and P-384",
                             openssl_accepts=True)
    elif isinstance(public_key, rsa.RSAPublicKey):
        _rsa_key(public_key, "the certificate's key")
        held = "PS256"
    else:
        raise KeyRefused(f"unsupported certificate key {type(public_key).__name__}", openssl_accepts=True)
    if held != alg:
        raise ValueError(f"a certificate case names {alg} but its key is {held}")
    return public_key


def _openssl_verifies(alg: str, public_key, message: bytes, signature: bytes) -> bool:
    try:
        if alg == "EdDSA":
            public_key.verify(signature, message)
        elif alg in ("ES256", "ES384"):
            width, digest = (32, hashes.SHA256()) if alg == "ES256" else (48, hashes.SHA384())
            if len(signature) != 2 * width:
                return False
            r = int.from_bytes(signature[:width], "big")
            s = int.from_bytes(signature[width:], "big")
            public_key.verify(encode_dss_signature(r, s), message, ec.ECDSA(digest))
        else:
            public_key.verify(signature, message, PSS_SHA256_SALT32, hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


def verdict(case: dict) -> dict:
    """The verdict members of a case ("key_error" or "valid", with "note"
    when it applies), computed with cryptography."""
    alg = case["alg"]
    message = base64.b64decode(case["message"])
    signature = base64.b64decode(case["signature"])
    out: dict = {}
    try:
        if "certificate" in case:
            public_key = _certified_key(alg, base64.b64decode(case["certificate"]))
        else:
            raw = base64.b64decode(case["key"])
            public_key = _raw_key(alg, raw)
    except KeyRefused as refused:
        out = {"key_error": True}
        if refused.openssl_accepts:
            out["note"] = f"OpenSSL takes this key; Poura refuses it ({refused})"
        return out
    valid = _openssl_verifies(alg, public_key, message, signature)
    if alg == "PS256" and len(signature) != (public_key.key_size + 7) // 8:
        # OpenSSL pads a short RSA signature with leading zeros.
        if valid:
            out["note"] = "OpenSSL accepts this shortened signature; Poura requires the modulus length"
        valid = False
    out["valid"] = valid
    return out


# --------------------------------------------------------------------------
# Ed25519 arithmetic (RFC 8032 section 5.1), to build points and signatures
# that a signing library will not make: small-order and non-canonical keys,
# non-canonical R and S.

ED_P = 2 ** 255 - 19
ED_L = 2 ** 252 + 27742317777372353535851937790883648493
ED_D = -121665 * pow(121666, -1, ED_P) % ED_P
ED_SQRT_M1 = pow(2, (ED_P - 1) // 4, ED_P)


def _ed_recover_x(y: int, sign: int) -> Optional[int]:
    u = (y * y - 1) % ED_P
    v = (ED_D * y * y + 1) % ED_P
    x = u * pow(v, 3, ED_P) * pow(u * pow(v, 7, ED_P), (ED_P - 5) // 8, ED_P) % ED_P
    if v * x * x % ED_P == (-u) % ED_P:
        x = x * ED_SQRT_M1 % ED_P
    elif v * x * x % ED_P != u:
        return None
    if x == 0 and sign:
        return None
    if x % 2 != sign:
        x = ED_P - x
    return x


def ed_point(x: int, y: int) -> tuple:
    return (x % ED_P, y % ED_P, 1, x * y % ED_P)


ED_IDENTITY = ed_point(0, 1)
ED_BASE = ed_point(_ed_recover_x(4 * pow(5, -1, ED_P) % ED_P, 0), 4 * pow(5, -1, ED_P))


def ed_add(a: tuple, b: tuple) -> tuple:
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    pa = (y1 - x1) * (y2 - x2) % ED_P
    pb = (y1 + x1) * (y2 + x2) % ED_P
    pc = t1 * 2 * ED_D * t2 % ED_P
    pd = z1 * 2 * z2 % ED_P
    e, f, g, h = pb - pa, pd - pc, pd + pc, pb + pa
    return (e * f % ED_P, g * h % ED_P, f * g % ED_P, e * h % ED_P)


def ed_mul(k: int, point: tuple) -> tuple:
    out = ED_IDENTITY
    while k > 0:
        if k & 1:
            out = ed_add(out, point)
        point = ed_add(point, point)
        k >>= 1
    return out


def ed_encode(point: tuple) -> bytes:
    x, y, z, _ = point
    zi = pow(z, -1, ED_P)
    x, y = x * zi % ED_P, y * zi % ED_P
    return (y | (x & 1) << 255).to_bytes(32, "little")


def ed_decode(data: bytes, strict: bool) -> Optional[tuple]:
    """RFC 8032 5.1.3 decoding; strict refuses y >= p and x = 0 with the sign
    bit set, the lenient form reduces y and ignores that sign bit."""
    value = int.from_bytes(data, "little")
    sign, y = value >> 255, value & ((1 << 255) - 1)
    if y >= ED_P:
        if strict:
            return None
        y -= ED_P
    x = _ed_recover_x(y, sign)
    if x is None and not strict:
        x = _ed_recover_x(y, 0)
        if x != 0:
            return None
    return None if x is None else ed_point(x, y)


def ed_same(a: tuple, b: tuple) -> bool:
    return (a[0] * b[2] - b[0] * a[2]) % ED_P == 0 and (a[1] * b[2] - b[1] * a[2]) % ED_P == 0


def ed_order(point: tuple) -> int:
    """The order of a point of the 8-torsion group, or 0 for a larger one."""
    for order in (1, 2, 4, 8):
        if ed_same(ed_mul(order, point), ED_IDENTITY):
            return order
    return 0


def ed_challenge(r: bytes, a: bytes, message: bytes) -> int:
    return int.from_bytes(hashlib.sha512(r + a + message).digest(), "little") % ED_L


class EdKey:
    """An Ed25519 key from a 32-byte secret, signed with by cryptography, and
    its secret scalar for hand-made signatures."""

    def __init__(self, secret: bytes):
        self.private = ed25519.Ed25519PrivateKey.from_private_bytes(secret)
        self.public = self.private.public_key().public_bytes(serialization.Encoding.Raw,
                                                             serialization.PublicFormat.Raw)
        digest = hashlib.sha512(secret).digest()
        self.scalar = int.from_bytes(digest[:32], "little") & ((1 << 254) - 8) | (1 << 254)
        self.prefix = digest[32:]
        if ed_encode(ed_mul(self.scalar, ED_BASE)) != self.public:
            raise AssertionError("the Ed25519 arithmetic here disagrees with cryptography")

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)


# --------------------------------------------------------------------------
# P-256 domain parameters (SEC 2 / FIPS 186-4), checked against cryptography

P256_P = 2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1
P256_B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def check_p256_parameters() -> None:
    generator = ec.derive_private_key(1, ec.SECP256R1()).public_key().public_numbers()
    minus_generator = ec.derive_private_key(P256_N - 1, ec.SECP256R1()).public_key().public_numbers()
    x, y = generator.x, generator.y
    assert (y * y - (x ** 3 - 3 * x + P256_B)) % P256_P == 0, "P-256 b or p"
    assert minus_generator.x == x and minus_generator.y == P256_P - y, "P-256 n"


def p256_key(label: str) -> ec.EllipticCurvePrivateKey:
    scalar = int.from_bytes(seed(label), "big") % (P256_N - 1) + 1
    return ec.derive_private_key(scalar, ec.SECP256R1())


def p256_point(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def es256_sign(key: ec.EllipticCurvePrivateKey, message: bytes) -> tuple:
    return decode_dss_signature(key.sign(message, ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))


def rs(r: int, s: int) -> bytes:
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


# --------------------------------------------------------------------------
# DER pieces for RSA-PSS SubjectPublicKeyInfo (RFC 4055)

def der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        length = bytes([size])
    else:
        digits = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(digits)]) + digits
    return bytes([tag]) + length + content


OID_RSASSA_PSS = bytes.fromhex("06092a864886f70d01010a")
OID_MGF1 = bytes.fromhex("06092a864886f70d010108")
SHA256_ALGORITHM = der(0x30, bytes.fromhex("0609608648016503040201") + bytes.fromhex("0500"))


def pss_spki(public_key: rsa.RSAPublicKey, with_parameters: bool) -> bytes:
    pkcs1 = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    algorithm = OID_RSASSA_PSS
    if with_parameters:
        algorithm += der(0x30, der(0xA0, SHA256_ALGORITHM)
                         + der(0xA1, der(0x30, OID_MGF1 + SHA256_ALGORITHM))
                         + der(0xA2, der(0x02, bytes([32]))))
    return der(0x30, der(0x30, algorithm) + der(0x03, b"\x00" + pkcs1))


# --------------------------------------------------------------------------
# The cases

class Cases:
    def __init__(self) -> None:
        self.cases: list = []
        self.names: set = set()

    def add(self, name: str, alg: str, message: bytes, signature: bytes, *, key: Optional[bytes] = None,
            certificate: Optional[bytes] = None, expect: Optional[object] = None) -> dict:
        """Adds a case with the verdict cryptography gives. `expect` is what
        Poura's documented rules demand (True, False or "key_error"), when they
        decide the case: generation stops if the oracle says otherwise."""
        assert name not in self.names, name
        self.names.add(name)
        case = {"name": name, "alg": alg}
        if certificate is not None:
            case["certificate"] = b64(certificate)
        else:
            case["key"] = b64(key)
        case["message"] = b64(message)
        case["signature"] = b64(signature)
        case.update(verdict(case))
        if expect is not None:
            got = "key_error" if case.get("key_error") else case["valid"]
            if got != expect:
                raise SystemExit(f"{name}: expected {expect}, cryptography says {got}")
        self.cases.append(case)
        return case


def ed25519_cases(out: Cases) -> None:
    keys = [EdKey(seed(f"ed25519/{i}")) for i in range(30)]
    for i, key in enumerate(keys):
        message = seed(f"ed25519/{i}/message", 1 + (i * 37) % 120)
        signature = key.sign(message)
        name = f"ed25519_{i:02d}"
        out.add(f"{name}_valid", "EdDSA", message, signature, key=key.public, expect=True)
        out.add(f"{name}_flip_r", "EdDSA", message, flip_bit(signature, (i * 53) % 256), key=key.public)
        out.add(f"{name}_flip_s", "EdDSA", message, flip_bit(signature, 256 + (i * 29) % 256), key=key.public)
        out.add(f"{name}_flip_message", "EdDSA", flip_bit(message, (i * 11) % (8 * len(message))), signature,
                key=key.public)
        # A flipped key bit that still decodes to a curve point (about half do).
        for step in range(256):
            flipped = flip_bit(key.public, (i * 71 + step * 13) % 256)
            if ed_decode(flipped, strict=True) is not None:
                out.add(f"{name}_flip_key", "EdDSA", message, signature, key=flipped)
                break

    key = keys[0]
    out.add("ed25519_empty_message", "EdDSA", b"", key.sign(b""), key=key.public, expect=True)
    long_message = seed("ed25519/long message", 10240)
    out.add("ed25519_long_message", "EdDSA", long_message, key.sign(long_message), key=key.public, expect=True)
    out.add("ed25519_long_message_flip_last", "EdDSA", flip_bit(long_message, 10240 * 8 - 1),
            key.sign(long_message), key=key.public, expect=False)

    # RFC 8032 section 7.1: the secret keys and messages of TEST 1, 2, 3 and
    # SHA(abc); the public keys, also given there, check the secrets.
    rfc_tests = [
        ("test1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", b""),
        ("test2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", bytes.fromhex("72")),
        ("test3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", bytes.fromhex("af82")),
        ("sha_abc", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
         "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", hashlib.sha512(b"abc").digest()),
    ]
    for label, secret, public, message in rfc_tests:
        rfc_key = EdKey(bytes.fromhex(secret))
        assert rfc_key.public.hex() == public, label
        out.add(f"ed25519_rfc8032_{label}", "EdDSA", message, rfc_key.sign(message), key=rfc_key.public,
                expect=True)

    # S must be below L (RFC 8032 5.1.7): S + L and S + 15 L give the same
    # [S]B but are not canonical.
    message = seed("ed25519/scalar message", 48)
    signature = key.sign(message)
    r_bytes, s_value = signature[:32], int.from_bytes(signature[32:], "little")
    for multiple in (1, 2, 15):
        out.add(f"ed25519_s_plus_{multiple}l", "EdDSA", message,
                r_bytes + (s_value + multiple * ED_L).to_bytes(32, "little"), key=key.public, expect=False)
    out.add("ed25519_s_top_bits_set", "EdDSA", message,
            r_bytes + (s_value | (0xE0 << 248)).to_bytes(32, "little"), key=key.public, expect=False)
    out.add("ed25519_s_all_ones", "EdDSA", message, r_bytes + b"\xff" * 32, key=key.public, expect=False)

    # R = identity: with S = k a, [S]B - [k]A is the identity. Canonically
    # encoded (01 00..00) it verifies; as y = p + 1, or with the sign bit of
    # x = 0 set, the bytes differ from the encoding of the computed R.
    identity = ed_encode(ED_IDENTITY)
    identity_plus_p = (ED_P + 1).to_bytes(32, "little")
    identity_negative_zero = (1 | 1 << 255).to_bytes(32, "little")
    for label, r_encoding in (("canonical", identity), ("y_plus_p", identity_plus_p),
                              ("negative_zero", identity_negative_zero)):
        k = ed_challenge(r_encoding, key.public, message)
        out.add(f"ed25519_r_identity_{label}", "EdDSA", message,
                r_encoding + (k * key.scalar % ED_L).to_bytes(32, "little"), key=key.public,
                expect=True if label == "canonical" else None)
    # Small-order and non-canonical public keys. With A of order dividing 8,
    # [k]A vanishes when k is a multiple of A's order: choose messages so that
    # it does (a cofactorless check passes) and so that it does not (only a
    # cofactored check passes).
    small_keys = [
        ("identity", identity),
        ("identity_y_plus_p", identity_plus_p),
        ("identity_negative_zero", identity_negative_zero),
        ("order2", (ED_P - 1).to_bytes(32, "little")),
        ("order4", (0).to_bytes(32, "little")),
        ("order4_negative", (1 << 255).to_bytes(32, "little")),
        ("order4_y_plus_p", ED_P.to_bytes(32, "little")),
    ]
    torsion8 = None
    for attempt in range(100):
        candidate = ed_decode(seed(f"ed25519/torsion/{attempt}"), strict=True)
        if candidate is None:
            continue
        point = ed_mul(ED_L, candidate)
        if ed_order(point) == 8:
            torsion8 = point
            break
    assert torsion8 is not None
    small_keys.append(("order8", ed_encode(torsion8)))
    s_value = int.from_bytes(seed("ed25519/small order S"), "little") % ED_L
    r_encoding = ed_encode(ed_mul(s_value, ED_BASE))
    for label, a_bytes in small_keys:
        a_point = ed_decode(a_bytes, strict=False)
        order = ed_order(a_point)
        assert order, label
        wanted = {"k_multiple": lambda k: k % order == 0, "k_not_multiple": lambda k: k % order != 0}
        for suffix, accept in wanted.items():
            if order == 1 and suffix == "k_not_multiple":
                continue
            for attempt in range(1000):
                trial = seed(f"ed25519/small order/{label}/{suffix}/{attempt}", 24)
                if accept(ed_challenge(r_encoding, a_bytes, trial)):
                    break
            else:
                raise SystemExit(f"no message for ed25519_key_{label}_{suffix}")
            out.add(f"ed25519_key_{label}_{suffix}", "EdDSA", trial, r_encoding + s_value.to_bytes(32, "little"),
                    key=a_bytes)

    # A key of mixed order: A' = A + T with T of order 8, signed with A's
    # secret and the challenge over A'. [S]B = R + [k]A, which equals
    # R + [k]A' exactly when 8 divides k.
    mixed = ed_encode(ed_add(ed_mul(key.scalar, ED_BASE), torsion8))
    for suffix, accept in (("k_multiple_of_8", lambda k: k % 8 == 0), ("k_odd", lambda k: k % 2 == 1)):
        for attempt in range(1000):
            trial = seed(f"ed25519/mixed order/{suffix}/{attempt}", 24)
            nonce = int.from_bytes(hashlib.sha512(key.prefix + trial).digest(), "little") % ED_L
            r_mixed = ed_encode(ed_mul(nonce, ED_BASE))
            k = ed_challenge(r_mixed, mixed, trial)
            if accept(k):
                break
        else:
            raise SystemExit(f"no message for ed25519_key_mixed_order_{suffix}")
        out.add(f"ed25519_key_mixed_order_{suffix}", "EdDSA", trial,
                r_mixed + ((nonce + k * key.scalar) % ED_L).to_bytes(32, "little"), key=mixed)

    # Keys that are not points, or not canonical: a signature by another key.
    other_message = seed("ed25519/other key message", 32)
    other_signature = key.sign(other_message)
    not_a_point = None
    for attempt in range(100):
        candidate = seed(f"ed25519/not a point/{attempt}")
        if ed_decode(candidate, strict=False) is None:
            not_a_point = candidate
            break
    assert not_a_point is not None
    for label, a_bytes in (("all_ff", b"\xff" * 32), ("not_on_curve", not_a_point)):
        out.add(f"ed25519_key_{label}", "EdDSA", other_message, other_signature, key=a_bytes, expect=False)
    # The key's x sign bit flipped: -A, a valid point that did not sign.
    out.add("ed25519_key_sign_bit_flipped", "EdDSA", other_message, other_signature,
            key=flip_bit(key.public, 255), expect=False)

    # Wrong signature lengths (checked before the curve arithmetic).
    out.add("ed25519_signature_63_bytes", "EdDSA", other_message, other_signature[:63], key=key.public,
            expect=False)
    out.add("ed25519_signature_65_bytes", "EdDSA", other_message, other_signature + b"\x00", key=key.public,
            expect=False)


def es256_cases(out: Cases) -> None:
    check_p256_parameters()
    keys = [p256_key(f"p256/{i}") for i in range(30)]
    for i, key in enumerate(keys):
        point = p256_point(key)
        message = seed(f"p256/{i}/message", 1 + (i * 41) % 120)
        r, s = es256_sign(key, message)
        signature = rs(r, s)
        name = f"es256_{i:02d}"
        out.add(f"{name}_valid", "ES256", message, signature, key=point, expect=True)
        out.add(f"{name}_flip_r", "ES256", message, flip_bit(signature, (i * 53) % 256), key=point)
        out.add(f"{name}_flip_s", "ES256", message, flip_bit(signature, 256 + (i * 29) % 256), key=point)
        out.add(f"{name}_flip_message", "ES256", flip_bit(message, (i * 11) % (8 * len(message))), signature,
                key=point)
        if i < 6:
            # ECDSA has no low-s rule: n - s is as good as s.
            out.add(f"{name}_high_s", "ES256", message, rs(r, P256_N - s), key=point)

    key = keys[0]
    point = p256_point(key)
    message = seed("p256/range message", 40)
    r, s = es256_sign(key, message)
    assert 0 < r < P256_N and 0 < s < P256_N
    out_of_range = {
        "r_zero": (0, s), "s_zero": (r, 0), "r_s_zero": (0, 0),
        "r_n": (P256_N, s), "s_n": (r, P256_N), "r_n_plus_1": (P256_N + 1, s), "s_n_plus_1": (r, P256_N + 1),
        "r_max": (2 ** 256 - 1, s), "s_max": (r, 2 ** 256 - 1), "r_one": (1, s), "s_one": (r, 1),
        "r_n_minus_1": (P256_N - 1, s), "s_n_minus_1": (r, P256_N - 1),
    }
    for label, (r_value, s_value) in out_of_range.items():
        out.add(f"es256_{label}", "ES256", message, rs(r_value, s_value), key=point, expect=False)
    out.add("es256_r_s_swapped", "ES256", message, rs(s, r), key=point, expect=False)
    out.add("es256_empty_message", "ES256", b"", rs(*es256_sign(key, b"")), key=point, expect=True)
    long_message = seed("p256/long message", 10240)
    out.add("es256_long_message", "ES256", long_message, rs(*es256_sign(key, long_message)), key=point,
            expect=True)
    signature = rs(r, s)
    out.add("es256_signature_63_bytes", "ES256", message, signature[:63], key=point, expect=False)
    out.add("es256_signature_65_bytes", "ES256", message, signature + b"\x00", key=point, expect=False)
    der_signature = encode_dss_signature(r, s)
    out.add("es256_signature_der_encoded", "ES256", message, der_signature, key=point, expect=False)

    # Keys make_verifier must refuse. Each case carries a signature that the
    # genuine key verifies.
    for i in range(4):
        flipped_key = keys[i]
        flipped_point = p256_point(flipped_key)
        flipped_message = seed(f"p256/{i}/message", 1 + (i * 41) % 120)
        flipped_signature = rs(*es256_sign(flipped_key, flipped_message))
        out.add(f"es256_{i:02d}_key_flip_y", "ES256", flipped_message, flipped_signature,
                key=flip_bit(flipped_point, 8 * 33 + (i * 37) % 256), expect="key_error")
        out.add(f"es256_{i:02d}_key_flip_x", "ES256", flipped_message, flipped_signature,
                key=flip_bit(flipped_point, 8 + (i * 37) % 256), expect="key_error")
    numbers = key.public_key().public_numbers()
    compressed = key.public_key().public_bytes(serialization.Encoding.X962,
                                               serialization.PublicFormat.CompressedPoint)
    out.add("es256_key_compressed", "ES256", message, signature, key=compressed, expect="key_error")
    out.add("es256_key_hybrid", "ES256", message, signature, key=bytes([6 | numbers.y & 1]) + point[1:],
            expect="key_error")
    out.add("es256_key_prefix_zero", "ES256", message, signature, key=b"\x00" + point[1:], expect="key_error")
    out.add("es256_key_truncated", "ES256", message, signature, key=point[:64], expect="key_error")
    out.add("es256_key_trailing_byte", "ES256", message, signature, key=point + b"\x00", expect="key_error")
    out.add("es256_key_all_zero", "ES256", message, signature, key=b"\x04" + bytes(64), expect="key_error")
    out.add("es256_key_y_negated", "ES256", message, signature,
            key=b"\x04" + numbers.x.to_bytes(32, "big") + (P256_P - numbers.y).to_bytes(32, "big"))
    # A point whose x is small, written with x + p (< 2^256): not canonical.
    for x in range(1, 1000):
        rhs = (x ** 3 - 3 * x + P256_B) % P256_P
        y = pow(rhs, (P256_P + 1) // 4, P256_P)
        if y * y % P256_P == rhs:
            break
    else:
        raise SystemExit("no P-256 point with x below 1000")
    small_x_point = b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")
    out.add("es256_key_small_x", "ES256", message, signature, key=small_x_point, expect=False)
    out.add("es256_key_x_plus_p", "ES256", message, signature,
            key=b"\x04" + (x + P256_P).to_bytes(32, "big") + y.to_bytes(32, "big"), expect="key_error")


def ps256_sign(key: rsa.RSAPrivateKey, message: bytes, salt: int = 32, mgf_hash=hashes.SHA256) -> bytes:
    return key.sign(message, padding.PSS(mgf=padding.MGF1(mgf_hash()), salt_length=salt), hashes.SHA256())


def spki(key) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def ps256_cases(out: Cases) -> None:
    specs = [("2048a", 2048, 65537), ("2048b", 2048, 65537), ("2048c", 2048, 65537), ("2048_e3", 2048, 3),
             ("3072a", 3072, 65537), ("3072b", 3072, 65537), ("4096a", 4096, 65537), ("4096b", 4096, 65537)]
    keys = {}
    for index, (label, bits, exponent) in enumerate(specs):
        private = rsa.generate_private_key(public_exponent=exponent, key_size=bits)
        keys[label] = private
        public = spki(private.public_key())
        size = bits // 8
        modulus = private.public_key().public_numbers().n
        message = seed(f"rsa/{label}/message", 1 + (index * 43) % 120)
        signature = ps256_sign(private, message)
        name = f"ps256_{label}"
        out.add(f"{name}_valid", "PS256", message, signature, key=public, expect=True)
        out.add(f"{name}_flip_first_byte", "PS256", message, flip_bit(signature, 1), key=public)
        out.add(f"{name}_flip_middle", "PS256", message, flip_bit(signature, 8 * (size // 2) + index), key=public)
        out.add(f"{name}_flip_last_byte", "PS256", message, flip_bit(signature, 8 * size - 1 - index % 8),
                key=public)
        out.add(f"{name}_flip_message", "PS256", flip_bit(message, (index * 11) % (8 * len(message))), signature,
                key=public)
        out.add(f"{name}_salt_0", "PS256", message, ps256_sign(private, message, salt=0), key=public,
                expect=False)
        out.add(f"{name}_salt_64", "PS256", message, ps256_sign(private, message, salt=64), key=public,
                expect=False)
        out.add(f"{name}_salt_31", "PS256", message, ps256_sign(private, message, salt=31), key=public,
                expect=False)
        out.add(f"{name}_mgf1_sha1", "PS256", message, ps256_sign(private, message, mgf_hash=hashes.SHA1),
                key=public, expect=False)
        out.add(f"{name}_pkcs1v15", "PS256", message,
                private.sign(message, padding.PKCS1v15(), hashes.SHA256()), key=public, expect=False)
        out.add(f"{name}_signature_n", "PS256", message, modulus.to_bytes(size, "big"), key=public, expect=False)
        # s + n, when it fits in the modulus length: the same value mod n.
        for attempt in range(64):
            trial = seed(f"rsa/{label}/wrap/{attempt}", 32)
            wrapped = int.from_bytes(ps256_sign(private, trial), "big") + modulus
            if wrapped < 2 ** (8 * size):
                out.add(f"{name}_signature_plus_n", "PS256", trial, wrapped.to_bytes(size, "big"), key=public,
                        expect=False)
                break
        if index == 0:
            out.add(f"{name}_signature_n_minus_1", "PS256", message, (modulus - 1).to_bytes(size, "big"),
                    key=public, expect=False)
            out.add(f"{name}_signature_all_ff", "PS256", message, b"\xff" * size, key=public, expect=False)
            out.add(f"{name}_signature_zero", "PS256", message, bytes(size), key=public, expect=False)
            out.add(f"{name}_signature_one", "PS256", message, (1).to_bytes(size, "big"), key=public, expect=False)
            out.add(f"{name}_signature_one_byte_short", "PS256", message, signature[1:], key=public, expect=False)
            out.add(f"{name}_signature_one_byte_long", "PS256", message, b"\x00" + signature, key=public,
                    expect=False)
            out.add(f"{name}_empty_message", "PS256", b"", ps256_sign(private, b""), key=public, expect=True)
            long_message = seed("rsa/long message", 10240)
            out.add(f"{name}_long_message", "PS256", long_message, ps256_sign(private, long_message), key=public,
                    expect=True)

    # A valid signature that starts with a zero byte: still the modulus
    # length; without the zero byte it must be refused.
    private = keys["2048a"]
    public = spki(private.public_key())
    for attempt in range(5000):
        trial = seed(f"rsa/leading zero/{attempt}", 32)
        signature = ps256_sign(private, trial)
        if signature[0] == 0:
            out.add("ps256_2048a_leading_zero_byte", "PS256", trial, signature, key=public, expect=True)
            out.add("ps256_2048a_leading_zero_byte_stripped", "PS256", trial, signature[1:], key=public,
                    expect=False)
            break
    else:
        raise SystemExit("no PSS signature with a leading zero byte in 5000 tries")

    # The same RSA key in an id-RSASSA-PSS SubjectPublicKeyInfo (RFC 4055),
    # without and with parameters (SHA-256, MGF1-SHA-256, salt 32).
    message = seed("rsa/pss spki message", 48)
    signature = ps256_sign(private, message)
    for label, with_parameters in (("pss_spki", False), ("pss_spki_parameters", True)):
        pss_key = pss_spki(private.public_key(), with_parameters)
        out.add(f"ps256_2048a_{label}_valid", "PS256", message, signature, key=pss_key)
        out.add(f"ps256_2048a_{label}_flip", "PS256", message, flip_bit(signature, 100), key=pss_key)

    # Keys make_verifier must refuse.
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    out.add("ps256_1024_key", "PS256", message, ps256_sign(weak, message), key=spki(weak.public_key()),
            expect="key_error")
    pkcs1 = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    out.add("ps256_key_pkcs1_not_spki", "PS256", message, signature, key=pkcs1, expect="key_error")
    out.add("ps256_key_trailing_byte", "PS256", message, signature, key=public + b"\x00", expect="key_error")
    out.add("ps256_key_truncated", "PS256", message, signature, key=public[:-1], expect="key_error")
    out.add("ps256_key_is_p256", "PS256", message, signature, key=spki(p256_key("rsa/not rsa").public_key()),
            expect="key_error")


def certificate(private_key, common_name: str, not_before: datetime.datetime, not_after: datetime.datetime,
                serial: int) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "BD"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    builder = (x509.CertificateBuilder()
               .subject_name(name).issuer_name(name)
               .public_key(private_key.public_key())
               .serial_number(serial)
               .not_valid_before(not_before).not_valid_after(not_after))
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        signed = builder.sign(private_key, None)
    elif isinstance(private_key, ec.EllipticCurvePrivateKey):
        signed = builder.sign(private_key, hashes.SHA256(), ecdsa_deterministic=True)
    else:
        signed = builder.sign(private_key, hashes.SHA256())
    return signed.public_bytes(serialization.Encoding.DER)


def utc(year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0, second: int = 0):
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=datetime.timezone.utc)


def certificate_cases(out: Cases) -> None:
    # cryptography writes UTCTime for years up to 2049 and GeneralizedTime
    # from 2050 (RFC 5280 4.1.2.5).
    validities = {
        "utctime": (utc(2025, 1, 1), utc(2030, 12, 31, 23, 59, 59)),
        "generalizedtime": (utc(2050, 1, 1), utc(2060, 1, 1)),
        "mixed": (utc(2049, 12, 31, 23, 59, 59), utc(2050, 1, 1)),
        "no_expiry": (utc(2025, 6, 1), utc(9999, 12, 31, 23, 59, 59)),
    }
    ed_key = ed25519.Ed25519PrivateKey.from_private_bytes(seed("certificate/ed25519"))
    p256 = p256_key("certificate/p256")
    rsa2048 = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signers = {
        "EdDSA": (ed_key, lambda m: ed_key.sign(m)),
        "ES256": (p256, lambda m: rs(*es256_sign(p256, m))),
        "PS256": (rsa2048, lambda m: ps256_sign(rsa2048, m)),
    }
    serial = 1000
    for alg, (private_key, sign) in signers.items():
        for validity, (not_before, not_after) in validities.items():
            serial += 1
            der_certificate = certificate(private_key, f"Poura {alg} {validity}", not_before, not_after, serial)
            message = seed(f"certificate/{alg}/{validity}", 64)
            signature = sign(message)
            name = f"certificate_{alg.lower()}_{validity}"
            out.add(f"{name}_valid", alg, message, signature, certificate=der_certificate, expect=True)
            out.add(f"{name}_flip_signature", alg, message, flip_bit(signature, 8 * len(signature) // 2 + 3),
                    certificate=der_certificate, expect=False)
        message = seed(f"certificate/{alg}/message", 64)
        der_certificate = certificate(private_key, f"Poura {alg}", *validities["utctime"], serial + 100)
        out.add(f"certificate_{alg.lower()}_flip_message", alg, flip_bit(message, 5), sign(message),
                certificate=der_certificate, expect=False)
    # A certificate key held by another certificate: a different key verifies nothing.
    message = seed("certificate/crossed", 64)
    out.add("certificate_eddsa_signed_by_other_key", "EdDSA", message,
            EdKey(seed("ed25519/0")).sign(message),
            certificate=certificate(ed_key, "Poura crossed", *validities["utctime"], 2001), expect=False)
    # Certificates whose key Poura refuses.
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    out.add("certificate_rsa1024_key", "PS256", message, ps256_sign(weak, message),
            certificate=certificate(weak, "Poura RSA-1024", *validities["utctime"], 2002), expect="key_error")
    p521 = ec.derive_private_key(int.from_bytes(seed("certificate/p521"), "big") % 2 ** 380 + 1, ec.SECP521R1())
    p521_signature = decode_dss_signature(p521.sign(message, ec.ECDSA(hashes.SHA512(), deterministic_signing=True)))
    out.add("certificate_p521_key", "ES256", message, p521_signature[0].to_bytes(66, "big")
            + p521_signature[1].to_bytes(66, "big"),
            certificate=certificate(p521, "Poura P-521", *validities["utctime"], 2003), expect="key_error")
    # ES384: a P-384 key, its signature and the same with one bit changed.
    p384 = ec.derive_private_key(int.from_bytes(seed("certificate/p384"), "big") % 2 ** 380 + 1, ec.SECP384R1())
    p384_signature = decode_dss_signature(p384.sign(message, ec.ECDSA(hashes.SHA384(), deterministic_signing=True)))
    p384_signature_bytes = p384_signature[0].to_bytes(48, "big") + p384_signature[1].to_bytes(48, "big")
    p384_certificate = certificate(p384, "Poura P-384", *validities["utctime"], 2005)
    out.add("certificate_es384_valid", "ES384", message, p384_signature_bytes, certificate=p384_certificate,
            expect=True)
    out.add("certificate_es384_flip_signature", "ES384", message, flip_bit(p384_signature_bytes, 300),
            certificate=p384_certificate, expect=False)
    good = certificate(ed_key, "Poura damaged", *validities["utctime"], 2004)
    out.add("certificate_truncated", "EdDSA", message, ed_key.sign(message), certificate=good[:-1],
            expect="key_error")


def counts(cases: list) -> dict:
    out: dict = {}
    for case in cases:
        group = "certificate" if "certificate" in case else case["alg"]
        out[group] = out.get(group, 0) + 1
    return out


def check_counts(cases: list) -> list:
    found = counts(cases)
    return [f"only {found.get(group, 0)} {group} cases, expected at least {minimum}"
            for group, minimum in MINIMUM_CASES.items() if found.get(group, 0) < minimum]


def check(path: Path) -> int:
    cases = json.loads(path.read_text(encoding="ascii"))
    problems = check_counts(cases)
    names = set()
    verdict_keys = ("key_error", "valid", "note")
    for case in cases:
        if case["name"] in names:
            problems.append(f"{case['name']}: name used twice")
        names.add(case["name"])
        committed = {k: case[k] for k in verdict_keys if k in case}
        computed = verdict(case)
        if committed != computed:
            problems.append(f"{case['name']}: committed {committed}, cryptography gives {computed}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(cases)} cases {counts(cases)}: {len(problems)} disagreements")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="re-verify the committed file instead of writing it")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    if args.check:
        return check(args.output)
    out = Cases()
    for make in (ed25519_cases, es256_cases, ps256_cases, certificate_cases):
        make(out)
    problems = check_counts(out.cases)
    if problems:
        raise SystemExit("; ".join(problems))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("[\n" + ",\n".join(json.dumps(case) for case in out.cases) + "\n]\n", encoding="ascii")
    print(f"wrote {args.output}: {len(out.cases)} cases {counts(out.cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
