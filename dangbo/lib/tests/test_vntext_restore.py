"""restore_diacritics on a small model built here, and on the model `make setup` builds."""

import collections
import io
import json
import os
import pickle
import sys
import tarfile
import time
import types
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.lib.vntext import count_running_text, load_model, restore_diacritics, strip_marks
from dangbo.lib.vntext import restore as restore_module
from dangbo.lib.vntext.restore import DEFAULT_PATH, DiacriticsModel
from dangbo.lib.vntext.restore_data import (
    build,
    build_from_archives,
    read_genz_vocab,
    read_labelled_tsv,
    read_po_messages,
    read_visonorm,
    read_voz_bigrams,
    write_model,
)

VOCAB = """\
, 1000
bài_viết 500
bài 300
bãi 40
viết 400
rất 900
hay 700
hãy 300
cảm_ơn 600
ơn 50
tác_giả 200
tác 30
xã 300
xa 200
con 400
còn 500
đường 300
mưa 200
mua 250
to 100
tổ 120
quá 300
qua 400
chúng_tôi 300
mong 200
mỏng 20
sớm 100
sửa 80
lại 300
đẹp 150
h@@ 99
""".splitlines()
RUNNING = [
    "Bài viết rất hay, cảm ơn tác giả.",
    "Mong xã sớm sửa lại con đường.",
    "Mưa to quá.",
    "Đẹp quá!",
    "Con đường này đẹp quá.",
]


@pytest.fixture(scope="module")
def model() -> DiacriticsModel:
    return DiacriticsModel(build(read_genz_vocab(VOCAB), [(RUNNING, 1.0)]))


def test_it_restores_a_comment_keeping_case_punctuation_and_spacing(model):
    text = "Bai viet rat hay,  cam on TAC GIA!\nMong xa som sua lai con duong 12."
    assert restore_diacritics(text, model) == (
        "Bài viết rất hay,  cảm ơn TÁC GIẢ!\nMong xã sớm sửa lại con đường 12."
    )


def test_context_chooses_between_forms(model):
    assert restore_diacritics("mua to qua", model) == "mưa to quá"
    assert restore_diacritics("duong dep qua.", model) == "đường đẹp quá."


def test_text_with_diacritics_is_returned_unchanged(model):
    for text in ("Bài viết rất hay", "bai viet rất hay", "Crème brûlée", "bai viet hay\u0301"):
        assert restore_diacritics(text, model) == text


def test_words_that_are_not_syllables_are_kept(model):
    kept = "https://a.vn/bai-viet lienhe@xa.vn #tin @an F0 12h 100% Paris ok"
    assert restore_diacritics(f"UBND xa, {kept}", model) == f"UBND xã, {kept}"


def test_english_is_left_alone(model):
    assert restore_diacritics("I can do it", model) == "I can do it"
    assert restore_diacritics("thanks ad, bai viet rat hay", model) == "thanks ad, bài viết rất hay"
    # "so" and "me" are syllables too, but not next to English words.
    assert restore_diacritics("so proud of you, cam on", model).startswith("so proud of you")


def test_it_never_raises(model):
    # How long it takes is measured by bench/bench_diacritics.py, not here.
    long_text = ("bai viet rat hay, cam on tac gia " * 400)[:10_000]
    for text in ("", " ", "😀" * 3000, "bai viet 👍 rat hay 🇻🇳", long_text, "\x00\ufffd", "a" * 10_000):
        result = restore_diacritics(text, model)
        assert strip_marks(result) == strip_marks(text)
    assert restore_diacritics("bai viet 👍 rat hay", model) == "bài viết 👍 rất hay"


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200))
@settings(max_examples=200, deadline=None)
def test_it_only_adds_marks(text):
    # The model of the other tests is module-scoped; hypothesis wants no fixtures here.
    model = _MODEL
    restored = restore_diacritics(text, model)
    assert strip_marks(restored) == text


_MODEL = DiacriticsModel(build(read_genz_vocab(VOCAB), [(RUNNING, 1.0)]))


def test_without_a_model_the_text_comes_back(monkeypatch, tmp_path):
    monkeypatch.setenv("DANGBO_DIACRITICS_MODEL", str(tmp_path / "missing.pickle"))
    monkeypatch.setattr(restore_module, "_default", None)
    monkeypatch.setattr(restore_module, "_default_failed", False)
    assert restore_diacritics("bai viet rat hay") == "bai viet rat hay"


def test_a_model_file_is_written_and_read_back(tmp_path, model):
    path = tmp_path / "m.pickle"
    write_model(model.data, path)
    assert restore_diacritics("bai viet rat hay", load_model(path)) == "bài viết rất hay"


