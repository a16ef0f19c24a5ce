# Territorial Data — developer commands. Run as root on Debian 12 (or with sudo available).
#   make demo    the main job on the sample territory, offline -> demo-output/
#   make test    installs what it needs, then runs every test suite
SHELL := /bin/bash
PYTHON := /usr/bin/python3
VENV := .venv
VPY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export QT_QPA_PLATFORM := offscreen
APT_PACKAGES := qgis python3-qgis qgis-providers python3-numpy python3-pandas python3-scipy python3-shapely openssl \
	python3-requests python3-pytest python3-venv poppler-utils git
PYTEST := $(VPY) -P -m pytest

.PHONY: deps apt-deps demo test test-unit test-qgis test-cli lint format i18n i18n-check package clean bench

deps: apt-deps $(VENV)/.deps-ok $(VENV)/.dask-ok

apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.deps-ok:
	$(PYTHON) -m venv --system-site-packages $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check "pytest-qgis==2.1.0" pytest-httpserver "ruff==0.17.6"
	touch $@

# Dask (test-only, like the tools above): the tests start a scheduler and two workers from .venv, and the
# routing engine's Dask client runs in it (TERRITORIAL_DATA_PYTHON=.venv/bin/python). `distributed` needs no
# numpy of its own: the workers route with Debian's numpy and scipy, seen through --system-site-packages.
DASK_VERSION := 2026.8.0
$(VENV)/.dask-ok: $(VENV)/.deps-ok
	$(VENV)/bin/pip install -q --disable-pip-version-check "distributed==$(DASK_VERSION)" "dask==$(DASK_VERSION)"
	$(VPY) -c "import distributed, numpy, scipy; assert numpy.__file__.startswith('/usr/lib/python3/'), numpy.__file__"
	touch $@

demo: apt-deps
	$(PYTHON) -P scripts/demo.py

test: deps lint
	$(PYTEST) -p no:qgis tests/unit
	$(PYTEST) tests/qgis tests/cli

test-unit: deps
	$(PYTEST) -p no:qgis tests/unit
test-qgis: deps
	$(PYTEST) tests/qgis
test-cli: deps
	$(PYTEST) tests/cli

# lint fails on any ruff finding and on any file `ruff format` would change; `make format` fixes both.
lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
format: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

i18n: apt-deps
	$(PYTHON) scripts/i18n.py update
	$(PYTHON) scripts/i18n.py release
i18n-check: apt-deps
	$(PYTHON) scripts/i18n.py check

package: apt-deps
	$(PYTHON) scripts/package.py $(if $(VERSION),--version $(VERSION),)

# Speed and memory figures (not tests; see benchmarks/README.md). `make bench` runs every benchmark
# at its issue's size; the assignment one builds its own venv with AequilibraE on first use.
bench: deps
	$(VPY) -P benchmarks/geocoding.py --rows 10000
	$(VPY) -P benchmarks/wfs_paging.py --count 20000
	$(PYTHON) -P benchmarks/mobpro_import.py --rows 8000000
	$(PYTHON) benchmarks/assignment.py --sizes sample,small,medium,large --repeat 3

clean:
	rm -rf dist demo-output .pytest_cache .ruff_cache i18n/*.qm
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +
