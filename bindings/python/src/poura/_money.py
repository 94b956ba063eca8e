"""Money as Python sees it: exact ``Decimal`` taka (two places), never float
arithmetic. Inside, the SDK counts whole poisha (Tk 1 = 100 poisha)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Union

from . import _poura
from ._errors import InvalidArgumentError

Amount = Union[int, Decimal, str, float]
"""Taka: an int, a Decimal or text such as "12,34,567.50" or "১২,৩৪,৫৬৭.৫০"
(at most two decimals). A float is read as the decimal number it prints as."""

LIMIT_POISHA = 1_000_000_000_000_000


def to_poisha(amount: Amount, *, name: str = "amount") -> int:
    """An amount of taka as whole poisha; refuses fractions of a poisha."""
    if isinstance(amount, bool):
        raise TypeError(f"{name}: an amount cannot be a bool")
    if isinstance(amount, str):
        try:
            return _poura.parse_money(amount)
        except InvalidArgumentError as e:
            raise InvalidArgumentError(f"{name}: {e.message}") from None
    if isinstance(amount, float):
        amount = Decimal(repr(amount))
    if isinstance(amount, int):
        poisha = amount * 100
    elif isinstance(amount, Decimal):
        try:
            if not amount.is_finite():
                raise InvalidArgumentError(f"{name}: an amount must be finite")
            scaled = amount.scaleb(2)
            poisha = int(scaled)
        except InvalidOperation:
            raise InvalidArgumentError(f"{name}: {amount} is not an amount") from None
        if poisha != scaled:
            raise InvalidArgumentError(f"{name}: {amount} has more than two decimal places")
    else:
        raise TypeError(f"{name}: an amount is an int, Decimal or str of taka, not {type(amount).__name__}")
    if not -LIMIT_POISHA <= poisha <= LIMIT_POISHA:
        raise InvalidArgumentError(f"{name}: {amount} is beyond Tk 10,00,00,00,00,000 either way")
    return poisha


def from_poisha(poisha: int) -> Decimal:
    """Whole poisha as Decimal taka with two places: 123450 -> Decimal('1234.50')."""
    return Decimal(poisha).scaleb(-2)


def parse_money(text: str) -> Decimal:
    """"1234.5", "12,34,567.00", "১২,৩৪,৫৬৭.০০" or "-20" as Decimal taka."""
    return from_poisha(_poura.parse_money(text))


def format_money(amount: Amount, *, language: str = "en") -> str:
    """"12,34,567.00" (en) or "১২,৩৪,৫৬৭.০০" (bn): lakh and crore grouping, two decimals."""
    return _poura.format_money(to_poisha(amount), language)


def format_taka(amount: Amount, *, language: str = "en") -> str:
    """"Tk 12,34,567.00" (en) or "১২,৩৪,৫৬৭.০০ টাকা" (bn), as a bill prints it."""
    return _poura.format_taka(to_poisha(amount), language)


def money_in_words(amount: Amount, *, language: str = "en") -> str:
    """The amount in words, as a receipt writes it ("... Taka and Fifty Poisha Only")."""
    return _poura.money_in_words(to_poisha(amount), language)


def format_percent(percent: Union[int, Decimal, str], *, language: str = "en") -> str:
    """A rate in percent ("7.5" or Decimal("7.5")) as a bill prints it: "7.5%" / "৭.৫%"."""
    if isinstance(percent, bool) or not isinstance(percent, (int, Decimal, str)):
        raise TypeError(f"percent is an int, Decimal or str, not {type(percent).__name__}")
    try:
        value = Decimal(percent)
        scaled = value.scaleb(2)
        basis_points = int(scaled)
    except (InvalidOperation, ValueError, OverflowError):
        raise InvalidArgumentError(f"percent: {percent!r} is not a number") from None
    if basis_points != scaled:
        raise InvalidArgumentError(f"percent: {percent} has more than two decimal places")
    return _poura.format_percent(basis_points, language)
