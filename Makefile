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
	postgresql postgresql-postgis python3-requests python3-pytest python3-venv poppler-utils git xvfb xauth
PYTEST := $(VPY) -P -m pytest

.PHONY: deps apt-deps demo test test-unit test-qgis test-cli test-desktop screenshots lint format i18n i18n-check package \
	clean bench test-qgis-lts lts-shell compat-sweep compat-check

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
	$(PYTEST) -p no:qgis tests/desktop

test-unit: deps
	$(PYTEST) -p no:qgis tests/unit
test-qgis: deps
	$(PYTEST) tests/qgis
test-cli: deps
	$(PYTEST) tests/cli
# The real QGIS desktop (qgis) on a virtual screen (Xvfb), in French, with the plugin installed from its zip.
test-desktop: deps
	$(PYTEST) -p no:qgis tests/desktop
# Retake the screenshots of docs/screenshots (README) from the desktop tests.
screenshots: deps
	TD_SCREENSHOTS_DIR=docs/screenshots $(PYTEST) -p no:qgis tests/desktop -k screenshots

# The LTR suite: unit, QGIS and CLI suites and the demo in Debian sid's QGIS 3.44 (LTS_SUITE=trixie: 3.40),
# in a chroot built on first use (~10 min, ~5 GB, in /var/cache/territorial_data/lts-<suite>, or LTS_ROOT)
# and reused after. Deprecation warnings from plugin code fail it. See scripts/lts/run.sh.
test-qgis-lts:
	scripts/lts/run.sh run
lts-shell:
	scripts/lts/run.sh shell

# QGIS 4 / Qt 6 readiness. compat-sweep rewrites the code to go through compat.py (idempotent: re-run it
# after moving code); compat-check fails when the sweep or the QGIS project's pyqt5to6 migration script
# (PyPI qgis-pyqt5to6, a test tool in .venv; it declares Python >= 3.12 but runs on Debian 12's 3.11)
# finds anything to change outside compat.py.
COMPAT_TOOLS := $(VENV)/.compat-tools-ok
$(COMPAT_TOOLS): $(VENV)/.deps-ok
	$(VENV)/bin/pip install -q --disable-pip-version-check --ignore-requires-python "qgis-pyqt5to6==0.0.0.dev0" \
		"PyQt6==6.11.0" "PyQt6-QScintilla==2.14.1"
	touch $@
compat-sweep: deps
	$(PYTHON) scripts/compat_sweep.py
compat-check: deps $(COMPAT_TOOLS)
	$(VPY) scripts/compat_check.py

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
