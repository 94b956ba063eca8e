"""The Python package against the one table of codes, sdk/data/codes.json:
error codes and exception classes, the names of verdicts, stages and reasons
in the stubs and in results, the reasons' messages, and the verification
defaults of the extension and of the stubs."""

import ast
import json
import pathlib
import re

import pytest

import poura
from conftest import SOURCE_DIR

TABLE = json.loads((SOURCE_DIR / "sdk" / "data" / "codes.json").read_text(encoding="utf-8"))
DEFAULTS = {d["name"]: d["value"] for d in TABLE["verify_defaults"]}
STUB = ast.parse((pathlib.Path(poura.__file__).parent / "_poura.pyi").read_text(encoding="utf-8"))
# Every function taking a default the table gives.
WITH_DEFAULTS = {"verify": poura.verify, "verify_batch": poura.verify_batch,
                 "unwrap_envelope": poura.unwrap_envelope, "Trust.freshness": poura.Trust.freshness}


def test_error_codes_are_the_tables():
    assert poura._poura.error_codes() == {e["name"]: e["number"] for e in TABLE["errors"]}


@pytest.mark.parametrize("entry", TABLE["errors"][1:], ids=lambda e: e["name"])
def test_each_error_has_its_class(entry):
    cls = poura._errors.ERROR_CLASSES[entry["name"]]
    python = entry["python"]
    assert cls.__name__ == python["class"] and getattr(poura, python["class"]) is cls
    assert (cls.code, cls.status) == (entry["name"], entry["number"])
    assert cls.__doc__ == python["doc"]
    assert [base.__name__ for base in cls.__bases__] == ["PouraError", *python["bases"]]
    assert python["class"] in poura.__all__


def test_no_error_class_outside_the_table():
    assert set(poura._errors.ERROR_CLASSES) == {e["name"] for e in TABLE["errors"][1:]}


@pytest.mark.parametrize("alias, category", [("Verdict", "verdicts"), ("Stage", "stages"), ("Reason", "reasons")])
def test_stub_literals_list_the_tables_names(alias, category):
    node = next(n for n in STUB.body if isinstance(n, ast.Assign) and n.targets[0].id == alias)
    names = [element.value for element in node.value.slice.elts]
    assert names == [e["name"] for e in TABLE[category]]


def stub_function(qualified):
    scope = STUB.body
    *outer, name = qualified.split(".")
    for class_name in outer:
        scope = next(n for n in scope if isinstance(n, ast.ClassDef) and n.name == class_name).body
    return next(n for n in scope if isinstance(n, ast.FunctionDef) and n.name == name)


@pytest.mark.parametrize("qualified", WITH_DEFAULTS)
def test_defaults_are_the_tables(qualified):
    # What the extension takes when an argument is left out, as its signature shows.
    signature = WITH_DEFAULTS[qualified].__doc__.splitlines()[0]
    taken = {name: int(value) for name, value in re.findall(r"(\w+): [^=]*? = (\d+)\b", signature)}
    stub = stub_function(qualified).args
    declared = {arg.arg: default.value for arg, default in zip(stub.kwonlyargs, stub.kw_defaults)
                if default is not None and arg.arg in DEFAULTS}
    assert declared and set(declared) <= set(taken)
    for name, value in declared.items():
        assert value == DEFAULTS[name] == taken[name], name


@pytest.mark.parametrize("text, stage, reason", [
    ("not a certificate", "prefix", "bad_prefix"),
    ("BD1:lower case is no Base45", "base45", "bad_base45"),
    ("BD1:6BFX507H050", "inflate", "bad_compression"),  # 78 9c, then no deflate data
    ("BD1:X507H0", "cose", "bad_cose"),                 # 01 02 03 04
])
def test_results_carry_the_tables_names_and_messages(text, stage, reason):
    anyone = poura.IssuerEntry(poura.PrivateKey.generate().public_key, document_types=["*"])
    result = poura.verify(text, poura.Trust.from_issuers([anyone]))
    expected = next(r for r in TABLE["reasons"] if r["name"] == reason)
    assert (result.verdict, result.stage, result.reason) == ("invalid", stage, reason)
    assert stage in [s["name"] for s in TABLE["stages"]]
    assert (result.message_en, result.message_bn) == (expected["en"], expected["bn"])
