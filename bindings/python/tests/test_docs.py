"""docs/python.md's self-contained snippets (those that begin with an import)
run as written from the top of the checkout, and the example script works."""

import json
import re
import subprocess
import sys

import pytest

from conftest import SOURCE_DIR

GUIDE = (SOURCE_DIR / "docs" / "python.md").read_text(encoding="utf-8")
SNIPPETS = [s for s in re.findall(r"```python\n(.*?)```", GUIDE, flags=re.S) if s.startswith(("import ", "from "))]


def run(args):
    return subprocess.run([sys.executable, *args], cwd=SOURCE_DIR, capture_output=True, text=True, timeout=300)


def test_the_guide_has_a_quick_start():
    assert len(SNIPPETS) >= 2
    assert len(SNIPPETS[0].strip().splitlines()) <= 12


def test_quick_start_prints_a_valid_verdict():
    done = run(["-c", SNIPPETS[0]])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid ") and "Mst. Rahima Khatun" in done.stdout


def test_quick_start_passes_mypy_strict(tmp_path):
    # test.sh installs mypy; the stubs checked are the installed package's.
    pytest.importorskip("mypy")
    quick_start = tmp_path / "quick_start.py"
    quick_start.write_text(SNIPPETS[0], encoding="utf-8")
    done = run(["-m", "mypy", "--strict", "--no-incremental", str(quick_start)])
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("snippet", SNIPPETS[1:])
def test_other_snippets_run(snippet):
    done = run(["-c", snippet])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_example_script_demo():
    done = run([str(SOURCE_DIR / "examples" / "python" / "verify_certificate.py")])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VALID (done: ok)" in done.stdout and "INVALID (signature: bad_signature)" in done.stdout


def test_example_script_with_files(tmp_path):
    import poura

    root, town = poura.Keyset.create(), poura.Keyset.create()
    entries = poura.issuer_entries(town.public_json(), issuer_code="X-1", name_bn="ক", name_en="K",
                                   document_types=["*"])
    bundle = poura.TrustBundle(sequence=3, issued_at="2026-01-01", next_update="2100-01-01", issuers=entries)
    (tmp_path / "trust.bundle").write_bytes(bundle.sign(root.primary.key))
    (tmp_path / "root.pub.json").write_text(root.public_json(), encoding="utf-8")
    with open(SOURCE_DIR / "examples" / "documents" / "heirship.json", encoding="utf-8") as f:
        cert = poura.issue(json.load(f), town, issuer="X-1")
    (tmp_path / "cert.png").write_bytes(cert.qr().to_png())
    script = str(SOURCE_DIR / "examples" / "python" / "verify_certificate.py")
    files = ["--trust", str(tmp_path / "trust.bundle"), "--root", str(tmp_path / "root.pub.json")]
    done = run([script, *files, "--image", str(tmp_path / "cert.png"), "--json"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["serial"] == cert.serial
    refused = run([script, *files, cert.qr_text[:-3]])
    assert refused.returncode == 1 and "INVALID" in refused.stdout
