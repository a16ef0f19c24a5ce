#!/usr/bin/env bash
# The LTR suite: the unit, QGIS and CLI suites and `make demo` in Debian's QGIS 3.44 (sid) or 3.40
# (trixie), inside a chroot that is built once and reused.
#
#   scripts/lts/run.sh [run]      build the chroot if needed, then run the suites in it (make test-qgis-lts)
#   scripts/lts/run.sh build      build the chroot if needed, run nothing
#   scripts/lts/run.sh shell      a shell in the chroot, with the repository mounted (for debugging)
#   scripts/lts/run.sh exec CMD…  one command in the chroot, in the repository
#
# Variables:
#   LTS_SUITE   sid (default: QGIS 3.44) or trixie (QGIS 3.40)
#   LTS_ROOT    the chroot (default /var/cache/territorial_data/lts-$LTS_SUITE): outside the repository,
#               so that every clone on the machine reuses it
#   LTS_MIRROR  the Debian mirror (default: the one in /etc/apt/sources.list.d, else deb.debian.org)
#   LTS_PYTEST_ARGS  extra pytest arguments for the three suites (e.g. "-x -k browser")
#
# The chroot is built in "$LTS_ROOT.build" and renamed to "$LTS_ROOT" only when complete: an
# interrupted build is never reused (the next run removes it and starts again). It records the recipe
# it was built from (/.territorial-lts-recipe); a chroot built from another recipe is rebuilt.
# /proc, /sys, /dev, /dev/pts, /dev/shm and the repository are mounted for a run and unmounted after
# it, on failure and interruption too.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SUITE="${LTS_SUITE:-sid}"
case "$SUITE" in
  sid | unstable) SUITE=sid ;;
  trixie | stable) SUITE=trixie ;;
  *) echo "LTS_SUITE must be sid (QGIS 3.44) or trixie (QGIS 3.40), not '$SUITE'" >&2; exit 2 ;;
esac
ROOT="${LTS_ROOT:-/var/cache/territorial_data/lts-$SUITE}"
ROOT="${ROOT%/}"
INSIDE_REPO=/src/territorial_data
VENV=/opt/lts-venv

# Everything the chroot needs; changing this list (or the pip line) changes the recipe -> rebuild.
PACKAGES="qgis python3-qgis qgis-providers python3-numpy python3-pandas python3-scipy python3-shapely \
python3-requests python3-pytest python3-venv python3-pip openssl ca-certificates poppler-utils git make \
xvfb xauth postgresql postgresql-postgis"
PIP_PACKAGES="pytest-qgis==2.1.0 pytest-httpserver distributed==2026.8.0 dask==2026.8.0"
RECIPE="v1 suite=$SUITE packages=[$PACKAGES] pip=[$PIP_PACKAGES] venv=$VENV"

log() { printf '[lts %s] %s\n' "$SUITE" "$*" >&2; }

