"""Interoperability between Poura and an independent implementation.

tests/vectors/cose_ref.py implements the BD1 format from the standards and
docs/format.md with cbor2 and `cryptography`. Here it (1) decodes and checks
what the `poura` CLI issues and publishes, byte for byte where the format fixes
the bytes, and (2) signs certificates and trust bundles that `poura verify`
must accept, or refuse for the right reason. The CLI's path comes from the
POURA_CLI environment variable (CTest sets it).
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import cbor2
import pytest

ROOT_DIR = Path(__file__).resolve().parents[2]
VECTORS_DIR = ROOT_DIR / "tests" / "vectors"
sys.path.insert(0, str(VECTORS_DIR))

import cose_ref as ref  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, rsa  # noqa: E402
from cryptography.hazmat.primitives.serialization import Encoding  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

T0 = 1767225600           # 2026-01-01: keys, bundle
ISSUED = 1768003200       # 2026-01-10
NOW = 1768435200          # 2026-01-15
CODE = "BD-10-06-88"
NAME_BN = "সারিয়াকান্দি পৌরসভা"
NAME_EN = "Sariakandi Pourashava"
DOCS = ["citizenship", "heirship", "trade_licence", "family", "orphan", "river_erosion_affected"]


def load_example(name: str) -> dict:
    return json.loads((ROOT_DIR / "examples" / "documents" / f"{name}.json").read_text(encoding="utf-8"))


CITIZENSHIP = load_example("citizenship")
HEIRSHIP = load_example("heirship")
TRADE_LICENCE = dict(load_example("trade_licence"), mobile="01711223344")
FAMILY = load_example("family")
ORPHAN = load_example("orphan")
RIVER_EROSION = load_example("river_erosion_affected")


def shown(document):
    """The document as a verifier shows it: text normalised."""
    if isinstance(document, dict):
        return {k: shown(v) for k, v in document.items()}
    if isinstance(document, list):
        return [shown(v) for v in document]
    return ref.normalise_text(document) if isinstance(document, str) else document


class Cli:
    def __init__(self, path: str, workdir: Path):
        self.path, self.workdir = path, workdir

    def run(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "POURA_PASSPHRASE"}
        done = subprocess.run([self.path, *args], cwd=self.workdir, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == expect, f"poura {' '.join(args)}: exit {done.returncode}\n{done.stderr}"
        return done

    def json(self, *args: str, expect: int = 0) -> dict:
        return json.loads(self.run(*args, "--json", expect=expect).stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    path = os.environ.get("POURA_CLI")
    if not path:
        pytest.skip("POURA_CLI is not set")
    return Cli(path, tmp_path)


# --------------------------------------------------------------------------
# (1) Poura issues, the reference implementation checks

def poura_world(cli: Cli) -> dict:
    """Root and municipality keys, a bundle with the municipality, made by the CLI."""
    cli.run("keygen", "--out", "root", "--plain", "--now", str(T0))
    cli.run("keygen", "--out", "muni", "--plain", "--now", str(T0))
    cli.run("trust", "init", "--bundle", "trust.bundle", "--root-keyset", "root.keyset.json", "--plain",
            "--now", str(T0))
    cli.run("trust", "add", "--bundle", "trust.bundle", "--root-keyset", "root.keyset.json", "--plain",
            "--now", str(T0), "--issuer-keys", "muni.pub.json", "--code", CODE, "--name-bn", NAME_BN,
            "--name-en", NAME_EN, "--docs", ",".join(DOCS))
    root = json.loads((cli.workdir / "root.pub.json").read_text())
    muni = json.loads((cli.workdir / "muni.pub.json").read_text())
    return {"root": root["keys"], "muni": muni["keys"]}


def root_keys(keys: list[dict]) -> list[ref.TrustedKey]:
    return [ref.TrustedKey.from_raw(ref.ALG_IDS[k["algorithm"]], bytes.fromhex(k["public_key"])) for k in keys]


def issue(cli: Cli, document: dict, serial: str, *extra: str, issued: int = ISSUED) -> dict:
    path = cli.workdir / f"{serial}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return cli.json("issue", "--keyset", "muni.keyset.json", "--plain", "--issuer", CODE, "--document", str(path),
                    "--serial", serial, "--issued", str(issued), *extra)


def iso(t: int) -> str:
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_poura_certificate(qr_text: str, document: dict, serial: str, signer_key: bytes, expected_exp) -> None:
    assert qr_text.startswith("BD1:")
    data = ref.b45decode(qr_text[4:])
    compressed = ref.looks_like_zlib(data)
    cose = ref.inflate(data) if compressed else data
    if compressed:
        assert len(data) < len(cose), "an issuer compresses only when that is smaller"

    # Tag 18, the protected header in its fixed form, an empty unprotected map.
    assert cose[0] == 0xD2
    message = ref.parse_sign1(cose)
    kid = ref.kid_of(signer_key)
    assert message.protected_bytes == ref.cbor_dumps({ref.HDR_ALG: ref.ALG_EDDSA, ref.HDR_KID: kid})
    assert message.unprotected == {}
    assert ref.TrustedKey.from_raw(ref.ALG_EDDSA, signer_key).verify(
        ref.sig_structure(message.protected_bytes, message.payload), message.signature)

    claims = ref.parse_claims(message.payload, ref.BD1_DOCUMENT_CLAIM)
    assert claims.iss == CODE
    assert claims.iat == ISSUED
    assert claims.exp == expected_exp
    assert claims.cti == serial.encode()
    assert claims.nbf is None
    assert ref.decode_document(claims.document) == shown(document)

    # The payload bytes are exactly what format.md fixes: claims in the order
    # 1, 6, 4, 7, -65537, key 0 first, fields in profile order, text as SCSU
    # only when that is shorter.
    expected = ref.cwt_claims(iss=CODE, iat=ISSUED, exp=expected_exp, cti=serial.encode(),
                              document=ref.encode_document(shown(document)))
    assert message.payload == ref.cbor_dumps(expected)


def test_poura_bundle_opens_in_reference(cli: Cli) -> None:
    keys = poura_world(cli)
    signed = (cli.workdir / "trust.bundle").read_bytes()
    message = ref.parse_sign1(signed, ref.BUNDLE_LIMITS)
    assert signed[0] == 0xD2
    assert message.protected[ref.HDR_CONTENT_TYPE] == ref.BUNDLE_CONTENT_TYPE
    bundle = ref.open_bundle(signed, root_keys(keys["root"]))
    assert bundle.seq == 2  # init, then add
    assert bundle.iat == T0 and bundle.next == T0 + 30 * 86400
    assert bundle.revoked == []
    [entry] = bundle.issuers
    muni = keys["muni"][0]
    assert entry.key == bytes.fromhex(muni["public_key"])
    assert entry.kid().hex() == muni["kid"] == ref.kid_of(entry.key).hex()
    assert (entry.iss, entry.name_bn, entry.name_en, entry.docs, entry.status) == (CODE, NAME_BN, NAME_EN, DOCS,
                                                                                   "active")
    assert (entry.valid_from, entry.valid_until) == (T0, 0)


@pytest.mark.parametrize("name,document,exp", [
    ("citizenship", CITIZENSHIP, 1799539200),      # 12 months after 2026-01-10
    ("heirship", HEIRSHIP, None),                  # no expiry
    ("trade_licence", TRADE_LICENCE, "cli"),       # end of the fiscal year, as the CLI reports it
    ("family", FAMILY, 1799539200),                # a list of members; 12 months
    ("orphan", ORPHAN, 1799539200),                # a guardian object; 12 months
    ("river_erosion_affected", RIVER_EROSION, 1799539200),
])
def test_poura_certificates_verify_in_reference(cli: Cli, name: str, document: dict, exp) -> None:
    keys = poura_world(cli)
    muni_key = bytes.fromhex(keys["muni"][0]["public_key"])
    texts = []
    for serial, extra in ((f"{name.upper()[:4]}0001", ()), (f"{name.upper()[:4]}0002", ("--no-compress",))):
        issued = issue(cli, document, serial, *extra)
        texts.append(issued["qr_text"])
        if exp == "cli":
            assert issued["expires_at"]
            expected_exp = int(datetime.datetime.strptime(issued["expires_at"], "%Y-%m-%dT%H:%M:%SZ")
                               .replace(tzinfo=datetime.timezone.utc).timestamp())
        else:
            expected_exp = exp
            assert issued["expires_at"] == (iso(exp) if exp else None)
        if extra:
            assert not ref.looks_like_zlib(ref.b45decode(issued["qr_text"][4:]))
        assert issued["kid"] == keys["muni"][0]["kid"]
        check_poura_certificate(issued["qr_text"], document, serial, muni_key, expected_exp)

        trust = ref.Trust.from_bundle((cli.workdir / "trust.bundle").read_bytes(), root_keys(keys["root"]))
        result = ref.verify(issued["qr_text"], trust, NOW)
        assert (result.verdict, result.stage, result.reason) == ("valid", "done", "ok"), result.detail
        assert result.document == shown(document)
        assert result.issuer["code"] == CODE and result.issuer["name_en"] == NAME_EN

    # Compressed exactly when that is shorter (the serials are as long).
    allowed, refused = texts
    assert ref.looks_like_zlib(ref.b45decode(allowed[4:])) == (len(allowed) < len(refused))


def test_poura_rotation_and_revocation_in_reference(cli: Cli) -> None:
    keys = poura_world(cli)
    old = issue(cli, CITIZENSHIP, "OLDKEY000001")
    rotation = ISSUED + 86400
    cli.run("keygen", "--out", "muni", "--rotate", "--plain", "--now", str(rotation))
    cli.run("trust", "add", "--bundle", "trust.bundle", "--root-keyset", "root.keyset.json", "--plain",
            "--now", str(rotation), "--issuer-keys", "muni.pub.json", "--code", CODE, "--name-bn", NAME_BN,
            "--name-en", NAME_EN, "--docs", ",".join(DOCS))
    new = issue(cli, CITIZENSHIP, "NEWKEY000001", issued=rotation + 3600)
    cli.run("trust", "revoke", "--bundle", "trust.bundle", "--root-keyset", "root.keyset.json", "--plain",
            "--now", str(rotation), "--issuer", CODE, "--serial", "REVOKE000001")

    bundle = ref.open_bundle((cli.workdir / "trust.bundle").read_bytes(), root_keys(keys["root"]))
    assert bundle.seq == 4
    assert bundle.revoked == [ref.revocation_hash(CODE, b"REVOKE000001")]
    by_kid = {e.kid().hex(): e for e in bundle.issuers}
    assert set(by_kid) == {old["kid"], new["kid"]} and old["kid"] != new["kid"]
    assert by_kid[old["kid"]].valid_until == rotation
    assert by_kid[new["kid"]].valid_from == rotation and by_kid[new["kid"]].valid_until == 0

    trust = ref.Trust(bundle.issuers, bundle)
    for qr_text in (old["qr_text"], new["qr_text"]):
        assert ref.verify(qr_text, trust, rotation + 7200).verdict == "valid"
    revoked = issue(cli, CITIZENSHIP, "REVOKE000001", issued=rotation + 3600)
    assert ref.verify(revoked["qr_text"], trust, rotation + 7200).reason == "revoked"


# --------------------------------------------------------------------------
# (2) The reference implementation signs, Poura verifies

ROOT = ref.Ed25519Signer(bytes(range(32)))
MUNI = ref.Ed25519Signer(bytes(range(32, 64)))
ES256_ISSUER = ref.ES256Signer(ec.derive_private_key(0x5EED_0001_0002_0003, ec.SECP256R1()))


def write_python_trust(workdir: Path, seq: int = 1, issuers=None, revoked=()) -> None:
    keys = {"poura_public_keys": 1, "keys": [{
        "algorithm": "EdDSA", "kid": ROOT.kid().hex(), "public_key": ROOT.public_raw().hex(),
        "valid_from": T0, "valid_until": 0, "primary": True}]}
    (workdir / "root.pub.json").write_text(json.dumps(keys))
    if issuers is None:
        issuers = [
            ref.IssuerEntry(alg=ref.ALG_EDDSA, key=MUNI.public_raw(), iss=CODE, name_bn=NAME_BN, name_en=NAME_EN,
                            valid_from=T0, docs=DOCS),
            ref.IssuerEntry(alg=ref.ALG_ES256, key=ES256_ISSUER.public_raw(), iss="BD-10-06-54",
                            name_bn="কাহালু পৌরসভা", name_en="Kahaloo Pourashava", valid_from=T0, docs=["*"]),
        ]
    bundle = ref.Bundle(seq=seq, iat=T0, next=T0 + 30 * 86400, issuers=issuers, revoked=list(revoked))
    (workdir / "trust.bundle").write_bytes(bundle.sign(ROOT))


def python_certificate(document: dict, signer: ref.Signer = MUNI, iss: str = CODE, serial: bytes = b"PY0000000001",
                       exp=1799539200, compress: bool = False) -> str:
    claims = ref.cwt_claims(iss=iss, iat=ISSUED, exp=exp, cti=serial, document=ref.encode_document(document))
    cose = ref.sign1(ref.cbor_dumps(claims), signer)
    return ref.wrap(cose, force_compress=compress, compress_if_smaller=compress)


def poura_verify(cli: Cli, qr_text: str, *trust_args: str, expect: int = 0) -> dict:
    args = trust_args or ("--trust", "trust.bundle", "--root", "root.pub.json")
    return cli.json("verify", qr_text, *args, "--now", str(NOW), expect=expect)


@pytest.mark.parametrize("name,document,compress", [
    ("citizenship", CITIZENSHIP, False),
    ("heirship", HEIRSHIP, True),
    ("trade_licence", TRADE_LICENCE, False),
    ("family", FAMILY, True),
    ("orphan", ORPHAN, False),
    ("river_erosion_affected", RIVER_EROSION, False),
])
def test_reference_certificates_verify_in_poura(cli: Cli, name: str, document: dict, compress: bool) -> None:
    write_python_trust(cli.workdir)
    qr_text = python_certificate(document, exp=None if name == "heirship" else 1799539200, compress=compress)
    result = poura_verify(cli, qr_text)
    assert (result["verdict"], result["stage"], result["reason"]) == ("valid", "done", "ok"), result["detail"]
    assert result["document"] == shown(document)
    assert result["document_type"] == name
    assert result["serial"] == "PY0000000001"
    assert result["issuer"]["code"] == CODE and result["issuer"]["name_bn"] == NAME_BN
    assert result["issuer"]["kid"] == MUNI.kid().hex() and result["issuer"]["algorithm"] == "EdDSA"
    assert result["trust"]["sequence"] == 1 and result["trust"]["freshness"] == "fresh"


def test_reference_es256_certificate_verifies_in_poura(cli: Cli) -> None:
    write_python_trust(cli.workdir)
    result = poura_verify(cli, python_certificate(CITIZENSHIP, signer=ES256_ISSUER, iss="BD-10-06-54"))
    assert result["verdict"] == "valid", result["detail"]
    assert result["issuer"]["algorithm"] == "ES256"
    assert result["document"] == shown(CITIZENSHIP)


def test_tampered_reference_certificate_refused_by_poura(cli: Cli) -> None:
    write_python_trust(cli.workdir)
    cose = ref.unwrap(python_certificate(CITIZENSHIP))
    message = ref.parse_sign1(cose)
    claims = ref.parse_claims(message.payload, ref.BD1_DOCUMENT_CLAIM)
    forged_document = dict(claims.document)
    forged_document[2] = "Mst. Rahima Begum"
    forged_payload = ref.cbor_dumps(ref.cwt_claims(iss=claims.iss, iat=claims.iat, exp=claims.exp, cti=claims.cti,
                                                   document=forged_document))
    forged = ref.cbor_dumps(cbor2.CBORTag(18, [message.protected_bytes, {}, forged_payload, message.signature]))
    result = poura_verify(cli, "BD1:" + ref.b45encode(forged), expect=1)
    assert (result["verdict"], result["stage"], result["reason"]) == ("invalid", "signature", "bad_signature")

    flipped = ref.cbor_dumps(cbor2.CBORTag(18, [message.protected_bytes, {}, message.payload,
                                                    bytes([message.signature[0] ^ 0x80]) + message.signature[1:]]))
    result = poura_verify(cli, "BD1:" + ref.b45encode(flipped), expect=1)
    assert result["reason"] == "bad_signature"


def test_reference_revocation_and_rollback_in_poura(cli: Cli) -> None:
    write_python_trust(cli.workdir, seq=3, revoked=[ref.revocation_hash(CODE, b"PY0000000001")])
    result = poura_verify(cli, python_certificate(CITIZENSHIP), expect=1)
    assert (result["stage"], result["reason"]) == ("revocation", "revoked")
    assert poura_verify(cli, python_certificate(CITIZENSHIP, serial=b"PY0000000002"))["verdict"] == "valid"

    refused = cli.run("verify", python_certificate(CITIZENSHIP, serial=b"PY0000000002"), "--trust", "trust.bundle",
                      "--root", "root.pub.json", "--min-seq", "4", "--now", str(NOW), expect=3)
    assert "trust_rollback" in refused.stderr


def test_bundle_signed_by_another_root_refused_by_poura(cli: Cli) -> None:
    write_python_trust(cli.workdir)
    impostor = ref.Ed25519Signer(bytes(range(64, 96)))
    bundle = ref.Bundle(seq=9, iat=T0, next=T0 + 30 * 86400, issuers=[
        ref.IssuerEntry(alg=ref.ALG_EDDSA, key=MUNI.public_raw(), iss=CODE, valid_from=T0, docs=["*"])])
    (cli.workdir / "trust.bundle").write_bytes(bundle.sign(impostor))
    refused = cli.run("verify", python_certificate(CITIZENSHIP), "--trust", "trust.bundle", "--root", "root.pub.json",
                      "--now", str(NOW), expect=3)
    assert "trust_bundle_invalid" in refused.stderr


def signer_certificate(key, subject: str) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "BD"), x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    utc = datetime.timezone.utc
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(datetime.datetime(2025, 1, 1, tzinfo=utc))
            .not_valid_after(datetime.datetime(2028, 1, 1, tzinfo=utc)).sign(key, hashes.SHA256()))
    return cert.public_bytes(Encoding.DER)


@pytest.mark.parametrize("alg", ["ES256", "PS256"])
def test_reference_hc1_certificate_verifies_in_poura(cli: Cli, alg: str) -> None:
    if alg == "ES256":
        signer: ref.Signer = ref.ES256Signer(ec.generate_private_key(ec.SECP256R1()))
    else:
        signer = ref.PS256Signer(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    der = signer_certificate(signer.key, f"HC1 test signer {alg}")
    (cli.workdir / "signer.der").write_bytes(der)
    dcc = {1: {"ver": "1.3.0", "nam": {"fn": "Rahman", "gn": "Karim"}, "dob": "1985-04-14"}}
    claims = ref.cwt_claims(iss="BD", iat=ISSUED, exp=1799539200, cti=None, document=dcc,
                            document_claim=ref.HC1_DOCUMENT_CLAIM)
    # kid protected for ES256, unprotected for PS256, as both occur in EU DCCs.
    if alg == "ES256":
        cose = ref.sign1(ref.cbor_dumps(claims), signer,
                         protected={ref.HDR_ALG: signer.alg, ref.HDR_KID: ref.kid_of(der)})
    else:
        cose = ref.sign1(ref.cbor_dumps(claims), signer, protected={ref.HDR_ALG: signer.alg},
                         unprotected={ref.HDR_KID: ref.kid_of(der)})
    qr_text = ref.wrap(cose, "HC1:", force_compress=True)
    result = poura_verify(cli, qr_text, "--cert", "signer.der")
    assert result["verdict"] == "valid", result["detail"]
    assert result["document"] == {"1": {"ver": "1.3.0", "nam": {"fn": "Rahman", "gn": "Karim"}, "dob": "1985-04-14"}}
    assert result["issuer"]["algorithm"] == alg and result["issuer"]["kid"] == ref.kid_of(der).hex()

    message = ref.parse_sign1(cose)
    bad = ref.cbor_dumps(cbor2.CBORTag(18, [message.protected_bytes, message.unprotected, message.payload,
                                                message.signature[:-1] + bytes([message.signature[-1] ^ 1])]))
    result = poura_verify(cli, ref.wrap(bad, "HC1:", force_compress=True), "--cert", "signer.der", expect=1)
    assert result["reason"] == "bad_signature"


# --------------------------------------------------------------------------
# The committed vectors are what generate.py makes

def test_committed_vectors_are_reproducible() -> None:
    done = subprocess.run([sys.executable, str(VECTORS_DIR / "generate.py"), "--check"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr + done.stdout


# --------------------------------------------------------------------------
# The reference's key tables, written from format.md 7.3, match the shipped profiles

PATTERNS = {"nid": ref.NID, "brn": ref.BRN, "mobile": ref.MOBILE, "date": ref.DATE, "fiscal_year": ref.FISCAL_YEAR}


def same_fields(shipped: list, reference: list, where: str) -> None:
    assert [(f["key"], f["name"]) for f in shipped] == [(f.key, f.name) for f in reference], where
    for s, r in zip(shipped, reference):
        at = f"{where}.{s['name']}"
        assert s.get("required", False) == r.required, at
        kind = s["kind"]
        if kind == "integer":
            assert (r.kind, r.min, r.max) == ("int", s.get("min"), s.get("max")), at
        elif kind in ("object", "list"):
            assert r.kind == kind, at
            if kind == "list":
                assert (r.min_items, r.max_items) == (s.get("min_items", 0), s.get("max_items", 100)), at
            same_fields(s["fields"], r.fields, at)
        elif kind == "enum":
            assert r.values == [v if isinstance(v, str) else v["value"] for v in s["values"]], at
        elif kind in ("bangla_name", "latin_name"):
            assert r.script == kind, at
        elif kind in PATTERNS:
            assert r.pattern == PATTERNS[kind], at
        else:
            assert kind in ("text", "identifier") and r.max_length == s.get("max_length", 100), at


@pytest.mark.parametrize("path", sorted((ROOT_DIR / "sdk" / "data" / "profiles").glob("*.json")),
                         ids=lambda path: path.stem)
def test_reference_tables_match_the_shipped_profiles(path: Path) -> None:
    shipped = json.loads(path.read_text(encoding="utf-8"))
    if shipped["type"] == "receipt":
        pytest.skip("the reference has no receipt table: receipts are checked through the C++ tests")
    reference = ref.PROFILES[shipped["type"]]
    assert reference.code == shipped["code"]
    assert reference.one_of == shipped.get("one_of", [])
    same_fields(shipped["fields"], reference.fields, shipped["type"])


def test_reference_reads_the_format_example() -> None:
    """The SCSU and revocation examples of docs/format.md."""
    assert ref.scsu_encode(unicodedata.normalize("NFC", "মোছাঃ রহিমা খাতুন")).hex() == \
        "1813aecb9bbe8320b0b9bfaebe2096bea4c1a8"
    assert ref.revocation_hash("BD-10-06-88", b"CC1GRRNR9DBY").hex() == "948343da5168abdc28d1720c0bed3526"
