"""The fee vectors (tests/vectors/fees/bills.json): each bill against the
amounts worked out by hand, each refused input against its error code and
message; through the generic calculate() with the vector's input as given,
and through the keyword functions wherever the input's members are theirs."""

import inspect
import json
from decimal import Decimal

import pytest

import poura
from poura import fees
from conftest import SOURCE_DIR, VECTORS_DIR

with open(VECTORS_DIR / "fees" / "bills.json", encoding="utf-8") as f:
    BILLS = json.load(f)

FUNCTIONS = {"holding": fees.holding_tax, "water": fees.water_bill, "trade": fees.trade_licence_fee,
             "certificate": fees.certificate_fee}


@pytest.fixture(scope="module")
def schedules():
    s = fees.ScheduleSet.from_files(SOURCE_DIR / path for path in BILLS["schedules"])
    assert len(s) == len(BILLS["schedules"])
    return s


def cases():
    return list(_cases())


def _cases():
    for case in BILLS["cases"]:
        yield pytest.param(case, id=f"{case['calculator']}: {case['name']}")


def check_bill(bill, expect):
    assert bill.total_poisha == expect["total_poisha"]
    assert bill.total == Decimal(expect["total_poisha"]) / 100
    assert bill.total_poisha == sum(line.amount_poisha for line in bill.lines if not line.informational)
    text = bill.to_text()
    assert "Total" in text and bill.period in text and bill.schedule in text
    for code, amount in expect.get("lines", {}).items():
        line = bill.line(code)
        assert line is not None, f"no line {code}"
        assert line.amount_poisha == amount, code
        assert line.amount == Decimal(amount) / 100
        assert line.explain_en and line.explain_bn
    for code in expect.get("absent", []):
        assert bill.line(code) is None, f"line {code} should be absent"
    if "instalments_poisha" in expect:
        assert [i.amount_poisha for i in bill.instalments] == expect["instalments_poisha"]
    if "due" in expect:
        assert bill.due is not None and bill.due.isoformat() == expect["due"]
    as_dict = bill.to_dict()
    assert as_dict["total_poisha"] == bill.total_poisha
    assert json.loads(bill.to_json()) == as_dict


def check_refusal(error, expect):
    assert isinstance(error, poura.PouraError)
    assert error.code == expect["error"]
    assert error.status == poura._poura.error_codes()[expect["error"]]
    assert expect["message_contains"] in error.message


@pytest.mark.parametrize("case", cases())
def test_bill(schedules, case):
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(poura.PouraError) as caught:
            fees.calculate(case["calculator"], schedules, case["input"])
        check_refusal(caught.value, expect)
    else:
        check_bill(fees.calculate(case["calculator"], schedules, case["input"]), expect)


def keyword_cases():
    return list(_keyword_cases())


def _keyword_cases():
    for case in BILLS["cases"]:
        names = inspect.signature(FUNCTIONS[case["calculator"]]).parameters
        if set(case["input"]) <= set(names):
            yield pytest.param(case, id=f"{case['calculator']}: {case['name']}")


@pytest.mark.parametrize("case", keyword_cases())
def test_bill_through_keywords(schedules, case):
    expect = case["expect"]
    calculator = FUNCTIONS[case["calculator"]]
    if "error" in expect:
        with pytest.raises(poura.PouraError) as caught:
            calculator(schedules, **case["input"])
        check_refusal(caught.value, expect)
    else:
        bill = calculator(schedules, **case["input"])
        check_bill(bill, expect)
        assert bill.to_dict() == fees.calculate(case["calculator"], schedules, case["input"]).to_dict()


@pytest.mark.parametrize("calculator", sorted(FUNCTIONS))
def test_every_calculator_has_cases(calculator):
    assert any(case["calculator"] == calculator for case in BILLS["cases"])


def test_most_cases_run_through_keywords():
    assert len(list(keyword_cases())) >= len(BILLS["cases"]) - 2