def test_a_model_file_cannot_name_objects(tmp_path):
    path = tmp_path / "evil.pickle"
    path.write_bytes(pickle.dumps({"format": "x", "f": time.sleep}))
    with pytest.raises(pickle.UnpicklingError):
        load_model(path)


def test_the_site_text_adds_counts_and_candidates(model):
    assert restore_diacritics("thanh ha", model) == "thanh ha"
    site = model.with_text_counts(count_running_text(["Đảng bộ Thanh Hà, huyện Thanh Hà."]))
    assert restore_diacritics("Thanh Ha", site) == "Thanh Hà"


def test_running_text_is_counted_between_punctuation():
    pairs = count_running_text(["Mưa to quá, đẹp 2 quá"])
    assert pairs == {
        ("<s>", "mưa"): 1, ("mưa", "to"): 1, ("to", "quá"): 1, ("quá", "</s>"): 2,
        ("<s>", "đẹp"): 1, ("đẹp", "</s>"): 1, ("<s>", "quá"): 1,
    }


def test_strip_marks_keeps_case():
    assert strip_marks("Đảng ủy XÃ Thanh Hà, 2025!") == "Dang uy XA Thanh Ha, 2025!"


def test_the_data_readers():
    assert list(read_genz_vocab(["chúng_tôi 12", "h@@ 3", "abc_xyz 5", "tôi 7", "bad"])) == [
        (["chúng", "tôi"], 12), (["tôi"], 7)
    ]
    entries = {"k": {"normalized": ["không"], "response": {"normalized": [
        {"word": "không", "definition": "Từ phủ định.", "example": "Tôi k biết."},
    ]}}}
    assert sorted(read_visonorm(entries)) == ["Tôi không biết .", "Từ phủ định."]
    po = 'msgid "Save"\nmsgstr "Lưu"\n\nmsgid ""\nmsgstr ""\n"Hai "\n"dòng"\n'
    assert list(read_po_messages(po)) == ["Lưu", "Hai dòng"]
    assert list(read_labelled_tsv("label\ttext\n0\tCó dấu\n1\tkhong dau\n")) == ["Có dấu"]


def nltk_bigram_pickle(monkeypatch, bigrams: dict[str, dict[str, int]]) -> bytes:
    """A pickle shaped like the one of an NLTK bigram model (iftc's forum model), made
    with stand-ins for NLTK's classes under NLTK's names: NLTK is not installed."""

    def define(module_name: str, name: str, bases: tuple = (), body: dict | None = None) -> type:
        parts = module_name.split(".")
        for k in range(1, len(parts) + 1):  # pickle imports "nltk", "nltk.lm", then the module
            package = ".".join(parts[:k])
            if not isinstance(sys.modules.get(package), types.ModuleType):
                monkeypatch.setitem(sys.modules, package, types.ModuleType(package))
        module = sys.modules[module_name]
        cls = type(name, bases, {"__module__": module_name, "__qualname__": name, **(body or {})})
        monkeypatch.setattr(module, name, cls, raising=False)
        return cls

    def reduce_conditional(self):  # as NLTK's ConditionalFreqDist pickles itself
        return (type(self), (), None, None, iter(self.items()))

    freq = define("nltk.probability", "FreqDist", (collections.Counter,))
    conditional = define("nltk.probability", "ConditionalFreqDist", (collections.defaultdict,),
                         {"__reduce__": reduce_conditional})
    counter = define("nltk.lm.counter", "NgramCounter")()
    vocabulary = define("nltk.lm.vocabulary", "Vocabulary")()
    model = define("nltk.lm.models", "KneserNeyInterpolated")()
    estimator = define("nltk.lm.smoothing", "KneserNey")()
    counts: collections.defaultdict = collections.defaultdict(conditional)
    counts[1] = freq({w: sum(n.values()) for w, n in bigrams.items()})
    counts[2] = conditional()
    for a, following in bigrams.items():
        counts[2][(a,)] = freq(following)
    counter._counts = counts
    vocabulary.counts = counts[1]
    model.__dict__.update(order=2, vocab=vocabulary, counts=counter, estimator=estimator)
    return pickle.dumps(model, protocol=4)


FORUM = {
    "<s>": {"mưa": 5, "thôi": 3},
    "mưa": {"to": 4, ".": 3, "lâu": 1},
    "to": {"quá": 6},
    "quá": {"!": 4, "ko": 2},
    ".": {"</s>": 3},
}


def test_the_forum_bigrams_are_read_without_nltk(monkeypatch):
    pairs = read_voz_bigrams(io.BytesIO(nltk_bigram_pickle(monkeypatch, FORUM)))
    # Punctuation, chat spellings and the model's own markers are segment edges; a
    # bigram seen once ("mưa lâu") is dropped.
    assert pairs == {
        ("<s>", "mưa"): 5, ("<s>", "thôi"): 3, ("mưa", "to"): 4, ("mưa", "</s>"): 3,
        ("to", "quá"): 6, ("quá", "</s>"): 6,
    }
    assert read_voz_bigrams(io.BytesIO(nltk_bigram_pickle(monkeypatch, FORUM)), min_count=1)[
        ("mưa", "lâu")
    ] == 1


