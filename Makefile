# Two commands for a fresh Debian machine with Python 3.11, pip and make:
#   make run    install, migrate, load the demo, serve http://127.0.0.1:8000
#   make test   ruff, mypy, the pytest suite on SQLite, then on PostgreSQL
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/thidua
# The rules engine and the document builder never touch a database (a test holds that for
# rules/), so the PostgreSQL pass skips them: same code, same result, half the time.
PG_SKIP := --ignore=thidua/rules --ignore=thidua/documents
HOST   ?= 127.0.0.1:8000
# fonts-liberation2: Times-New-Roman-metric serif with Vietnamese letters (1.x lacks them)
SYSTEM_PACKAGES := chromium libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core poppler-utils postgresql-client
# Only for the benchmarks (make bench, make bench-contest), not for make test: the HTTP load generator.
BENCH_PACKAGES := wrk

.PHONY: run serve test install lock system-deps lint typecheck test-sqlite test-postgres bench bench-deps bench-contest clean

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Cần Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# pyproject.toml says what we depend on (and why); requirements.lock pins the versions.
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Re-pin after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/pip freeze --exclude-editable | grep -v '^thidua' > requirements.lock

# Debian packages the browser and document tests need; installed by the project, not by hand.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v pg_dump >/dev/null || missing="$$missing postgresql-client"; \
	[ -d /usr/share/fonts/truetype/liberation2 ] || missing="$$missing fonts-liberation2"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	  else \
	    echo "Thiếu gói hệ thống:$$missing — chạy: sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; \
	  fi; \
	fi

var:
	mkdir -p var

run: install var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/thidua demo
	$(BIN)/thidua signing-demo-keys
	@# The background worker (documents, exports) runs beside the web server and stops with it.
	$(BIN)/python manage.py run_huey --workers 2 --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

# Production: gunicorn and the job worker against DATABASE_URL (docs/deployment.md). Install
# first (make install); the environment holds PRODUCTION=1, SECRET_KEY, ALLOWED_HOSTS, ...
SERVE_BIND ?= 127.0.0.1:8000
WEB_WORKERS ?= 3
WEB_THREADS ?= 8
JOB_WORKERS ?= 2
serve: var
	@test -n "$$DATABASE_URL" || { echo "Cần DATABASE_URL (ví dụ postgres://thidua@127.0.0.1:5432/thidua)."; exit 1; }
	$(BIN)/python manage.py migrate --noinput
	@# The worker stops with the web server (Ctrl-C, SIGTERM from systemd).
	$(BIN)/python manage.py run_huey --workers $(JOB_WORKERS) --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn config.wsgi:application --bind $(SERVE_BIND) --worker-class gthread \
	  --workers $(WEB_WORKERS) --threads $(WEB_THREADS) --keep-alive 5 --timeout 60 --graceful-timeout 20 \
	  --max-requests 2000 --max-requests-jitter 200 --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports  # import direction: the contracts in pyproject.toml

typecheck: install
	$(BIN)/mypy thidua config

test-sqlite: install system-deps var
	FAST_PASSWORD_HASHER=1 HUEY_IMMEDIATE=1 REQUEST_LOG_LEVEL=WARNING $(BIN)/pytest

test-postgres: install system-deps var
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL) FAST_PASSWORD_HASHER=1 HUEY_IMMEDIATE=1 REQUEST_LOG_LEVEL=WARNING $(BIN)/pytest $(PG_SKIP); \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL không truy cập được tại $(PG_URL) — CI=true nên đây là lỗi."; exit 1; \
	else \
	  echo "Bỏ qua bộ kiểm thử trên PostgreSQL: không kết nối được $(PG_URL)."; \
	fi

test: lint typecheck test-sqlite test-postgres

bench-deps:
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BENCH_PACKAGES) >/dev/null; \
	  else echo "Thiếu gói cho benchmark — chạy: sudo apt-get install $(BENCH_PACKAGES)"; exit 1; fi; }

bench: install bench-deps
	$(BIN)/python bench/run_all.py

# Contest submissions under load: wrk against gunicorn + PostgreSQL on loopback (bench/RESULTS.md).
bench-contest: install bench-deps
	$(BIN)/python bench/bench_contest_load.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