mirror() {
  if [ -n "${LTS_MIRROR:-}" ]; then echo "$LTS_MIRROR"; return; fi
  local uri
  uri=$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' |
    grep -v -- '-security' | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' | grep -v -- '-security' | head -n1 || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# Mount points under $1, deepest first (from /proc/self/mountinfo: octal escapes decoded).
mounts_under() {
  local dir
  dir=$(realpath -m "$1")
  awk '{print $5}' /proc/self/mountinfo | while read -r m; do
    m=$(printf '%b' "$m")
    case "$m" in "$dir" | "$dir"/*) echo "$m" ;; esac
  done | sort -r
}

unmount_all() {
  local dir="$1" m
  [ -d "$dir" ] || return 0
  for m in $(mounts_under "$dir"); do
    umount "$m" 2>/dev/null || umount -l "$m" || true
  done
  if [ -n "$(mounts_under "$dir")" ]; then
    log "could not unmount everything under $dir:"; mounts_under "$dir" >&2
    return 1
  fi
}

mount_all() {
  local dir="$1" with_repo="${2:-}"
  mkdir -p "$dir/proc" "$dir/sys" "$dir/dev/pts" "$dir/dev/shm"
  mount -t proc proc "$dir/proc"
  mount -t sysfs sysfs "$dir/sys"
  mount --bind /dev "$dir/dev"
  mount --bind /dev/pts "$dir/dev/pts"
  mount -t tmpfs -o mode=1777 shm "$dir/dev/shm"
  if [ -n "$with_repo" ]; then
    mkdir -p "$dir$INSIDE_REPO"
    mount --bind "$REPO" "$dir$INSIDE_REPO"
    # a git worktree: its .git file points to the main repository's git folder, mounted at the same path
    local common
    if [ -f "$REPO/.git" ] && common=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
      mkdir -p "$dir$common"
      mount --bind "$common" "$dir$common"
    fi
  fi
}

# Remove a directory that may still hold mounts (an interrupted build): unmount first, never cross
# into another file system (the bind-mounted repository must survive whatever happened).
remove_tree() {
  local dir="$1"
  [ -e "$dir" ] || return 0
  unmount_all "$dir"
  rm -rf --one-file-system "$dir"
}

in_chroot() {
  local dir="$1"; shift
  chroot "$dir" /usr/bin/env -i \
    HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive TERM="${TERM:-dumb}" \
    SSL_CERT_FILE=/etc/territorial-lts/ca.crt PIP_CERT=/etc/territorial-lts/ca.crt \
    REQUESTS_CA_BUNDLE=/etc/territorial-lts/ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ${LTS_ENV:-} "$@"
}

BUILD_DIR="$ROOT.build"

build() {
  local tmp="$BUILD_DIR" start
  start=$(date +%s)
  remove_tree "$tmp"
  mkdir -p "$(dirname "$ROOT")"
  command -v debootstrap >/dev/null || {
    log "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local url
  url=$(mirror)
  log "building $ROOT from $url (debootstrap $SUITE, then QGIS with its recommends: ~10 min, ~5 GB)"
  debootstrap --variant=minbase "$SUITE" "$tmp" "$url" >"$ROOT.build.log" 2>&1 || {
    log "debootstrap failed; its log: $ROOT.build.log"; tail -n 30 "$ROOT.build.log" >&2; return 1
  }
  # sid's Release file can be past its Valid-Until; the packages are still signed.
  printf 'Acquire::Check-Valid-Until "false";\nAcquire::Retries "3";\n' >"$tmp/etc/apt/apt.conf.d/90territorial-lts"
  printf 'APT::Install-Recommends "true";\n' >"$tmp/etc/apt/apt.conf.d/91territorial-lts-recommends"
  echo "deb $url $SUITE main" >"$tmp/etc/apt/sources.list"
  # pip inside reaches the package index through the host's certificate authorities
  mkdir -p "$tmp/etc/territorial-lts"
  cp -L "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" "$tmp/etc/territorial-lts/ca.crt"
  cp -L /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  trap 'unmount_all "$BUILD_DIR"' EXIT
  mount_all "$tmp"
  # no service may start inside the chroot while packages install
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod +x "$tmp/usr/sbin/policy-rc.d"
  {
    in_chroot "$tmp" apt-get update -q &&
      in_chroot "$tmp" apt-get install -y -q $PACKAGES &&
      in_chroot "$tmp" apt-get clean &&
      in_chroot "$tmp" /usr/bin/python3 -m venv --system-site-packages "$VENV" &&
      in_chroot "$tmp" "$VENV/bin/pip" install -q $PIP_PACKAGES &&
      touch "$tmp$VENV/.deps-ok"
  } >>"$ROOT.build.log" 2>&1 || {
    log "building the chroot failed; its log: $ROOT.build.log"; tail -n 30 "$ROOT.build.log" >&2; return 1
  }
  in_chroot "$tmp" dpkg-query -W -f='${Package} ${Version}\n' qgis python3-qgis python3-shapely python3 \
    >"$tmp/.territorial-lts-versions"
  unmount_all "$tmp"
  trap - EXIT
  echo "$RECIPE" >"$tmp/.territorial-lts-recipe"
  # swap in atomically: the old chroot (another recipe) is moved aside before it is removed
  if [ -e "$ROOT" ]; then
    remove_tree "$ROOT.old"
    mv "$ROOT" "$ROOT.old"
  fi
  mv "$tmp" "$ROOT"
  remove_tree "$ROOT.old"
  log "chroot ready in $(($(date +%s) - start)) s: $(tr '\n' ' ' <"$ROOT/.territorial-lts-versions")"
}

ensure_chroot() {
  mkdir -p "$(dirname "$ROOT")"
  exec 9>"$ROOT.lock"
  flock 9 # one build at a time per chroot; a second run waits, then reuses it
  if [ -f "$ROOT/.territorial-lts-recipe" ] && [ "$(cat "$ROOT/.territorial-lts-recipe")" = "$RECIPE" ]; then
    log "reusing $ROOT ($(tr '\n' ' ' <"$ROOT/.territorial-lts-versions"))"
  else
    [ -e "$ROOT" ] && log "$ROOT was built from another recipe: rebuilding"
    build
  fi
}

with_mounts() {
  trap 'unmount_all "$ROOT"' EXIT
  trap 'exit 130' INT TERM
  unmount_all "$ROOT" # leftovers of a run that was killed
  mount_all "$ROOT" repo
  local rc=0
  "$@" || rc=$?
  unmount_all "$ROOT"
  trap - EXIT
  return $rc
}

run_suites() {
  local args="${LTS_PYTEST_ARGS:-}"
  in_chroot "$ROOT" /bin/bash -c "cd $INSIDE_REPO && TERRITORIAL_DATA_PYTEST_ARGS='$args' scripts/lts/inside.sh"
}

cmd="${1:-run}"
[ $# -gt 0 ] && shift
[ "$(id -u)" = 0 ] || { echo "the LTR suite needs root (debootstrap, chroot, mounts)" >&2; exit 2; }
case "$cmd" in
  build) ensure_chroot ;;
  run) ensure_chroot; with_mounts run_suites ;;
  shell) ensure_chroot; with_mounts in_chroot "$ROOT" /bin/bash -c "cd $INSIDE_REPO && exec bash -i" ;;
  exec) ensure_chroot; with_mounts in_chroot "$ROOT" /bin/bash -c "cd $INSIDE_REPO && $*" ;;
  *) echo "usage: $0 [run|build|shell|exec CMD...]" >&2; exit 2 ;;
esac
