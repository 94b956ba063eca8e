#!/usr/bin/env python3
"""Poura's Python verifier against what a Python developer would otherwise use.

The same Ed25519 BD1 certificates, issued by Poura, are verified by:
  poura single   poura.verify(text, trust), one call per certificate
  poura batch    poura.verify_batch(texts, trust), every core, the GIL released
  pycose         the `base45` package, zlib, pycose's Sign1Message (COSE parse,
                 Sig_structure, Ed25519 through `cryptography`), cbor2 for the
                 CWT claims and the expiry check
  hand-rolled    Base45 in Python, zlib, cbor2 for the COSE_Sign1 and the
                 Sig_structure, `cryptography`'s Ed25519, cbor2 for the claims
                 and the expiry check
Before timing, each must accept a genuine certificate and refuse a tampered
and an expired one. Poura does more on every call than either competitor:
the trust bundle's freshness, the issuer's authorisation for the document
type, revocation, the document's profile and messages in two languages.

Two verdicts, each comparing like with like: one core (poura.verify against
each competitor in one process, by CPU time per certificate) and every core
(verify_batch against each competitor run in one process per core on the
same certificates, by wall time per certificate).

    python bench/python/bench_verify.py [--certificates N] [--rounds R] [--quick]

Needs: poura, pycose, base45, "cbor2<6" and cryptography. pycose 1.1 does
not work with cbor2 6, which decodes a tagged item's arrays and maps as
tuples and frozendicts that pycose refuses; the hand-rolled pipeline uses the
same cbor2.
"""

import argparse
import importlib.metadata
import multiprocessing
import json
import os
import platform
import statistics
import sys
import time
import zlib
from pathlib import Path

import base45
import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pycose.headers import KID
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
from pycose.messages import Sign1Message

import poura

if int(importlib.metadata.version("cbor2").split(".")[0]) >= 6:
    sys.exit("pycose 1.1 needs cbor2 5: pip install 'cbor2<6'")

ISSUED_AT = 1767225600  # 2026-01-01T00:00:00Z
NOW = ISSUED_AT + 86400
SKEW = 300
ISSUER = "BD-10-06-88"
SAMPLE_DOCUMENT = Path(__file__).resolve().parents[2] / "examples" / "documents" / "citizenship.json"
DOCUMENT = json.loads(SAMPLE_DOCUMENT.read_text(encoding="utf-8"))
# CWT claim keys (RFC 8392) and the COSE header labels (RFC 9052).
CLAIM_ISS, CLAIM_EXP, CLAIM_NBF, CLAIM_IAT = 1, 4, 5, 6
HEADER_ALG, HEADER_KID = 1, 4
EDDSA = -8
COSE_SIGN1_TAG = 18


# ----- the hand-rolled pipeline ---------------------------------------------

BASE45_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
BASE45_VALUES = bytes(BASE45_ALPHABET.index(chr(c)) if chr(c) in BASE45_ALPHABET else 255 for c in range(256))


def base45_decode(text):
    """RFC 9285: each 3 characters (c + 45 d + 2025 e) give 2 bytes, a final pair 1."""
    values = text.encode("ascii").translate(BASE45_VALUES)
    if 255 in values or len(values) % 3 == 1:
        raise ValueError("not Base45")
    out = bytearray()
    whole = len(values) - len(values) % 3
    for i in range(0, whole, 3):
        n = values[i] + values[i + 1] * 45 + values[i + 2] * 2025
        if n > 0xFFFF:
            raise ValueError("not Base45")
        out += n.to_bytes(2, "big")
    if whole < len(values):
        n = values[whole] + values[whole + 1] * 45
        if n > 0xFF:
            raise ValueError("not Base45")
        out.append(n)
    return bytes(out)


