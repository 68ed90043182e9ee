import csv
from pathlib import Path

import pytest

from dangbo.lib.vntext import lacks_diacritics

LABELLED = Path(__file__).parent / "data" / "diacritics_labelled.tsv"


def load_labelled() -> list[tuple[bool, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["label"] == "1", row["text"]) for row in rows]


def test_the_labelled_set_is_large_and_mixed():
    rows = load_labelled()
    assert len(rows) >= 300
    flagged = sum(label for label, _ in rows)
    assert 100 <= flagged <= len(rows) - 100


def test_precision_and_recall_on_the_labelled_set():
    rows = load_labelled()
    predicted = [(label, lacks_diacritics(text)) for label, text in rows]
    true_pos = sum(1 for label, p in predicted if label and p)
    false_pos = [
        text for (label, text), (_, p) in zip(rows, predicted, strict=True) if p and not label
    ]
    false_neg = [
        text for (label, text), (_, p) in zip(rows, predicted, strict=True) if label and not p
    ]
    precision = true_pos / (true_pos + len(false_pos))
    recall = true_pos / (true_pos + len(false_neg))
    assert precision >= 0.98, false_pos
    assert recall >= 0.98, false_neg


@pytest.mark.parametrize(
    "text",
    [
        "cam on dang uy xa da quan tam den ba con",
        "Xin hoi thu tuc chuyen sinh hoat dang can giay to gi a",
        "ko biet bao gio moi co nuoc sach",
        "NHIET LIET CHAO MUNG DAI HOI DANG BO XA",
        "Nguyen Van An thon Dong xin gop y",
    ],
)
def test_vietnamese_without_diacritics_is_flagged(text):
    assert lacks_diacritics(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cảm ơn Đảng ủy xã đã quan tâm đến bà con",
        "Cam on Đảng ủy xa da quan tam",  # some marks typed: the writer can type them
        "Ca\u0309m ơn ba\u0300 con",  # tones as combining marks
        "I think the government can do more for farmers",
        "I can do it",
        "Merci beaucoup pour cet article",
        "https://xaphuongdong.gov.vn/tin-tuc/dai-hoi-dang-bo",
        "lienhe@phuong5.gov.vn",
        "0912 345 678",
        "CCCD 001090123456",
        "cam on",  # too short to judge
        "UBND HDND MTTQ",
        "",
    ],
)
def test_other_texts_are_not_flagged(text):
    assert not lacks_diacritics(text)
