"""Where the shared test vectors and sample files are: tests/vectors/ and
examples/ of the checkout this package was built from (POURA_SOURCE_DIR
names another checkout)."""

import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("POURA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[3]))
VECTORS_DIR = SOURCE_DIR / "tests" / "vectors"

if not (VECTORS_DIR / "README.md").is_file():
    raise RuntimeError(f"the shared test vectors are not at {VECTORS_DIR}: set POURA_SOURCE_DIR to the checkout")


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def vectors_dir() -> pathlib.Path:
    return VECTORS_DIR
