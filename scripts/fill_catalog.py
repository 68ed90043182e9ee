"""Fill msgstr entries of the Vietnamese catalog from a dict of translations.

    python scripts/fill_catalog.py TRANSLATIONS.py

TRANSLATIONS.py defines `T = {msgid: msgstr}`; a key may also be (msgctxt, msgid). Placeholders must match
exactly; fuzzy flags on the filled entries are removed. Prints what is still untranslated.
"""

import re
import runpy
import sys

import polib

PO = "dangbo/locale/vi/LC_MESSAGES/django.po"


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\([a-z_]+\)[sd]|%%|\{\{ ?\w+ ?\}\}", text))


def main(path: str) -> None:
    table = runpy.run_path(path)["T"]
    catalog = polib.pofile(PO)
    for entry in catalog:
        key = (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
        if entry.obsolete or key not in table:
            continue
        if entry.translated() and "fuzzy" not in entry.flags:
            continue
        text = table[key]
        if placeholders(text) != placeholders(entry.msgid):
            sys.exit(f"placeholders differ: {entry.msgid!r} -> {text!r}")
        if entry.msgid_plural:
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    catalog.save()
    left = catalog.untranslated_entries() + catalog.fuzzy_entries()
    print(f"{len(left)} left")
    for entry in left:
        print(" ", entry.occurrences[0][0] if entry.occurrences else "", repr(entry.msgid))


if __name__ == "__main__":
    main(sys.argv[1])
