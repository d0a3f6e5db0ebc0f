#!/usr/bin/env bash
# Fetches the front-end libraries with `npm pack` at the exact versions of a lock file, checks each
# tarball against the sha512 integrity recorded there, and extracts the files the pages use into a
# vendor/ folder beside it (not in git):
#   src/Veil.Sidecar/Web/vendor.lock -> src/Veil.Sidecar/Web/wwwroot/vendor/ (Leaflet, markercluster, Chart.js)
#   samples/web/vendor.lock          -> samples/web/vendor/ (hls.js for `veil serve`'s watch page)
# The pages load them from the server itself: nothing is fetched from elsewhere at run time.
#
# Idempotent: tarballs are kept in $VEIL_NPM_CACHE (default ~/.cache/veil/npm) and a second run
# with the same lock file extracts nothing.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${VEIL_NPM_CACHE:-$HOME/.cache/veil/npm}"

log() { printf 'vendor-web: %s\n' "$*"; }
die() { printf 'vendor-web: ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$CACHE"

integrity_of() { printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

# Prints the path of the verified tarball of NAME@VERSION, fetching it when the cache lacks it.
tarball() {
  local name="$1" version="$2" expected="$3" file
  file="$CACHE/$(printf '%s' "$name" | tr '/' '-' | tr -d '@')-$version.tgz"
  if [[ ! -f "$file" ]]; then
    command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js or Debian's npm (scripts/setup.sh does), or put $name-$version.tgz in $CACHE"
    log "fetching $name@$version" >&2
    if ! (cd "$CACHE" && npm pack --silent "$name@$version" >/dev/null 2>"$CACHE/npm-pack.log"); then
      tail -n 5 "$CACHE/npm-pack.log" >&2
      die "npm pack $name@$version failed: no network or no registry? (log: $CACHE/npm-pack.log)"
    fi
  fi
  local actual
  actual="$(integrity_of "$file")"
  if [[ "$actual" != "$expected" ]]; then
    rm -f "$file"
    die "$name@$version: integrity $actual does not match the lock's $expected (tarball removed; run again to refetch)"
  fi
  printf '%s' "$file"
}

# extract TARBALL DEST FILE... : copies package/FILE (files or folders) of the tarball into DEST.
extract() {
  local archive="$1" dest="$2" work
  shift 2
  work="$(mktemp -d)"
  tar -xzf "$archive" -C "$work"
  mkdir -p "$dest"
  local item
  for item in "$@"; do
    [[ -e "$work/package/$item" ]] || { rm -rf "$work"; die "$(basename "$archive") has no package/$item"; }
    cp -R "$work/package/$item" "$dest/"
  done
  rm -rf "$work"
}

# vendor LOCK VENDOR: the packages of LOCK, extracted beside the old copy and swapped in at the end
# (a failed run leaves the previous files).
vendor() {
  local lock="$1" dest="$2" stage="$2.new"
  [[ -f "$lock" ]] || die "lock file missing: $lock"
  if [[ -f "$dest/vendor.lock" ]] && cmp -s "$lock" "$dest/vendor.lock"; then
    log "up to date ($(grep -vc '^#' "$lock") packages in ${dest#"$REPO"/})"
    return
  fi
  command -v openssl >/dev/null 2>&1 || die "openssl not found (scripts/setup.sh installs it); it checks the tarballs' sha512"
  rm -rf "$stage"
  trap 'rm -rf "$stage"' EXIT
  local name version integrity archive
  while read -r name version integrity; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    archive="$(tarball "$name" "$version" "$integrity")"
    case "$name" in
      leaflet) extract "$archive" "$stage/leaflet" dist/leaflet.js dist/leaflet.css dist/images LICENSE ;;
      leaflet.markercluster) extract "$archive" "$stage/markercluster" dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css MIT-LICENCE.txt ;;
      chart.js) extract "$archive" "$stage/chart.js" dist/chart.umd.js LICENSE.md ;;
      hls.js) extract "$archive" "$stage/hls.js" dist/hls.min.js LICENSE ;;
      *) die "$(basename "$lock") names $name, which this script does not know how to extract" ;;
    esac
    log "$name@$version verified and extracted"
  done <"$lock"
  cp "$lock" "$stage/vendor.lock"
  rm -rf "$dest"
  mv "$stage" "$dest"
  trap - EXIT
  log "done: ${dest#"$REPO"/}"
}

vendor "$REPO/src/Veil.Sidecar/Web/vendor.lock" "$REPO/src/Veil.Sidecar/Web/wwwroot/vendor"
vendor "$REPO/samples/web/vendor.lock" "$REPO/samples/web/vendor"