class HandRolled:
    def __init__(self, raw_keys):
        self.keys = {kid: Ed25519PublicKey.from_public_bytes(raw) for kid, raw in raw_keys.items()}

    def verify(self, text, now):
        if not text.startswith("BD1:"):
            return False
        try:
            data = base45_decode(text[4:])
            if data[:1] == b"\x78":  # a zlib header
                data = zlib.decompress(data)
            item = cbor2.loads(data)
        except (ValueError, zlib.error, cbor2.CBORDecodeError):
            return False
        if isinstance(item, cbor2.CBORTag):
            if item.tag != COSE_SIGN1_TAG:
                return False
            item = item.value
        if not isinstance(item, list) or len(item) != 4:
            return False
        protected_bytes, unprotected, payload, signature = item
        protected = cbor2.loads(protected_bytes) if protected_bytes else {}
        if protected.get(HEADER_ALG) != EDDSA:
            return False
        key = self.keys.get(protected.get(HEADER_KID, unprotected.get(HEADER_KID)))
        if key is None:
            return False
        to_be_signed = cbor2.dumps(["Signature1", protected_bytes, b"", payload])
        try:
            key.verify(signature, to_be_signed)
        except InvalidSignature:
            return False
        return claims_in_force(cbor2.loads(payload), now)


def claims_in_force(claims, now):
    if not isinstance(claims, dict) or not isinstance(claims.get(CLAIM_ISS), str):
        return False
    if CLAIM_EXP in claims and now > claims[CLAIM_EXP] + SKEW:
        return False
    if CLAIM_NBF in claims and now + SKEW < claims[CLAIM_NBF]:
        return False
    return True


# ----- pycose -----------------------------------------------------------------

class PyCose:
    def __init__(self, raw_keys):
        self.keys = {kid: OKPKey(crv=Ed25519, x=raw) for kid, raw in raw_keys.items()}

    def verify(self, text, now):
        if not text.startswith("BD1:"):
            return False
        try:
            data = base45.b45decode(text[4:])
            if data[:1] == b"\x78":
                data = zlib.decompress(data)
            message = Sign1Message.decode(data)
        except Exception:  # pycose raises a variety of errors on bad input
            return False
        key = self.keys.get(message.phdr.get(KID, message.uhdr.get(KID)))
        if key is None:
            return False
        message.key = key
        try:
            if not message.verify_signature():
                return False
        except Exception:
            return False
        return claims_in_force(cbor2.loads(message.payload), now)


# ----- setting up and timing ------------------------------------------------

def make_certificates(count):
    root = poura.Keyset.create(now=ISSUED_AT)
    municipality = poura.Keyset.create(now=ISSUED_AT)
    entries = poura.issuer_entries(municipality.public_json(), issuer_code=ISSUER, name_bn="সারিয়াকান্দি পৌরসভা",
                                   name_en="Sariakandi Pourashava", document_types=["citizenship"])
    bundle = poura.TrustBundle(sequence=1, issued_at=ISSUED_AT, next_update=ISSUED_AT + 30 * 86400, issuers=entries)
    trust = poura.Trust.from_bundle(bundle.sign(root.primary.key), roots=root.public_keys)
    certs = [poura.issue(DOCUMENT, municipality, issuer=ISSUER, serial=f"BENCH{i:06d}", issued_at=ISSUED_AT)
             for i in range(count)]
    raw_keys = {e.kid: e.public_key.raw for e in municipality.entries}
    return trust, certs, raw_keys


def signed_parts(qr_text):
    """(signature, Sig_structure) of a certificate, for timing the signature check alone."""
    protected, _, payload, signature = cbor2.loads(poura.unwrap_envelope(qr_text)).value
    return signature, cbor2.dumps(["Signature1", protected, b"", payload])


def tampered(qr_text):
    cose = bytearray(poura.unwrap_envelope(qr_text))
    at = cose.find("Rahima".encode())
    cose[at:at + 6] = b"Rahela"
    return poura.wrap_envelope(bytes(cose))


def check_each_verifies(verifiers, cert):
    """Accepts the genuine certificate; refuses a tampered copy and the certificate once expired."""
    forged = tampered(cert.qr_text)
    expired_at = int(cert.expires_at.timestamp()) + 2 * 86400
    for name, verify in verifiers.items():
        assert verify(cert.qr_text, NOW), f"{name} refused a genuine certificate"
        assert not verify(forged, NOW), f"{name} accepted a tampered certificate"
        assert not verify(cert.qr_text, expired_at), f"{name} accepted an expired certificate"


# ----- competitors on every core ----------------------------------------------

# The verifier and certificates of a worker process, set once when it starts.
_worker = {}


