"""Numbers written the Vietnamese way: "." between thousands, "," before decimals."""

import re
from decimal import ROUND_HALF_UP, Decimal

_SIGN = r"[-+]?"
_GROUPED = r"\d{1,3}(?:\.\d{3})+"
# With a comma: the comma is the decimal mark, dots may group thousands.
_WITH_COMMA = re.compile(rf"({_SIGN})(\d+|{_GROUPED}),(\d+)")
# Without a comma: dots before groups of exactly three digits are thousands separators.
_THOUSANDS = re.compile(rf"({_SIGN})(\d+(?:\.\d{{3}})+)")
# Otherwise a single dot is the decimal mark.
_DOT_DECIMAL = re.compile(rf"({_SIGN})(\d+)\.(\d+)")
_INTEGER = re.compile(rf"({_SIGN})(\d+)")


def _error(text: str) -> ValueError:
    return ValueError(
        f"Số «{text}» không đúng dạng: dùng dấu phẩy trước phần thập phân và dấu chấm "
        "ngăn cách hàng nghìn, ví dụ 1.234,5."
    )


def parse_number(text: str) -> Decimal:
    """A number as INTERCHANGE.md writes it: "1.234,5", "1,5", "1.200" (= 1200), "7.5".

    "0.500" is refused rather than read as 500: nobody groups the thousands of zero, and
    reading it as 0,5 would break the rule. Raises ValueError with a Vietnamese message.
    """
    value = text.strip()
    m = _WITH_COMMA.fullmatch(value)
    if m:
        return Decimal(f"{m.group(1)}{m.group(2).replace('.', '')}.{m.group(3)}")
    m = _THOUSANDS.fullmatch(value)
    if m:
        if m.group(2).startswith("0"):
            raise _error(value)
        return Decimal(m.group(1) + m.group(2).replace(".", ""))
    m = _DOT_DECIMAL.fullmatch(value) or _INTEGER.fullmatch(value)
    if m:
        return Decimal(m.group().lstrip("+"))
    raise _error(value)


def format_number(value: Decimal | int | float, decimals: int | None = None) -> str:
    """ "1.234,5": dots between thousands, a comma before the decimals.

    decimals: round half up to this many places (and always show them); None shows what
    the value has, without trailing zeros.
    """
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "-" if number.is_signed() and number != 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"
