#!/usr/bin/env bash
# Issue 15's abuse and fault cases against the app on loopback, each printed PASS or FAIL, then a summary; exits 1 on
# any FAIL. Bounded: a fixed number of requests per case, curl --max-time on each, and a watchdog (MAX_SECONDS).
# Without BASE_URL it builds (unless SKIP_BUILD=1) and starts the app itself on a throwaway data folder with an admin
# key, synthetic data and Debug logging, and also starts a second app on a truncated database; with BASE_URL (loopback
# only) it probes that app, and ADMIN_KEY must be its key (the process cases are then skipped).
#   scripts/abuse-probe.sh                       PORT (5097), MAX_SECONDS (300), SKIP_BUILD=1
#   BASE_URL=http://127.0.0.1:5000 ADMIN_KEY=... scripts/abuse-probe.sh
# Needs bash, curl, ps, awk, head, grep (Debian 12's own).
set -uo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-5097}
MAX_SECONDS=${MAX_SECONDS:-300}
WORK=$(mktemp -d /tmp/webnet-probe.XXXXXX)
PASSED=0 FAILED=0 APP="" BROKEN=""

( sleep "$MAX_SECONDS"; echo "abuse-probe: over ${MAX_SECONDS}s, giving up" >&2; kill -TERM $$ ) 2>/dev/null &
WATCHDOG=$!
cleanup() {
  kill "$WATCHDOG" 2>/dev/null
  for pid in $APP $BROKEN; do kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); printf 'PASS  %-44s %s\n' "$1" "$2"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %-44s %s\n' "$1" "$2"; }
check() { if [[ "$2" == "$3" ]]; then pass "$1" "$4 ($2)"; else fail "$1" "$4: expected $3, got $2"; fi; }
# status [curl args...]: the HTTP status only (000 when the connection failed)
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$@"; }
rss_mb() { ps -o rss= -p "$1" | awk '{ printf "%d", $1 / 1024 }'; }
wait_for() { # wait_for URL PATTERN SECONDS
  for _ in $(seq 1 $(($3 * 2))); do curl -s --max-time 5 "$1" | grep -q "$2" && return 0; sleep 0.5; done
  return 1
}

if [[ -n "${BASE_URL:-}" ]]; then
  BASE=${BASE_URL%/}
  KEY=${ADMIN_KEY:?set ADMIN_KEY to the app\'s WebNet:AdminKey}
  case "$BASE" in
    http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
    *) echo "abuse-probe: loopback only, not $BASE" >&2; exit 2 ;;
  esac
else
  BASE="http://127.0.0.1:$PORT"
  KEY="probe-key-$RANDOM$RANDOM-not-for-logs"
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    dotnet build src/WebNet.Web -c Release -nologo -clp:ErrorsOnly >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  fi
  # Started from its own folder, as the image does (WORKDIR /app): appsettings.json is read from there.
  DLL=$PWD/src/WebNet.Web/bin/Release/net10.0/WebNet.Web.dll
  mkdir -p "$WORK/data" "$WORK/broken"
  (cd "$(dirname "$DLL")" && exec dotnet "$DLL" --urls "$BASE" --WebNet:DataPath="$WORK/data" --WebNet:AdminKey="$KEY" \
    --WebNet:Training:AutoStart=false --WebNet:Training:SyntheticData=true \
    --Logging:LogLevel:Default=Debug --Logging:LogLevel:Microsoft.AspNetCore=Debug) >"$WORK/app.log" 2>&1 &
  APP=$!
  # A second app on a database cut short after SQLite's header.
  { printf 'SQLite format 3\0\020\0'; head -c 5000 /dev/zero; } >"$WORK/broken/webnet.db"
  (cd "$(dirname "$DLL")" && exec dotnet "$DLL" --urls "http://127.0.0.1:$((PORT + 1))" --WebNet:DataPath="$WORK/broken" \
    --WebNet:Training:SyntheticData=true) >"$WORK/broken.log" 2>&1 &
  BROKEN=$!
fi

wait_for "$BASE/health/live" Healthy 60 || { echo "the app did not answer $BASE/health/live"; cat "$WORK/app.log" 2>/dev/null | tail -20; exit 1; }
echo "probing $BASE (app pid ${APP:-external})"
JSON=(-H 'Content-Type: application/json')
WITH_KEY=(-H "X-Admin-Key: $KEY")

