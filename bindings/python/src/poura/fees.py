"""Fees and bills: holding tax, water, trade licences and certificate fees.

The numbers come from schedule files (one JSON file per municipality and
effective period, see docs/fees.md); every calculator picks the schedule in
force on the bill's date and returns a :class:`Bill` whose lines explain
themselves in Bangla and English. Amounts are exact ``Decimal`` taka.

    schedules = poura.fees.ScheduleSet.from_files(["examples/schedules/kaliganj-2025-26.json"])
    bill = poura.fees.holding_tax(schedules, municipality="kaliganj", fiscal_year="2025-26", monthly_rent=10000)
    print(bill.total, bill.to_text())
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _poura
from ._errors import InvalidArgumentError
from ._money import Amount, from_poisha, to_poisha

__all__ = [
    "ScheduleSet", "Bill", "LineItem", "Instalment", "HoldingArrear", "HoldingUnit", "Signboard", "TradeArrear",
    "calculate", "holding_tax", "water_bill", "trade_licence_fee", "certificate_fee",
]

Date = Union[str, _dt.date]
Quantity = Union[int, Decimal, float, str]


class ScheduleSet(_poura.ScheduleSet):
    """The schedules the calculators choose from: for each municipality, the
    one in force on a bill's date. ``add`` takes JSON text or a dict and
    refuses a bad schedule whole (ScheduleInvalidError listing every problem)."""

    @classmethod
    def from_files(cls, paths: Iterable[Union[str, "os.PathLike[str]"]]) -> "ScheduleSet":
        schedules = cls()
        for path in paths:
            schedules.add_file(path)
        return schedules

    @classmethod
    def from_directory(cls, directory: Union[str, "os.PathLike[str]"]) -> "ScheduleSet":
        """Every ``*.json`` file of a folder, in name order."""
        names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
        return cls.from_files(os.path.join(directory, n) for n in names)


@dataclass(frozen=True)
class LineItem:
    """One line of a bill. ``rule`` says how it was computed (as data:
    ``{"kind": "rate", "base_poisha": ..., "rate_basis_points": ...}``);
    ``explain_bn`` and ``explain_en`` put it in words."""

    code: str
    label_bn: str
    label_en: str
    amount: Decimal
    amount_poisha: int
    rule: Dict[str, Any]
    explain_bn: str
    explain_en: str
    schedule: str
    period: Optional[str]
    informational: bool

    def label(self, language: str = "en") -> str:
        return _pick(language, self.label_bn, self.label_en)


@dataclass(frozen=True)
class Instalment:
    """A quarter's instalment: ``amount`` is what is due, after ``rebate``
    (the instalment's part of a rebate for paying early)."""

    number: int
    due: _dt.date
    amount: Decimal
    amount_poisha: int
    rebate: Decimal = Decimal(0)
    rebate_poisha: int = 0


class Bill:
    """A calculated bill: its lines, total (the sum of the lines that are not
    informational), instalments and due date. ``to_text()`` prints it in
    Bangla and English, ``to_dict()``/``to_json()`` give every amount in poisha too."""

    __slots__ = ("_native", "_data", "service", "municipality", "municipality_bn", "municipality_en", "period",
                 "schedule", "lines", "total", "total_poisha", "total_words_bn", "total_words_en", "instalments",
                 "due")

    def __init__(self, native: _poura.NativeBill) -> None:
        self._native = native
        data = native.to_dict()
        self._data = data
        self.service: str = data["service"]
        self.municipality: str = data["municipality"]["code"]
        self.municipality_bn: str = data["municipality"]["name_bn"]
        self.municipality_en: str = data["municipality"]["name_en"]
        self.period: str = data["period"]
        self.schedule: str = data["schedule"]
        self.lines: Tuple[LineItem, ...] = tuple(
            LineItem(code=line["code"], label_bn=line["label_bn"], label_en=line["label_en"],
                     amount=from_poisha(line["amount_poisha"]), amount_poisha=line["amount_poisha"],
                     rule=line["rule"], explain_bn=line["explain_bn"], explain_en=line["explain_en"],
                     schedule=line["schedule"], period=line.get("period"), informational=line["informational"])
            for line in data["lines"])
        self.total_poisha: int = data["total_poisha"]
        self.total: Decimal = from_poisha(self.total_poisha)
        self.total_words_bn: str = data["total_words_bn"]
        self.total_words_en: str = data["total_words_en"]
        self.instalments: Tuple[Instalment, ...] = tuple(
            Instalment(number=i["number"], due=_dt.date.fromisoformat(i["due"]), amount=from_poisha(i["amount_poisha"]),
                       amount_poisha=i["amount_poisha"], rebate=from_poisha(i.get("rebate_poisha", 0)),
                       rebate_poisha=i.get("rebate_poisha", 0))
            for i in data.get("instalments", ()))
        self.due: Optional[_dt.date] = _dt.date.fromisoformat(data["due"]) if "due" in data else None

    def line(self, code: str) -> Optional[LineItem]:
        """The first line with this code, or None."""
        return next((line for line in self.lines if line.code == code), None)

    def to_dict(self) -> Dict[str, Any]:
        return self._native.to_dict()

    def to_json(self, *, indent: Optional[int] = None) -> str:
        return _json.dumps(self._data, ensure_ascii=False, indent=indent)

    def to_text(self) -> str:
        return self._native.to_text()

    def receipt_document(self, *, payer_name_bn: str, payer_name_en: str, reference: str, paid_on: Date,
                         method: str = "") -> Dict[str, Any]:
        """A ``receipt`` document for this bill, paid: ready for ``poura.issue()``
        so that the receipt is verified like any certificate."""
        return self._native.receipt_document(payer_name_bn=payer_name_bn, payer_name_en=payer_name_en,
                                             reference=reference, paid_on=_date_text(paid_on, "paid_on"),
                                             method=method)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<Bill {self.service} {self.municipality} {self.period}: Tk {self.total} in {len(self.lines)} line(s)>"


@dataclass(frozen=True)
class HoldingArrear:
    """An unpaid earlier year of holding tax, computed at that year's schedule."""

    fiscal_year: str
    annual_value: Amount
    paid: Amount = 0
    use: str = ""  # that use's rates; empty: the holding's


@dataclass(frozen=True)
class HoldingUnit:
    """One unit or floor of a holding assessed unit by unit."""

    label: str
    monthly_rent: Amount
    use: str = "residential"
    occupancy: str = "rented"  # or "owner_occupied"
    loan_interest: Amount = 0  # yearly interest on a house-building loan
    floor_area: Optional[Quantity] = None  # square feet


@dataclass(frozen=True)
class Signboard:
    area_sqft: Quantity
    lit: bool = False


@dataclass(frozen=True)
class TradeArrear:
    """An unpaid earlier year of a trade licence (its category when it differed)."""

    fiscal_year: str
    category: str = ""


def calculate(calculator: str, schedules: _poura.ScheduleSet, input: Mapping[str, Any]) -> Bill:
    """Any calculator ("holding", "water", "trade", "certificate") with its
    input as a mapping of the JSON members docs/fees.md lists, exactly as the
    CLI's ``--input`` file: unknown members are refused."""
    return Bill(_poura.bill(calculator, schedules, input))


def holding_tax(schedules: _poura.ScheduleSet, *, municipality: str, fiscal_year: str, use: Optional[str] = None,
                occupancy: Optional[str] = None, monthly_rent: Optional[Amount] = None,
                loan_interest: Optional[Amount] = None,
                annual_value: Optional[Amount] = None, land_area: Optional[Quantity] = None,
                floor_area: Optional[Quantity] = None,
                units: Sequence[Union[HoldingUnit, Mapping[str, Any]]] = (),
                waivers: Sequence[str] = (), paid_on: Optional[Date] = None, pays: str = "year",
                arrears: Sequence[Union[HoldingArrear, Mapping[str, Any]]] = ()) -> Bill:
    """Holding tax for a fiscal year ("2025-26"): the annual value from the rent
    (less ``loan_interest`` where the schedule deducts it; or ``annual_value``
    from the assessment list, or ``land_area`` for vacant land; or ``units``
    assessed one by one, when ``use``, ``occupancy``, ``monthly_rent`` and
    ``loan_interest`` are given per unit), the rates, waivers, a rebate for early
    payment on ``paid_on`` for what ``pays`` covers ("year", "q1", "q1+q2"),
    four instalments and the arrears of earlier years with their surcharge.
    ``use`` defaults to residential and ``occupancy`` to rented."""
    input: Dict[str, Any] = {"municipality": municipality, "fiscal_year": fiscal_year, "pays": pays,
                             "waivers": list(waivers)}
    if use is not None:
        input["use"] = use
    if occupancy is not None:
        input["occupancy"] = occupancy
    _put_money(input, "monthly_rent", monthly_rent)
    _put_money(input, "loan_interest", loan_interest)
    _put_money(input, "annual_value", annual_value)
    if land_area is not None:
        input["land_area"] = _quantity(land_area, "land_area")
    if floor_area is not None:
        input["floor_area"] = _quantity(floor_area, "floor_area")
    if units:
        input["units"] = [_holding_unit(u, i) for i, u in enumerate(units)]
    if paid_on is not None:
        input["paid_on"] = _date_text(paid_on, "paid_on")
    input["arrears"] = [_holding_arrear(a, i) for i, a in enumerate(arrears)]
    return calculate("holding", schedules, input)


def water_bill(schedules: _poura.ScheduleSet, *, municipality: str, month: str, diameter: str,
               use: str = "residential", extra_flats: int = 0, metered: bool = False,
               litres: Optional[int] = None,
               new_connection: bool = False, arrears: Optional[Amount] = None,
               paid_on: Optional[Date] = None) -> Bill:
    """The water bill for a month ("2025-01"): flat by pipe ``diameter`` (and
    ``extra_flats``) or ``metered`` by ``litres`` through the tariff's tiers,
    a new connection's fee, ``arrears``, and the late surcharge when paid after the due day.
    A metered bill needs ``litres``."""
    input: Dict[str, Any] = {"municipality": municipality, "month": month, "diameter": diameter, "use": use,
                             "extra_flats": extra_flats, "metered": metered, "new_connection": new_connection}
    if litres is not None:
        input["litres"] = litres
    _put_money(input, "arrears", arrears)
    if paid_on is not None:
        input["paid_on"] = _date_text(paid_on, "paid_on")
    return calculate("water", schedules, input)


def trade_licence_fee(schedules: _poura.ScheduleSet, *, municipality: str, fiscal_year: str, category: str,
                      renewal: bool = False, years: int = 1,
                      signboards: Sequence[Union[Signboard, Mapping[str, Any]]] = (),
                      paid_on: Optional[Date] = None,
                      arrears: Sequence[Union[TradeArrear, Mapping[str, Any]]] = ()) -> Bill:
    """A trade licence: the fee for the business ``category`` and the
    municipality's class, signboard tax, VAT, source income tax on renewal,
    the late-renewal surcharge and arrears."""
    input: Dict[str, Any] = {"municipality": municipality, "fiscal_year": fiscal_year, "category": category,
                             "renewal": renewal, "years": years}
    input["signboards"] = [_signboard(s, i) for i, s in enumerate(signboards)]
    if paid_on is not None:
        input["paid_on"] = _date_text(paid_on, "paid_on")
    input["arrears"] = [_trade_arrear(a) for a in arrears]
    return calculate("trade", schedules, input)


def certificate_fee(schedules: _poura.ScheduleSet, *, municipality: str, date: Date, document_type: str,
                    language: str = "bn", copies: int = 1) -> Bill:
    """The fee for a certificate of a profile type ("heirship") in Bangla or English."""
    return calculate("certificate", schedules, {"municipality": municipality, "date": _date_text(date, "date"),
                                                "document_type": document_type, "language": language,
                                                "copies": copies})


def _pick(language: str, bn: str, en: str) -> str:
    if language == "bn":
        return bn
    if language == "en":
        return en
    raise InvalidArgumentError(f'language must be "bn" or "en", not "{language}"')


def _money_text(amount: Amount, name: str) -> str:
    """Exact text for the SDK's reader: "1234.50"."""
    return str(from_poisha(to_poisha(amount, name=name)))


def _put_money(input: Dict[str, Any], member: str, amount: Optional[Amount]) -> None:
    if amount is not None:
        input[member] = _money_text(amount, member)


def _quantity(value: Quantity, name: str) -> Union[int, float]:
    """A quantity with at most two decimals as a JSON number (the SDK reads
    hundredths from it and refuses a third decimal)."""
    if isinstance(value, bool):
        raise TypeError(f"{name}: a quantity cannot be a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, (Decimal, str)):
        hundredths = to_poisha(value, name=name)  # the same rule: at most two decimals
        return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100
    raise TypeError(f"{name}: a quantity is an int, Decimal, float or str, not {type(value).__name__}")


def _date_text(value: Date, name: str) -> str:
    if isinstance(value, _dt.datetime):
        raise TypeError(f"{name}: a datetime is not a date: pass datetime.date or an ISO date text")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"{name}: a date is datetime.date or ISO text, not {type(value).__name__}")


def _holding_arrear(arrear: Union[HoldingArrear, Mapping[str, Any]], index: int) -> Any:
    if isinstance(arrear, HoldingArrear):
        out = {"fiscal_year": arrear.fiscal_year,
               "annual_value": _money_text(arrear.annual_value, f"arrears[{index}].annual_value"),
               "paid": _money_text(arrear.paid, f"arrears[{index}].paid")}
        if arrear.use:
            out["use"] = arrear.use
        return out
    return dict(arrear)


def _holding_unit(unit: Union[HoldingUnit, Mapping[str, Any]], index: int) -> Any:
    if isinstance(unit, HoldingUnit):
        out: Dict[str, Any] = {"label": unit.label, "use": unit.use, "occupancy": unit.occupancy,
               "monthly_rent": _money_text(unit.monthly_rent, f"units[{index}].monthly_rent"),
               "loan_interest": _money_text(unit.loan_interest, f"units[{index}].loan_interest")}
        if unit.floor_area is not None:
            out["floor_area"] = _quantity(unit.floor_area, f"units[{index}].floor_area")
        return out
    return dict(unit)


def _signboard(board: Union[Signboard, Mapping[str, Any]], index: int) -> Any:
    if isinstance(board, Signboard):
        return {"area_sqft": _quantity(board.area_sqft, f"signboards[{index}].area_sqft"), "lit": board.lit}
    return dict(board)


def _trade_arrear(arrear: Union[TradeArrear, Mapping[str, Any]]) -> Any:
    if isinstance(arrear, TradeArrear):
        out = {"fiscal_year": arrear.fiscal_year}
        if arrear.category:
            out["category"] = arrear.category
        return out
    return dict(arrear)
