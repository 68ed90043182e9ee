"""Vietnamese text, names, dates, numbers and identity numbers. No Django in here.

See docs/vntext.md for the decisions behind each function.
"""

from .citizen_id import check_citizen_id, province_codes
from .dates import (
    add_days,
    add_working_days,
    date_line,
    is_working_day,
    official_date,
    parse_date,
    parse_year_or_date,
    short_date,
)
from .diacritics import lacks_diacritics
from .legacy import decode_tcvn3, decode_vni, encode_legacy, repair_legacy
from .names import COMPOUND_FAMILY_NAMES, name_sort_key, sort_key, split_name
from .numbers import format_number, parse_number
from .restore import DiacriticsModel, count_running_text, load_model, restore_diacritics, strip_marks
from .syllable import is_valid_syllable
from .text import fold, match_key, normalize

__all__ = [
    "COMPOUND_FAMILY_NAMES",
    "DiacriticsModel",
    "add_days",
    "add_working_days",
    "check_citizen_id",
    "count_running_text",
    "date_line",
    "decode_tcvn3",
    "decode_vni",
    "encode_legacy",
    "fold",
    "format_number",
    "is_valid_syllable",
    "is_working_day",
    "lacks_diacritics",
    "load_model",
    "match_key",
    "name_sort_key",
    "normalize",
    "official_date",
    "parse_date",
    "parse_number",
    "parse_year_or_date",
    "province_codes",
    "repair_legacy",
    "restore_diacritics",
    "short_date",
    "sort_key",
    "split_name",
    "strip_marks",
]