# --- control that a page on another site cannot reach -------------------------------------------------------------
check "bad Host refused (DNS rebinding)" "$(status -H 'Host: evil.example' "$BASE/health")" 400 "Host: evil.example"
check "missing Content-Type refused" "$(status -X POST -H 'Content-Type:' "${WITH_KEY[@]}" -d '{}' "$BASE/api/training/start")" 415 "start without Content-Type"
check "cross-origin form POST refused" "$(status -X POST -H 'Origin: http://evil.example' -H 'Sec-Fetch-Site: cross-site' \
  -H 'Content-Type: application/x-www-form-urlencoded' -d 'x=1' "$BASE/api/training/stop")" 403 "form POST to stop from another site"
check "cross-origin JSON POST with key refused" "$(status -X POST "${JSON[@]}" "${WITH_KEY[@]}" -H 'Origin: http://evil.example' -d '{}' "$BASE/api/training/stop")" 403 "Origin: http://evil.example"
check "control without the key refused" "$(status -X POST "${JSON[@]}" -d '{}' "$BASE/api/training/start")" 401 "no X-Admin-Key"
check "cross-origin hub negotiate refused" "$(status -X POST -H 'Origin: http://evil.example' "$BASE/hubs/training/negotiate?negotiateVersion=1")" 403 "negotiate from another origin"
check "cross-origin WebSocket refused" "$(status -H 'Origin: http://evil.example' -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
  -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$BASE/hubs/training?id=probe")" 403 "WebSocket upgrade from another origin"

# --- budgets and bodies -----------------------------------------------------------------------------------------
check "over-budget start answered 422" "$(status -X POST "${JSON[@]}" "${WITH_KEY[@]}" \
  -d '{"hidden":[4096,4096,4096,4096,4096,4096,4096,4096],"batchSize":60000}' "$BASE/api/training/start")" 422 "8 x 4096 at batch 60000"