def test_the_forum_model_is_read_without_running_its_code():
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo owned",))

    with pytest.raises(pickle.UnpicklingError):
        read_voz_bigrams(io.BytesIO(pickle.dumps(Evil())))
    with pytest.raises(ValueError):
        read_voz_bigrams(io.BytesIO(pickle.dumps({"not": "a model"})))


def test_it_builds_from_the_package_archives(tmp_path, monkeypatch):
    wheel = io.BytesIO()
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("genz_tokenize/data/vocab.txt", "\n".join(VOCAB))
    (tmp_path / "genz_tokenize-1.2.7-py3-none-any.whl").write_bytes(wheel.getvalue())
    data = json.dumps({"dc": {"normalized": ["được"], "response": {"normalized": [
        {"definition": "Bài viết rất hay.", "example": "Bài viết dc lắm."}]}}}).encode()
    with tarfile.open(tmp_path / "visonorm-0.1.4.tar.gz", "w:gz") as t:
        info = tarfile.TarInfo("visonorm-0.1.4/visonorm/dictionary/dictionary.json")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    forum = io.BytesIO()
    with zipfile.ZipFile(forum, "w") as z:
        z.writestr("iftc/data/language_model/voz_2gram_model.pkl", nltk_bigram_pickle(monkeypatch, FORUM))
    (tmp_path / "iftc-1.0.5-py3-none-any.whl").write_bytes(forum.getvalue())
    extra = tmp_path / "extra.txt"
    extra.write_text("Mưa to quá.\n", encoding="utf-8")
    built = build_from_archives(tmp_path, [extra])
    assert pickle.dumps(built) == pickle.dumps(build_from_archives(tmp_path, [extra]))  # deterministic
    model = DiacriticsModel(built)
    assert model.pair_count("viết", "được") == 1.0
    assert model.pair_count("to", "quá") == 6 + 10  # the forum, and the project's text ten times
    assert model.pair_count("mưa", "lâu") == 0.0
    assert built["domain"] == {"mưa": 1, "to": 1, "quá": 1}  # the project's own text
    assert restore_diacritics("mua to qua", model) == "mưa to quá"


def test_the_tables_must_fit_together(model):
    assert model.pair_count("to", "quá") == 1.0
    for broken in ({"rows": b""}, {"counts": model.data["counts"][:-4]}, {"syllables": ["a", "b"]}):
        with pytest.raises(ValueError):
            DiacriticsModel({**model.data, **broken})
    with pytest.raises(ValueError):
        DiacriticsModel({**model.data, "next": [1, 2]})  # tables are bytes


def test_the_site_text_adds_to_the_bigrams_and_to_the_domain(model):
    site = model.with_text_counts(count_running_text(["Mưa to quá, quá đẹp."]), weight=2.0)
    assert site.pair_count("to", "quá") == 1.0 + 2.0
    assert site.pair_count("quá", "đẹp") == 2.0 and model.pair_count("quá", "đẹp") == 0.0
    assert site.domain["quá"] == 4 / 10 and model.domain == {}
    assert site.score("quá", "đẹp") > model.score("quá", "đẹp")
    again = site.with_text_counts(count_running_text(["quá đẹp"]))
    assert again.pair_count("quá", "đẹp") == 3.0


def test_the_built_model_restores_common_comments():
    """The model `make setup` builds from the pinned packages (docs/vntext.md)."""
    if not DEFAULT_PATH.exists():
        pytest.fail(f"{DEFAULT_PATH} is missing: run `make setup`")
    model = load_model(DEFAULT_PATH)
    assert restore_diacritics("Cam on tac gia, bai viet rat hay.", model) == (
        "Cảm ơn tác giả, bài viết rất hay."
    )
    assert restore_diacritics("Xin hoi thu tuc ket nap Dang gom nhung gi?", model) == (
        "Xin hỏi thủ tục kết nạp Đảng gồm những gì?"
    )
    # What only context across words decides (xa/xã, qua/quá, a/ạ, cho/chợ): the forum's
    # running text and the project's own.
    assert restore_diacritics("Xa minh co ho tro tien dien khong a?", model) == (
        "Xã mình có hỗ trợ tiền điện không ạ?"
    )
    assert restore_diacritics("Mua to qua, hom qua di cho mua rau.", model) == (
        "Mưa to quá, hôm qua đi chợ mua rau."
    )
    assert restore_diacritics("Chau cam on cac bac a.", model) == "Cháu cảm ơn các bác ạ."
