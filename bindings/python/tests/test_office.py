"""poura.Office: the whole story of an application (apply, recommend,
approve, issue, the certificate, printing, revocation and the revocation
list), the role and state checks as the right exception classes, SMS, the
audit log, and bad input; on a database in a temporary folder."""

import json
import pathlib

import pytest

import poura
from conftest import SOURCE_DIR

pytestmark = pytest.mark.skipif(not hasattr(poura, "Office"), reason="the core was built without the office")

# 2026-01-10 09:00 UTC: inside the sample schedules' fiscal year 2025-26.
NOW = 1768035600
MUNICIPALITY = {"code": "kaliganj", "name_bn": "কালীগঞ্জ পৌরসভা", "name_en": "Kaliganj Pourashava",
                "body_class": "B", "wards": 9, "download_url": "https://kaliganj.example/c"}


def citizenship():
    return json.loads((SOURCE_DIR / "examples" / "documents" / "citizenship.json").read_text(encoding="utf-8"))


class Story:
    def __init__(self, directory: pathlib.Path) -> None:
        self.path = directory / "office.db"
        self.office = poura.Office.create(self.path, municipality=MUNICIPALITY,
                                          schedules=[SOURCE_DIR / "examples" / "schedules"], now=NOW)
        self.keyset = poura.Keyset.create(now=NOW - 86400)
        self.office.set_keyset(self.keyset)
        add = self.office.add_user
        self.citizen = add(login="rahima", name="Rahima", role="citizen", nid="1990101234567")["id"]
        self.councilor3 = add(login="karim", name="Karim", role="councilor", ward=3)["id"]
        self.councilor5 = add(login="salam", name="Salam", role="councilor", ward=5)["id"]
        self.mayor = add(login="mayor", name="Mayor", role="mayor")["id"]
        self.secretary = add(login="secretary", name="Secretary", role="secretary")["id"]
        self.admin = add(login="admin", name="Admin", role="admin")["id"]

    def issued(self):
        a = self.office.apply(self.citizen, citizenship(), "01712345678")
        self.office.act(self.councilor3, a["id"], "recommend")
        self.office.act(self.mayor, a["id"], "approve")
        return self.office.act(self.secretary, a["id"], "issue")


@pytest.fixture
def story(tmp_path):
    return Story(tmp_path)


def test_the_whole_story(story, tmp_path):
    office = story.office
    a = office.apply(story.citizen, citizenship(), "01712345678")
    assert a["state"] == "submitted" and a["type"] == "citizenship" and a["ward"] == 3
    assert a["fee_poisha"] == 2000  # Tk 20 in Kaliganj's 2025-26 schedule
    assert a["submitted_at"] == "2026-01-10T09:00:00Z"
    assert [q["id"] for q in office.queue(story.councilor3)] == [a["id"]]
    assert office.queue(story.councilor5) == []

    assert office.act(story.councilor3, a["id"], "recommend", "checked")["state"] == "recommended"
    assert office.act(story.mayor, a["id"], "approve")["state"] == "approved"
    issued = office.act(story.secretary, a["id"], "issue")
    assert issued["state"] == "issued"
    serial = issued["serial"]
    assert serial == "KALIGANJ-2026-000001"
    history = office.application(a["id"])["history"]
    assert [h["action"] for h in history] == ["submit", "recommend", "approve", "issue"]
    assert history[1]["comment"] == "checked" and history[1]["role"] == "councilor"

    certificate = office.certificate(serial)
    assert certificate["status"] == "valid"
    assert certificate["recommended_by"] == "Karim" and certificate["approved_by"] == "Mayor"
    assert certificate["document"]["nid"] == "1990101234567"
    trust_bundle = poura.TrustBundle(sequence=1, issued_at=NOW - 3600, next_update=NOW + 30 * 86400,
                                     issuers=poura.issuer_entries(story.keyset.public_json(), issuer_code="kaliganj",
                                                                  name_bn="কালীগঞ্জ পৌরসভা",
                                                                  name_en="Kaliganj Pourashava",
                                                                  document_types=["citizenship"]))
    root = poura.PrivateKey.generate()
    trust = poura.Trust.from_bundle(trust_bundle.sign(root), roots=[root.public_key])
    assert poura.verify(certificate["qr_text"], trust, now=NOW + 60).valid

    pdf = office.print_pdf(story.secretary, serial)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert office.certificate(serial)["prints"] == 1

    revoked = office.revoke(story.mayor, serial, "issued on a forged NID")
    assert revoked["status"] == "revoked" and revoked["status_reason"] == "issued on a forged NID"
    listed = office.revocation_list()
    assert [(r["issuer"], r["serial"]) for r in listed] == [("kaliganj", serial)]
    assert office.application(a["id"])["state"] == "revoked"

    assert [m["event"] for m in office.outbox(status="queued")] == ["submitted", "issued"]
    sms_file = tmp_path / "sms.jsonl"
    assert office.send_sms({"file": str(sms_file)}) == {"sent": 2, "retried": 0, "failed": 0}
    assert len(sms_file.read_text(encoding="utf-8").splitlines()) == 2
    assert office.outbox(status="queued") == []

    office.checkpoint_audit()
    audit = office.verify_audit()
    assert audit["ok"] and audit["entries"] > 6 and audit["checkpoints"] == 1

    reopened = poura.Office.open(story.path, now=NOW)
    assert reopened.certificate(serial)["status"] == "revoked"
    assert [u["login"] for u in reopened.users()] == ["rahima", "karim", "salam", "mayor", "secretary", "admin"]
    assert reopened.user_by_login("karim")["ward"] == 3


