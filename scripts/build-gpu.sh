#!/usr/bin/env bash
# Builds the GPU flavour of `veil` (-p:VeilGpu=true: ONNX Runtime's Linux CUDA package) into
# out/gpu/, beside the CPU build and apart from it: its own bin, obj and restore assets
# (dotnet's artifacts layout), so it neither overwrites nor invalidates the CPU build that the
# tests run with --no-build. CI runs it on every run (scripts/test.sh) so the flavour cannot rot;
# Dockerfile.gpu runs the same script.
#
#   scripts/build-gpu.sh        ->  out/gpu/bin/Veil.Server/release/veil
#
# Building needs no GPU; running with --device cuda needs CUDA 13, cuDNN 9 and the driver.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || export PATH="${DOTNET_ROOT:-$HOME/.dotnet}:$PATH"

extra=()
# In CI, do not leave MSBuild nodes / compiler servers running after the job.
if [[ "${VEIL_CI:-}" == "1" ]]; then extra+=(-nodeReuse:false); fi
mkdir -p out/logs
log="out/logs/build-gpu.log"
# The server project is the GPU flavour's program (the tests and benchmarks stay CPU builds).
if ! dotnet build src/Veil.Server/Veil.Server.csproj -c Release -p:VeilGpu=true --artifacts-path out/gpu \
    -nologo -v quiet -clp:ErrorsOnly "-flp:logfile=$log;verbosity=normal" "${extra[@]}"; then
  printf 'build-gpu: GPU BUILD FAILED (full log: %s)\n' "$log" >&2
  exit 1
fi