def _start_worker(kind, raw_keys, texts):
    _worker["verify"] = (PyCose if kind == "pycose" else HandRolled)(raw_keys).verify
    _worker["texts"] = texts


def _verify_slice(bounds):
    """Verifies texts[start:end] in a worker; returns the worker's CPU ns."""
    start, end = bounds
    cpu = time.process_time_ns()
    verify = _worker["verify"]
    for text in _worker["texts"][start:end]:
        if not verify(text, NOW):
            raise AssertionError("a genuine certificate was refused")
    return time.process_time_ns() - cpu


class OnEveryCore:
    """A competitor run as one process per core, each verifying its share of
    the certificates: what a Python service does to use every core when its
    verifier holds the GIL. The processes start and load their verifier and
    the certificates before timing, so a round costs one task per core."""

    def __init__(self, kind, raw_keys, texts, cores):
        self.texts = texts
        self.cores = cores
        self.pool = multiprocessing.get_context("spawn").Pool(cores, _start_worker, (kind, raw_keys, texts))

    def __call__(self, ts):
        if ts is not self.texts and ts != self.texts[:len(ts)]:
            raise ValueError("the workers hold the benchmark's certificates: run a prefix of them")
        cuts = [len(ts) * i // self.cores for i in range(self.cores + 1)]
        return sum(self.pool.map(_verify_slice, list(zip(cuts, cuts[1:])), chunksize=1))

    def close(self):
        self.pool.close()
        self.pool.join()


def time_round(run, texts):
    """(wall µs, CPU µs) per certificate. The process's CPU time counts every
    thread, and leaves out the time neighbours on a shared machine took; a
    run that uses other processes returns their CPU ns, which is added."""
    cpu, start = time.process_time_ns(), time.perf_counter_ns()
    elsewhere = run(texts) or 0
    wall = time.perf_counter_ns() - start
    return wall / len(texts) / 1000.0, (time.process_time_ns() - cpu + elsewhere) / len(texts) / 1000.0


def main():
    parser = argparse.ArgumentParser(description="Poura's Python verify against pycose and a hand-rolled pipeline")
    parser.add_argument("--certificates", type=int, default=100, help="distinct certificates (default 100)")
    parser.add_argument("--rounds", type=int, default=30, help="interleaved timing rounds (default 30)")
    parser.add_argument("--quick", action="store_true", help="50 certificates, 5 rounds")
    args = parser.parse_args()
    if args.quick:
        args.certificates, args.rounds = 50, 5

    trust, certs, raw_keys = make_certificates(args.certificates)
    texts = [c.qr_text for c in certs]
    hand_rolled, pycose = HandRolled(raw_keys), PyCose(raw_keys)

    def poura_valid(text, now):
        return poura.verify(text, trust, now=now).valid

    check_each_verifies({"poura": poura_valid, "pycose": pycose.verify, "hand-rolled": hand_rolled.verify},
                        certs[0])
    batch = poura.verify_batch(texts + [tampered(texts[0])], trust, now=NOW)
    assert all(r.valid for r in batch[:-1]) and batch[-1].reason == "bad_signature", "poura batch disagrees"

    def run_poura(ts):
        for t in ts:
            if not poura.verify(t, trust, now=NOW).valid:
                raise AssertionError("poura refused a genuine certificate")

    def run_batch(ts):
        if not all(r.valid for r in poura.verify_batch(ts, trust, now=NOW)):
            raise AssertionError("poura batch refused a genuine certificate")

    def run_batch_one_thread(ts):
        if not all(r.valid for r in poura.verify_batch(ts, trust, now=NOW, threads=1)):
            raise AssertionError("poura batch refused a genuine certificate")

    def run_with(verify):
        def run(ts):
            for t in ts:
                if not verify(t, NOW):
                    raise AssertionError("a genuine certificate was refused")
        return run

    signatures = [signed_parts(t) for t in texts]
    key = next(iter(hand_rolled.keys.values()))

    def run_signature_only(ts):
        for signature, to_be_signed in signatures[:len(ts)]:
            key.verify(signature, to_be_signed)

    cores = os.cpu_count()
    pycose_name, hand_name = "pycose + base45 + cbor2", "hand-rolled cbor2 + cryptography"
    pycose_cores_name, hand_cores_name = f"pycose, {cores} processes", f"hand-rolled, {cores} processes"
    batch_name = f"poura batch, every core ({cores})"
    pools = {pycose_cores_name: OnEveryCore("pycose", raw_keys, texts, cores),
             hand_cores_name: OnEveryCore("hand-rolled", raw_keys, texts, cores)}
    runs = {
        "poura single (verify)": run_poura,
        "poura batch, 1 thread": run_batch_one_thread,
        batch_name: run_batch,
        pycose_name: run_with(pycose.verify),
        pycose_cores_name: pools[pycose_cores_name],
        hand_name: run_with(hand_rolled.verify),
        hand_cores_name: pools[hand_cores_name],
        "(Ed25519 check alone, cryptography)": run_signature_only,
    }
    for run in runs.values():  # warm up
        run(texts[:10])
    samples = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            samples[name].append(time_round(run, texts))
    for pool in pools.values():
        pool.close()
    wall = {name: statistics.median(w for w, _ in rounds) for name, rounds in samples.items()}
    cpu = {name: statistics.median(c for _, c in rounds) for name, rounds in samples.items()}
    cpus = {name: statistics.median(c / w for w, c in rounds) for name, rounds in samples.items()}

    print(f"Poura {poura.__version__} Python verify benchmark: {platform.python_implementation()} "
          f"{platform.python_version()}, {cores} core(s), load average {os.getloadavg()[0]:.2f}")
    print(f"{len(texts)} distinct Ed25519 BD1 citizenship certificates ({len(texts[0])} QR characters each), "
          f"{args.rounds} interleaved rounds over all of them; medians of the rounds.")
    print("Each verifier accepted a genuine certificate and refused a tampered and an expired one first.")
    print("CPU µs/op is the CPU time of every thread and worker process per certificate: what a verification "
          "costs, whatever else runs on the machine.\nWall µs/op is elapsed time: the throughput, which on "
          "every core depends on how many CPUs the run got. The last row, the Ed25519 check alone\n(OpenSSL "
          "through cryptography), bounds what any verifier can reach on one core.\n")
    print(f"{'verifier':<36} {'CPU µs/op':>10} {'wall µs/op':>11} {'ops/s (wall)':>13} {'CPUs used':>10}")
    print("-" * 84)
    for name in runs:
        print(f"{name:<36} {cpu[name]:>10.1f} {wall[name]:>11.1f} {1e6 / wall[name]:>13,.0f} {cpus[name]:>10.2f}")

    goals = {pycose_name: 3.0, hand_name: 1.5}
    verdicts = (
        ("one core", "CPU time", "poura single (verify)", cpu,
         {pycose_name: pycose_name, hand_name: hand_name}),
        (f"every core ({cores})", "wall time", batch_name, wall,
         {pycose_name: pycose_cores_name, hand_name: hand_cores_name}),
    )
    print("\nratios (their µs/op over poura's; higher is better for poura; goals 3x pycose, 1.5x hand-rolled)")
    met = {}
    for scope, measure, ours, figures, theirs in verdicts:
        ratios = {competitor: figures[row] / figures[ours] for competitor, row in theirs.items()}
        met[scope] = all(ratios[c] >= goals[c] for c in goals)
        for competitor, row in theirs.items():
            ratio = ratios[competitor]
            print(f"  {scope:<16} {ours} vs {row}, {measure}: {ratio:5.2f}x "
                  f"(goal {goals[competitor]:.1f}x: {'met' if ratio >= goals[competitor] else 'NOT MET'})")
        print(f"  {scope:<16} verdict: {'MET' if met[scope] else 'NOT MET'} "
              f"({ratios[pycose_name]:.2f}x pycose, {ratios[hand_name]:.2f}x hand-rolled)")
    print("\nVerdicts: " + "; ".join(f"{scope} {'MET' if ok else 'NOT MET'}" for scope, ok in met.items()))
    for name in (batch_name, pycose_cores_name, hand_cores_name):
        if cpus[name] < 0.9 * cores:
            print(f"{name} got {cpus[name]:.2f} of {cores} CPUs: other work on the machine held the rest, so "
                  f"its wall-time figures understate it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
