#!/usr/bin/env bash
# The first run: anonymize a real clip with people and licence plates and write a still of input | output.
#
#   scripts/first-run.sh VEIL OUT_DIR     (scripts/run.sh calls it with the built veil and out/first-run)
#
# The clip is the first of these that is there:
#   1. OUT_DIR/clip.mp4, from an earlier run (its sha256 checked again)
#   2. the pinned upstream file, fetched with curl and kept only if its sha256 matches
#   3. the same file in ../shared/data/videos (a checkout's data folder), sha256 checked too
#   4. a generated test pattern, which has no face or plate: a static mask shows the redaction instead
#
# VEIL_FIRST_RUN_URL replaces the upstream URL and VEIL_SHARED the ../shared folder (the tests point them elsewhere).
# Everything is written under a temporary name and renamed when whole; nothing outside OUT_DIR is written.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VEIL="${1:?usage: first-run.sh VEIL OUT_DIR}"
OUT="${2:?usage: first-run.sh VEIL OUT_DIR}"

# Fixed traffic CCTV, 1280x720, 25 fps, 13.8 s: legible front plates, drivers behind windscreens, pedestrians.
# The repository has no licence file: Veil fetches it from its origin for a local demo and never redistributes it.
CLIP_URL="${VEIL_FIRST_RUN_URL:-https://raw.githubusercontent.com/pran786/Yolo-licenseplate-Object-detection-with-Django-authentication-login/75d89d0b9e3f6e8d98208e6475848b53ec468917/license_plate.mp4}"
CLIP_SHA256="b1b667e957018debc0886e90e42ace883b929da2e141d9a9c101ebc2740f3895"
SHARED="${VEIL_SHARED:-$REPO/../shared}"
SHARED_CLIP="$SHARED/data/videos/pran786_Yolo-licenseplate/license_plate.mp4"
STILL_AT=4.0 # seconds: a car's plate is legible in the middle of the picture

log() { printf 'first run: %s\n' "$*"; }
die() { printf 'first run: ERROR: %s\n' "$*" >&2; exit 1; }
verified() { [[ -s "$1" ]] && [[ "$(sha256sum "$1" | cut -d' ' -f1)" == "$CLIP_SHA256" ]]; }

mkdir -p "$OUT"
CLIP="$OUT/clip.mp4"
RESULT="$OUT/anonymized.mp4"
STILL="$OUT/side-by-side.png"
tmp="$OUT/.download.tmp"
trap 'rm -f "$tmp"' EXIT

if verified "$CLIP"; then
  log "using the clip verified on an earlier run: $CLIP"
else
  rm -f "$CLIP"
  log "fetching the sample clip from $CLIP_URL"
  if curl -fsSL --connect-timeout 10 --max-time 300 --retry 2 -o "$tmp" "$CLIP_URL" 2>"$tmp.err"; then
    if verified "$tmp"; then mv -f "$tmp" "$CLIP"
    else log "the download's sha256 $(sha256sum "$tmp" | cut -d' ' -f1) is not the pinned $CLIP_SHA256: not used"; fi
  else
    log "could not fetch it: $(tr '\n' ' ' <"$tmp.err")"
  fi
  rm -f "$tmp.err"
  if [[ ! -s "$CLIP" ]]; then
    if verified "$SHARED_CLIP"; then
      log "using the same clip from $SHARED_CLIP"
      cp "$SHARED_CLIP" "$tmp" && mv -f "$tmp" "$CLIP"
    elif [[ -e "$SHARED_CLIP" ]]; then
      log "$SHARED_CLIP is not the pinned file (sha256 differs): not used"
    fi
  fi
fi

MASK=()
if [[ ! -s "$CLIP" ]]; then
  CLIP="$OUT/pattern.mp4"
  STILL_AT=5.0
  MASK=(--mask 100,100,320,240)
  log "no real clip: generating a test pattern with a static mask instead ($CLIP)"
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=10" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 60 -c:a aac -b:a 128k -shortest -f mp4 "$tmp" \
    || die "ffmpeg could not generate the test pattern"
  mv -f "$tmp" "$CLIP"
fi

log "veil anonymize $CLIP -o $RESULT ${MASK[*]}"
"$VEIL" anonymize "$CLIP" -o "$RESULT" "${MASK[@]}"

# The same instant of input and output, side by side, to look at.
ffmpeg -nostdin -hide_banner -loglevel error -y -ss "$STILL_AT" -i "$CLIP" -ss "$STILL_AT" -i "$RESULT" \
  -filter_complex "[0:v][1:v]hstack=inputs=2" -frames:v 1 -f image2 -c:v png "$tmp" \
  || die "ffmpeg could not write the side-by-side still"
mv -f "$tmp" "$STILL"

log "input:        $CLIP"
log "anonymized:   $RESULT"
log "still at ${STILL_AT} s (input | output): $STILL"