def test_roles_and_states_raise_their_exception_classes(story):
    office = story.office
    a = office.apply(story.citizen, citizenship(), "01712345678")
    with pytest.raises(poura.PermissionDeniedError) as refused:
        office.act(story.councilor5, a["id"], "recommend")
    assert refused.value.code == "permission_denied" and refused.value.status == -10
    assert isinstance(refused.value, PermissionError) and refused.value.message
    with pytest.raises(poura.PermissionDeniedError):
        office.act(story.citizen, a["id"], "recommend")
    with pytest.raises(poura.InvalidStateError):
        office.act(story.mayor, a["id"], "issue")
    with pytest.raises(poura.InvalidArgumentError):
        office.act(story.councilor3, a["id"], "return")  # a return needs its reason
    with pytest.raises(poura.InvalidArgumentError):
        office.act(story.councilor3, a["id"], "dance")
    with pytest.raises(poura.NotFoundError):
        office.application(999)
    with pytest.raises(poura.NotFoundError):
        office.certificate("KALIGANJ-2026-999999")
    with pytest.raises(poura.NotFoundError):
        office.act(999, a["id"], "recommend")
    # Nothing of the refused actions happened.
    assert [h["action"] for h in office.application(a["id"])["history"]] == ["submit"]

    serial = story.issued()["serial"]
    with pytest.raises(poura.PermissionDeniedError):
        office.revoke(story.citizen, serial, "no reason")
    with pytest.raises(poura.PermissionDeniedError):
        office.print_pdf(story.admin, serial)
    with pytest.raises(poura.ConflictError):
        office.add_user(login="karim", name="Karim again", role="councilor", ward=3)


def test_bad_input(story, tmp_path):
    office = story.office
    with pytest.raises(poura.InvalidArgumentError):
        office.add_user(login="x", name="X", role="king")
    with pytest.raises(poura.InvalidArgumentError):
        office.queue(story.councilor3, state="lost")
    with pytest.raises(poura.InvalidArgumentError):
        office.queue(story.councilor3, limit=0)
    with pytest.raises(poura.InvalidArgumentError):
        office.send_sms({"pigeon": 1})
    with pytest.raises(poura.DocumentInvalidError):
        office.apply(story.citizen, {**citizenship(), "date_of_birth": "yesterday"}, "01712345678")
    with pytest.raises(poura.InvalidArgumentError):
        poura.Office.create(tmp_path / "other.db", municipality={**MUNICIPALITY, "colour": "red"})
    with pytest.raises(poura.NotFoundError):
        poura.Office.open(tmp_path / "missing.db")
    with pytest.raises(poura.PouraIOError):
        poura.Office.open(story.path, schedules=[tmp_path / "missing.json"])
    assert not (tmp_path / "other.db").exists()

    bare = poura.Office.create(tmp_path / "bare.db", municipality=MUNICIPALITY, now=NOW)
    with pytest.raises(poura.NoSigningKeyError):
        bare.checkpoint_audit()


def test_queue_filters(story):
    office = story.office
    first = office.apply(story.citizen, citizenship(), "01712345678")
    second = office.apply(story.citizen, citizenship(), "01712345678")
    assert second["duplicate_of"] == first["id"]
    office.act(story.councilor3, first["id"], "recommend")
    assert [a["id"] for a in office.queue(story.mayor)] == [first["id"]]
    assert [a["id"] for a in office.queue(story.councilor3, state="submitted", ward=3)] == [second["id"]]
    assert office.queue(story.councilor3, limit=1, type="heirship") == []
