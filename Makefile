# dangbo — the commands a developer repeats. `make run` and `make test` are all you need.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The diacritics model ("Did you mean …?"), built from the data of pinned packages
# (requirements-vntext-data.txt) and the project's own Vietnamese text: docs/vntext.md.
DIACRITICS_MODEL := var/vntext/diacritics.pickle
DIACRITICS_TEXT := dangbo/locale/vi/LC_MESSAGES/django.po dangbo/lib/tests/data/diacritics_labelled.tsv
export DEBUG ?= 1

.PHONY: backup setup run serve test test-sqlite test-postgres lint messages bench bench-national demo clean

setup: $(STAMP) $(DIACRITICS_MODEL)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $(STAMP)

$(DIACRITICS_MODEL): $(STAMP) requirements-vntext-data.txt dangbo/lib/vntext/restore_data.py dangbo/lib/vntext/restore.py $(DIACRITICS_TEXT)
	$(BIN)/pip download --quiet --no-deps --require-hashes -r requirements-vntext-data.txt -d var/cache/vntext-data
	$(BIN)/python -m dangbo.lib.vntext.restore_data var/cache/vntext-data $@ $(DIACRITICS_TEXT)

var:
	@mkdir -p var

# The background worker (imports) runs beside the server and stops with it.
run: setup var
	$(BIN)/dangbo migrate --noinput
	$(BIN)/dangbo demo
	$(BIN)/dangbo demo_logins
	@$(BIN)/dangbo run_huey >var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  echo "Worker started (log: var/worker.log)"; \
	  $(BIN)/dangbo runserver 127.0.0.1:8000

# Production-like: gunicorn, static files collected and served by WhiteNoise.
# The project's bytecode compiled once (pip does it for the packages), so that no process
# compiles it again when PYTHONDONTWRITEBYTECODE is set: 0.4 s of each command's start.
serve: setup var
	$(BIN)/python -m compileall -q dangbo
	DEBUG=0 HTTPS=0 $(BIN)/dangbo collectstatic --noinput -v0
	DEBUG=0 HTTPS=0 $(BIN)/dangbo migrate --noinput -v0
	@export DEBUG=0 HTTPS=0 ALLOWED_HOSTS=127.0.0.1,localhost DANGBO_CACHE_DIR=var/cache; \
	  $(BIN)/dangbo run_huey >var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn dangbo.wsgi -b 127.0.0.1:8000 -w 2 --threads 4 --timeout 60 --access-logfile -

# A backup of the database and the uploaded files, named by the day (docs/security.md:
# run it nightly from cron beside `make serve`).
backup: setup var
	@mkdir -p var/backups
	$(BIN)/dangbo backup var/backups/dangbo-$$(date +%F).tar.gz

# The whole suite on SQLite, then again on a throwaway PostgreSQL cluster.
test: setup
	$(BIN)/python -m pytest -q -n 2 $(PYTEST_ARGS)
	@if [ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null; then \
		$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m pytest -q -n 2 $(PYTEST_ARGS); \
	elif [ "$$DANGBO_REQUIRE_POSTGRES" = "1" ]; then \
		echo "PostgreSQL is required (DANGBO_REQUIRE_POSTGRES=1) but initdb is not installed"; exit 1; \
	else echo "PostgreSQL not installed: the PostgreSQL run is skipped"; fi

test-sqlite: setup
	$(BIN)/python -m pytest -q -n 2 $(PYTEST_ARGS)

test-postgres: setup
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m pytest -q -n 2 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check dangbo bench scripts
	$(BIN)/mypy dangbo/lib

messages: setup
	cd dangbo && ../$(BIN)/dangbo makemessages -l vi --no-obsolete --add-location file -i "lib/*" -i "*/tests/*"
	cd dangbo && ../$(BIN)/dangbo compilemessages -l vi

# Every benchmark (about half an hour: the province-size set is loaded twice); results
# go to docs/benchmarks.md by hand, with the machine they ran on.
bench: setup
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done
	@echo "== bench/bench_province.py on PostgreSQL"
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python bench/bench_province.py

# The national set (5.6 million members; NATIONAL_MEMBERS for fewer), then its
# benchmarks: reports, writes and the member list, then many people at once. Against the
# database of DATABASE_URL (a new, empty one), or a throwaway cluster without it. About an
# hour on 2 cores and 25 GB of disk; results go to docs/benchmarks.md by hand.
NATIONAL_MEMBERS ?= 5600000
NATIONAL = $(BIN)/python bench/generate_national.py --members $(NATIONAL_MEMBERS) \
	&& $(BIN)/python bench/bench_national.py && $(BIN)/python bench/bench_load.py
bench-national: setup
	@if [ -n "$$DATABASE_URL" ]; then $(NATIONAL); else \
		DANGBO_PG_OPTIONS="-c shared_buffers=2GB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c work_mem=64MB" \
		$(BIN)/python scripts/with_postgres.py -- sh -c '$(NATIONAL)'; fi

demo: setup var
	$(BIN)/dangbo migrate --noinput
	$(BIN)/dangbo demo

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
