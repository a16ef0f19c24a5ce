#!/bin/bash
# Runs inside the LTR chroot (scripts/lts/run.sh), in the repository: the unit, QGIS and CLI suites
# and `make demo`, with deprecation warnings from plugin code as errors. Every step runs even when an
# earlier one fails; the exit code says whether all passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
VENV=/opt/lts-venv
PYTEST=("$VENV/bin/python" -P -m pytest)
# shellcheck disable=SC2206
EXTRA=(${TERRITORIAL_DATA_PYTEST_ARGS:-})
export QT_QPA_PLATFORM=offscreen
export TERRITORIAL_DATA_DEPRECATIONS=error # read by tests/conftest.py
export XDG_RUNTIME_DIR=/tmp/xdg-runtime
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

echo "== LTR suite: $(/usr/bin/python3 -c 'from qgis.core import Qgis; print("QGIS", Qgis.QGIS_VERSION)' 2>/dev/null)," \
  "Python $(/usr/bin/python3 -c 'import sys; print(sys.version.split()[0])')," \
  "$(/usr/bin/python3 -c 'import shapely; print("shapely", shapely.__version__)')"

failed=()
step() {
  local name="$1"; shift
  echo "== $name: $*"
  local start=$SECONDS
  if "$@"; then
    echo "== $name: passed ($((SECONDS - start)) s)"
  else
    echo "== $name: FAILED ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
}

demo() {
  # make demo, with every DeprecationWarning shown: one raised from plugin code fails the step
  local log
  log=$(mktemp)
  PYTHONWARNINGS=default::DeprecationWarning make VENV="$VENV" demo 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  if grep -E "^$PWD/[^ ]*\.py:[0-9]+: DeprecationWarning" "$log" | grep -v "^$PWD/\.venv/"; then
    echo "deprecated calls from plugin code (above)"
    rc=1
  fi
  rm -f "$log"
  return "$rc"
}

step unit "${PYTEST[@]}" -p no:qgis tests/unit "${EXTRA[@]}"
step qgis "${PYTEST[@]}" tests/qgis "${EXTRA[@]}"
step cli "${PYTEST[@]}" tests/cli "${EXTRA[@]}"
step desktop "${PYTEST[@]}" -p no:qgis tests/desktop "${EXTRA[@]}"
step demo demo

if [ ${#failed[@]} -gt 0 ]; then
  echo "== LTR suite FAILED: ${failed[*]}"
  exit 1
fi
echo "== LTR suite passed"
