"""The shared verification vectors (tests/vectors/*.json, described in
tests/vectors/README.md): for each, the trust it sets up or the error that
refuses it, then the verdict, stage, reason and whatever else it states.
Each file is also run through verify_batch, which must agree with verify."""

import base64
import json
from collections import defaultdict

import pytest

import poura
from conftest import VECTORS_DIR

FILES = ["valid", "failures", "malformed", "trust", "hc1"]


def load(name):
    with open(VECTORS_DIR / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def cases():
    return list(_cases())


def _cases():
    for name in FILES:
        data = load(name)
        for vector in data["vectors"]:
            yield pytest.param(vector, vector.get("trust", data["trust"]), id=f"{name}: {vector['name']}")


def b64(text):
    return base64.b64decode(text)


def set_up_trust(spec):
    """(trust, error code) as README.md says: a bundle opened against its roots
    and then updated, or signer certificates trusted directly."""
    if "certificates" in spec:
        entries = [poura.IssuerEntry(poura.PublicKey.from_certificate(b64(der)), document_types=["*"])
                   for der in spec["certificates"]]
        return poura.Trust.from_issuers(entries), None
    roots = [poura.PublicKey.from_raw(b64(r["public_key"]), algorithm=r["algorithm"]) for r in spec["roots"]]
    try:
        trust = poura.Trust.from_bundle(b64(spec["bundle"]), roots=roots, min_sequence=spec.get("min_sequence", 0))
    except poura.PouraError as e:
        return None, e.code
    for update in spec.get("updates", []):
        try:
            trust.update(b64(update))
        except poura.PouraError as e:
            return trust, e.code
    return trust, None


def options(vector):
    o = dict(vector.get("options", {}))
    o["now"] = vector["now"]
    return o


def check(result, expect):
    assert result.verdict == expect["verdict"]
    assert result.stage == expect["stage"]
    assert result.reason == expect["reason"]
    assert result.valid == (expect["verdict"] == "valid")
    assert result.message_en and result.message_bn  # people always get a message
    as_dict = result.to_dict()
    assert (as_dict["verdict"], as_dict["stage"], as_dict["reason"]) == (result.verdict, result.stage, result.reason)
    assert json.loads(result.to_json()) == as_dict
    assert (result.issued_at is None) == (as_dict["issued_at"] is None)
    if "document" in expect:
        assert result.document == expect["document"]
        assert as_dict["document"] == expect["document"]
    if "issuer" in expect:
        assert result.issuer is not None
        for key, value in expect["issuer"].items():
            assert as_dict["issuer"][key] == value, key
        attributes = {"code": result.issuer.code, "name_bn": result.issuer.name_bn, "name_en": result.issuer.name_en,
                      "kid": result.issuer.kid.hex(), "algorithm": result.issuer.algorithm}
        for key, value in expect["issuer"].items():
            assert attributes[key] == value, key
    if "serial" in expect:
        assert result.serial == expect["serial"]
    if "identity" in expect:
        assert as_dict["identity"] == expect["identity"]
        if expect["identity"] is None:
            assert result.identity is None
        else:
            assert result.identity is not None
            assert (result.identity.issuer, result.identity.cti.hex(), result.identity.fingerprint.hex()) == (
                expect["identity"]["issuer"], expect["identity"]["cti"], expect["identity"]["fingerprint"])
    if "trust" in expect:
        if "freshness" in expect["trust"]:
            assert result.trust.freshness == expect["trust"]["freshness"]
        if "sequence" in expect["trust"]:
            assert result.trust.sequence == expect["trust"]["sequence"]


@pytest.mark.parametrize("vector, spec", cases())
def test_vector(vector, spec):
    expect = vector["expect"]
    trust, error = set_up_trust(spec)
    assert error == expect.get("trust_error")
    if "verdict" not in expect:
        assert trust is None
        return
    assert trust is not None
    check(poura.verify(vector["qr"], trust, **options(vector)), expect)


@pytest.mark.parametrize("name", FILES)
def test_batch_agrees_with_single(name):
    """Vectors sharing a trust and options, verified as one batch on several threads."""
    data = load(name)
    groups = defaultdict(list)
    for vector in data["vectors"]:
        spec = vector.get("trust", data["trust"])
        if "verdict" in vector["expect"]:
            groups[json.dumps([spec, options(vector)], sort_keys=True)].append(vector)
    checked = 0
    for key, vectors in groups.items():
        spec, opts = json.loads(key)
        trust, _ = set_up_trust(spec)
        results = poura.verify_batch([v["qr"] for v in vectors], trust, threads=3, **opts)
        assert len(results) == len(vectors)
        for vector, result in zip(vectors, results):
            check(result, vector["expect"])
            assert result.to_dict() == poura.verify(vector["qr"], trust, **opts).to_dict()
            checked += 1
    assert checked == sum(1 for v in data["vectors"] if "verdict" in v["expect"])


@pytest.mark.parametrize("name", FILES)
def test_every_file_has_vectors(name):
    assert len(load(name)["vectors"]) > 0


def test_every_reason_is_covered():
    reasons = {v["expect"]["reason"] for name in FILES for v in load(name)["vectors"] if "reason" in v["expect"]}
    assert reasons >= {"ok", "bad_prefix", "bad_base45", "bad_compression", "bad_cose", "bad_header", "unknown_key",
                       "bad_signature", "not_yet_valid", "expired", "issuer_not_allowed", "key_outside_validity",
                       "key_revoked", "revoked", "bad_document", "trust_expired", "too_long"}


def test_identities_deduplicate_the_texts_of_one_certificate():
    """hc1.json holds one ES256 certificate in several texts (untagged, longer
    heads, unprotected entries, deflate padding, high s): as set members or
    dict keys their identities are one, while the texts are all different."""
    data = load("hc1")
    trust, _ = set_up_trust(data["trust"])
    same = [v for v in data["vectors"] if v["expect"].get("identity") == data["vectors"][0]["expect"]["identity"]]
    assert len(same) >= 5 and len({v["qr"] for v in same}) == len(same)
    identities = {poura.verify(v["qr"], trust, **options(v)).identity for v in same}
    assert len(identities) == 1
    assert len(next(iter(identities)).fingerprint) == 32


def test_a_custom_scheme_reads_canonically_only_when_asked():
    """The untagged BD1 vector of malformed.json, read under a scheme with the
    BD1 prefix and claim: refused canonically, read leniently."""
    data = load("malformed")
    vector = next(v for v in data["vectors"] if v["name"] == "untagged_sign1")
    trust, _ = set_up_trust(data["trust"])
    kwargs = dict(prefix="BD1:", document_claim=-65537, check_document=True)
    strict = poura.verify(vector["qr"], trust, now=vector["now"], scheme=poura.Scheme(**kwargs, canonical_encoding=True))
    assert (strict.stage, strict.reason) == ("cose", "bad_cose")
    assert poura.Scheme.bd1().canonical_encoding and not poura.Scheme.hc1().canonical_encoding
    lenient = poura.verify(vector["qr"], trust, now=vector["now"], scheme=poura.Scheme(**kwargs))
    assert lenient.stage != "cose" and lenient.identity is not None
