#!/usr/bin/env python3
"""Writes the shared test vectors (tests/vectors/*.json) with cose_ref.py.

Everything is reproducible: keys come from fixed seeds, ECDSA nonces follow
RFC 6979, PSS salts are derived from the message, and every vector carries a
fixed `now`. Before writing, each vector's expectation (stated by hand from
docs/format.md) is checked against cose_ref's own verifier, so a vector that
the reference implementation disagrees with is never written.

    generate.py            rewrite the files
    generate.py --check    exit 1 when a committed file differs from what
                           this script makes (nothing is written)
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import json
import math
import struct
import sys
import zlib
from pathlib import Path
from typing import Any, Callable, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cbor2  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, rsa  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature  # noqa: E402
from cryptography.hazmat.primitives.serialization import Encoding  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

import cose_ref as ref  # noqa: E402

DAY = 86400
KEY_START = 1735689600      # 2025-01-01: the first Sariakandi key
ROTATION = 1764547200       # 2025-12-01: the second key takes over
BUNDLE_IAT = 1767225600     # 2026-01-01
BUNDLE_NEXT = BUNDLE_IAT + 30 * DAY  # 2026-01-31
ISSUED = 1768003200         # 2026-01-10
NOW = 1768435200            # 2026-01-15
EXPIRES = 1799539200        # 2027-01-10: citizenship, 12 months
FISCAL_YEAR_END = 1782863999  # 2026-06-30T23:59:59Z
SIX_MONTHS = 1783641600      # 2026-07-10: ISSUED + 6 months

SARIAKANDI = "BD-10-06-88"
SARIAKANDI_BN = "সারিয়াকান্দি পৌরসভা"
SARIAKANDI_EN = "Sariakandi Pourashava"
# Not income: a failure vector has Sariakandi issue one without being allowed to.
ALL_DOCS = ["citizenship", "character", "heirship", "unmarried", "trade_licence", "family", "not_remarried",
            "unemployment", "freedom_fighter_child", "permanent_resident", "widow", "orphan", "disability",
            "no_objection", "possession", "small_ethnic_group", "river_erosion_affected"]


# --------------------------------------------------------------------------
# Keys from fixed seeds

def seed(name: str, size: int = 32) -> bytes:
    out = b""
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"poura test vectors/{name}/{counter}".encode()).digest()
        counter += 1
    return out[:size]


def ed25519(name: str) -> ref.Ed25519Signer:
    return ref.Ed25519Signer(seed(name))


def p256(name: str) -> ref.ES256Signer:
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    scalar = int.from_bytes(seed(name), "big") % (order - 1) + 1
    return ref.ES256Signer(ec.derive_private_key(scalar, ec.SECP256R1()))


_SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def _probable_prime(n: int, stream: Callable[[int], int]) -> bool:
    if any(n % p == 0 for p in _SMALL_PRIMES):
        return False
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(40):
        a = stream(n.bit_length()) % (n - 3) + 2
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def rsa2048(name: str, salt_name: str) -> ref.PS256Signer:
    """A reproducible RSA-2048 key: primes drawn from a SHA-256 stream."""
    counter = [0]

    def stream(bits: int) -> int:
        counter[0] += 1
        return int.from_bytes(seed(f"{name}/{counter[0]}", (bits + 7) // 8), "big") >> (-bits % 8)

    def prime() -> int:
        while True:
            candidate = stream(1024) | (3 << 1022) | 1
            if math.gcd(65537, candidate - 1) == 1 and _probable_prime(candidate, stream):
                return candidate

    p, q = prime(), prime()
    n, e = p * q, 65537
    d = pow(e, -1, (p - 1) * (q - 1) // math.gcd(p - 1, q - 1))
    numbers = rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q),
                                    rsa.RSAPublicNumbers(e, n))
    return ref.PS256Signer(numbers.private_key(), salt_source=seed(salt_name))


def certificate(subject: str, signer: ref.Signer, ca: ref.Ed25519Signer, serial: int,
                years: tuple[int, int] = (2025, 2027), key_usages: tuple[str, ...] = ()) -> bytes:
    """A DER X.509 signer certificate, issued by an Ed25519 CA (deterministic),
    with an extended key usage extension naming `key_usages` (dotted OIDs) if any."""
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "BD"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Poura test vectors"),
                      x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    ca_name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "BD"),
                         x509.NameAttribute(NameOID.COMMON_NAME, "Poura test vectors CA")])
    utc = datetime.timezone.utc
    builder = (x509.CertificateBuilder()
               .subject_name(name).issuer_name(ca_name)
               .public_key(signer.key.public_key())
               .serial_number(serial)
               .not_valid_before(datetime.datetime(years[0], 1, 1, tzinfo=utc))
               .not_valid_after(datetime.datetime(years[1], 1, 1, tzinfo=utc)))
    if key_usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage([x509.ObjectIdentifier(o) for o in key_usages]),
                                        critical=False)
    return builder.sign(ca.key, None).public_bytes(Encoding.DER)


ROOT = ed25519("root/ministry")
ROOT_2 = ed25519("root/ministry-2")
IMPOSTOR_ROOT = ed25519("root/impostor")
OLD_KEY = ed25519("sariakandi/2025")
NEW_KEY = ed25519("sariakandi/2026")
STRANGER = ed25519("stranger")
SUSPENDED_KEY = ed25519("dhunat/suspended")
REVOKED_KEY = ed25519("gabtali/revoked")
TRADE_ONLY_KEY = ed25519("sherpur/trade-only")
ES256_ISSUER = p256("kahaloo/es256")
X5C_ISSUER = p256("shibganj/x5c")
CA = ed25519("hc1/ca")
HC1_ES256 = p256("hc1/es256")
HC1_PS256 = rsa2048("hc1/ps256", "hc1/ps256/salt")
HC1_UNTRUSTED = p256("hc1/untrusted")
X5C_CERT = certificate("Shibganj Pourashava signer", X5C_ISSUER, CA, 0x5001)
HC1_ES256_CERT = certificate("HC1 signer ES256", HC1_ES256, CA, 0x1001)
HC1_PS256_CERT = certificate("HC1 signer PS256", HC1_PS256, CA, 0x1002)
HC1_UNTRUSTED_CERT = certificate("HC1 signer not trusted", HC1_UNTRUSTED, CA, 0x1003)
HC1_OLD = p256("hc1/old")
HC1_OLD_CERT = certificate("HC1 signer expired 2021", HC1_OLD, CA, 0x1004, (2020, 2021))
# Document signer certificates whose extended key usage limits the DCC types they sign.
DCC_TEST_USAGE = "1.3.6.1.4.1.1847.2021.1.1"
DCC_VACCINATION_USAGE_ALT, DCC_RECOVERY_USAGE_ALT = "1.3.6.1.4.1.0.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.3"
EMAIL_PROTECTION_USAGE = "1.3.6.1.5.5.7.3.4"
HC1_TEST_ONLY = p256("hc1/test-only")
HC1_TEST_ONLY_CERT = certificate("HC1 signer for tests", HC1_TEST_ONLY, CA, 0x1005, key_usages=(DCC_TEST_USAGE,))
HC1_VACCINATION_RECOVERY = p256("hc1/vaccination-recovery")
HC1_VACCINATION_RECOVERY_CERT = certificate("HC1 signer for vaccinations and recoveries", HC1_VACCINATION_RECOVERY,
                                            CA, 0x1006, key_usages=(DCC_VACCINATION_USAGE_ALT,
                                                                    DCC_RECOVERY_USAGE_ALT))
HC1_OTHER_USAGE = p256("hc1/other-usage")
HC1_OTHER_USAGE_CERT = certificate("HC1 signer with a non-DCC key usage", HC1_OTHER_USAGE, CA, 0x1007,
                                   key_usages=(EMAIL_PROTECTION_USAGE,))


def sariakandi(key: ref.Signer, valid_from: int, valid_until: int) -> ref.IssuerEntry:
    return ref.IssuerEntry(alg=key.alg, key=key.public_raw(), iss=SARIAKANDI, name_bn=SARIAKANDI_BN,
                           name_en=SARIAKANDI_EN, valid_from=valid_from, valid_until=valid_until, docs=ALL_DOCS)


def main_issuers() -> list[ref.IssuerEntry]:
    """The issuers of the bundle valid, failures and malformed vectors share."""
    return [
        sariakandi(OLD_KEY, KEY_START, ROTATION),
        sariakandi(NEW_KEY, ROTATION, 0),
        ref.IssuerEntry(alg=ref.ALG_EDDSA, key=SUSPENDED_KEY.public_raw(), iss="BD-10-27-30",
                        name_bn="ধুনট পৌরসভা", name_en="Dhunat Pourashava", valid_from=KEY_START,
                        docs=ALL_DOCS, status="suspended"),
        ref.IssuerEntry(alg=ref.ALG_EDDSA, key=REVOKED_KEY.public_raw(), iss="BD-10-06-20",
                        name_bn="গাবতলী পৌরসভা", name_en="Gabtali Pourashava", valid_from=KEY_START,
                        docs=ALL_DOCS, status="revoked"),
        ref.IssuerEntry(alg=ref.ALG_EDDSA, key=TRADE_ONLY_KEY.public_raw(), iss="BD-10-06-94",
                        name_bn="শেরপুর পৌরসভা", name_en="Sherpur Pourashava", valid_from=KEY_START,
                        docs=["trade_licence"]),
        ref.IssuerEntry(alg=ref.ALG_ES256, key=ES256_ISSUER.public_raw(), iss="BD-10-06-54",
                        name_bn="কাহালু পৌরসভা", name_en="Kahaloo Pourashava", valid_from=KEY_START, docs=["*"]),
        ref.IssuerEntry(alg=ref.ALG_ES256, x5c=X5C_CERT, iss="BD-10-06-95",
                        name_bn="শিবগঞ্জ পৌরসভা", name_en="Shibganj Pourashava", valid_from=KEY_START, docs=["*"]),
    ]


MAIN_BUNDLE = ref.Bundle(seq=5, iat=BUNDLE_IAT, next=BUNDLE_NEXT, issuers=main_issuers(),
                         revoked=[ref.revocation_hash(SARIAKANDI, b"REVOKED00001")])


# --------------------------------------------------------------------------
# Documents

def with_english_address(sample: dict) -> dict:
    """The sample with its address in English too, beside the Bangla one (the
    vectors' expected documents keep this order), so that the vectors carry
    every kind of text field."""
    out = {}
    for key, value in sample.items():
        out[key] = value
        if key == "address_bn":
            out["address_en"] = "Chandanbaisha, Ward 3, Sariakandi Pourashava, Bogura"
    return out


# The sample document, examples/documents/citizenship.json.
CITIZENSHIP = with_english_address(
    json.loads((HERE.parent.parent / "examples" / "documents" / "citizenship.json").read_text(encoding="utf-8")))

HEIRSHIP = {
    "type": "heirship",
    "deceased": {
        "name_bn": "মোঃ আব্দুল করিম",
        "name_en": "Md. Abdul Karim",
        "father_name_bn": "মৃত মোঃ ইউসুফ আলী",
        "nid": "5512345678",
        "date_of_death": "2025-03-01",
        "address_bn": "চন্দনবাইশা, সারিয়াকান্দি, বগুড়া",
    },
    "heirs": [
        {"name_bn": "মোছাঃ ফাতেমা বেগম", "name_en": "Mst. Fatema Begum", "relation": "wife",
         "nid": "6012345678"},
        {"name_bn": "মোঃ রফিকুল ইসলাম", "name_en": "Md. Rafiqul Islam", "relation": "son",
         "nid": "1985101234567", "date_of_birth": "1985-02-11"},
        {"name_bn": "মোছাঃ রহিমা খাতুন", "name_en": "Mst. Rahima Khatun", "relation": "daughter",
         "nid": "1990101234567"},
        {"name_bn": "মোঃ সাকিব হাসান", "relation": "son", "brn": "20081012345678901",
         "date_of_birth": "2008-09-30"},
    ],
    "applicant_name_bn": "মোঃ রফিকুল ইসলাম",
    "ward": 3,
}

TRADE_LICENCE = {
    "type": "trade_licence",
    "licence_no": "TL/2025-26/0412",
    "business_name_bn": "মায়ের দোয়া স্টোর",
    "business_name_en": "Mayer Doa Store",
    "owner_name_bn": "মোঃ রফিকুল ইসলাম",
    "owner_name_en": "Md. Rafiqul Islam",
    "owner_nid": "1985101234567",
    "business_category": "grocery-retail",
    "business_address_bn": "বাজার রোড, ওয়ার্ড নং ২, সারিয়াকান্দি পৌরসভা",
    "holding_no": "02-022-0047-00",
    "mobile": "01711223344",
    "fiscal_year": "2025-2026",
    "fee_paid": 150000,
    "ward": 2,
}

INCOME = {
    "type": "income",
    "name_bn": "মোঃ রফিকুল ইসলাম", "name_en": "Md. Rafiqul Islam",
    "father_name_bn": "মোঃ আব্দুল করিম", "mother_name_bn": "মোছাঃ ফাতেমা বেগম",
    "nid": "1985101234567", "address_bn": "চন্দনবাইশা, সারিয়াকান্দি, বগুড়া", "annual_income": 240000,
}

# One certificate of each type the office issues beyond the three above, as
# (document, expiry by its profile's validity, vector name, description).
ADDRESS_WARD_3 = "চন্দনবাইশা, ওয়ার্ড নং ৩, সারিয়াকান্দি পৌরসভা, বগুড়া"
OFFICE_CERTIFICATES = [
    ({
        "type": "family",
        "name_bn": "মোঃ রফিকুল ইসলাম", "name_en": "Md. Rafiqul Islam",
        "father_name_bn": "মৃত মোঃ আব্দুল করিম", "father_name_en": "Late Md. Abdul Karim",
        "mother_name_bn": "মোছাঃ ফাতেমা বেগম", "mother_name_en": "Mst. Fatema Begum",
        "nid": "1985101234567", "date_of_birth": "1985-02-11", "address_bn": ADDRESS_WARD_3, "ward": 3,
        "members": [
            {"name_bn": "মোছাঃ শাহনাজ পারভীন", "name_en": "Mst. Shahnaz Parvin", "relation": "wife",
             "nid": "1989101234570", "date_of_birth": "1989-06-02"},
            {"name_bn": "মোঃ সাকিব হাসান", "name_en": "Md. Sakib Hasan", "relation": "son",
             "brn": "20081012345678901", "date_of_birth": "2008-09-30"},
            {"name_bn": "সুমাইয়া আক্তার", "name_en": "Sumaiya Akter", "relation": "daughter",
             "brn": "20131012345678902", "date_of_birth": "2013-01-17"},
            {"name_bn": "মোছাঃ ফাতেমা বেগম", "name_en": "Mst. Fatema Begum", "relation": "mother",
             "nid": "6012345678"},
        ],
    }, EXPIRES, "family_four_members", "Family certificate: the holder and four members of the household, "
       "each with a relation to the holder; 12 months."),
    ({
        "type": "not_remarried",
        "name_bn": "মোছাঃ ফাতেমা বেগম", "name_en": "Mst. Fatema Begum",
        "father_name_bn": "মৃত মোঃ হাবিবুর রহমান", "mother_name_bn": "মৃত মোছাঃ জমিলা খাতুন",
        "nid": "6012345678", "date_of_birth": "1962-05-20", "address_bn": ADDRESS_WARD_3, "ward": 3,
        "late_spouse_name_bn": "মোঃ আব্দুল করিম", "late_spouse_name_en": "Md. Abdul Karim",
        "late_spouse_date_of_death": "2025-03-01", "late_spouse_nid": "5512345678",
    }, SIX_MONTHS, "not_remarried_widow", "Not remarried certificate for a widow's allowance, with the late "
       "husband's name, date of death and NID; 6 months."),
    ({
        "type": "unemployment",
        "name_bn": "মোঃ তানভীর আহমেদ", "name_en": "Md. Tanvir Ahmed",
        "father_name_bn": "মোঃ জাহাঙ্গীর আলম", "father_name_en": "Md. Jahangir Alam",
        "mother_name_bn": "মোছাঃ নাসরিন আক্তার",
        "nid": "19981012345678901", "date_of_birth": "1998-03-09",
        "address_bn": "হাসপাতাল রোড, ওয়ার্ড নং ২, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 2,
        "education_bn": "স্নাতক (সম্মান), সরকারি আজিজুল হক কলেজ, বগুড়া",
        "education_en": "B.A. (Honours), Government Azizul Haque College, Bogura",
    }, SIX_MONTHS, "unemployment_graduate", "Unemployment certificate for a graduate identified by a 17-digit "
       "NID; 6 months."),
    ({
        "type": "freedom_fighter_child",
        "name_bn": "মোছাঃ নাজমা আক্তার", "name_en": "Mst. Nazma Akter",
        "father_name_bn": "বীর মুক্তিযোদ্ধা মোঃ আব্দুল জব্বার", "mother_name_bn": "মোছাঃ সালেহা বেগম",
        "nid": "1979101234568", "address_bn": "নারচী রোড, ওয়ার্ড নং ৬, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 6,
        "freedom_fighter_name_bn": "মোঃ আব্দুল জব্বার", "freedom_fighter_name_en": "Md. Abdul Jabbar",
        "freedom_fighter_relation": "daughter", "gazette_no": "বেসামরিক গেজেট নং ৪৫৬৭", "mis_no": "01100004567",
    }, None, "freedom_fighter_child", "Freedom fighter's child certificate with the gazette number (Bangla "
       "digits, kept as text) and the MIS number; no expiry."),
    ({
        "type": "permanent_resident",
        "name_bn": "মোঃ মাহবুবুর রহমান", "name_en": "Md. Mahbubur Rahman",
        "father_name_bn": "মৃত মোঃ মকবুল হোসেন", "father_name_en": "Late Md. Maqbul Hossain",
        "mother_name_bn": "মৃত মোছাঃ রহিমা বেগম", "mother_name_en": "Late Mst. Rahima Begum",
        "nid": "8213456790", "date_of_birth": "1975-09-01", "address_bn": ADDRESS_WARD_3,
        "address_en": "Chandanbaisha, Ward 3, Sariakandi Pourashava, Bogura", "ward": 3,
        "holding_no": "03-017-0112-00", "resident_since": 1975,
    }, EXPIRES, "permanent_resident", "Permanent resident certificate in both languages, with the holding "
       "number and the year residence began; 12 months."),
    ({
        "type": "widow",
        "name_bn": "মোছাঃ রোকেয়া বেগম", "name_en": "Mst. Rokeya Begum",
        "father_name_bn": "মোঃ নূরুল হক", "mother_name_bn": "মোছাঃ আছিয়া খাতুন",
        "nid": "7312456789", "date_of_birth": "1971-12-05",
        "address_bn": "কলেজ পাড়া, ওয়ার্ড নং ৫, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 5,
        "late_husband_name_bn": "মোঃ শফিকুল ইসলাম", "late_husband_name_en": "Md. Shafiqul Islam",
        "husband_date_of_death": "2023-11-14",
    }, EXPIRES, "widow", "Widow certificate with the late husband's name and date of death; 12 months."),
    ({
        "type": "orphan",
        "name_bn": "মোঃ আরিফ হোসেন", "name_en": "Md. Arif Hossain",
        "father_name_bn": "মৃত মোঃ সোহরাব হোসেন", "mother_name_bn": "মোছাঃ মরিয়ম বেগম",
        "brn": "20121012345678903", "date_of_birth": "2012-04-18",
        "address_bn": "দেলুয়াবাড়ী, ওয়ার্ড নং ৭, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 7,
        "orphan_status": "father_deceased",
        "guardian": {"name_bn": "মোছাঃ মরিয়ম বেগম", "name_en": "Mst. Mariam Begum", "relation": "mother",
                     "nid": "8812345670", "mobile": "01712345678"},
    }, EXPIRES, "orphan_with_guardian", "Orphan certificate for a child known by birth registration, with the "
       "guardian's name, relation, NID and mobile number; 12 months."),
    ({
        "type": "disability",
        "name_bn": "মোছাঃ সুমি খাতুন", "name_en": "Mst. Sumi Khatun",
        "father_name_bn": "মোঃ আলমগীর হোসেন", "mother_name_bn": "মোছাঃ রাশেদা বেগম",
        "nid": "2001101234567", "date_of_birth": "2001-08-23",
        "address_bn": "থানা রোড, ওয়ার্ড নং ৪, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 4,
        "disability_type": "visual", "disability_id": "1006885310045",
    }, EXPIRES, "disability_visual", "Disability certificate naming the type of disability (an enum) and the "
       "disability ID card number; 12 months."),
    ({
        "type": "no_objection",
        "name_bn": "মোঃ কামরুল হাসান", "name_en": "Md. Kamrul Hasan",
        "father_name_bn": "মোঃ আবুল কালাম", "mother_name_bn": "মোছাঃ হোসনে আরা",
        "nid": "5523456781", "date_of_birth": "1994-01-30",
        "address_bn": "বাজার রোড, ওয়ার্ড নং ১, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 1,
        "purpose_bn": "সৌদি আরবে চাকরির উদ্দেশ্যে পাসপোর্ট ও ভিসা প্রক্রিয়াকরণ",
        "purpose_en": "Passport and visa processing for employment in Saudi Arabia",
        "addressed_to": "Bureau of Manpower, Employment and Training (BMET), Dhaka",
    }, SIX_MONTHS, "no_objection_overseas_job", "No objection certificate with its purpose in Bangla and "
       "English and the authority it is addressed to; 6 months."),
    ({
        "type": "possession",
        "name_bn": "মোঃ আনোয়ার হোসেন", "name_en": "Md. Anwar Hossain",
        "father_name_bn": "মৃত মোঃ জয়নাল আবেদীন", "mother_name_bn": "মৃত মোছাঃ খোদেজা বেগম",
        "nid": "3312456780", "address_bn": ADDRESS_WARD_3, "ward": 3,
        "mouza_bn": "চন্দনবাইশা", "khatian_no": "1234", "dag_no": "5678", "land_area": "৮ শতাংশ",
    }, EXPIRES, "possession_of_land", "Possession certificate for a plot given by mouza, khatian and dag "
       "numbers, and its area; 12 months."),
    ({
        "type": "small_ethnic_group",
        "name_bn": "সুমন হাঁসদা", "name_en": "Suman Hansda",
        "father_name_bn": "রবিন হাঁসদা", "mother_name_bn": "মালতী মুর্মু",
        "nid": "9012345678", "date_of_birth": "1996-10-12",
        "address_bn": "আদিবাসী পাড়া, ওয়ার্ড নং ৮, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 8,
        "ethnic_group_bn": "সাঁওতাল", "ethnic_group_en": "Santal",
    }, None, "small_ethnic_group_santal", "Small ethnic group certificate for a Santal; no expiry."),
    ({
        "type": "river_erosion_affected",
        "name_bn": "মোঃ আব্দুর রশিদ", "name_en": "Md. Abdur Rashid",
        "father_name_bn": "মৃত মোঃ ইসমাইল হোসেন", "mother_name_bn": "মৃত মোছাঃ হালিমা খাতুন",
        "nid": "4612345678", "address_bn": "বাঁধের ধারে, ওয়ার্ড নং ৯, সারিয়াকান্দি পৌরসভা, বগুড়া", "ward": 9,
        "river_bn": "যমুনা", "erosion_year": 2024,
        "lost_address_bn": "গ্রাম: কাজলা, ইউনিয়ন: কাজলা, সারিয়াকান্দি, বগুড়া",
        "loss_bn": "বসতভিটা ও ৩৩ শতাংশ আবাদি জমি",
    }, EXPIRES, "river_erosion_affected", "River erosion affected certificate: the Jamuna took the holder's "
       "homestead in 2024; 12 months."),
]

EU_DCC = {1: {
    "ver": "1.3.0",
    "nam": {"fn": "Rahman", "fnt": "RAHMAN", "gn": "Karim", "gnt": "KARIM"},
    "dob": "1985-04-14",
    "v": [{"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "ma": "ORG-100030215", "dn": 2, "sd": 2,
           "dt": "2025-11-02", "co": "BD", "is": "Directorate General of Health Services",
           "ci": "URN:UVCI:01:BD:DGHS/0000123456#Q"}],
}}
DCC_TEST_ENTRY = {"tg": "840539006", "tt": "LP6464-4", "nm": "COVID-19 PCR", "sc": "2025-12-30T09:15:00Z",
                  "tr": "260415000", "tc": "Dhaka Medical College Hospital", "co": "BD",
                  "is": "Directorate General of Health Services", "ci": "URN:UVCI:01:BD:DGHS/0000654321#K"}
EU_DCC_TEST = {1: {key: value for key, value in EU_DCC[1].items() if key != "v"} | {"t": [DCC_TEST_ENTRY]}}


def normalised(document: Any) -> Any:
    """What a verifier shows for a document: its text in NFC, white space collapsed."""
    if isinstance(document, dict):
        return {k: normalised(v) for k, v in document.items()}
    if isinstance(document, list):
        return [normalised(v) for v in document]
    if isinstance(document, str):
        return ref.normalise_text(document)
    return document


def issuer_json(entry: ref.IssuerEntry) -> dict:
    return {"code": entry.iss, "name_bn": entry.name_bn, "name_en": entry.name_en, "kid": entry.kid().hex(),
            "algorithm": ref.ALG_NAMES[entry.alg]}


ISSUER_OLD, ISSUER_NEW = issuer_json(MAIN_BUNDLE.issuers[0]), issuer_json(MAIN_BUNDLE.issuers[1])


# --------------------------------------------------------------------------
# Raw CBOR, for the vectors no well-behaved encoder would write

def head(major: int, value: int, width: Optional[int] = None) -> bytes:
    """A CBOR initial byte and argument; `width` forces 1, 2, 4 or 8 bytes."""
    if width is None:
        width = 0 if value < 24 else 1 if value < 0x100 else 2 if value < 0x10000 else 4 if value < 2 ** 32 else 8
    if width == 0:
        return bytes([major << 5 | value])
    ai = {1: 24, 2: 25, 4: 26, 8: 27}[width]
    return bytes([major << 5 | ai]) + value.to_bytes(width, "big")


def bstr(data: bytes) -> bytes:
    return head(2, len(data)) + data


def sign1_raw(protected: bytes, unprotected: bytes, payload: bytes, signature: bytes, prefix: bytes = b"\xd2\x84") -> bytes:
    """A COSE_Sign1 assembled from already-encoded members."""
    return prefix + bstr(protected) + unprotected + bstr(payload) + bstr(signature)


def padding_bit_set(cose: bytes) -> bytes:
    """The COSE_Sign1 compressed with its top unused bit after the last
    deflate block set, by the first zlib strategy and level whose stream has
    such a bit (the reference decides which bits are unused, by flipping them)."""
    for strategy, level in [(st, lv) for st in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FIXED, zlib.Z_HUFFMAN_ONLY)
                            for lv in range(9, 0, -1)]:
        packer = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS, 8, strategy)
        stream = packer.compress(cose) + packer.flush()
        flipped = bytearray(stream)
        flipped[-5] |= 0x80
        try:
            if flipped[-5] == stream[-5] or zlib.decompress(bytes(flipped)) != cose:
                continue
        except zlib.error:
            continue
        assert ref.deflate_padding_is_zero(stream) and not ref.deflate_padding_is_zero(bytes(flipped))
        return bytes(flipped)
    raise AssertionError("no zlib level leaves an unused top bit")


def standard_claims(doc: Optional[dict] = None, **overrides: Any) -> dict:
    """The claims of a citizenship certificate (or `doc`); keyword arguments
    replace claims, None removes one."""
    fields = dict(iss=SARIAKANDI, iat=ISSUED, exp=EXPIRES, cti=b"C0VECTOR0001",
                  document=ref.encode_document(doc or CITIZENSHIP))
    fields.update(overrides)
    return ref.cwt_claims(**fields)


def qr_zlib(stream: bytes, prefix: str = "BD1:") -> str:
    """A text around a zlib stream exactly as given."""
    return prefix + ref.b45encode(stream)


def qr(cose: bytes, compression: str = "never", prefix: str = "BD1:") -> str:
    if compression == "never":
        return ref.wrap(cose, prefix, compress_if_smaller=False)
    return ref.wrap(cose, prefix, force_compress=(compression == "always"))


def cert(claims: Optional[dict] = None, key: ref.Signer = NEW_KEY, compression: str = "never", **sign_args: Any) -> str:
    payload = ref.cbor_dumps(claims if claims is not None else standard_claims())
    return qr(ref.sign1(payload, key, **sign_args), compression)


def signed_parts(payload: bytes, key: ref.Signer = NEW_KEY, protected: Optional[bytes] = None) -> tuple[bytes, bytes]:
    """The protected bytes and a valid signature over them and the payload."""
    if protected is None:
        protected = ref.encode_protected({ref.HDR_ALG: key.alg, ref.HDR_KID: key.kid()})
    return protected, key.sign(ref.sig_structure(protected, payload))


PAYLOAD = ref.cbor_dumps(standard_claims())
PROTECTED, SIGNATURE = signed_parts(PAYLOAD)


def identity(protected: bytes, payload: bytes, issuer: str = SARIAKANDI, cti: bytes = b"C0VECTOR0001") -> dict:
    """The certificate identity format.md 8.1 defines: iss, the raw cti in hex
    and SHA-256 of the Sig_structure, whatever text carried them."""
    return {"cti": cti.hex(), "fingerprint": hashlib.sha256(ref.sig_structure(protected, payload)).hexdigest(),
            "issuer": issuer}


GENUINE_IDENTITY = identity(PROTECTED, PAYLOAD)


# --------------------------------------------------------------------------
# Vector files

def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class Trust:
    """A verifier's trust set-up, as a vector file states it."""

    def __init__(self, roots: tuple = (), bundle: Optional[bytes] = None, updates: tuple = (),
                 min_sequence: Optional[int] = None, certificates: tuple = ()):
        self.roots, self.bundle, self.updates = list(roots), bundle, list(updates)
        self.min_sequence, self.certificates = min_sequence, list(certificates)

    def to_json(self) -> dict:
        if self.certificates:
            return {"certificates": [b64(c) for c in self.certificates]}
        out: dict = {"roots": [{"algorithm": ref.ALG_NAMES[r.alg], "public_key": b64(r.public_raw())}
                               for r in self.roots],
                     "bundle": b64(self.bundle)}
        if self.min_sequence is not None:
            out["min_sequence"] = self.min_sequence
        if self.updates:
            out["updates"] = [b64(u) for u in self.updates]
        return out

    def load(self) -> tuple[Optional[ref.Trust], Optional[str]]:
        """The reference trust, and the error code loading it gave, if any."""
        if self.certificates:
            entries = []
            for der in self.certificates:
                key = ref.TrustedKey.from_certificate(der)
                entries.append(ref.IssuerEntry(alg=key.alg, x5c=der))
            return ref.Trust(entries), None
        roots = [ref.TrustedKey.from_raw(r.alg, r.public_raw()) for r in self.roots]
        try:
            trust = ref.Trust.from_bundle(self.bundle, roots, self.min_sequence or 0)
        except ref.TrustError as e:
            return None, e.code
        for update in self.updates:
            try:
                trust.update(update, roots)
            except ref.TrustError as e:
                return trust, e.code
        return trust, None


MAIN_TRUST = Trust(roots=(ROOT,), bundle=MAIN_BUNDLE.sign(ROOT))


class VectorFile:
    def __init__(self, name: str, description: str, trust: Trust):
        self.name, self.description, self.trust = name, description, trust
        self.vectors: list[dict] = []
        self.trust_overrides: dict[str, Trust] = {}

    def add(self, name: str, description: str, text: str, expect: dict, now: int = NOW,
            options: Optional[dict] = None, trust: Optional[Trust] = None) -> None:
        if any(v["name"] == name for v in self.vectors):
            raise ValueError(f"duplicate vector name {name}")
        vector: dict = {"name": name, "description": description, "qr": text, "now": now}
        if options:
            vector["options"] = options
        if trust is not None:
            vector["trust"] = trust.to_json()
            self.trust_overrides[name] = trust
        vector["expect"] = expect
        self.vectors.append(vector)

    def check(self) -> None:
        """Every expectation must match the reference verifier's result."""
        for vector in self.vectors:
            try:
                check_vector(vector, self.trust_overrides.get(vector["name"], self.trust))
            except AssertionError as e:
                raise SystemExit(f"{self.name}: vector {vector['name']}: {e}") from None

    def to_json(self) -> str:
        body = {"description": self.description, "trust": self.trust.to_json(), "vectors": self.vectors}
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def check_vector(vector: dict, trust_spec: Trust) -> None:
    expect = vector["expect"]
    trust, error = trust_spec.load()
    assert error == expect.get("trust_error"), f"trust error {error!r}, expected {expect.get('trust_error')!r}"
    if "verdict" not in expect:
        return
    assert trust is not None, "no trust to verify with"
    options = vector.get("options", {})
    result = ref.verify(vector["qr"], trust, vector["now"],
                        scheme=ref.HC1 if options.get("scheme") == "hc1" else ref.BD1,
                        clock_skew=options.get("clock_skew", 300),
                        grace_period=options.get("grace_period", 7 * DAY),
                        max_inflated_size=options.get("max_inflated_size", 65536))
    got = (result.verdict, result.stage, result.reason)
    want = (expect["verdict"], expect["stage"], expect["reason"])
    assert got == want, f"reference gives {got} ({result.detail}), expected {want}"
    if "document" in expect:
        assert result.document == expect["document"], f"document {result.document}"
    if "identity" in expect:
        assert result.identity == expect["identity"], f"identity {result.identity}"
    if "issuer" in expect:
        assert result.issuer is not None and all(result.issuer[k] == v for k, v in expect["issuer"].items()), \
            f"issuer {result.issuer}"
    if "trust" in expect:
        if "freshness" in expect["trust"]:
            assert result.freshness == expect["trust"]["freshness"], f"freshness {result.freshness}"
        if "sequence" in expect["trust"]:
            assert trust.bundle is not None and trust.bundle.seq == expect["trust"]["sequence"]


def valid(document: Optional[dict] = None, issuer: Optional[dict] = None, **extra: Any) -> dict:
    expect: dict = {"verdict": "valid", "stage": "done", "reason": "ok"}
    if document is not None:
        expect["document"] = normalised(document)
    if issuer is not None:
        expect["issuer"] = issuer
    expect.update(extra)
    return expect


def invalid(stage: str, reason: str, **extra: Any) -> dict:
    return {"verdict": "invalid", "stage": stage, "reason": reason, **extra}


# --------------------------------------------------------------------------
# valid.json

def valid_vectors() -> VectorFile:
    f = VectorFile("valid", "Genuine BD1 certificates that a verifier must accept, with the document it must "
                            "show: the profiles, both text encodings, compression, key rotation and the "
                            "encodings format.md allows on input.", MAIN_TRUST)

    f.add("citizenship_bilingual", "Citizenship certificate with Bangla and English names, Bangla text in SCSU, "
          "not compressed (as a Poura issuer writes it).",
          cert(), valid(CITIZENSHIP, ISSUER_NEW, serial="C0VECTOR0001", identity=GENUINE_IDENTITY))
    heirship = standard_claims(HEIRSHIP, exp=None, cti=b"H0VECTOR0001")
    f.add("heirship_several_heirs", "Heirship certificate with four heirs, one identified by birth registration; "
          "no expiry; zlib-compressed.",
          cert(heirship, compression="always"), valid(HEIRSHIP, ISSUER_NEW))
    f.add("heirship_uncompressed", "The same heirship certificate without compression.",
          cert(heirship), valid(HEIRSHIP, ISSUER_NEW))
    f.add("trade_licence", "Trade licence expiring at the end of the fiscal year.",
          cert(standard_claims(TRADE_LICENCE, exp=FISCAL_YEAR_END, cti=b"T0VECTOR0001")),
          valid(TRADE_LICENCE, ISSUER_NEW))
    for number, (document, expires, name, description) in enumerate(OFFICE_CERTIFICATES, start=1):
        serial = f"P{number:02d}VECTOR0001"
        f.add(name, description, cert(standard_claims(document, exp=expires, cti=serial.encode())),
              valid(document, ISSUER_NEW, serial=serial))
    f.add("citizenship_compressed", "Citizenship certificate zlib-compressed although that is not smaller: "
          "a verifier inflates whatever carries a zlib header.",
          cert(compression="always"), valid(CITIZENSHIP, ISSUER_NEW, identity=GENUINE_IDENTITY))
    f.add("text_as_utf8", "Every text value as a CBOR text string (UTF-8), none in SCSU.",
          cert(standard_claims(document=None) | {ref.BD1_DOCUMENT_CLAIM: ref.encode_document(CITIZENSHIP, str)}),
          valid(CITIZENSHIP, ISSUER_NEW))
    f.add("text_all_scsu", "Every text value as SCSU bytes, ASCII ones included.",
          cert(standard_claims() | {ref.BD1_DOCUMENT_CLAIM: ref.encode_document(CITIZENSHIP, ref.scsu_encode)}),
          valid(CITIZENSHIP, ISSUER_NEW))

    # SCSU streams a conforming decoder reads though Poura's encoder never writes them.
    def scsu_unicode_mode(text: str) -> bytes:
        return bytes([ref.SCU]) + text.encode("utf-16-be")

    def scsu_window_one(text: str) -> bytes:
        """SD1 to U+0980, spaces and commas as ASCII, then back via SC1."""
        out = bytearray([ref.SD0 + 1, 0x13])
        for ch in text:
            cp = ord(ch)
            out += bytes([0x80 + cp - 0x980]) if 0x980 <= cp < 0xA00 else bytes([ref.SQ0, cp]) if cp < 0x20 \
                else bytes([cp])
        return bytes(out)

    def scsu_quoted(text: str) -> bytes:
        """Initial windows only: each Bangla letter via SQU, ASCII as is."""
        out = bytearray()
        for ch in text:
            out += bytes([ref.SQU]) + ord(ch).to_bytes(2, "big") if ord(ch) > 0x7F else ch.encode()
        return bytes(out)

    doc = dict(ref.encode_document(CITIZENSHIP))
    doc[1] = scsu_unicode_mode(CITIZENSHIP["name_bn"])
    doc[3] = scsu_window_one(CITIZENSHIP["father_name_bn"])
    doc[5] = scsu_quoted(CITIZENSHIP["mother_name_bn"])
    # Unicode mode, then UD0 defines window 0 at U+0980 and returns to single-byte mode.
    addr = CITIZENSHIP["address_bn"]
    split = addr.index(",")
    doc[10] = (bytes([ref.SCU]) + addr[:split].encode("utf-16-be") + bytes([ref.UD0, 0x13])
               + ref.scsu_encode(addr[split:])[2:])
    f.add("scsu_other_modes", "SCSU in forms a conforming decoder must read: Unicode mode (SCU), dynamic window 1 "
          "(SD1), quoted UTF-16 units (SQU) and a switch from Unicode mode back via UD0.",
          cert(standard_claims() | {ref.BD1_DOCUMENT_CLAIM: doc}), valid(CITIZENSHIP, ISSUER_NEW))

    # Written as a careless issuer might: precomposed nukta letters, a vowel sign in two parts, double spaces.
    raw_name = "ম\u09c7\u09beছাঃ  রহিমা  খাতুন"
    raw_address = "চন্দনবাইশা, ও\u09dfার্ড নং ৩, সারি\u09dfাকান্দি পৌরসভা, বগু\u09dcা"
    assert raw_address != CITIZENSHIP["address_bn"] and ref.normalise_text(raw_address) == CITIZENSHIP["address_bn"]
    raw = ref.encode_document(CITIZENSHIP) | {1: raw_name, 10: raw_address}
    f.add("text_renormalised", "Text the verifier must re-normalise: a name with the vowel sign O written as "
          "U+09C7 U+09BE and double spaces, an address with the precomposed U+09DF and U+09DC. It is shown in NFC "
          "(U+09CB; U+09AF U+09BC; U+09A1 U+09BC) with white space collapsed.",
          cert(standard_claims() | {ref.BD1_DOCUMENT_CLAIM: raw}), valid(CITIZENSHIP, ISSUER_NEW))

    shuffled = ref.encode_document(CITIZENSHIP)
    shuffled = {k: shuffled[k] for k in [12, 10, 7, 2, 1, 0, 5, 3, 9, 4, 6, 11]}
    f.add("document_keys_any_order", "The document claim's keys in an order other than the profile's.",
          cert(standard_claims() | {ref.BD1_DOCUMENT_CLAIM: shuffled}), valid(CITIZENSHIP, ISSUER_NEW))
    reordered = {k: standard_claims()[k] for k in [ref.BD1_DOCUMENT_CLAIM, ref.CLAIM_CTI, ref.CLAIM_EXP,
                                                   ref.CLAIM_IAT, ref.CLAIM_ISS]}
    f.add("claims_any_order", "CWT claims in reverse order, plus an unknown claim (8) that is ignored.",
          cert(reordered | {8: "ignored"}), valid(CITIZENSHIP, ISSUER_NEW))

    f.add("rotation_old_key", "Signed in November 2025 by the key retired on 2025-12-01, which still verifies "
          "what it signed while it was valid.",
          cert(standard_claims(iat=1763164800, exp=1794700800, cti=b"C0VECTOR2025"), key=OLD_KEY),
          valid(CITIZENSHIP, ISSUER_OLD))
    f.add("rotation_new_key_first_day", "Signed by the new key on its first day.",
          cert(standard_claims(iat=ROTATION)), valid(CITIZENSHIP, ISSUER_NEW))

    f.add("kid_unprotected", "The kid in the unprotected header only (alg protected).",
          cert(protected={ref.HDR_ALG: ref.ALG_EDDSA}, unprotected={ref.HDR_KID: NEW_KEY.kid()}),
          valid(CITIZENSHIP, ISSUER_NEW))
    f.add("cwt_tag", "CWT claims wrapped in tag 61.",
          qr(ref.sign1(ref.cbor_dumps(cbor2.CBORTag(61, standard_claims())), NEW_KEY)),
          valid(CITIZENSHIP, ISSUER_NEW))

    f.add("float_dates", "iat and exp as floats. iat is 300.75 s after now and rounds down to 300 s, inside "
          "the skew; unrounded it would be outside.",
          cert(standard_claims(iat=NOW + 300.75, exp=EXPIRES + 0.5)), valid(CITIZENSHIP, ISSUER_NEW))
    f.add("nbf_in_the_past", "An nbf claim before now.", cert(standard_claims(nbf=ISSUED)),
          valid(CITIZENSHIP, ISSUER_NEW))
    f.add("expired_within_skew", "Expired 300 s ago: still inside the default 300 s clock skew.",
          cert(standard_claims(exp=NOW - 300)), valid(CITIZENSHIP))
    f.add("issued_in_future_within_skew", "Issued 300 s in the future: inside the clock skew.",
          cert(standard_claims(iat=NOW + 300)), valid(CITIZENSHIP))
    f.add("no_iat", "No iat claim: the key's validity window is not checked.",
          cert(standard_claims(iat=None), key=OLD_KEY), valid(CITIZENSHIP, ISSUER_OLD))
    # Extended and fixed SCSU windows, SCn, SQn, and Unicode mode with UQU and UC0, in one text field.
    scsu_parts = [
        (b"Caf" + bytes([ref.SD0 + 1, 0xF9, 0x80 + 0xE9 - 0xC0]), "Café"),  # SD1 at the fixed window U+00C0
        (b" Road " + bytes([ref.SQ0 + 1, 0x29]), " Road ©"),  # SQ1 below 0x80: static window 1 (U+0080)
        (b" " + bytes([ref.SC0 + 2, 0x94]), " Д"),  # SC2: initial dynamic window 2 (U+0400)
        (b" " + bytes([ref.SDX, 0x61, 0xAA, 0x85]), " 𝔅"),  # SDX: window 3 at U+1D500
        (b" " + bytes([ref.SD0 + 4, 0xA7, 0xA1]), " ﾡ"),  # SD4, index A7: U+FF80
        (b" " + bytes([ref.SCU, ref.UQU, 0x00, 0x41, 0x00, 0x2C, ref.UC0, 0x20]), " A, "),  # Unicode mode
        (b"Sariakandi", "Sariakandi"),
    ]
    scsu_bytes = b"".join(p[0] for p in scsu_parts)
    scsu_text = "".join(p[1] for p in scsu_parts)
    assert ref.scsu_decode(scsu_bytes) == scsu_text
    f.add("scsu_extended_windows", "address_en in SCSU using a fixed window (SD1 F9), a static window (SQ1), an "
          "initial dynamic window (SC2), an extended window above U+FFFF (SDX), window index A7, and Unicode "
          "mode with UQU and UC0.",
          cert(standard_claims() | {ref.BD1_DOCUMENT_CLAIM: ref.encode_document(CITIZENSHIP) | {11: scsu_bytes}}),
          valid(CITIZENSHIP | {"address_en": scsu_text}))
    single = ref.cbor_dumps(standard_claims(nbf=0))
    exp_int = ref.cbor_dumps(EXPIRES)
    assert single.count(exp_int) == 1 and single.count(b"\x05\x00") == 1
    single = single.replace(exp_int, b"\xfa" + struct.pack(">f", float(EXPIRES))).replace(b"\x05\x00", b"\x05\xf9\x00\x00")
    f.add("float_dates_short", "exp as a single-precision float and nbf as a half-precision 0.0.",
          qr(ref.sign1(single, NEW_KEY)), valid(CITIZENSHIP))
    thirty = dict(HEIRSHIP, heirs=[{"name_bn": "মোঃ রফিকুল ইসলাম", "relation": "son"}] * 30)
    f.add("heirs_at_limit", "An heirship certificate with 30 heirs, the most its profile allows.",
          cert(standard_claims(thirty, exp=None)), valid(thirty))
    f.add("latin_name_decomposed", "A Latin name with a combining diaeresis (e + U+0308): NFC makes it U+00EB, "
          "which latin_name allows.",
          cert(standard_claims(CITIZENSHIP | {"name_en": "Mst. Zoe\u0308 Begum"})),
          valid(CITIZENSHIP | {"name_en": "Mst. Zo\u00eb Begum"}))
    f.add("text_no_break_space_kept", "A no-break space (U+00A0) in an address: text, not white space to "
          "collapse, and kept.",
          cert(standard_claims(CITIZENSHIP | {"address_en": "Ward\u00a03,  Sariakandi"})),
          valid(CITIZENSHIP | {"address_en": "Ward\u00a03, Sariakandi"}))
    f.add("text_trimmed", "Spaces, a tab and a line break around and inside names: trimmed and collapsed.",
          cert(standard_claims(CITIZENSHIP | {"name_en": " Mst.\tRahima \n Khatun  "})),
          valid(CITIZENSHIP | {"name_en": "Mst. Rahima Khatun"}))
    f.add("binary_serial", "A cti that is not UTF-8 text: shown as hex.",
          cert(standard_claims(cti=bytes([0xff, 0x00, 0x10, 0x80]))), valid(CITIZENSHIP, serial="ff001080"))
    f.add("revocation_list_other_serial", "The bundle revokes another serial of the same issuer.",
          cert(standard_claims(cti=b"REVOKED00002")), valid(CITIZENSHIP))
    f.add("whitespace_around_text", "Spaces, CR and LF around the QR text are stripped.",
          "\r\n  " + cert() + " \n", valid(CITIZENSHIP))
    f.add("es256_issuer", "An ES256 issuer key (raw P-256 point) in the bundle; r||s signature.",
          cert(key=ES256_ISSUER, claims=standard_claims(iss="BD-10-06-54")),
          valid(CITIZENSHIP, issuer_json(MAIN_BUNDLE.issuers[5])))
    f.add("x5c_issuer", "A bundle entry holding an X.509 certificate: its kid is over the DER certificate.",
          qr(ref.sign1(ref.cbor_dumps(standard_claims(iss="BD-10-06-95")), X5C_ISSUER,
                       protected={ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: ref.kid_of(X5C_CERT)})),
          valid(CITIZENSHIP, issuer_json(MAIN_BUNDLE.issuers[6])))
    f.add("trade_only_issuer", "An issuer allowed trade licences only, issuing one.",
          cert(standard_claims(TRADE_LICENCE, iss="BD-10-06-94", exp=FISCAL_YEAR_END), key=TRADE_ONLY_KEY),
          valid(TRADE_LICENCE))
    # The largest payload a BD1 certificate may inflate to: the unprotected
    # header holds nothing but a kid, so the signed claims carry the padding.
    def padded(size: int) -> bytes:
        return ref.sign1(ref.cbor_dumps(standard_claims() | {-70000: bytes(size)}), NEW_KEY)
    padding = 65536 - len(padded(0))
    padding -= len(padded(padding)) - 65536  # the longer heads of the bigger strings
    big = padded(padding)
    assert len(big) == 65536
    f.add("inflated_at_limit", "A compressed COSE_Sign1 of exactly 65,536 bytes (padded in an unknown signed "
          "claim): the inflate limit.", qr(big, "always"), valid(CITIZENSHIP))
    return f


# --------------------------------------------------------------------------
# failures.json: one or more per reason

def failure_vectors() -> VectorFile:
    f = VectorFile("failures", "Well-formed certificates refused for a reason: one or more vectors per reason "
                               "code Poura reports.", MAIN_TRUST)
    good = cert()
    good_b45 = good[len("BD1:"):]
    f.add("bad_prefix_hc1", "An HC1: prefix where BD1: is expected.", "HC1:" + good_b45,
          invalid("prefix", "bad_prefix"))
    f.add("bad_prefix_lower_case", "The prefix is case-sensitive.", "bd1:" + good_b45, invalid("prefix", "bad_prefix"))
    f.add("bad_prefix_none", "Base45 without any prefix.", good_b45, invalid("prefix", "bad_prefix"))
    f.add("bad_base45_lower_case", "A lower-case letter in the Base45 text.",
          good[:20] + good[20].lower() + good[21:] if good[20].isalpha() else "BD1:" + "a" + good_b45[1:],
          invalid("base45", "bad_base45"))
    zlib_data = bytearray(ref.compress(ref.sign1(PAYLOAD, NEW_KEY)))
    zlib_data[len(zlib_data) // 2] ^= 0xFF
    zlib_data[len(zlib_data) // 2 + 1] ^= 0xFF
    f.add("bad_compression_damaged_stream", "A zlib stream damaged in the middle (bad data or Adler-32).",
          "BD1:" + ref.b45encode(bytes(zlib_data)), invalid("inflate", "bad_compression"))
    f.add("bad_cose_cwt_tag", "The COSE_Sign1 array inside tag 61 (CWT) instead of 18.",
          qr(head(6, 61, 1) + ref.sign1(PAYLOAD, NEW_KEY, tagged=False)), invalid("cose", "bad_cose"))
    f.add("bad_header_es512", "alg -36 (ES512), which the verifier does not support.",
          cert(protected={ref.HDR_ALG: -36, ref.HDR_KID: NEW_KEY.kid()}), invalid("header", "bad_header"))
    f.add("unknown_key", "Signed by a key the bundle does not list.", cert(key=STRANGER),
          invalid("key_lookup", "unknown_key"))
    f.add("unknown_key_wrong_alg", "A trusted kid with alg ES256: no trusted entry has both.",
          cert(protected={ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: NEW_KEY.kid()}),
          invalid("key_lookup", "unknown_key"))
    f.add("bad_signature_flipped_bit", "One bit of the signature flipped.",
          qr(sign1_raw(PROTECTED, b"\xa0", PAYLOAD, bytes([SIGNATURE[0] ^ 1]) + SIGNATURE[1:])),
          invalid("signature", "bad_signature", identity=None))
    tampered = ref.cbor_dumps(standard_claims(CITIZENSHIP | {"name_en": "Mst. Rahima Khatun Begum"}))
    f.add("bad_signature_tampered_payload", "The document changed after signing.",
          qr(sign1_raw(PROTECTED, b"\xa0", tampered, SIGNATURE)), invalid("signature", "bad_signature"))
    f.add("bad_signature_old_key_claims_new_kid", "Signed by the old key under the new key's kid.",
          cert(key=OLD_KEY, protected={ref.HDR_ALG: ref.ALG_EDDSA, ref.HDR_KID: NEW_KEY.kid()}),
          invalid("signature", "bad_signature"))
    f.add("bad_signature_short", "A 63-byte Ed25519 signature.",
          qr(sign1_raw(PROTECTED, b"\xa0", PAYLOAD, SIGNATURE[:63])), invalid("signature", "bad_signature"))
    f.add("bad_signature_empty", "An empty signature.", qr(sign1_raw(PROTECTED, b"\xa0", PAYLOAD, b"")),
          invalid("signature", "bad_signature"))
    f.add("bad_signature_unprotected_kid_swap", "The protected header changed to carry a stranger's kid; "
          "signature no longer covers it (unknown key first).",
          qr(sign1_raw(ref.encode_protected({ref.HDR_ALG: ref.ALG_EDDSA, ref.HDR_KID: STRANGER.kid()}), b"\xa0",
                       PAYLOAD, SIGNATURE)), invalid("key_lookup", "unknown_key"))
    f.add("not_yet_valid_iat", "Issued one hour in the future.", cert(standard_claims(iat=NOW + 3600)),
          invalid("time", "not_yet_valid"))
    f.add("not_yet_valid_nbf", "Not valid before tomorrow.", cert(standard_claims(nbf=NOW + DAY)),
          invalid("time", "not_yet_valid"))
    f.add("not_yet_valid_zero_skew", "Issued 10 s in the future with clock skew 0.",
          cert(standard_claims(iat=NOW + 10)), invalid("time", "not_yet_valid"), options={"clock_skew": 0})
    f.add("expired", "Expired a day ago: refused, and still showing whose certificate it is.",
          cert(standard_claims(exp=NOW - DAY)), invalid("time", "expired", document=normalised(CITIZENSHIP),
                                                       identity=identity(PROTECTED, ref.cbor_dumps(
                                                           standard_claims(exp=NOW - DAY)))))
    f.add("expired_beyond_skew", "Expired 301 s ago: just outside the default skew.",
          cert(standard_claims(exp=NOW - 301)), invalid("time", "expired"))
    f.add("expired_zero_skew", "Expired 1 s ago with clock skew 0.", cert(standard_claims(exp=NOW - 1)),
          invalid("time", "expired"), options={"clock_skew": 0})
    f.add("expired_before_key_status", "An expired certificate from a revoked key: time is checked first.",
          cert(standard_claims(iss="BD-10-06-20", exp=NOW - DAY), key=REVOKED_KEY), invalid("time", "expired"))
    f.add("issuer_not_allowed_other_iss", "The key belongs to BD-10-06-88, the certificate names BD-10-06-99.",
          cert(standard_claims(iss="BD-10-06-99")), invalid("issuer", "issuer_not_allowed", issuer=ISSUER_NEW))
    f.add("issuer_not_allowed_no_iss", "No iss claim while the key is bound to an issuer code.",
          cert(standard_claims(iss=None)), invalid("issuer", "issuer_not_allowed"))
    f.add("issuer_not_allowed_document_type", "An income certificate from an issuer not allowed that type.",
          cert(standard_claims(INCOME)), invalid("issuer", "issuer_not_allowed"))
    f.add("issuer_not_allowed_trade_only", "An issuer allowed only trade licences issuing a citizenship "
          "certificate.", cert(standard_claims(iss="BD-10-06-94"), key=TRADE_ONLY_KEY),
          invalid("issuer", "issuer_not_allowed"))
    f.add("key_outside_validity_after_rotation", "The retired key signing after its end date (2025-12-01).",
          cert(standard_claims(), key=OLD_KEY), invalid("issuer", "key_outside_validity", issuer=ISSUER_OLD))
    f.add("key_outside_validity_before_start", "The new key signing before its start date.",
          cert(standard_claims(iat=ROTATION - DAY)), invalid("issuer", "key_outside_validity"))
    f.add("key_revoked_suspended", "Signed by a key the bundle marks suspended.",
          cert(standard_claims(iss="BD-10-27-30"), key=SUSPENDED_KEY),
          invalid("issuer", "key_revoked", document=normalised(CITIZENSHIP)))
    f.add("key_revoked_revoked", "Signed by a key the bundle marks revoked.",
          cert(standard_claims(iss="BD-10-06-20"), key=REVOKED_KEY), invalid("issuer", "key_revoked"))
    f.add("revoked", "The serial REVOKED00001 of BD-10-06-88 is in the bundle's revocation list.",
          cert(standard_claims(cti=b"REVOKED00001")),
          invalid("revocation", "revoked", document=normalised(CITIZENSHIP),
                  identity=identity(PROTECTED, ref.cbor_dumps(standard_claims(cti=b"REVOKED00001")),
                                    cti=b"REVOKED00001")))

    def doc_claims(document_claim: Any) -> dict:
        return standard_claims() | {ref.BD1_DOCUMENT_CLAIM: document_claim}

    encoded = ref.encode_document(CITIZENSHIP)
    f.add("bad_document_claims_not_map", "The signed payload is an array, not a claims map.",
          qr(ref.sign1(ref.cbor_dumps([1, 2, 3]), NEW_KEY)), invalid("document", "bad_document"))
    f.add("bad_document_iss_integer", "iss as an integer.", cert(standard_claims(iss=1006088)),
          invalid("document", "bad_document"))
    f.add("bad_document_cti_text", "cti as a text string.", cert(standard_claims() | {ref.CLAIM_CTI: "C0VECTOR0001"}),
          invalid("document", "bad_document"))
    f.add("bad_document_exp_text", "exp as text.", cert(standard_claims(exp="2027-01-10")),
          invalid("document", "bad_document"))
    f.add("bad_document_exp_huge_float", "exp as the float 1e15: outside the NumericDate range.",
          cert(standard_claims(exp=1e15)), invalid("document", "bad_document"))
    f.add("bad_document_iat_nan", "iat as NaN.", cert(standard_claims(iat=float("nan"))),
          invalid("document", "bad_document"))
    f.add("bad_document_exp_beyond_int64", "exp as 2^64 - 1 (major type 0, beyond signed 64 bits).",
          cert(standard_claims(exp=2 ** 64 - 1)), invalid("document", "bad_document"))
    f.add("bad_document_no_document", "No document claim.", cert(standard_claims(document=None)),
          invalid("document", "bad_document"))
    f.add("bad_document_unknown_profile", "Profile code 99, which no profile has.",
          cert(doc_claims(encoded | {0: 99})), invalid("document", "bad_document"))
    f.add("bad_document_missing_required", "No name_bn (key 1), which citizenship requires.",
          cert(doc_claims({k: v for k, v in encoded.items() if k != 1})), invalid("document", "bad_document"))
    f.add("bad_document_unknown_key", "Key 40 is not a citizenship field.", cert(doc_claims(encoded | {40: "x"})),
          invalid("document", "bad_document"))
    f.add("bad_document_bad_nid", "An NID of 12 digits.", cert(doc_claims(encoded | {7: "199010123456"})),
          invalid("document", "bad_document"))
    f.add("bad_document_no_nid_or_brn", "Neither nid nor brn: the one_of group fails.",
          cert(doc_claims({k: v for k, v in encoded.items() if k not in (7, 8)})), invalid("document", "bad_document"))
    f.add("bad_document_ward_range", "Ward 100 (1..99).", cert(doc_claims(encoded | {12: 100})),
          invalid("document", "bad_document"))
    f.add("bad_document_ward_text", "Ward as text.", cert(doc_claims(encoded | {12: "3"})),
          invalid("document", "bad_document"))
    f.add("bad_document_text_integer", "name_en as an integer.", cert(doc_claims(encoded | {2: 42})),
          invalid("document", "bad_document"))
    heirs = ref.encode_document(HEIRSHIP)
    heirs[2] = [dict(h) for h in heirs[2]]
    heirs[2][0][3] = "cousin"
    f.add("bad_document_relation", "An heir whose relation is not one of the listed values.",
          cert(standard_claims(HEIRSHIP, exp=None) | {ref.BD1_DOCUMENT_CLAIM: heirs}),
          invalid("document", "bad_document"))
    f.add("bad_document_no_heirs", "An heirship certificate with an empty heirs list.",
          cert(standard_claims(HEIRSHIP, exp=None) | {ref.BD1_DOCUMENT_CLAIM: ref.encode_document(HEIRSHIP) | {2: []}}),
          invalid("document", "bad_document"))
    f.add("bad_document_scsu_reserved", "name_bn in SCSU with the reserved byte 0C.",
          cert(doc_claims(encoded | {1: bytes([0x18, 0x13, 0xAE, 0x0C, 0xAE])})), invalid("document", "bad_document"))
    f.add("bad_document_scsu_truncated", "name_bn in SCSU ending inside an SQU tag.",
          cert(doc_claims(encoded | {1: bytes([0x18, 0x13, 0xAE, 0x0E, 0x09])})), invalid("document", "bad_document"))
    f.add("bad_document_scsu_bad_window", "name_bn in SCSU defining window index 00 (reserved).",
          cert(doc_claims(encoded | {1: bytes([0x18, 0x00, 0xAE])})), invalid("document", "bad_document"))
    f.add("bad_document_scsu_lone_surrogate", "name_bn in SCSU quoting an unpaired surrogate D800.",
          cert(doc_claims(encoded | {1: bytes([0x18, 0x13, 0xAE, 0x0E, 0xD8, 0x00])})),
          invalid("document", "bad_document"))
    f.add("bad_document_payload_trailing_bytes", "One byte after the claims map in the signed payload.",
          qr(ref.sign1(PAYLOAD + b"\x00", NEW_KEY)), invalid("document", "bad_document"))
    f.add("bad_document_payload_duplicate_claim", "iss twice in the signed claims.",
          qr(ref.sign1(head(5, 6) + PAYLOAD[1:] + b"\x01" + ref.cbor_dumps("BD-10-06-99"), NEW_KEY)),
          invalid("document", "bad_document"))
    f.add("bad_document_iat_bool", "iat as true.", cert(standard_claims(iat=True)), invalid("document", "bad_document"))
    f.add("bad_document_exp_tagged", "exp inside tag 1 (epoch date): a NumericDate is untagged.",
          cert(standard_claims(exp=cbor2.CBORTag(1, EXPIRES))), invalid("document", "bad_document"))
    f.add("bad_document_empty_payload", "A zero-length payload.", qr(ref.sign1(b"", NEW_KEY)),
          invalid("document", "bad_document"))
    f.add("bad_document_payload_absurd_length", "The signed claims hold a text whose head claims 2^32 bytes.",
          qr(ref.sign1(b"\xa1\x01" + head(3, 2 ** 32, 8) + b"BD", NEW_KEY)), invalid("document", "bad_document"))
    thirty_one = dict(HEIRSHIP, heirs=[{"name_bn": "মোঃ রফিকুল ইসলাম", "relation": "son"}] * 31)
    f.add("bad_document_heirs_over_limit", "31 heirs; the profile allows 30.",
          cert(standard_claims(thirty_one, exp=None)), invalid("document", "bad_document"))
    f.add("bad_document_fee_too_large", "fee_paid 10^12 + 1, above the profile's maximum.",
          cert(standard_claims(TRADE_LICENCE | {"fee_paid": 10 ** 12 + 1}, exp=FISCAL_YEAR_END)),
          invalid("document", "bad_document"))
    f.add("bad_document_fee_bignum", "fee_paid as a tag 2 bignum.",
          cert(standard_claims(TRADE_LICENCE, exp=FISCAL_YEAR_END) | {ref.BD1_DOCUMENT_CLAIM: ref.encode_document(
              TRADE_LICENCE) | {12: cbor2.CBORTag(2, b"\x02\x49\xf0")}}), invalid("document", "bad_document"))
    f.add("bad_document_empty_text", "name_en empty.", cert(doc_claims(encoded | {2: ""})),
          invalid("document", "bad_document"))
    f.add("bad_document_blank_text", "name_en only spaces: empty once trimmed.", cert(doc_claims(encoded | {2: "   "})),
          invalid("document", "bad_document"))
    f.add("bad_document_bangla_name_in_latin", "name_bn written in Latin letters.",
          cert(doc_claims(encoded | {1: "Rahima Khatun"})), invalid("document", "bad_document"))
    f.add("bad_document_latin_name_digits", "name_en with digits.", cert(doc_claims(encoded | {2: "Rahima 2"})),
          invalid("document", "bad_document"))
    f.add("unknown_key_long_kid", "A 32-byte kid: no trusted key has it.",
          cert(protected={ref.HDR_ALG: ref.ALG_EDDSA, ref.HDR_KID: bytes(range(32))}),
          invalid("key_lookup", "unknown_key"))
    f.add("bad_document_payload_indefinite_map", "The signed claims as an indefinite-length map.",
          qr(ref.sign1(b"\xbf" + PAYLOAD[1:] + b"\xff", NEW_KEY)), invalid("document", "bad_document"))
    f.add("trust_expired", "A genuine certificate checked 8 days after the bundle's next-update time "
          "(grace 7 days).", cert(), invalid("trust", "trust_expired", trust={"freshness": "expired"}),
          now=BUNDLE_NEXT + 8 * DAY)
    f.add("trust_expired_forgery_first", "A forged certificate with an expired bundle: the forgery is reported.",
          qr(sign1_raw(PROTECTED, b"\xa0", tampered, SIGNATURE)), invalid("signature", "bad_signature"),
          now=BUNDLE_NEXT + 8 * DAY)
    return f


# --------------------------------------------------------------------------
# malformed.json

def malformed_vectors() -> VectorFile:
    f = VectorFile("malformed", "Damaged and hostile input: each vector must be refused at the stage format.md "
                                "names, never as expired and never with a crash.", MAIN_TRUST)
    good = cert()
    body = good[len("BD1:"):]
    now = NOW + 1000 * DAY  # long after everything expired: damage must not be reported as expiry
    bad = lambda stage, reason: invalid(stage, reason)  # noqa: E731

    def raw(data: bytes, name: str, description: str, stage: str, reason: str) -> None:
        f.add(name, description, "BD1:" + ref.b45encode(data), bad(stage, reason), now=now)

    f.add("empty", "Empty input.", "", bad("prefix", "bad_prefix"), now=now)
    f.add("whitespace_only", "Only spaces and line breaks.", "  \r\n ", bad("prefix", "bad_prefix"), now=now)
    f.add("prefix_only", "BD1: with nothing after it: zero bytes are not a COSE_Sign1.", "BD1:",
          bad("cose", "bad_cose"), now=now)
    f.add("too_long", "8,193 characters, over the 8,192 limit (the Base45 itself would decode): its own reason, "
          "not an unknown prefix.", "BD1:" + "0" * 8189, bad("prefix", "too_long"), now=now)
    f.add("too_long_without_prefix", "100,000 characters of anything: refused for its length before its prefix.",
          "X" * 100000, bad("prefix", "too_long"), now=now)
    f.add("inner_whitespace_prefix", "A space inside the prefix.", "BD1 :" + body, bad("prefix", "bad_prefix"), now=now)
    f.add("truncated_one_char_over", "Truncated to leave one Base45 character over (length mod 3 = 1).",
          "BD1:" + body[:(len(body) // 3) * 3 - 2], bad("base45", "bad_base45"), now=now)
    f.add("truncated_at_triplet", "Truncated at a triplet boundary: the CBOR ends early.",
          "BD1:" + body[:(len(body) // 6) * 3], bad("cose", "bad_cose"), now=now)
    zipped = cert(compression="always")
    zbody = zipped[len("BD1:"):]
    f.add("truncated_compressed", "A compressed certificate truncated at a triplet boundary.",
          "BD1:" + zbody[:(len(zbody) // 6) * 3], bad("inflate", "bad_compression"), now=now)
    f.add("base45_bad_character", "A '#' inside the Base45 text.", "BD1:" + body[:30] + "#" + body[31:],
          bad("base45", "bad_base45"), now=now)
    f.add("base45_lower_case", "Base45 in lower case.", "BD1:" + body.lower(), bad("base45", "bad_base45"), now=now)
    f.add("base45_unicode", "A non-ASCII character (Bangla digit ৩) in the Base45 text.",
          "BD1:" + body[:30] + "৩" + body[31:], bad("base45", "bad_base45"), now=now)
    f.add("base45_triplet_overflow", "A triplet worth 65,536 ('GGW').", "BD1:GGW" + body[3:],
          bad("base45", "bad_base45"), now=now)
    f.add("base45_pair_overflow", "A final pair worth 256 ('V5').", "BD1:" + body[:(len(body) // 3) * 3] + "V5",
          bad("base45", "bad_base45"), now=now)
    assert len(body) % 3 == 0, "the main certificate's Base45 is whole triplets"
    f.add("trailing_garbage_after_base45", "Lower-case letters after a complete certificate.", good + "xyz",
          bad("base45", "bad_base45"), now=now)
    f.add("trailing_base45_extra_byte", "Two more Base45 characters after the certificate: a zero byte after "
          "the COSE item.", good + "00", bad("cose", "bad_cose"), now=now)
    f.add("trailing_space_then_text", "A space and more Base45 after the certificate (a space is Base45).",
          good + " 00", bad("cose", "bad_cose"), now=now)

    cose = ref.sign1(PAYLOAD, NEW_KEY)
    bomb = ref.compress(bytes(1 << 20))
    raw(bomb, "deflate_bomb", "A zlib stream of 1 KiB inflating to 1 MiB of zeros, over the 64 KiB limit.",
        "inflate", "bad_compression")
    base = ref.sign1(PAYLOAD, NEW_KEY, unprotected={-70000: b""})
    over = ref.sign1(PAYLOAD, NEW_KEY, unprotected={-70000: bytes(65535 - len(base))})
    assert len(over) == 65537
    raw(ref.compress(over), "inflated_one_over_limit", "A compressed COSE_Sign1 of 65,537 bytes: one over the "
        "inflate limit.", "inflate", "bad_compression")
    f.add("inflate_limit_option", "A compressed genuine certificate with max_inflated_size 100.",
          zipped, bad("inflate", "bad_compression"), now=NOW, options={"max_inflated_size": 100})
    raw(ref.compress(cose) + b"\x00", "zlib_trailing_bytes", "A byte after the end of the zlib stream.",
        "inflate", "bad_compression")
    z = bytearray(ref.compress(cose))
    z[-1] ^= 1
    raw(bytes(z), "zlib_bad_adler32", "The zlib stream's Adler-32 does not match.", "inflate", "bad_compression")
    raw(bytes([0x78, 0xDA]), "zlib_header_only", "A zlib header and nothing else.", "inflate", "bad_compression")
    raw(bytes([0x78, 0x9C, 0x01, 0x02]), "zlib_garbage", "A zlib header followed by bytes that are not deflate.",
        "inflate", "bad_compression")

    def cose_raw(data: bytes, name: str, description: str) -> None:
        raw(data, name, description, "cose", "bad_cose")

    # One signed content, one BD1 text (format.md 5.1): each way of varying the
    # unsigned parts of this genuine certificate is refused. hc1.json shows the
    # same forms accepted under HC1, with the same identity.
    def genuine(unprotected: bytes = b"\xa0", prefix: bytes = b"\xd2\x84") -> bytes:
        return sign1_raw(PROTECTED, unprotected, PAYLOAD, SIGNATURE, prefix)

    assert genuine() == ref.sign1(PAYLOAD, NEW_KEY)
    cose_raw(genuine(prefix=b"\x84"), "untagged_sign1", "The genuine COSE_Sign1 without tag 18.")
    cose_raw(genuine(prefix=head(6, 18, 1) + b"\x84"), "non_shortest_tag", "Tag 18 in a two-byte head (D8 12).")
    cose_raw(genuine(prefix=b"\xd2" + head(4, 4, 1)), "non_shortest_array", "The COSE array's size in a "
             "two-byte head (98 04).")
    cose_raw(genuine(unprotected=head(5, 0, 1)), "non_shortest_unprotected", "The empty unprotected map in a "
             "two-byte head (B8 00).")
    cose_raw(b"\xd2\x84" + bstr(PROTECTED) + b"\xa0" + head(2, len(PAYLOAD), 4) + PAYLOAD + bstr(SIGNATURE),
             "non_shortest_payload_length", "The payload's length in four bytes.")
    cose_raw(b"\xd2\x84" + bstr(PROTECTED) + b"\xa0" + bstr(PAYLOAD) + head(2, 64, 2) + SIGNATURE,
             "non_shortest_signature_length", "The signature's length in two bytes (59 00 40).")
    cose_raw(b"\xd2\x84" + head(2, len(PROTECTED), 1) + PROTECTED + b"\xa0" + bstr(PAYLOAD) + bstr(SIGNATURE),
             "non_shortest_protected_length", "The protected header's length in a one-byte argument (58 0D).")
    cose_raw(genuine(unprotected=b"\xa1\x3a\x00\x01\x11\x6f\x40"), "unprotected_extra_entry",
             "An unprotected header holding label -70000 (an empty byte string).")
    cose_raw(genuine(unprotected=b"\xa1\x01\x27"), "unprotected_alg", "alg -8 in the unprotected header too.")
    cose_raw(genuine(unprotected=b"\xa2\x04" + bstr(NEW_KEY.kid()) + b"\x3a\x00\x01\x11\x6f\x40"),
             "unprotected_kid_and_more", "A kid and label -70000 in the unprotected header.")
    raw(genuine(unprotected=b"\xa1\x04" + bstr(NEW_KEY.kid())), "kid_in_both_headers", "The same kid in the "
        "unprotected header as in the protected one: unused, so free to change.", "header", "bad_header")
    long_protected = head(5, 2, 1) + head(0, 1, 2) + head(1, 7, 4) + head(0, 4, 8) + head(2, 8, 2) + NEW_KEY.kid()
    _, long_protected_signature = signed_parts(PAYLOAD, protected=long_protected)
    raw(b"\xd2\x84" + bstr(long_protected) + b"\xa0" + bstr(PAYLOAD) + bstr(long_protected_signature),
        "non_shortest_protected_header", "The protected header's map, labels and values in longer heads, signed "
        "as such.", "header", "bad_header")
    long_claims = (head(5, 5, 8) + head(0, 1, 4) + head(3, len(SARIAKANDI), 2) + SARIAKANDI.encode()
                   + head(0, 6, 1) + head(0, ISSUED, 8) + head(0, 4, 2) + head(0, EXPIRES, 8)
                   + head(0, 7, 8) + head(2, 12, 4) + b"C0VECTOR0001"
                   + head(1, 65536, 8) + ref.cbor_dumps(ref.encode_document(CITIZENSHIP)))
    raw(ref.sign1(long_claims, NEW_KEY), "non_shortest_claims", "The claims' integers and lengths in longer "
        "heads, signed as such: the issuer's fault, so bad_document.", "document", "bad_document")
    double_nbf = ref.cbor_dumps(standard_claims(nbf=0)).replace(b"\x05\x00", b"\x05\xfb" + bytes(8), 1)
    raw(ref.sign1(double_nbf, NEW_KEY), "non_shortest_float_claim", "nbf 0.0 as a double, which a half holds.",
        "document", "bad_document")
    raw(padding_bit_set(genuine()), "deflate_padding_bits", "The genuine certificate compressed, with a bit set among the unused "
        "bits after the last deflate block.", "inflate", "bad_compression")

    kid_protected = PROTECTED
    cose_raw(cose + b"\x00", "cose_trailing_byte", "A byte after the COSE_Sign1.")
    cose_raw(cose[:-10], "cose_truncated", "The COSE_Sign1 cut short inside the signature.")
    cose_raw(b"\xa0", "cose_is_map", "An empty map instead of an array.")
    cose_raw(b"\xd2\xa0", "cose_tag18_map", "Tag 18 around a map.")
    cose_raw(head(6, 98, 1) + cose[1:], "cose_tag98", "Tag 98 (COSE_Sign) instead of 18.")
    cose_raw(b"\xd2" + cose, "cose_double_tag", "Tag 18 twice.")
    cose_raw(b"\xd2\x83" + bstr(kid_protected) + b"\xa0" + bstr(PAYLOAD), "cose_three_members",
             "An array of three (no signature).")
    cose_raw(sign1_raw(kid_protected, b"\xa0", PAYLOAD, SIGNATURE, prefix=b"\xd2\x85") + b"\x40",
             "cose_five_members", "An array of five.")
    cose_raw(b"\xd2\x84" + ref.cbor_dumps({1: -8, 4: NEW_KEY.kid()}) + b"\xa0" + bstr(PAYLOAD) + bstr(SIGNATURE),
             "cose_protected_is_map", "The protected header as a map, not a byte string.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\x80" + bstr(PAYLOAD) + bstr(SIGNATURE),
             "cose_unprotected_is_array", "The unprotected header as an array.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa0\xf6" + bstr(SIGNATURE), "cose_payload_nil",
             "A nil (detached) payload.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa0" + head(3, len(PAYLOAD)) + PAYLOAD + bstr(SIGNATURE),
             "cose_payload_text", "The payload as a text string.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa0" + bstr(PAYLOAD) + b"\x18\x2a", "cose_signature_integer",
             "The signature as an integer.")
    cose_raw(b"\xd2\x9f" + bstr(kid_protected) + b"\xa0" + bstr(PAYLOAD) + bstr(SIGNATURE) + b"\xff",
             "cose_indefinite_array", "The COSE_Sign1 as an indefinite-length array.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa0" + b"\x5f" + bstr(PAYLOAD[:50]) + bstr(PAYLOAD[50:])
             + b"\xff" + bstr(SIGNATURE), "cose_indefinite_payload", "The payload as an indefinite-length byte string.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xbf\xff" + bstr(PAYLOAD) + bstr(SIGNATURE),
             "cose_indefinite_unprotected", "The unprotected header as an indefinite-length map.")
    cose_raw(b"\xff", "cbor_lone_break", "A lone break byte.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa0" + bstr(PAYLOAD) + head(2, 2 ** 32, 8),
             "length_2_32_signature", "The signature's length head claims 2^32 bytes.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa0" + head(2, 2 ** 64 - 1, 8) + PAYLOAD,
             "length_2_64_payload", "The payload's length head claims 2^64 - 1 bytes.")
    cose_raw(b"\xd2" + head(4, 2 ** 32 + 4, 8) + bstr(kid_protected), "length_2_32_array",
             "The COSE array claims 2^32 + 4 elements.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + head(5, 2 ** 63, 8) + b"\x01\x02", "length_2_63_map",
             "The unprotected map claims 2^63 entries.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa1\x20" + head(3, 2 ** 32 + 1, 8) + b"abc", "length_text_2_32",
             "A text string in the unprotected header claims 2^32 + 1 bytes.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa0" + head(2, len(PAYLOAD) + 1000) + PAYLOAD + bstr(SIGNATURE),
             "length_past_end", "The payload's length runs past the end of the data.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa2\x04" + bstr(NEW_KEY.kid()) + b"\x04" + bstr(NEW_KEY.kid())
             + bstr(PAYLOAD) + bstr(SIGNATURE), "duplicate_key_unprotected", "kid twice in the unprotected header.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa2\x3a\x00\x01\x11\x6f\x01\x3a\x00\x01\x11\x6f\x02"
             + bstr(PAYLOAD) + bstr(SIGNATURE), "duplicate_key_unprotected_long",
             "Label -70000 twice in the unprotected header.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa1\x20\x1c" + bstr(PAYLOAD) + bstr(SIGNATURE),
             "reserved_additional_info", "Additional information 28 (reserved) in the unprotected header.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa1\x20\xf0" + bstr(PAYLOAD) + bstr(SIGNATURE),
             "simple_value_16", "Simple value 16 (unassigned) in the unprotected header.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa1\x20\xf8\x20" + bstr(PAYLOAD) + bstr(SIGNATURE),
             "simple_value_32", "Simple value 32 (two-byte form) in the unprotected header.")
    for name, text_bytes, what in [("utf8_overlong", b"\xc0\xaf", "an overlong '/'"),
                                   ("utf8_surrogate", b"\xed\xa0\x80", "an encoded surrogate U+D800"),
                                   ("utf8_above_max", b"\xf4\x90\x80\x80", "a code point above U+10FFFF"),
                                   ("utf8_truncated", b"ab\xe0\xa6", "a sequence cut short")]:
        cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa1\x20" + head(3, len(text_bytes)) + text_bytes
                 + bstr(PAYLOAD) + bstr(SIGNATURE), name, f"A text string with {what} in the unprotected header.")
    nested: Any = 0
    for _ in range(14):
        nested = [nested]
    cose_raw(ref.sign1(PAYLOAD, NEW_KEY, unprotected={-70000: nested}), "nesting_over_limit",
             "Unprotected header value nested one level deeper than the limit of 16.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa1\x20" + b"\x81" * 200 + b"\x00" + bstr(PAYLOAD)
             + bstr(SIGNATURE), "nesting_200", "Arrays nested 200 deep in the unprotected header.")
    cose_raw(b"\xd2\x84" + bstr(kid_protected) + b"\xa1\x20" + b"\xc1" * 20 + b"\x00" + bstr(PAYLOAD)
             + bstr(SIGNATURE), "nesting_tags", "Tag 1 nested 20 deep in the unprotected header (a tag is a level).")
    cose_raw(ref.sign1(PAYLOAD, NEW_KEY, unprotected={-70000: [0] * 4092}), "items_over_limit",
             "4,097 array elements and map entries in the COSE structure, one over the limit.")

    def header_raw(protected: bytes, name: str, description: str) -> None:
        raw(b"\xd2\x84" + bstr(protected) + b"\xa0" + bstr(PAYLOAD) + bstr(SIGNATURE), name, description,
            "header", "bad_header")

    kid = NEW_KEY.kid()
    header_raw(b"\x82\x01\x27", "protected_is_array", "The protected header's bytes hold an array.")
    header_raw(b"\xa2\x01\x27\x04", "protected_truncated", "The protected header's map is cut short.")
    header_raw(b"\xa2\x01\x27\x04\x48" + kid + b"\x00", "protected_trailing_byte",
               "A byte after the protected header's map.")
    header_raw(b"\xa3\x01\x27\x01\x27\x04\x48" + kid, "protected_duplicate_alg", "alg twice in the protected header.")
    header_raw(b"\xa3\x01\x27\x18\x01\x27\x04\x48" + kid, "protected_duplicate_non_shortest",
               "alg twice, once as key 1 in one byte and once in two bytes: still duplicates.")
    header_raw(b"\xbf\x01\x27\x04\x48" + kid + b"\xff", "protected_indefinite_map",
               "The protected header as an indefinite-length map.")
    header_raw(b"\xa1\x04\x48" + kid, "no_alg", "No alg.")
    header_raw(b"\xa1\x01\x27", "no_kid", "No kid in either header.")
    header_raw(b"\xa2\x01\x27\x04\x40", "empty_kid", "An empty kid.")
    header_raw(b"\xa2\x01\x27\x04\x68" + b"a74b84cd", "kid_text", "The kid as a text string.")
    header_raw(b"\xa2\x01\x65EdDSA\x04\x48" + kid, "alg_text", "alg as the text \"EdDSA\".")
    header_raw(b"\xd8\x20\xa2\x01\x27\x04\x48" + kid, "protected_tagged_map", "The protected map inside tag 32.")
    header_raw(b"\xa2\x01\x27\x04" + head(2, 2 ** 32, 8) + kid, "protected_absurd_length",
               "The kid's length head in the protected header claims 2^32 bytes.")
    header_raw(b"\xa2\x01\x38\x23\x04\x48" + kid, "alg_unsupported", "alg -36 (ES512), not supported.")
    return f


# --------------------------------------------------------------------------
# trust.json

def trust_vectors() -> VectorFile:
    bundle = lambda seq, **kw: ref.Bundle(seq=seq, iat=BUNDLE_IAT, next=BUNDLE_NEXT,  # noqa: E731
                                          issuers=kw.pop("issuers", main_issuers()), **kw)
    b2, b3 = bundle(2).sign(ROOT), bundle(3).sign(ROOT)
    f = VectorFile("trust", "Loading trust bundles: rollback, wrong roots, malformed bundles, and freshness "
                            "(fresh, stale within the grace period, expired after it, clock suspect for a bundle issued "
                            "after now plus the clock skew).",
                   Trust(roots=(ROOT,), bundle=b3))
    good = cert()
    t = lambda **kw: Trust(**({"roots": (ROOT,)} | kw))  # noqa: E731

    f.add("fresh", "A certificate checked while the bundle is fresh.", good,
          valid(CITIZENSHIP, trust={"freshness": "fresh", "sequence": 3}))
    f.add("fresh_at_next_update", "Exactly at the next-update time: still fresh.", good,
          valid(trust={"freshness": "fresh"}), now=BUNDLE_NEXT)
    f.add("stale_within_grace", "One day past the next-update time: stale, still valid.", good,
          valid(CITIZENSHIP, trust={"freshness": "stale"}), now=BUNDLE_NEXT + DAY)
    f.add("stale_at_grace_end", "Exactly 7 days past the next-update time: the last stale second.", good,
          valid(trust={"freshness": "stale"}), now=BUNDLE_NEXT + 7 * DAY)
    f.add("expired_past_grace", "7 days and 1 s past the next-update time: trust expired.", good,
          invalid("trust", "trust_expired", trust={"freshness": "expired"}), now=BUNDLE_NEXT + 7 * DAY + 1)
    f.add("expired_zero_grace", "One second past the next-update time with grace period 0.", good,
          invalid("trust", "trust_expired", trust={"freshness": "expired"}), now=BUNDLE_NEXT + 1,
          options={"grace_period": 0})
    issued_ahead = lambda seconds: t(bundle=ref.Bundle(seq=3, iat=NOW + seconds, next=NOW + 30 * DAY,  # noqa: E731
                                                        issuers=main_issuers()).sign(ROOT))
    f.add("fresh_issued_within_skew", "The bundle was issued 300 s after now: within the clock skew, fresh.", good,
          valid(trust={"freshness": "fresh"}), trust=issued_ahead(300))
    f.add("clock_suspect_issued_ahead", "The bundle was issued 301 s after now, beyond the clock skew: the clock "
          "is suspect (not fresh); the certificate is still judged on its own times.", good,
          valid(CITIZENSHIP, trust={"freshness": "clock_suspect"}), trust=issued_ahead(301))
    f.add("fresh_issued_within_wider_skew", "The bundle was issued 2 days after now, with a 3-day clock skew: "
          "fresh.", good, valid(trust={"freshness": "fresh"}), trust=issued_ahead(2 * DAY),
          options={"clock_skew": 3 * DAY})
    f.add("stale_longer_grace", "30 days past the next-update time with a 60-day grace period.", good,
          valid(trust={"freshness": "stale"}), now=BUNDLE_NEXT + 30 * DAY, options={"grace_period": 60 * DAY})

    f.add("rollback_min_sequence", "Opening bundle 2 when the verifier has already seen sequence 3.", good,
          {"trust_error": "trust_rollback"}, trust=t(bundle=b2, min_sequence=3))
    f.add("same_sequence_accepted", "Opening bundle 3 with minimum sequence 3: an equal number is accepted.",
          good, valid(trust={"sequence": 3}), trust=t(bundle=b3, min_sequence=3))
    f.add("rollback_update", "Bundle 3, then an update to bundle 2: refused, and bundle 3 stays in force.", good,
          {"trust_error": "trust_rollback", **valid(trust={"sequence": 3})}, trust=t(bundle=b3, updates=(b2,)))
    without_new_key = main_issuers()[:1]
    b1_old = bundle(1, issuers=without_new_key).sign(ROOT)
    f.add("update_forward", "Bundle 1 lacks the new key; the update to bundle 3 brings it.", good,
          valid(CITIZENSHIP, trust={"sequence": 3}), trust=t(bundle=b1_old, updates=(b3,)))
    f.add("before_update_unknown_key", "Bundle 1 alone does not know the new key.", good,
          invalid("key_lookup", "unknown_key"), trust=t(bundle=b1_old))
    f.add("update_same_sequence", "Re-reading the current bundle (same sequence) as an update is accepted.", good,
          valid(trust={"sequence": 3}), trust=t(bundle=b3, updates=(b3,)))

    f.add("wrong_root", "A bundle signed by a key that is not a root.", good, {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=bundle(9).sign(IMPOSTOR_ROOT)))
    f.add("wrong_root_same_kid_claimed", "An impostor's bundle claiming the real root's kid.", good,
          {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=ref.sign1(ref.cbor_dumps(bundle(9).payload()), IMPOSTOR_ROOT,
                                   protected={ref.HDR_ALG: ref.ALG_EDDSA, ref.HDR_KID: ROOT.kid(),
                                              ref.HDR_CONTENT_TYPE: ref.BUNDLE_CONTENT_TYPE})))
    f.add("second_root", "Two root keys; the bundle is signed by the second.", good, valid(CITIZENSHIP),
          trust=t(roots=(ROOT, ROOT_2), bundle=bundle(3).sign(ROOT_2)))
    f.add("bundle_without_kid", "A bundle whose header has no kid: every root of the algorithm is tried.", good,
          valid(CITIZENSHIP), trust=t(roots=(ROOT_2, ROOT), bundle=bundle(3).sign(ROOT, with_kid=False)))
    f.add("update_wrong_root", "An update signed by an impostor: refused, the current bundle stays.", good,
          {"trust_error": "trust_bundle_invalid", **valid(trust={"sequence": 3})},
          trust=t(bundle=b3, updates=(bundle(4).sign(IMPOSTOR_ROOT),)))
    tampered = bytearray(b3)
    tampered[len(tampered) // 2] ^= 1
    f.add("tampered_bundle", "One bit of a signed bundle flipped.", good, {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=bytes(tampered)))
    f.add("content_type_missing", "A COSE_Sign1 signed by the root without the bundle content type.", good,
          {"trust_error": "trust_bundle_invalid"}, trust=t(bundle=bundle(3).sign(ROOT, content_type_in="none")))
    f.add("content_type_unprotected", "The bundle content type only in the unprotected header.", good,
          {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=bundle(3).sign(ROOT, content_type_in="unprotected")))
    f.add("certificate_as_bundle", "A certificate the root signed (no bundle content type) offered as a bundle.",
          good, {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=ref.sign1(ref.cbor_dumps(standard_claims()), ROOT)))
    f.add("version_2", "A bundle with \"v\": 2.", good, {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=bundle(3, version=2).sign(ROOT)))
    wrong_kid = main_issuers()
    wrong_kid[1].kid_override = STRANGER.kid()
    f.add("issuer_kid_mismatch", "An issuer entry whose kid is not the one computed from its key.", good,
          {"trust_error": "trust_bundle_invalid"}, trust=t(bundle=bundle(3, issuers=wrong_kid).sign(ROOT)))
    f.add("revocation_wrong_size", "A revocation entry of 15 bytes instead of 16.", good,
          {"trust_error": "trust_bundle_invalid"}, trust=t(bundle=bundle(3, revoked=[bytes(15)]).sign(ROOT)))
    odd_status = main_issuers()
    odd_status[1].status = "paused"
    f.add("unknown_status", "An issuer status that is not active, suspended or revoked.", good,
          {"trust_error": "trust_bundle_invalid"}, trust=t(bundle=bundle(3, issuers=odd_status).sign(ROOT)))
    extra = main_issuers()
    extra[1].extra = {"contact": "it@sariakandi.example", "note": [1, 2]}
    f.add("unknown_members_ignored", "Members the format does not define, in the bundle and in an issuer entry.",
          good, valid(CITIZENSHIP, trust={"sequence": 3}),
          trust=t(bundle=bundle(3, issuers=extra, extra={"publisher": "LGD", "comment": {"x": 1}}).sign(ROOT)))
    both = main_issuers()
    both[6].extra = {"key": STRANGER.public_raw()}
    x5c_cert = qr(ref.sign1(ref.cbor_dumps(standard_claims(iss="BD-10-06-95")), X5C_ISSUER,
                            protected={ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: ref.kid_of(X5C_CERT)}))
    f.add("x5c_wins_over_key", "An issuer entry with both x5c and an unrelated raw key: the certificate is used.",
          x5c_cert, valid(CITIZENSHIP), trust=t(bundle=bundle(3, issuers=both).sign(ROOT)))
    mismatch = main_issuers()
    mismatch[1] = ref.IssuerEntry(alg=ref.ALG_EDDSA, key=ES256_ISSUER.public_raw(), iss=SARIAKANDI, docs=ALL_DOCS)
    f.add("key_algorithm_mismatch", "An issuer entry saying EdDSA with a 65-byte P-256 key.", good,
          {"trust_error": "trust_bundle_invalid"}, trust=t(bundle=bundle(3, issuers=mismatch).sign(ROOT)))
    payload = ref.cbor_dumps(bundle(3).payload())
    bundle_header = {ref.HDR_ALG: ref.ALG_EDDSA, ref.HDR_KID: ROOT.kid(), ref.HDR_CONTENT_TYPE: ref.BUNDLE_CONTENT_TYPE}
    duplicate = head(5, 7) + payload[1:] + ref.cbor_dumps("seq") + ref.cbor_dumps(9)
    f.add("duplicate_member", "\"seq\" twice in the bundle payload.", good, {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=ref.sign1(duplicate, ROOT, protected=bundle_header)))
    f.add("trailing_bytes", "A byte after the signed bundle.", good, {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=b3 + b"\x00"))
    f.add("empty_bundle", "Zero bytes as a bundle.", good, {"trust_error": "trust_bundle_invalid"},
          trust=t(bundle=b""))
    suspended = main_issuers()
    suspended[1].status = "suspended"
    f.add("update_suspends_key", "An update that suspends the signing key: certificates from it now fail.", good,
          invalid("issuer", "key_revoked", trust={"sequence": 4}),
          trust=t(bundle=b3, updates=(bundle(4, issuers=suspended).sign(ROOT),)))
    revoked = bundle(4, revoked=[ref.revocation_hash(SARIAKANDI, b"C0VECTOR0001")]).sign(ROOT)
    f.add("update_revokes_certificate", "An update that revokes this certificate's serial.", good,
          invalid("revocation", "revoked"), trust=t(bundle=b3, updates=(revoked,)))
    return f


# --------------------------------------------------------------------------
# hc1.json

def hc1_vectors() -> VectorFile:
    f = VectorFile("hc1", "EU-DCC-style HC1 certificates (document claim -260, shown as generic JSON) signed "
                          "ES256 and PS256, verified with scheme hc1 against DER X.509 signer certificates "
                          "trusted directly.",
                     Trust(certificates=(HC1_ES256_CERT, HC1_PS256_CERT, HC1_OLD_CERT, HC1_TEST_ONLY_CERT,
                                         HC1_VACCINATION_RECOVERY_CERT, HC1_OTHER_USAGE_CERT)))
    hc1 = {"scheme": "hc1"}
    iat, exp = 1767225600, 1798761600  # 2026-01-01 .. 2027-01-01
    claims = ref.cwt_claims(iss="BD", iat=iat, exp=exp, cti=None, document=EU_DCC,
                            document_claim=ref.HC1_DOCUMENT_CLAIM)
    payload = ref.cbor_dumps(claims)
    shown = ref.generic_json(EU_DCC)
    es_kid, ps_kid = ref.kid_of(HC1_ES256_CERT), ref.kid_of(HC1_PS256_CERT)

    def es256(payload: bytes = payload, **kw: Any) -> bytes:
        kw.setdefault("protected", {ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: es_kid})
        return ref.sign1(payload, HC1_ES256, **kw)

    def ps256(payload: bytes = payload) -> bytes:
        return ref.sign1(payload, HC1_PS256, protected={ref.HDR_ALG: ref.ALG_PS256},
                         unprotected={ref.HDR_KID: ps_kid})

    es_issuer = {"code": "", "kid": es_kid.hex(), "algorithm": "ES256"}
    es_protected = ref.encode_protected({ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: es_kid})
    es_identity = {"cti": "", "fingerprint": hashlib.sha256(ref.sig_structure(es_protected, payload)).hexdigest(),
                   "issuer": "BD"}
    ps_issuer = {"code": "", "kid": ps_kid.hex(), "algorithm": "PS256"}
    f.add("es256_kid_protected", "ES256, kid in the protected header, zlib-compressed as EU DCCs are.",
          qr(es256(), "always", "HC1:"), valid(issuer=es_issuer, identity=es_identity) | {"document": shown},
          options=hc1)
    f.add("ps256_kid_unprotected", "PS256 (RSA-2048), alg protected and kid unprotected, compressed.",
          qr(ps256(), "always", "HC1:"), valid(issuer=ps_issuer) | {"document": shown}, options=hc1)
    f.add("uncompressed_refused", "A genuine ES256 certificate without compression: the DCC specification "
          "requires zlib, so the text is refused.", qr(es256(), "never", "HC1:"),
          invalid("inflate", "bad_compression"), options=hc1)
    f.add("es256_untagged", "ES256, COSE_Sign1 without tag 18: the same identity.",
          qr(es256(tagged=False), "always", "HC1:"), valid(issuer=es_issuer, identity=es_identity), options=hc1)
    sign1_body = ref.parse_sign1(es256())
    members = [sign1_body.protected_bytes, sign1_body.unprotected, sign1_body.payload, sign1_body.signature]
    f.add("cwt_tag_around_sign1", "The CWT tag 61 around the COSE_Sign1 tag 18, as RFC 8392 section 6 allows.",
          qr(ref.cbor_dumps(cbor2.CBORTag(ref.TAG_CWT, cbor2.CBORTag(ref.TAG_SIGN1, members))), "always", "HC1:"),
          valid(issuer=es_issuer) | {"document": shown}, options=hc1)
    f.add("cwt_tag_around_untagged", "The CWT tag 61 directly around the COSE_Sign1 array, without tag 18.",
          qr(ref.cbor_dumps(cbor2.CBORTag(ref.TAG_CWT, members)), "always", "HC1:"),
          invalid("cose", "bad_cose"), options=hc1)
    f.add("cwt_tag_twice", "The CWT tag 61 twice around the COSE_Sign1 tag 18.",
          qr(ref.cbor_dumps(cbor2.CBORTag(ref.TAG_CWT, cbor2.CBORTag(ref.TAG_CWT, cbor2.CBORTag(ref.TAG_SIGN1,
                                                                                                  members)))),
             "always", "HC1:"), invalid("cose", "bad_cose"), options=hc1)
    genuine_es = ref.parse_sign1(es256())
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    high_s = genuine_es.signature[:32] + (order - int.from_bytes(genuine_es.signature[32:], "big")).to_bytes(32, "big")
    f.add("es256_high_s", "The same ECDSA signature with s replaced by n - s, which ECDSA verification accepts: "
          "the same identity, which does not cover the signature.",
          qr(sign1_raw(genuine_es.protected_bytes, b"\xa0", payload, high_s), "always", "HC1:"),
          valid(issuer=es_issuer, identity=es_identity), options=hc1)
    es_signature = genuine_es.signature
    assert genuine_es.protected_bytes == es_protected

    # The unsigned forms BD1 refuses (malformed.json), read leniently under HC1,
    # each with the identity of the genuine certificate.
    def es_raw(unprotected: bytes = b"\xa0", prefix: bytes = b"\xd2\x84") -> bytes:
        return sign1_raw(es_protected, unprotected, payload, es_signature, prefix)

    f.add("non_shortest_envelope", "Tag, array, unprotected map and byte string lengths in longer heads than "
          "needed: accepted under HC1, with the same identity.",
          qr(head(6, 18, 1) + head(4, 4, 8) + head(2, len(es_protected), 2) + es_protected + head(5, 0, 4)
             + head(2, len(payload), 8) + payload + head(2, 64, 4) + es_signature, "always", "HC1:"),
          valid(issuer=es_issuer, identity=es_identity), options=hc1)
    f.add("unprotected_extra_entries", "An unprotected header with a repeated kid and an unknown label: accepted "
          "under HC1, with the same identity.",
          qr(es_raw(unprotected=b"\xa2\x04" + bstr(es_kid) + b"\x3a\x00\x01\x11\x6f\x43abc"), "always", "HC1:"),
          valid(issuer=es_issuer, identity=es_identity), options=hc1)
    f.add("deflate_padding_bits", "A bit set among the unused bits after the last deflate block (the "
          "unprotected header holds 200 zero bytes, so that deflate does not fall back to a stored block, which "
          "ends on a byte boundary): accepted under HC1, with the same identity.",
          qr_zlib(padding_bit_set(es_raw(unprotected=b"\xa1\x3a\x00\x01\x11\x6f" + bstr(bytes(200)))), "HC1:"),
          valid(issuer=es_issuer, identity=es_identity), options=hc1)
    long_protected = head(5, 2, 1) + head(0, 1, 2) + head(1, 6, 4) + head(0, 4, 8) + head(2, 8, 2) + es_kid
    long_claims = (head(5, 4, 8) + head(0, 1, 4) + head(3, 2, 2) + b"BD" + head(0, 6, 1) + head(0, iat, 8)
                   + head(0, 4, 2) + head(0, exp, 8) + head(1, 259, 8) + ref.cbor_dumps(EU_DCC))
    f.add("non_shortest_signed", "The protected header and the claims with integers and lengths in longer heads, "
          "signed as such: accepted under HC1.",
          qr(ref.sign1(long_claims, HC1_ES256, protected_bytes=long_protected), "always", "HC1:"),
          valid(issuer=es_issuer) | {"document": shown}, options=hc1)
    f.add("protected_kid_wins", "A kid in both headers: the protected one (right) wins over the unprotected one "
          "(a key nobody trusts).", qr(es256(unprotected={ref.HDR_KID: ref.kid_of(HC1_UNTRUSTED_CERT)}), "always",
                                       "HC1:"), valid(issuer=es_issuer), options=hc1)
    f.add("alg_unprotected", "alg in the unprotected header, kid protected.",
          qr(es256(protected={ref.HDR_KID: es_kid}, unprotected={ref.HDR_ALG: ref.ALG_ES256}), "always", "HC1:"),
          valid(issuer=es_issuer), options=hc1)
    f.add("protected_alg_wins", "alg -7 protected and -8 unprotected: the protected one wins.",
          qr(es256(unprotected={ref.HDR_ALG: ref.ALG_EDDSA}), "always", "HC1:"), valid(issuer=es_issuer),
          options=hc1)
    f.add("empty_protected_header", "A zero-length protected header, alg and kid unprotected.",
          qr(es256(protected={}, unprotected={ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: es_kid}), "always", "HC1:"),
          valid(issuer=es_issuer), options=hc1)
    f.add("protected_empty_map", "The protected header as the encoded empty map (A0), alg and kid unprotected.",
          qr(es256(protected_bytes=b"\xa0", unprotected={ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: es_kid}),
             "always", "HC1:"), valid(issuer=es_issuer), options=hc1)
    # Limits, at the boundary that is still accepted; only HC1 lets the unprotected header grow.
    nested: Any = 0
    for _ in range(13):
        nested = [nested]
    f.add("nesting_at_limit", "Unprotected header value nested so the deepest item is exactly 16 levels below "
          "the tag: the maximum.", qr(es256(unprotected={-70000: nested}), "always", "HC1:"),
          valid(issuer=es_issuer), options=hc1)
    f.add("items_at_limit", "4 array elements + 1 map entry + 4,091 array elements = 4,096 items in the "
          "COSE structure: the maximum.", qr(es256(unprotected={-70000: [0] * 4091}), "always", "HC1:"),
          valid(issuer=es_issuer), options=hc1)
    f.add("es256_zero_signature", "An ES256 signature of 64 zero bytes (r = s = 0).",
          qr(sign1_raw(genuine_es.protected_bytes, b"\xa0", payload, bytes(64)), "always", "HC1:"),
          invalid("signature", "bad_signature"), options=hc1)
    old_kid = ref.kid_of(HC1_OLD_CERT)
    f.add("signer_certificate_expired", "The signer certificate expired in 2021: a trusted certificate is pinned, "
          "its own dates are not evaluated.",
          qr(ref.sign1(payload, HC1_OLD, protected={ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: old_kid}),
             "always", "HC1:"), valid(issuer={"kid": old_kid.hex(), "algorithm": "ES256"}), options=hc1)
    f.add("expired", "Expired on 2027-01-01.", qr(es256(), "always", "HC1:"), invalid("time", "expired"),
          now=exp + DAY, options=hc1)
    f.add("not_yet_valid", "Issued after now.", qr(es256(), "always", "HC1:"), invalid("time", "not_yet_valid"),
          now=iat - DAY, options=hc1)
    f.add("bd1_prefix_under_hc1", "A BD1: text checked with scheme hc1.", qr(es256(), "always", "BD1:"),
          invalid("prefix", "bad_prefix"), options=hc1)
    f.add("hc1_prefix_under_bd1", "An HC1: text checked with the default scheme (bd1).",
          qr(es256(), "always", "HC1:"), invalid("prefix", "bad_prefix"))
    forged = ref.cbor_dumps(ref.cwt_claims(iss="BD", iat=iat, exp=exp + 10 * 365 * DAY, cti=None, document=EU_DCC,
                                           document_claim=ref.HC1_DOCUMENT_CLAIM))
    genuine = ref.parse_sign1(es256())
    f.add("es256_tampered", "The expiry moved ten years later after signing.",
          qr(sign1_raw(genuine.protected_bytes, b"\xa0", forged, genuine.signature), "always", "HC1:"),
          invalid("signature", "bad_signature"), options=hc1)
    ps_genuine = ref.parse_sign1(ps256())
    f.add("ps256_tampered", "PS256 with the payload changed after signing.",
          qr(sign1_raw(ps_genuine.protected_bytes, b"\xa1\x04" + bstr(ps_kid), forged, ps_genuine.signature),
             "always", "HC1:"), invalid("signature", "bad_signature"), options=hc1)
    der_sig = ref.parse_sign1(es256())
    r, s = int.from_bytes(der_sig.signature[:32], "big"), int.from_bytes(der_sig.signature[32:], "big")
    f.add("es256_der_signature", "A genuine ECDSA signature in DER form instead of raw r||s.",
          qr(sign1_raw(der_sig.protected_bytes, b"\xa0", der_sig.payload, encode_dss_signature(r, s)), "always", "HC1:"),
          invalid("signature", "bad_signature"), options=hc1)
    f.add("untrusted_signer", "Signed by a certificate the verifier does not trust.",
          qr(ref.sign1(payload, HC1_UNTRUSTED, protected={ref.HDR_ALG: ref.ALG_ES256,
                                                            ref.HDR_KID: ref.kid_of(HC1_UNTRUSTED_CERT)}),
             "always", "HC1:"), invalid("key_lookup", "unknown_key"), options=hc1)
    f.add("ps256_kid_with_es256_alg", "The PS256 certificate's kid with alg ES256.",
          qr(ref.sign1(payload, HC1_ES256, protected={ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: ps_kid}),
             "always", "HC1:"), invalid("key_lookup", "unknown_key"), options=hc1)
    f.add("no_document", "No -260 claim.",
          qr(es256(ref.cbor_dumps(ref.cwt_claims(iss="BD", iat=iat, exp=exp, cti=None, document=None))),
             "always", "HC1:"), invalid("document", "bad_document"), options=hc1)
    bd1_doc = ref.cbor_dumps(standard_claims())
    f.add("bd1_document_claim_ignored", "A BD1 document claim (-65537) but no -260 under scheme hc1.",
          qr(es256(bd1_doc), "always", "HC1:"), invalid("document", "bad_document"), options=hc1)

    def dcc_payload(hcert: Any) -> bytes:
        return ref.cbor_dumps(ref.cwt_claims(iss="BD", iat=iat, exp=exp, cti=None, document=hcert,
                                             document_claim=ref.HC1_DOCUMENT_CLAIM))

    f.add("dcc_not_a_map", "The hcert claim holds the DCC (-260/1) as a text string, not a map.",
          qr(es256(dcc_payload({1: "vaccinated"})), "always", "HC1:"), invalid("document", "bad_document"),
          options=hc1)
    f.add("dcc_absent", "The hcert claim is a map without the DCC (key 1).",
          qr(es256(dcc_payload({2: EU_DCC[1]})), "always", "HC1:"), invalid("document", "bad_document"),
          options=hc1)

    def signed_by(key: ref.Signer, certificate_der: bytes, hcert: Any) -> str:
        protected = {ref.HDR_ALG: ref.ALG_ES256, ref.HDR_KID: ref.kid_of(certificate_der)}
        return qr(ref.sign1(dcc_payload(hcert), key, protected=protected), "always", "HC1:")

    def signer(certificate_der: bytes) -> dict:
        return {"kid": ref.kid_of(certificate_der).hex(), "algorithm": "ES256"}

    test_only = (HC1_TEST_ONLY, HC1_TEST_ONLY_CERT)
    vaccination_recovery = (HC1_VACCINATION_RECOVERY, HC1_VACCINATION_RECOVERY_CERT)
    f.add("key_usage_test_signs_test", "A test certificate signed by a DSC whose extended key usage names the "
          "DCC's test OID only.", signed_by(*test_only, EU_DCC_TEST),
          valid(issuer=signer(HC1_TEST_ONLY_CERT)) | {"document": ref.generic_json(EU_DCC_TEST)}, options=hc1)
    f.add("key_usage_test_signs_vaccination", "A vaccination certificate signed by a DSC allowed to sign test "
          "certificates only.", signed_by(*test_only, EU_DCC), invalid("issuer", "issuer_not_allowed"), options=hc1)
    f.add("key_usage_alternative_arc_signs_vaccination", "A vaccination certificate signed by a DSC whose key "
          "usage names vaccination and recovery under the alternative arc 1.3.6.1.4.1.0.1847.2021.1.",
          signed_by(*vaccination_recovery, EU_DCC), valid(issuer=signer(HC1_VACCINATION_RECOVERY_CERT)),
          options=hc1)
    f.add("key_usage_alternative_arc_signs_test", "A test certificate signed by a DSC allowed to sign "
          "vaccination and recovery certificates only.", signed_by(*vaccination_recovery, EU_DCC_TEST),
          invalid("issuer", "issuer_not_allowed"), options=hc1)
    f.add("key_usage_one_type_not_allowed", "A DCC carrying both a vaccination and a test, signed by a DSC "
          "allowed to sign test certificates only.",
          signed_by(*test_only, {1: EU_DCC[1] | {"t": [DCC_TEST_ENTRY]}}), invalid("issuer", "issuer_not_allowed"),
          options=hc1)
    f.add("key_usage_no_type", "A DCC carrying none of v, t and r, signed by a DSC whose key usage restricts the "
          "types it signs.", signed_by(*test_only, {1: {k: v for k, v in EU_DCC[1].items() if k != "v"}}),
          invalid("issuer", "issuer_not_allowed"), options=hc1)
    f.add("key_usage_restricted_dcc_not_a_map", "A restricted DSC signing an hcert claim whose DCC is not a map: "
          "refused at the document stage, as from any signer.", signed_by(*test_only, {1: ["t"]}),
          invalid("document", "bad_document"), options=hc1)
    f.add("key_usage_other_purposes_only", "A vaccination certificate signed by a DSC whose extended key usage "
          "names no DCC OID (only emailProtection): it may sign every type.",
          signed_by(HC1_OTHER_USAGE, HC1_OTHER_USAGE_CERT, EU_DCC), valid(issuer=signer(HC1_OTHER_USAGE_CERT)),
          options=hc1)
    return f


# --------------------------------------------------------------------------

def build() -> dict[str, str]:
    files = [valid_vectors(), failure_vectors(), malformed_vectors(), trust_vectors(), hc1_vectors()]
    out = {}
    for f in files:
        f.check()
        out[f"{f.name}.json"] = f.to_json()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    parser.add_argument("--dir", type=Path, default=HERE, help="where the vector files are")
    args = parser.parse_args()
    files = build()
    if args.check:
        stale = [name for name, text in files.items()
                 if not (args.dir / name).exists() or (args.dir / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{name} differs from what generate.py makes", file=sys.stderr)
        print(f"{len(files) - len(stale)} of {len(files)} vector files up to date")
        return 1 if stale else 0
    for name, text in files.items():
        (args.dir / name).write_text(text, encoding="utf-8")
        print(f"wrote {name}: {json.loads(text)['vectors'].__len__()} vectors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
