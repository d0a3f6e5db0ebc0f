#!/usr/bin/env bash
# Runs the whole test suite: setup (install missing packages, Release build), the GPU flavour's
# build (scripts/build-gpu.sh, into out/gpu/: compiled on every run so it cannot rot, and run by
# CudaDeviceTests), then every test project in Stream.sln. Ends with one line "N passed, N failed"
# summed over all projects' TRX files. Exits non-zero when the GPU build failed, when a test
# failed, when no test ran, or when the test run itself failed.
#
#   scripts/test.sh                       all tests
#   scripts/test.sh --filter "FullyQualifiedName~Nginx"   extra arguments go to dotnet test
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

log() { printf 'test: %s\n' "$*"; }

bash "$REPO/scripts/setup.sh"

log "GPU flavour: scripts/build-gpu.sh (-p:VeilGpu=true into out/gpu/, apart from the CPU build the tests run)"
gpu_started=$SECONDS
if ! bash "$REPO/scripts/build-gpu.sh"; then
  log "the GPU flavour does not build: fix it before the tests run (log: out/logs/build-gpu.log)"
  exit 1
fi
log "GPU flavour built in $((SECONDS - gpu_started)) s"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || export PATH="${DOTNET_ROOT:-$HOME/.dotnet}:$PATH"

if [[ "${VEIL_CI:-}" == "1" ]]; then
  # Leave no MSBuild node or compiler server behind the CI job.
  trap 'dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
fi

RESULTS="$REPO/out/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

log "dotnet test Stream.sln -c Release"
test_rc=0
dotnet test Stream.sln -c Release --no-build --nologo \
  --logger "console;verbosity=normal" \
  --logger trx \
  --results-directory "$RESULTS" \
  "$@" || test_rc=$?

# Sum <Counters .../> over every TRX file (one per test project).
read -r total executed passed failed skipped trx_count < <(python3 - "$RESULTS" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
total = executed = passed = failed = skipped = files = 0
for path in glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for counters in root.iter():
        if counters.tag.rsplit("}", 1)[-1] != "Counters":
            continue
        a = lambda k: int(counters.get(k, "0") or 0)
        files += 1
        total += a("total")
        executed += a("executed")
        passed += a("passed")
        # Anything that ran and did not pass counts as a failure.
        failed += a("failed") + a("error") + a("timeout") + a("aborted")
        skipped += a("notExecuted")
print(total, executed, passed, failed, skipped, files)
PY
) || true
: "${total:=0}" "${executed:=0}" "${passed:=0}" "${failed:=0}" "${skipped:=0}" "${trx_count:=0}"

log "${trx_count} test project result file(s) in ${RESULTS#"$REPO"/}; total ${total}, executed ${executed}, skipped ${skipped}"
if [[ "$test_rc" -ne 0 && "$failed" -eq 0 ]]; then
  log "dotnet test exited with code $test_rc (a test host crashed or a project did not run)"
fi
if [[ "$executed" -eq 0 ]]; then
  log "no tests ran"
fi

if [[ "$failed" -ne 0 ]]; then
  # CI keeps only the end of the output: name each failure and its first lines here.
  python3 - "$RESULTS" <<'PY' || true
import glob, os, sys
import xml.etree.ElementTree as ET
for path in glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for result in root.iter():
        if result.tag.rsplit("}", 1)[-1] != "UnitTestResult" or result.get("outcome") == "Passed":
            continue
        if result.get("outcome") == "NotExecuted":
            continue
        message = ""
        for node in result.iter():
            if node.tag.rsplit("}", 1)[-1] == "Message" and node.text:
                message = node.text
                break
        lines = [l.strip() for l in message.strip().splitlines() if l.strip()][:6]
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        for line in lines:
            print(f"    {line[:300]}")
PY
fi

echo "${passed} passed, ${failed} failed"

if [[ "$failed" -ne 0 || "$executed" -eq 0 || "$test_rc" -ne 0 ]]; then
  exit 1
fi