head -c $((31 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$WORK/31mb.json"
check "31 MB start body answered 413" "$(status -X POST "${JSON[@]}" "${WITH_KEY[@]}" --data-binary @"$WORK/31mb.json" "$BASE/api/training/start")" 413 "31 MiB of JSON"
code=$(curl -s -o "$WORK/413.json" -w '%{http_code}' --max-time 20 -X PUT "${JSON[@]}" "${WITH_KEY[@]}" -H 'Content-Length: 67108865' --data-binary 'x' "$BASE/api/model")
if [[ "$code" == 413 ]] && grep -q '67108864 bytes' "$WORK/413.json"; then pass "model over 64 MiB answered 413" "declared 67108865 bytes ($code, limit stated)"; else fail "model over 64 MiB answered 413" "got $code: $(head -c 200 "$WORK/413.json")"; fi

if [[ -n "$APP" ]]; then
  # 40 sockets that each declare a 60 MB model (under the 64 MiB limit) and send ten bytes: held, not allocated.
  before=$(rss_mb "$APP")
  fds=()
  for _ in $(seq 1 40); do
    exec {fd}<>"/dev/tcp/127.0.0.1/$PORT" || continue
    printf 'PUT /api/model HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Admin-Key: %s\r\nContent-Length: 60000000\r\n\r\n0123456789' "$KEY" >&"$fd"
    fds+=("$fd")
  done
  sleep 3
  after=$(rss_mb "$APP")
  live=$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 "$BASE/health/live")
  for fd in "${fds[@]}"; do exec {fd}>&-; done
  if (( ${#fds[@]} == 40 && after - before < 150 )); then
    pass "declared-large slow bodies not allocated" "40 x 60 MB declared: RSS ${before} -> ${after} MB, /health/live ${live}s"
  else
    fail "declared-large slow bodies not allocated" "${#fds[@]} sockets: RSS ${before} -> ${after} MB (2.4 GB if allocated)"
  fi
fi

# --- a run with snapshots, then the expensive public endpoints ------------------------------------------------------
check "seed run accepted" "$(status -X POST "${JSON[@]}" "${WITH_KEY[@]}" -d '{"preset":"seed","epochs":100000}' "$BASE/api/training/start")" 202 "seed preset"
RUN=$(curl -s "$BASE/api/training" | grep -o '"runId":[0-9]*' | head -1 | cut -d: -f2)
for _ in $(seq 1 120); do
  [[ $(curl -s "$BASE/api/training/history" | grep -o '"epoch":' | wc -l) -ge 40 ]] && break
  sleep 0.5
done
check "ready once a model exists" "$(status "$BASE/health/ready")" 200 "/health/ready"

before=$(rss_mb "${APP:-$$}")
: >"$WORK/gif.codes"; : >"$WORK/live.times"
seq 1 16 | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 "$BASE/api/runs/$RUN/heatmaps.gif?n={}" >>"$WORK/gif.codes" &
GIFS=$!
while kill -0 "$GIFS" 2>/dev/null; do
  curl -s -o /dev/null -w '%{time_total}\n' --max-time 5 "$BASE/health/live" >>"$WORK/live.times"
  sleep 0.2
done
after=$(rss_mb "${APP:-$$}")
codes=$(sort "$WORK/gif.codes" | uniq -c | awk '{ printf "%s x %s, ", $1, $2 }')
bad=$(grep -cv -E '^(200|503)$' "$WORK/gif.codes")
slowest=$(sort -n "$WORK/live.times" | tail -1)
if (( bad == 0 )) && [[ $(grep -c . "$WORK/gif.codes") == 16 ]] && grep -q '^200$' "$WORK/gif.codes"; then pass "16 parallel GIFs: no 5xx but 503" "${codes%, }"; else fail "16 parallel GIFs: no 5xx but 503" "${codes%, }"; fi
if awk -v s="${slowest:-9}" 'BEGIN { exit !(s < 1) }'; then pass "/health/live under 1 s during GIFs" "slowest ${slowest}s of $(grep -c . "$WORK/live.times")"; else fail "/health/live under 1 s during GIFs" "slowest ${slowest:-none}s"; fi
if [[ -n "$APP" ]]; then
  if (( after - before < 300 )); then pass "RSS growth under 300 MB during GIFs" "${before} -> ${after} MB"; else fail "RSS growth under 300 MB during GIFs" "${before} -> ${after} MB"; fi
fi

: >"$WORK/insight.codes"
seq 1 4 | xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 "$BASE/api/insight/importance" >>"$WORK/insight.codes"
check "4 parallel importance requests" "$(sort -u "$WORK/insight.codes" | tr '\n' ' ' | sed 's/ $//')" 200 "computed once, all answered"

# The key, sent every way a client might, never written to the log (Debug level).
status -X POST "$BASE/hubs/training/negotiate?negotiateVersion=1&access_token=$KEY" >/dev/null
status -X POST -H "Authorization: Bearer $KEY" "$BASE/hubs/training/negotiate?negotiateVersion=1" >/dev/null
status -X POST "${JSON[@]}" "$BASE/api/training/pause?adminKey=$KEY" >/dev/null
if [[ -n "$APP" ]]; then
  if grep -qF "$KEY" "$WORK/app.log"; then fail "admin key absent from the Debug log" "found in $(grep -cF "$KEY" "$WORK/app.log") lines"; else pass "admin key absent from the Debug log" "$(wc -l <"$WORK/app.log") lines, none with the key"; fi
fi

# --- start-up faults, the image's health check, bounded shutdown --------------------------------------------------
if [[ -n "$BROKEN" ]]; then
  B="http://127.0.0.1:$((PORT + 1))"
  wait_for "$B/health/live" Healthy 60
  check "truncated database: live" "$(status "$B/health/live")" 200 "the app still serves"
  check "truncated database: not ready" "$(status "$B/health/ready")" 503 "/health/ready"
  if grep -qF "The run database $WORK/broken/webnet.db cannot be used" "$WORK/broken.log"; then pass "truncated database named at start-up" "the log names $WORK/broken/webnet.db"; else fail "truncated database named at start-up" "$(head -c 300 "$WORK/broken.log")"; fi
fi
PROBE="exec 3<>/dev/tcp/127.0.0.1/${BASE##*:} && printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"
if bash -c "$PROBE"; then pass "docker HEALTHCHECK command" "bash /dev/tcp to /health/ready: 200"; else fail "docker HEALTHCHECK command" "not 200"; fi

if [[ -n "$APP" ]]; then
  start=$(date +%s.%N)
  kill -TERM "$APP"
  for _ in $(seq 1 100); do kill -0 "$APP" 2>/dev/null || break; sleep 0.1; done
  took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  if kill -0 "$APP" 2>/dev/null; then fail "SIGTERM mid-run exits within 5 s" "still running after ${took}s"; else
    wait "$APP"; rc=$?
    if [[ $rc == 0 ]] && awk -v t="$took" 'BEGIN { exit !(t < 5) }'; then pass "SIGTERM mid-run exits within 5 s" "${took}s, exit code $rc"; else fail "SIGTERM mid-run exits within 5 s" "${took}s, exit code $rc"; fi
  fi
  APP=""
fi

echo "abuse-probe: $PASSED passed, $FAILED failed"
(( FAILED == 0 ))
