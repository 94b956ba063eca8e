"""The committed signature verdicts (tests/vectors/crypto/signatures.json) are
OpenSSL's: signatures.py --check recomputes every case's verdict with
`cryptography` and fails on any difference. The C++ verifiers are held to the
same file by tests/unit/test_signatures.cpp."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

VECTORS_DIR = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def test_committed_signature_verdicts_are_openssl_verdicts() -> None:
    done = subprocess.run([sys.executable, str(VECTORS_DIR / "signatures.py"), "--check"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr + done.stdout
