"""Fill the Vietnamese catalog's empty entries from other catalogs (after a merge).

    python scripts/merge_catalog.py OTHER.po [OTHER2.po ...]

Branches each add strings to dangbo/locale/vi/LC_MESSAGES/django.po; when a merge
conflicts there, keep this branch's catalog, run `make messages` (which adds the merged
code's new strings, empty), then run this with the other branch's catalog to take its
translations. Prints what is still untranslated.
"""

import sys

import polib

PO = "dangbo/locale/vi/LC_MESSAGES/django.po"


def main(paths: list[str]) -> None:
    known: dict = {}
    for path in paths:
        for entry in polib.pofile(path):
            if entry.translated() and "fuzzy" not in entry.flags:
                known[(entry.msgctxt, entry.msgid)] = entry
    catalog = polib.pofile(PO)
    for entry in catalog:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        other = known.get((entry.msgctxt, entry.msgid))
        if other is None:
            continue
        entry.msgstr = other.msgstr
        entry.msgstr_plural = dict(other.msgstr_plural)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    catalog.save(PO)
    left = [e.msgid for e in catalog.untranslated_entries() + catalog.fuzzy_entries()]
    print(f"{len(left)} left", *left[:30], sep="\n  ")


if __name__ == "__main__":
    main(sys.argv[1:])
