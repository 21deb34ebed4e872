# The course's commands. Each target sets up what it needs on a fresh machine, and reuses it after.
#   make serve   build the book and serve it at http://127.0.0.1:8000
#   make test    the whole test suite (lint, then unit, content, build, browser and JupyterLab tests on two workers)
#   make book    build the HTML into _build/html
#   make bench   build times and what every page costs a reader
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve book test lint bench clean deps chromium java

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The Nu HTML Checker (vnu-jar, from npm) runs on Java.
java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

book: deps
	$(PY) -m widgets.build

serve: book
	@echo "Serving the book at http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

lint: deps
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure

test: deps chromium java lint
	$(VENV)/bin/pytest -n 2

bench: deps chromium
	$(PY) -m tests.bench

clean:
	rm -rf _build
