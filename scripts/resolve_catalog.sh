#!/usr/bin/env bash
# After `git merge BRANCH` conflicts in the catalog: keep ours, refresh it from the merged
# code, take BRANCH's translations, compile. Usage: scripts/resolve_catalog.sh BRANCH
set -euo pipefail
branch=$1
po=dangbo/locale/vi/LC_MESSAGES/django.po
git show "$branch:$po" > /tmp/theirs.po
git checkout --ours -- "$po" dangbo/locale/vi/LC_MESSAGES/django.mo
make messages >/dev/null
.venv/bin/python scripts/merge_catalog.py /tmp/theirs.po
make messages >/dev/null
git add "$po" dangbo/locale/vi/LC_MESSAGES/django.mo
