# The two commands: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
NODE_MODULES := frontend/node_modules
DEBIAN_PACKAGES := chromium fonts-noto-core fonts-noto-cjk gettext redis-server

.PHONY: run test setup system-packages messages makemessages lint lock bench lighthouse prod-check

# The web server and, beside it, the background worker (mail, scheduled syncs); Ctrl+C stops both.
run: setup
	trap 'kill 0' EXIT; $(MANAGE) run_worker & $(MANAGE) runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/ruff check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) --no-print-directory prod-check
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n auto

setup: system-packages $(VENV)/.installed $(NODE_MODULES)/.installed messages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

# Debian's Chromium and fonts for the browser tests and screenshots, gettext for the catalogues,
# Redis for the tests of the production cache.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		apt-get install -y -qq $$missing >/dev/null || { apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; }; \
	fi

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	touch $@

# Lighthouse and axe-core, run against Debian's Chromium by the browser tests.
$(NODE_MODULES)/.installed: frontend/package-lock.json
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --ignore=var --ignore=frontend/node_modules -v 0

# Refresh the catalogues after changing strings; then translate what is new in every language.
makemessages: $(VENV)/.installed
	$(MANAGE) makemessages --all --no-obsolete --add-location=file \
		--ignore=.venv --ignore=var --ignore=tests --ignore=frontend/node_modules -v 0

lint: $(VENV)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Re-pin the lock from pyproject.toml's ranges in a clean environment.
lock:
	rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install -q --upgrade pip && var/lock-venv/bin/pip install -q ".[dev]"
	var/lock-venv/bin/pip freeze --exclude alliance-portal > requirements.lock
	rm -rf var/lock-venv

# The portal on gunicorn under wrk, cold and cached, against a hello world and a bare Wagtail page:
# writes bench/REPORT.md. wrk comes from Debian, installed as system-packages installs the others.
bench: $(VENV)/.installed messages
	$(MAKE) --no-print-directory system-packages DEBIAN_PACKAGES=wrk
	$(BIN)/python bench/served.py

# Lighthouse's four scores for the key pages of the demo site, in English and Arabic.
lighthouse: setup
	$(BIN)/python bench/lighthouse.py

# Django's deployment checks on the example production environment; warnings fail too.
prod-check: $(VENV)/.installed
	set -a && . portal/settings/production.env.example && set +a && \
		SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))') \
		$(MANAGE) check --deploy --fail-level WARNING
