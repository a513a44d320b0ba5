#!/usr/bin/env bash
# Runs deploy/nginx.conf, the Compose load balancer's, on this host in front of scripts/local-cluster.sh's two
# gateways, and drives chat through it: what docker-compose.yml's `lb` does, where no Docker engine runs.
#   scripts/nginx-check.sh          (needs nginx on the PATH: apt-get install nginx-light; and built jars)
# The Compose service names become the cluster's ports (gateway-N:8080 its web server, gateway-N:9080 its
# Netty /ws) and nginx listens on 18080; nothing else of the file changes but what an nginx before 1.27.3
# lacks (`resolve`, so `resolver` too). Exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v nginx > /dev/null || { echo "no nginx here: apt-get install nginx-light" >&2; exit 2; }
export CHORUS_CLUSTER_DIR="${CHORUS_CLUSTER_DIR:-$PWD/data/nginx-check}" CHORUS_BROKERS=1 CHORUS_PROCESSORS=1
PREFIX="$CHORUS_CLUSTER_DIR/nginx"
LB=http://127.0.0.1:18080
rm -rf "$CHORUS_CLUSTER_DIR"
mkdir -p "$PREFIX/logs"
chmod 777 "$PREFIX"   # nginx's workers run as nobody and keep their temporary files here

sed -e 's/gateway-1:8080/127.0.0.1:8081/; s/gateway-2:8080/127.0.0.1:8082/' \
    -e 's/gateway-1:9080/127.0.0.1:9081/; s/gateway-2:9080/127.0.0.1:9082/' \
    -e 's/ resolve / /; /^ *resolver /d; s/listen 8080;/listen 18080;/' \
    deploy/nginx.conf > "$PREFIX/nginx.conf"

stop() {
  nginx -p "$PREFIX" -c "$PREFIX/nginx.conf" -s stop 2> /dev/null || true
  scripts/local-cluster.sh stop > /dev/null
}
trap stop EXIT
scripts/local-cluster.sh start > /dev/null
nginx -p "$PREFIX" -c "$PREFIX/nginx.conf"

failed=0
check() { # what, expected, actual
  if [[ "$2" == "$3" ]]; then echo "ok   $1: $3"; else echo "FAIL $1: expected $2, got $3"; failed=1; fi
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

token=$(curl -sf -X POST "$LB/api/dev/token" -H 'Content-Type: application/json' \
  -d '{"userId":"nginx-check","displayName":"Nginx Check"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
upgrade=(-H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13'
  -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' --max-time 2)
check "the page through the load balancer" 200 "$(status "$LB/")"
check "/actuator/ kept inside" 404 "$(status "$LB/actuator/health")"
check "/ws upgraded, the page's own origin" 101 \
  "$(status "${upgrade[@]}" -H "Origin: $LB" "$LB/ws?access_token=$token" || true)"
check "/ws from another origin" 403 \
  "$(status "${upgrade[@]}" -H 'Origin: https://elsewhere.example' "$LB/ws?access_token=$token" || true)"
check "/ws without a token" 401 "$(status "${upgrade[@]}" "$LB/ws" || true)"

# Chat through it: users spread over both gateways by nginx, tokens from the dev endpoint through it too.
out="$CHORUS_CLUSTER_DIR/load.jsonl"
java -jar bench/target/chorus-bench-exec.jar load --target=chorus --label="through nginx" \
  --urls=ws://127.0.0.1:18080/ws --sizes=10 --rates=100 --max-rates=none --warm-up=2 --measure=10 \
  --out="$out" > "$CHORUS_CLUSTER_DIR/load.log" 2>&1 &
load=$!
sleep 8
# while it runs: nginx holds the WebSockets on the gateways' Netty ports, none on their web servers'
count() { ss -Htn state established "( dport = :$1 )" | wc -l; }
netty1=$(count 9081) netty2=$(count 9082) web=$(( $(count 8081) + $(count 8082) ))
wait "$load" || { cat "$CHORUS_CLUSTER_DIR/load.log"; failed=1; }
echo "     during the load, connections to gateway-1's Netty port: $netty1, gateway-2's: $netty2; to the web servers: $web"
check "WebSockets on both gateways' Netty ports" yes \
  "$([[ $netty1 -gt 0 && $netty2 -gt 0 && $web -lt $((netty1 + netty2)) ]] && echo yes || echo no)"
grep "bench: latency" "$CHORUS_CLUSTER_DIR/load.log" || true
check "messages lost or duplicated" '"lost":0,"duplicated":0' \
  "$(grep -o '"lost":[0-9]*,"duplicated":[0-9]*' "$out" | sort -u | tr '\n' ' ' | sed 's/ $//')"
exit $failed
