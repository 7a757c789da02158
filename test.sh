#!/usr/bin/env bash
# Runs every WebNet test on a fresh machine: installs what the tests need (Chromium for the browser
# tests; PostgreSQL, Redis and nginx from Debian for the tests that start real servers; npm packages and
# the MNIST data come with the build), builds once, runs all test projects and ends with one line
# "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

if [ -x scripts/install-chromium.sh ]; then
  scripts/install-chromium.sh || { echo "error: could not install Chromium for the browser tests" >&2; exit 1; }
fi

if [ -x scripts/install-servers.sh ]; then
  scripts/install-servers.sh || { echo "error: could not install PostgreSQL, Redis and nginx for the server tests" >&2; exit 1; }
fi

echo "== build (Release)"
dotnet build WebNet.sln -c Release -warnaserror -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed (the build failed)"; exit 1; }

log=$(mktemp)
echo "== test"
# One test project at a time (-m:1): the scale-out tests start three app processes, Redis and PostgreSQL, and beside
# them on two cores the browser tests' pages missed Playwright's 90 s load timeout (DashboardTests, four runs of five).
dotnet test WebNet.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The CPU kernels have AVX-512 and AVX2 forms that must agree bit for bit; on a machine with AVX-512 the run above
# took the first, so the CPU backend's tests run again on 256-bit vectors.
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  echo "== test (CPU backend on AVX2: DOTNET_PreferredVectorBitWidth=256)"
  DOTNET_PreferredVectorBitWidth=256 dotnet test tests/WebNet.Core.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~WebNet.Core.Tests.Training" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 74, Skipped: 0, Total: 74 ...").
# -o, not ^: test projects run side by side and one's summary can land mid-line after another's output.
read -r passed failed skipped projects < <(grep -oE '(Passed|Failed)! +- Failed: *[0-9]+, Passed: *[0-9]+, Skipped: *[0-9]+' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3; n++} END {printf "%d %d %d %d\n", p, f, s, n}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # a test host crashed or a project did not run: count it so the line never reads green
fi
echo "$projects test projects"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
