#!/usr/bin/env python3
"""Verify a Poura certificate from Python.

With no arguments, plays both sides in a temporary folder: the ministry's
root key signs a trust bundle naming a pourashava's key; the pourashava
issues a citizenship certificate and renders its QR code as PNG; a verifier
reads the PNG back and checks it, then sees a forged copy refused.

With files, verifies a certificate the `poura` CLI (or anyone) issued:

    verify_certificate.py --trust trust.bundle --root root.pub.json --image cert.png
    verify_certificate.py --trust trust.bundle --root root.pub.json "BD1:..."
"""

import argparse
import datetime as dt
import pathlib
import sys
import tempfile

import poura

SAMPLE = {
    "type": "citizenship",
    "name_bn": "মোছাঃ রহিমা খাতুন",
    "name_en": "Mst. Rahima Khatun",
    "father_name_bn": "মোঃ আব্দুল করিম",
    "father_name_en": "Md. Abdul Karim",
    "mother_name_bn": "মোছাঃ ফাতেমা বেগম",
    "nid": "1990101234567",
    "date_of_birth": "1990-04-14",
    "address_bn": "চন্দনবাইশা, ওয়ার্ড নং ৩, সারিয়াকান্দি পৌরসভা, বগুড়া",
    "ward": 3,
}


def show(result: poura.VerifyResult) -> None:
    print(f"  {result.verdict.upper()} ({result.stage}: {result.reason})")
    print(f"  {result.message_en}\n  {result.message_bn}")
    if result.issuer is not None:
        print(f"  issuer: {result.issuer.name_en} / {result.issuer.name_bn} ({result.issuer.code})")
    if result.valid:
        doc = result.document or {}
        print(f"  {result.document_type} {result.serial}: {doc.get('name_en', '')} {doc.get('name_bn', '')}")
        print(f"  expires {result.expires_at}, trust bundle {result.trust.sequence} is {result.trust.freshness}")


def demo(folder: pathlib.Path) -> bool:
    now = dt.datetime.now(dt.timezone.utc)
    root = poura.Keyset.create(now=now)
    pourashava = poura.Keyset.create(now=now)

    bundle = poura.TrustBundle(sequence=1, issued_at=now, next_update=now + dt.timedelta(days=30),
                               issuers=poura.issuer_entries(pourashava.public_json(), issuer_code="BD-10-06-88",
                                                            name_bn="সারিয়াকান্দি পৌরসভা",
                                                            name_en="Sariakandi Pourashava",
                                                            document_types=["citizenship", "heirship"]))
    (folder / "trust.bundle").write_bytes(bundle.sign(root.primary.key))
    (folder / "root.pub.json").write_text(root.public_json(), encoding="utf-8")

    cert = poura.issue(SAMPLE, pourashava, issuer="BD-10-06-88")
    (folder / "certificate.png").write_bytes(cert.qr().to_png())
    print(f"Issued {cert.serial} ({len(cert.qr_text)} characters) -> {folder / 'certificate.png'}")

    trust = load_trust(folder / "trust.bundle", folder / "root.pub.json")
    print("Verifying the QR code read back from the PNG:")
    genuine = poura.verify(poura.read_qr(folder / "certificate.png"), trust)
    show(genuine)

    signed = bytearray(poura.unwrap_envelope(cert.qr_text))
    at = signed.find(b"Rahima")
    signed[at:at + 6] = b"Rahela"
    print("Verifying a forged copy (the name changed, the signature kept):")
    forged = poura.verify(poura.wrap_envelope(bytes(signed)), trust)
    show(forged)
    return genuine.valid and forged.reason == "bad_signature"


def load_trust(bundle: pathlib.Path, root: pathlib.Path) -> poura.Trust:
    roots = poura.read_public_keys(root.read_text(encoding="utf-8"))
    return poura.Trust.from_bundle(bundle.read_bytes(), roots=roots)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", nargs="?", help="the QR text (BD1:...)")
    parser.add_argument("--image", type=pathlib.Path, help="a PNG or JPEG of the QR code")
    parser.add_argument("--trust", type=pathlib.Path, help="the signed trust bundle")
    parser.add_argument("--root", type=pathlib.Path, help="the root public keys (root.pub.json)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()

    if args.trust is None and args.text is None and args.image is None:
        with tempfile.TemporaryDirectory(prefix="poura-python-") as folder:
            ok = demo(pathlib.Path(folder))
        print("Done: the genuine certificate was accepted, the forgery refused." if ok else "FAILED")
        return 0 if ok else 1

    if args.trust is None or args.root is None or (args.text is None) == (args.image is None):
        parser.error("give --trust, --root and either a QR text or --image")
    try:
        trust = load_trust(args.trust, args.root)
        text = args.text if args.image is None else poura.read_qr(args.image)
    except poura.PouraError as e:
        print(f"error: {e.message} ({e.code})", file=sys.stderr)
        return 2
    result = poura.verify(text, trust)
    if args.json:
        print(result.to_json(indent=2))
    else:
        show(result)
    return 0 if result.valid else 1


if __name__ == "__main__":
    sys.exit(main())
