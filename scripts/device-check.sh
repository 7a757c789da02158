#!/usr/bin/env bash
# The GPU checks on a lent machine that has an NVIDIA GPU but no .NET SDK, npm or network (the device tool of
# this workplace), from the bundle of scripts/device-bundle.sh carried as .device/: the ILGPU parity suite on
# CUDA, the bench on CUDA and on the CPU backend, a whole seed run on CUDA, and the two load measurements with the
# app pinned to two cores, training on its CPU backend (TRAIN_BACKEND), and the load on the other cores
# (bench/hub-load.sh, scripts/classify-load.sh): the 2-core server of the issues, with clients elsewhere.
# Logs and CSVs go to $OUT (or /tmp/webnet-device). Each step has its own time limit and a failing step does not
# stop the later ones; the exit code says whether any failed.
#   scripts/device-check.sh [steps]      steps: any of tests bench train hub classify (default: all)
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-/tmp/webnet-device}"
mkdir -p "$out"
steps="${1:-tests bench train hub classify}"
backend="${DEVICE_BACKEND:-cuda}"   # ilgpu-cpu rehearses the script on a machine without a GPU
failed=()

if [[ ! -x .device/rt/dotnet/dotnet ]]; then
  [[ -f .device/bundle.tar.xz ]] || { echo "No .device/bundle.tar.xz: run scripts/device-bundle.sh and carry .device." >&2; exit 2; }
  tar -xJf .device/bundle.tar.xz
fi
export DOTNET_ROOT="$PWD/.device/rt/dotnet" DOTNET_ROLL_FORWARD=Major DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PATH="$DOTNET_ROOT:$PWD/.device/rt:$PATH"
cli=src/WebNet.Cli/bin/Release/net10.0/webnet
cores=$(nproc)

step() {
  local name=$1 limit=$2; shift 2
  printf '\n== %s (limit %ss)\n' "$name" "$limit"
  local start=$SECONDS
  timeout --kill-after=10 "$limit" "$@" 2>&1 | tee "$out/$name.log"
  local rc=${PIPESTATUS[0]}
  printf -- '-- %s: exit %s after %ss\n' "$name" "$rc" $((SECONDS - start))
  [[ $rc -eq 0 ]] || failed+=("$name")
}

echo "== machine: $cores cores, $(free -g | awk '/Mem:/ {print $2}') GiB, runtime $(dotnet --list-runtimes | tr '\n' ' ')"
ldconfig -p | grep -E 'libcuda\.so|libOpenCL\.so' | sed 's/^/   /'
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv,noheader 2>&1 | tee "$out/gpu.txt"

if [[ " $steps " == *" tests "* ]]; then
  # -xml keeps each test's output (the parity reports with their largest differences).
  WEBNET_TEST_BACKEND=$backend step gpu-tests 180 dotnet .device/rt/xunit/xunit.console.dll \
    tests/WebNet.Gpu.Tests/bin/Release/net10.0/WebNet.Gpu.Tests.dll -parallel none -xml "$out/gpu-tests.xml"
  # Each test's result and its own lines (device names, the parity reports with their largest differences).
  python3 - "$out/gpu-tests.xml" <<'PY' | tee "$out/gpu-tests.txt"
import sys, xml.etree.ElementTree as ET
for t in ET.parse(sys.argv[1]).iter("test"):
    print(f"{t.get('result'):5} {float(t.get('time')):7.2f}s  {t.get('name')}")
    reason = t.find("reason")
    if reason is not None and reason.text:
        print(f"               skipped: {reason.text.strip()}")
    out = t.find("output")
    if out is not None and out.text:
        for line in out.text.strip().splitlines():
            print(f"               {line}")
PY
fi
if [[ " $steps " == *" bench "* ]]; then
  step "bench-$backend" 90 "$cli" bench --backend "$backend" --epochs 10 --warmup 2
  step bench-opencl 60 "$cli" bench --backend opencl --batches 500 --epochs 3 --warmup 1
  step bench-cpu-2 90 taskset -c 0,1 "$cli" bench --backend cpu --threads 2 --epochs 5 --warmup 1
fi
if [[ " $steps " == *" train "* ]]; then
  step "train-seed-$backend" 150 "$cli" train --backend "$backend" --preset seed --csv "$out/seed-$backend.csv"
fi
if (( cores >= 4 )); then
  load_cpus="2-$((cores - 1))"
  if [[ " $steps " == *" hub "* ]]; then
    APP_CPUS=0,1 LOAD_CPUS=$load_cpus SKIP_BUILD=1 TRAIN_BACKEND=${TRAIN_BACKEND:-cpu} step hub-load 170 bench/hub-load.sh 3 100 15
  fi
  if [[ " $steps " == *" classify "* ]]; then
    APP_CPUS=0,1 LOAD_CPUS=$load_cpus SKIP_BUILD=1 TRAIN_BACKEND=${TRAIN_BACKEND:-cpu} DURATION=15s WARMUP=10s SHAPES="4x250 20x50" \
      step classify-load 130 scripts/classify-load.sh ${CLASSIFY_IMAGE:-}
  fi
fi

printf '\n== summary: failed steps: %s\n' "${failed[*]:-none}"
[[ ${#failed[@]} -eq 0 ]]
