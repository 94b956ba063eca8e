"""The Python API itself: round trips from keys to verdicts, errors that carry
their codes, times, batches and the GIL, QR codes, money and the stubs."""

import ast
import concurrent.futures
import datetime as dt
import json
import pathlib
import sys
import threading
from decimal import Decimal

import pytest

import poura
from poura import fees
from conftest import SOURCE_DIR

UTC = dt.timezone.utc
NOW = 1767225600  # 2026-01-01T00:00:00Z
DAY = 86400
ISSUER = "BD-10-06-88"
PASSPHRASE = "a passphrase for tests only"


def document(name):
    with open(SOURCE_DIR / "examples" / "documents" / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


class World:
    """A root keyset, a municipality's keyset, a signed bundle allowing it
    citizenship and heirship certificates, and the verifier's trust."""

    def __init__(self):
        self.root = poura.Keyset.create(now=NOW)
        self.municipality = poura.Keyset.create(now=NOW)
        self.bundle = poura.TrustBundle(sequence=1, issued_at=NOW, next_update=NOW + 30 * DAY,
                                        issuers=self.entries())
        self.signed = self.bundle.sign(self.root.primary.key)
        self.trust = poura.Trust.from_bundle(self.signed, roots=self.root.public_keys)

    def entries(self):
        return poura.issuer_entries(self.municipality.public_json(), issuer_code=ISSUER,
                                    name_bn="সারিয়াকান্দি পৌরসভা", name_en="Sariakandi Pourashava",
                                    document_types=["citizenship", "heirship", "receipt"])

    def issue(self, doc=None, **kwargs):
        kwargs.setdefault("issued_at", NOW)
        return poura.issue(doc or document("citizenship"), self.municipality, issuer=ISSUER, **kwargs)


@pytest.fixture(scope="module")
def world():
    return World()


# ----- round trips ---------------------------------------------------------

def test_issue_then_verify(world):
    cert = world.issue()
    assert cert.qr_text.startswith("BD1:") and str(cert) == cert.qr_text
    assert cert.issued_at == dt.datetime(2026, 1, 1, tzinfo=UTC)
    assert cert.kid == world.municipality.primary.kid
    result = poura.verify(cert.qr_text, world.trust, now=NOW + DAY)
    assert result.valid and result.verdict == "valid" and result.stage == "done" and result.reason == "ok"
    assert result.document == cert.document
    assert result.document["name_en"] == "Mst. Rahima Khatun"
    assert result.document_type == "citizenship"
    assert result.serial == cert.serial
    assert result.issuer.code == ISSUER and result.issuer.name("bn") == "সারিয়াকান্দি পৌরসভা"
    assert result.issuer.kid == cert.kid and result.issuer.algorithm == "EdDSA"
    assert result.trust.has_bundle and result.trust.freshness == "fresh" and result.trust.sequence == 1
    assert result.trust.next_update == dt.datetime(2026, 1, 31, tzinfo=UTC)
    assert result.expires_at == cert.expires_at
    as_dict = result.to_dict()
    assert as_dict["issuer"]["kid"] == cert.kid.hex() and as_dict["serial"] == cert.serial
    assert json.loads(result.to_json(indent=2)) == as_dict
    assert json.loads(result.to_json()) == as_dict and "\n" not in result.to_json()
    assert "valid" in repr(result)


def test_issue_compresses_unless_told_not_to(world):
    """A family's names repeat their parts: zlib shortens six heirs by a
    fifth, so an issue that ignored allow_compression would show here."""
    heirship = document("heirship")
    heirship["heirs"] = [
        {"name_bn": "মোছাঃ ফাতেমা বেগম", "name_en": "Mst. Fatema Begum", "relation": "wife"},
        {"name_bn": "মোঃ রফিকুল ইসলাম", "name_en": "Md. Rafiqul Islam", "relation": "son"},
        {"name_bn": "মোঃ শফিকুল ইসলাম", "name_en": "Md. Shafiqul Islam", "relation": "son"},
        {"name_bn": "মোঃ আমিনুল ইসলাম", "name_en": "Md. Aminul Islam", "relation": "son"},
        {"name_bn": "মোছাঃ রহিমা খাতুন", "name_en": "Mst. Rahima Khatun", "relation": "daughter"},
        {"name_bn": "মোছাঃ সালমা খাতুন", "name_en": "Mst. Salma Khatun", "relation": "daughter"},
    ]
    compressed = world.issue(heirship, serial="PY-ZLIB-1")
    plain = world.issue(heirship, serial="PY-ZLIB-1", allow_compression=False)
    zlib_header, cose_sign1_tag = 0x78, 0xD2
    assert base45_decode(compressed.qr_text[4:])[0] == zlib_header
    assert base45_decode(plain.qr_text[4:])[0] == cose_sign1_tag
    assert len(compressed.qr_text) < len(plain.qr_text)
    assert poura.unwrap_envelope(compressed.qr_text) == poura.unwrap_envelope(plain.qr_text)
    for cert in (compressed, plain):
        assert poura.verify(cert.qr_text, world.trust, now=NOW + DAY).valid


def base45_decode(text):
    """RFC 9285, written out here so the test does not take Poura's word for it."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    values = [alphabet.index(c) for c in text]
    out = bytearray()
    for i in range(0, len(values) - 2, 3):
        out += (values[i] + 45 * values[i + 1] + 2025 * values[i + 2]).to_bytes(2, "big")
    if len(values) % 3 == 2:
        out.append(values[-2] + 45 * values[-1])
    return bytes(out)


def test_forged_expired_and_not_allowed(world):
    cert = world.issue()
    cose = bytearray(poura.unwrap_envelope(cert.qr_text))
    at = cose.find(b"Rahima")
    cose[at:at + 6] = b"Rahela"
    forged = poura.verify(poura.wrap_envelope(bytes(cose)), world.trust, now=NOW)
    assert (forged.verdict, forged.stage, forged.reason) == ("invalid", "signature", "bad_signature")
    assert forged.message_en and forged.message_bn and forged.message("bn") == forged.message_bn

    expiry = int(cert.expires_at.timestamp())
    late = poura.verify(cert.qr_text, world.trust, now=expiry + DAY, grace_period=1000 * DAY)
    assert late.reason == "expired" and late.stage == "time"

    licence = poura.issue(document("trade_licence"), world.municipality, issuer=ISSUER, issued_at=NOW)
    assert poura.verify(licence.qr_text, world.trust, now=NOW).reason == "issuer_not_allowed"

    garbage = poura.verify("BD1:not base45 at all ~", world.trust, now=NOW)
    assert garbage.reason == "bad_base45" and garbage.document is None and garbage.issuer is None


def test_revocation_and_rollback(world):
    cert = world.issue(serial="PY-REVOKE-1")
    bundle = poura.TrustBundle(sequence=2, issued_at=NOW, next_update=NOW + 30 * DAY, issuers=world.entries())
    bundle.revoke(ISSUER, cert.serial)
    assert bundle.revoked == (poura.revocation_hash(ISSUER, cert.serial),)
    trust = poura.Trust.from_bundle(world.signed, roots=world.root.public_keys)
    trust.update(bundle.sign(world.root.primary.key))
    assert trust.sequence == 2
    assert poura.verify(cert.qr_text, trust, now=NOW).reason == "revoked"
    with pytest.raises(poura.TrustRollbackError) as caught:
        trust.update(world.signed)
    assert caught.value.code == "trust_rollback" and caught.value.status == -24
    assert trust.sequence == 2  # a refused update leaves the trust as it was
    with pytest.raises(poura.TrustRollbackError):
        poura.Trust.from_bundle(world.signed, roots=world.root.public_keys, min_sequence=2)


def test_key_rotation_keeps_old_certificates_valid(world):
    keyset = poura.Keyset.from_json(world.municipality.to_json(PASSPHRASE), PASSPHRASE)
    old = poura.issue(document("heirship"), keyset, issuer=ISSUER, issued_at=NOW)
    keyset.rotate(now=NOW + DAY)
    assert len(keyset) == 2 and keyset.primary.primary and keyset.primary.valid_from == NOW + DAY
    new = poura.issue(document("heirship"), keyset, issuer=ISSUER, issued_at=NOW + 2 * DAY)
    assert new.kid != old.kid
    entries = poura.issuer_entries(keyset.public_json(), issuer_code=ISSUER, name_bn="ক", name_en="K",
                                   document_types=["*"])
    trust = poura.Trust.from_bundle(
        poura.TrustBundle(sequence=1, issued_at=NOW, next_update=NOW + 30 * DAY, issuers=entries)
        .sign(world.root.primary.key), roots=world.root.public_keys)
    assert [r.reason for r in poura.verify_batch([old.qr_text, new.qr_text], trust, now=NOW + 3 * DAY)] == ["ok", "ok"]


def test_keys_and_files(world):
    key = poura.PrivateKey.generate()
    signature = key.sign(b"message")
    assert len(signature) == 64 and len(key.public_key.raw) == 32 and len(key.public_key.kid) == 8
    again = poura.PrivateKey.from_pem(key.to_encrypted_pem(PASSPHRASE), PASSPHRASE)
    assert again.public_key == key.public_key and hash(again.public_key) == hash(key.public_key)
    assert poura.PrivateKey.from_pem(key.to_unencrypted_pem()).public_key == key.public_key
    assert poura.PublicKey.from_dict(key.public_key.to_dict()) == key.public_key
    assert poura.read_public_keys(world.root.public_json()) == world.root.public_keys
    with pytest.raises(poura.InvalidArgumentError):
        key.to_encrypted_pem("")  # plain export is a separate, explicit call
    assert poura.Keyset.from_json(world.root.to_json("", allow_plain=True), "").public_keys == world.root.public_keys
    opened = poura.TrustBundle.open(world.signed, world.root.public_keys)
    assert opened.sequence == 1 and opened.issuers[0].issuer_code == ISSUER
    assert opened.to_dict()["sequence"] == 1


# ----- errors --------------------------------------------------------------

def test_error_classes_match_the_sdk():
    sdk = poura._poura.error_codes()
    ours = {code: cls.status for code, cls in poura._errors.ERROR_CLASSES.items()}
    assert ours == {code: status for code, status in sdk.items() if code != "ok"}
    for code, cls in poura._errors.ERROR_CLASSES.items():
        assert issubclass(cls, poura.PouraError) and getattr(poura, cls.__name__) is cls


@pytest.mark.parametrize("call, cls, code", [
    (lambda w: poura.Keyset.from_json(w.municipality.to_json(PASSPHRASE), "wrong"),
     poura.WrongPassphraseError, "wrong_passphrase"),
    (lambda w: poura.PublicKey.from_raw(b"short"), poura.KeyInvalidError, "key_invalid"),
    (lambda w: poura.PublicKey.from_raw(bytes(32), algorithm="RSA"), poura.PouraError, None),
    (lambda w: poura.Trust.from_bundle(b"\x00garbage", roots=w.root.public_keys),
     poura.TrustBundleInvalidError, "trust_bundle_invalid"),
    (lambda w: poura.Trust.from_bundle(w.signed, roots=w.municipality.public_keys),
     poura.TrustBundleInvalidError, "trust_bundle_invalid"),
    (lambda w: w.issue({"type": "citizenship", "name_en": "X"}), poura.DocumentInvalidError, "document_invalid"),
    (lambda w: w.issue({"type": "no_such_type"}), poura.UnknownDocumentTypeError, "unknown_document_type"),
    (lambda w: poura.read_qr(b"this is not an image"), poura.UnsupportedError, "unsupported"),
    (lambda w: poura.read_qr("/nonexistent/qr.png"), poura.PouraIOError, "io_error"),
    (lambda w: poura.unwrap_envelope("XX1:abc"), poura.MalformedInputError, "malformed_input"),
    (lambda w: poura.qr_encode("x", ecc="Z"), poura.InvalidArgumentError, "invalid_argument"),
    (lambda w: poura.verify("BD1:", w.trust, scheme="xx"), poura.InvalidArgumentError, "invalid_argument"),
    (lambda w: poura.parse_money("12.345"), poura.InvalidArgumentError, "invalid_argument"),
])
def test_errors_carry_their_code(world, call, cls, code):
    with pytest.raises(cls) as caught:
        call(world)
    error = caught.value
    assert isinstance(error, poura.PouraError)
    assert error.code == (code or error.code) and error.status == poura._poura.error_codes()[error.code]
    assert error.message and f"[{error.code}]" in str(error)


def test_errors_are_also_standard_exceptions():
    assert issubclass(poura.InvalidArgumentError, ValueError)
    assert issubclass(poura.NotInScheduleError, LookupError)
    assert issubclass(poura.PouraIOError, OSError)
    with pytest.raises(OSError):
        poura.read_qr(pathlib.Path("/nonexistent/qr.png"))


# ----- times ---------------------------------------------------------------

def test_times_in_every_form(world):
    cert = world.issue()
    results = [poura.verify(cert.qr_text, world.trust, now=now).to_dict() for now in
               (NOW + DAY, float(NOW + DAY), dt.datetime(2026, 1, 2, tzinfo=UTC), dt.date(2026, 1, 2),
                "2026-01-02", "2026-01-02T00:00:00Z",
                dt.datetime(2026, 1, 2, 6, tzinfo=dt.timezone(dt.timedelta(hours=6))))]
    assert all(r == results[0] for r in results) and results[0]["verdict"] == "valid"
    with pytest.raises(ValueError, match="naive"):
        poura.verify(cert.qr_text, world.trust, now=dt.datetime(2026, 1, 2))
    with pytest.raises(TypeError):
        poura.verify(cert.qr_text, world.trust, now=True)
    with pytest.raises(poura.InvalidArgumentError):
        poura.verify(cert.qr_text, world.trust, now="yesterday")
    assert world.trust.freshness(now=NOW + 31 * DAY) == "stale"
    assert world.trust.freshness(now=NOW + 31 * DAY, grace_period=0) == "expired"


def test_a_bundle_issued_after_now_plus_the_skew_makes_the_clock_suspect(world):
    assert world.trust.freshness(now=NOW - 300) == "fresh"
    assert world.trust.freshness(now=NOW - 301) == "clock_suspect"
    ahead = poura.TrustBundle(sequence=1, issued_at=NOW + 5 * DAY, next_update=NOW + 30 * DAY, issuers=world.entries())
    trust = poura.Trust.from_bundle(ahead.sign(world.root.primary.key), roots=world.root.public_keys)
    cert = world.issue()
    result = poura.verify(cert.qr_text, trust, now=NOW + DAY)
    assert result.valid and result.trust.freshness == "clock_suspect"
    assert poura.verify(cert.qr_text, trust, now=NOW + DAY, clock_skew=4 * DAY).trust.freshness == "fresh"


# ----- batches, threads and the GIL ----------------------------------------

def test_batch_matches_single_on_any_thread_count(world):
    good = [world.issue(serial=f"PY-BATCH-{i}").qr_text for i in range(40)]
    texts = good + ["BD1:", "nonsense", good[0][:-5]]
    expected = [poura.verify(t, world.trust, now=NOW).to_dict() for t in texts]
    for threads in (0, 1, 2, 7):
        assert [r.to_dict() for r in poura.verify_batch(texts, world.trust, now=NOW, threads=threads)] == expected
    assert poura.verify_batch(iter(texts[:3]), world.trust, now=NOW)[0].valid
    assert poura.verify_batch([], world.trust) == []
    with pytest.raises(TypeError):
        poura.verify_batch(["BD1:", 42], world.trust)
    with pytest.raises(TypeError):
        poura.verify_batch(texts[0], world.trust)
    with pytest.raises(poura.InvalidArgumentError):
        poura.verify_batch(texts, world.trust, threads=-1)


def test_verify_batch_releases_the_gil(world):
    """While the main thread is inside verify_batch, another Python thread runs.

    With the switch interval far above the batch's duration, a thread waiting
    for the GIL gets it only when the holder lets go of it: had verify_batch
    kept the GIL, the observer could run only once `phase` said "after"."""
    texts = [world.issue(serial=f"PY-GIL-{i}").qr_text for i in range(8)] * 100
    phase = ["before"]
    seen = []
    go = threading.Lock()
    go.acquire()

    def observer():
        with go:
            seen.append(phase[0])

    thread = threading.Thread(target=observer)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(30.0)
    try:
        thread.start()
        phase[0] = "during"
        go.release()  # the observer wakes, and waits for the GIL
        results = poura.verify_batch(texts, world.trust, now=NOW, threads=1)
        phase[0] = "after"
    finally:
        sys.setswitchinterval(interval)
    thread.join()
    assert all(r.valid for r in results)
    assert seen == ["during"]


def test_python_threads_share_one_trust(world):
    certs = [world.issue(serial=f"PY-THREAD-{i}") for i in range(16)]

    def check(cert):
        result = poura.verify(cert.qr_text, world.trust, now=NOW)
        return result.valid and result.serial == cert.serial

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(check, certs * 4))


# ----- QR codes ------------------------------------------------------------

def test_qr_round_trip(world, tmp_path):
    cert = world.issue()
    qr = cert.qr(ecc="M")
    assert qr.size == 17 + 4 * qr.version and len(qr.modules) == qr.size * qr.size
    assert qr.dark(0, 0)  # a finder pattern's corner
    with pytest.raises(IndexError):
        qr.dark(qr.size, 0)
    svg = qr.to_svg(module_size=4)
    assert svg.lstrip().startswith("<") and "svg" in svg
    png = qr.to_png(module_size=4, quiet_zone=4)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert poura.read_qr(png) == cert.qr_text
    assert poura.read_qr(memoryview(png)) == cert.qr_text
    path = tmp_path / "certificate.png"
    path.write_bytes(png)
    assert poura.read_qr(path) == cert.qr_text and poura.read_qr(str(path)) == cert.qr_text
    assert len(qr.to_text(quiet_zone=1).splitlines()) == (qr.size + 2 + 1) // 2
    assert poura.qr_encode(cert.qr_text).version >= qr.version  # ECC Q needs at least as many modules as M
    for render in (lambda: qr.to_png(module_size=0), lambda: qr.to_svg(module_size=101),
                   lambda: qr.to_svg(quiet_zone=-1), lambda: qr.to_text(quiet_zone=101)):
        with pytest.raises(poura.InvalidArgumentError) as refused:
            render()
        assert refused.value.code == "invalid_argument"


# ----- money and fees ------------------------------------------------------

def test_money():
    assert poura.format_money(Decimal("1234567.5")) == "12,34,567.50"
    assert poura.format_money(1234567, language="bn") == "১২,৩৪,৫৬৭.০০"
    assert poura.format_taka("-20") == "Tk -20.00"
    assert poura.format_taka(100, language="bn").endswith("টাকা")
    assert poura.money_in_words(Decimal("1234567.50")).startswith("Twelve Lakh Thirty-Four Thousand")
    assert poura.money_in_words(12, language="bn").endswith("মাত্র")
    assert poura.parse_money("১২,৩৪,৫৬৭.০০") == Decimal("1234567.00")
    assert poura.format_percent("7.5") == "7.5%"
    assert poura.format_money(0.1) == "0.10"
    with pytest.raises(poura.InvalidArgumentError):
        poura.format_money(Decimal("0.001"))
    with pytest.raises(poura.InvalidArgumentError):
        poura.format_money(10 ** 14)
    with pytest.raises(poura.InvalidArgumentError):
        poura.format_money(1, language="fr")
    with pytest.raises(TypeError):
        poura.format_money(True)


def test_fees_api(world):
    schedules = fees.ScheduleSet.from_directory(SOURCE_DIR / "examples" / "schedules")
    assert len(schedules) == 3 and {s["municipality"] for s in schedules.list()} == {"kaliganj", "shantipur"}
    bill = fees.holding_tax(schedules, municipality="kaliganj", fiscal_year="2025-26", monthly_rent=Decimal(10000),
                            paid_on=dt.date(2025, 9, 15),
                            arrears=[fees.HoldingArrear("2024-25", annual_value=100000, paid=5000)])
    assert bill.service == "holding_tax" and bill.period.startswith("2025-") and bill.schedule == "kaliganj-2025-26"
    assert bill.total == sum((l.amount for l in bill.lines if not l.informational), Decimal(0))
    assert bill.line("annual_value").informational and bill.line("annual_value").amount == Decimal("100000.00")
    assert len(bill.instalments) == 4 and isinstance(bill.instalments[0].due, dt.date)
    assert "Total" in str(bill) and bill.municipality_en
    receipt = bill.receipt_document(payer_name_bn="রহিমা খাতুন", payer_name_en="Rahima Khatun",
                                    reference="KLG-07-0123", paid_on=dt.date(2025, 9, 15), method="mobile")
    assert receipt["type"] == "receipt"
    signed = poura.issue(receipt, world.municipality, issuer=ISSUER, issued_at=NOW)
    verified = poura.verify(signed.qr_text, world.trust, now=NOW)
    assert verified.valid and verified.document_type == "receipt"

    licence = fees.trade_licence_fee(schedules, municipality="kaliganj", fiscal_year="2025-26", category="grocery",
                                     renewal=True, signboards=[fees.Signboard(Decimal("12.5"), lit=True)],
                                     paid_on="2025-11-15")
    assert licence.line("signboard") is not None or any("signboard" in l.code for l in licence.lines)
    water = fees.water_bill(schedules, municipality="kaliganj", month="2025-01", diameter="1/2", metered=True,
                            litres=35000, paid_on="2025-02-11")
    assert water.due is not None and water.total > 0
    certificate = fees.certificate_fee(schedules, municipality="kaliganj", date=dt.date(2025, 8, 1),
                                       document_type="heirship", language="en")
    assert certificate.total > 0

    with pytest.raises(poura.NotInScheduleError) as caught:
        fees.holding_tax(schedules, municipality="nowhere", fiscal_year="2025-26", monthly_rent=1)
    assert caught.value.code == "not_in_schedule" and isinstance(caught.value, LookupError)
    with pytest.raises(poura.InvalidArgumentError):
        fees.calculate("holding", schedules, {"municipality": "kaliganj", "fiscal_year": "2025-26", "rent": 1})
    with pytest.raises(poura.InvalidArgumentError):
        fees.calculate("parking", schedules, {})
    with pytest.raises(poura.InvalidArgumentError):
        fees.holding_tax(schedules, municipality="kaliganj", fiscal_year="2025-26", monthly_rent="1.005")


def test_holding_assessed_unit_by_unit_with_an_advance_rebate():
    schedules = fees.ScheduleSet.from_directory(SOURCE_DIR / "examples" / "schedules")
    units = [fees.HoldingUnit("Ground floor", 25000, use="commercial"),
             fees.HoldingUnit("First floor", Decimal(10000), occupancy="owner_occupied", floor_area=1100),
             {"label": "Second floor", "monthly_rent": 8000}]
    bill = fees.holding_tax(schedules, municipality="kaliganj", fiscal_year="2025-26", units=units, pays="q1+q2",
                            paid_on=dt.date(2025, 9, 30))
    assert bill.line("annual_value").amount == Decimal("390000.00")
    assert bill.line("current_and_advance").amount < 0
    assert sum(i.amount for i in bill.instalments) == bill.total
    assert bill.instalments[0].rebate > 0 and bill.instalments[3].rebate == 0
    assert bill.instalments[0].amount + bill.instalments[0].rebate == bill.instalments[3].amount + 2  # the remainder
    with pytest.raises(poura.InvalidArgumentError) as caught:
        fees.holding_tax(schedules, municipality="kaliganj", fiscal_year="2025-26", use="commercial",
                         units=[fees.HoldingUnit("Shop", 1000)])
    assert "$.use" in caught.value.message


def test_bad_schedule_lists_its_problems():
    with open(SOURCE_DIR / "examples" / "schedules" / "kaliganj-2025-26.json", encoding="utf-8") as f:
        schedule = json.load(f)
    schedule["holding_tax"]["rates_percent"]["fire"] = 30  # far above the legal cap
    schedule["holding_tax"]["typo_member"] = 1
    problems = fees.ScheduleSet.check(schedule)
    assert any("typo_member" in p for p in problems) and any("39" in p for p in problems)
    schedules = fees.ScheduleSet()
    with pytest.raises(poura.ScheduleInvalidError) as caught:
        schedules.add(schedule, source_name="edited")
    assert caught.value.code == "schedule_invalid" and "typo_member" in caught.value.message
    assert len(schedules) == 0


def test_profiles(world):
    builtin = poura.ProfileSet.builtin()
    assert "citizenship" in builtin and len(builtin) >= 9
    assert builtin.profile("citizenship")["title_en"]
    assert builtin.validate(document("citizenship"))["name_en"] == "Mst. Rahima Khatun"
    with pytest.raises(poura.InvalidArgumentError):
        builtin.add("{}")  # the shared built-in set stays as it is
    custom = builtin.copy()
    with pytest.raises(poura.ProfileInvalidError):
        custom.add('{"type": "broken"}')


# ----- the package ---------------------------------------------------------

def test_stubs_declare_the_extension():
    package = pathlib.Path(poura.__file__).parent
    assert (package / "py.typed").is_file()
    stub = ast.parse((package / "_poura.pyi").read_text(encoding="utf-8"))
    declared = {n.name for n in stub.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    declared |= {t.id for n in stub.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                 for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)}
    public = {name for name in dir(poura._poura) if not name.startswith("_")}
    assert public <= declared, public - declared
    classes = {n.name: n for n in stub.body if isinstance(n, ast.ClassDef)}
    for name, node in classes.items():
        if name == "Office" and not hasattr(poura._poura, "Office"):
            continue  # a core built without the office
        members = {m.name for m in node.body if isinstance(m, ast.FunctionDef)}
        members |= {m.target.id for m in node.body if isinstance(m, ast.AnnAssign)}
        actual = {m for m in dir(getattr(poura._poura, name)) if not m.startswith("_")}
        assert actual <= members, (name, actual - members)


def test_package_exports():
    for name in poura.__all__:
        assert hasattr(poura, name), name
    assert poura.__version__ == poura._poura.__version__ and poura.__version__.count(".") == 2


def test_a_lone_surrogate_gets_a_verdict_and_keeps_the_batch(world):
    good = world.issue().qr_text
    bad = "BD1:\ud800" + good[5:]
    result = poura.verify(bad, world.trust, now=NOW + DAY)
    assert not result.valid and result.stage in ("prefix", "base45")
    results = poura.verify_batch([good, bad, good], world.trust, now=NOW + DAY)
    assert [r.valid for r in results] == [True, False, True]


@pytest.mark.parametrize("value", [2**63, 2**63 + 5, 2**64 - 1])
def test_times_from_2_63_up_are_refused_not_wrapped(world, value):
    with pytest.raises(poura.InvalidArgumentError, match="out of range"):
        poura.verify(world.issue().qr_text, world.trust, now=value)
    with pytest.raises(poura.InvalidArgumentError, match="out of range"):
        poura.TrustBundle(sequence=1, issued_at=NOW, next_update=value)
