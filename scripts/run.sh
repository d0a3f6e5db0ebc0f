#!/usr/bin/env bash
# The main job on embedded defaults: install what is missing, build, then run Veil.
#
#   scripts/run.sh                         anonymize a generated sample clip (out/sample.mp4), then
#                                          start `veil serve`, ready for an RTMP publisher (Ctrl+C stops)
#   VEIL_SERVE=0 scripts/run.sh            the sample only
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

# No arguments: anonymize a synthetic sample clip with a static privacy mask.
OUT="$REPO/out"
SAMPLE="$OUT/sample.mp4"
RESULT="$OUT/sample-anonymized.mp4"
mkdir -p "$OUT"

if [[ ! -s "$SAMPLE" ]]; then
  log "generating sample clip ${SAMPLE#"$REPO"/} (10 s, 1280x720, testsrc2 + sine)"
  tmp="$OUT/.sample.tmp.mp4"
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=10" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 \
    -c:a aac -b:a 128k -shortest -movflags +faststart \
    "$tmp" || { rm -f "$tmp"; die "ffmpeg could not generate the sample clip"; }
  mv -f "$tmp" "$SAMPLE"
else
  log "using existing sample clip ${SAMPLE#"$REPO"/}"
fi

log "veil anonymize ${SAMPLE#"$REPO"/} -o ${RESULT#"$REPO"/} --mask 100,100,320,240"
"$VEIL" anonymize "$SAMPLE" -o "$RESULT" --mask 100,100,320,240
log "output: $RESULT"

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
