#!/usr/bin/env bash
# The main job on embedded defaults: install what is missing, build, then run Veil.
#
#   scripts/run.sh                         anonymize a real traffic clip (out/first-run/: the clip, anonymized.mp4
#                                          and side-by-side.png), then start `veil serve`, ready for an RTMP
#                                          publisher (Ctrl+C stops)
#   VEIL_SERVE=0 scripts/run.sh            the first run only
#   scripts/run.sh anonymize in.mp4 -o out.mp4 --mask 0,0,200,100   any veil command line
#
# Relative paths in arguments are resolved from the caller's working directory.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf 'run: %s\n' "$*"; }
die() { printf 'run: ERROR: %s\n' "$*" >&2; exit 1; }

bash "$REPO/scripts/setup.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v dotnet >/dev/null 2>&1 || export PATH="${DOTNET_ROOT:-$HOME/.dotnet}:$PATH"

VEIL="$REPO/src/Veil.Server/bin/Release/net10.0/veil"
[[ -x "$VEIL" ]] || die "built binary not found: ${VEIL#"$REPO"/} (did the build succeed?)"

if [[ $# -gt 0 ]]; then
  exec "$VEIL" "$@"
fi

# No arguments: anonymize a real clip (people, plates) and write a still of input | output; see first-run.sh.
OUT="$REPO/out"
bash "$REPO/scripts/first-run.sh" "$VEIL" "$OUT/first-run"
SAMPLE="$(ls "$OUT/first-run/clip.mp4" "$OUT/first-run/pattern.mp4" 2>/dev/null | head -1)"

[[ "${VEIL_SERVE:-1}" == "1" ]] || exit 0

# Then the live server: one stream an RTMP or WHIP publisher (OBS, ffmpeg, a browser) pushes to, recorded
# anonymized to out/live-anonymized.flv. The key comes from VEIL_STREAM_KEY or is made here.
KEY="${VEIL_STREAM_KEY:-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
log "veil serve: publish to rtmp://127.0.0.1:1935/live with stream key $KEY"
log "  e.g. ffmpeg -re -i ${SAMPLE#"$REPO"/} -c:v libx264 -c:a aac -f flv rtmp://127.0.0.1:1935/live/$KEY"
log "  or from a browser (WebRTC): http://127.0.0.1:8080/web/publish.html?stream=live&token=$KEY"
log "  watch it anonymized: http://127.0.0.1:8080/web/watch.html?stream=live"
log "  control API on http://127.0.0.1:8080 (admin token printed below), /metrics, /healthz"
exec "$VEIL" serve --stream "live:$KEY" --to "$OUT/live-anonymized.flv"
