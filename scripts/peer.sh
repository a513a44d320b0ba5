#!/usr/bin/env bash
# The benchmark peer on 127.0.0.1: one redis-server (no persistence) and two Node processes running the
# canonical Socket.IO chat server of bench/peer with the Redis adapter, on ports 3001 and 3002.
#   scripts/peer.sh start|stop|status
# start installs what is missing: Debian's redis-server (apt-get, when we are root) and bench/peer's
# node_modules (npm ci, from the lock). Pids, logs and Redis's working folder under ${PEER_DIR:-./data/peer}.
# PEER_PORTS="3001 3002" chooses the Node ports (and so how many); PEER_REDIS_PORT the Redis port (by
# default 6379, or the first free port from 16379 when 6379 is taken); PEER_NODE_OPTS passes Node flags.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${PEER_DIR:-$ROOT/data/peer}"
APP="$ROOT/bench/peer"
read -r -a PORTS <<< "${PEER_PORTS:-3001 3002}"

listening() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [[ -f "$DIR/$1.pid" ]] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }
redis_port() { cat "$DIR/redis.port" 2>/dev/null || echo "${PEER_REDIS_PORT:-6379}"; }

install() {
  if ! command -v redis-server > /dev/null; then
    if [[ "$(id -u)" != 0 ]]; then
      echo "redis-server is missing; install Debian's redis-server (apt-get install -y redis-server)" >&2
      exit 1
    fi
    # waits for another apt-get's lock rather than failing at once
    apt-get -o DPkg::Lock::Timeout=600 update
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y redis-server
  fi
  command -v node > /dev/null || { echo "node is missing (Node 18 or later)" >&2; exit 1; }
  if [[ ! -d "$APP/node_modules" ]]; then
    (cd "$APP" && npm ci --no-audit --no-fund)
  fi
}

start_redis() {
  if alive redis; then echo "redis already running on port $(redis_port)"; return; fi
  local port="${PEER_REDIS_PORT:-}"
  if [[ -z "$port" ]]; then
    port=6379
    while listening "$port"; do port=$(( port == 6379 ? 16379 : port + 1 )); done
  elif listening "$port"; then
    echo "port $port is taken; choose another PEER_REDIS_PORT" >&2; exit 1
  fi
  echo "$port" > "$DIR/redis.port"
  redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --save '' --appendonly no \
    --dir "$DIR" --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/logs/redis.log"
  for _ in $(seq 1 50); do
    [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]] && alive redis && {
      echo "started redis on port $port (pid $(cat "$DIR/redis.pid"))"; return; }
    sleep 0.2
  done
  echo "redis did not answer on port $port; see $DIR/logs/redis.log" >&2; exit 1
}

start_node() { # port
  local port=$1 name="node-$1"
  if alive "$name"; then echo "$name already running"; return; fi
  if listening "$port"; then echo "port $port is taken" >&2; exit 1; fi
  REDIS_URL="redis://127.0.0.1:$(redis_port)" nohup node --expose-gc ${PEER_NODE_OPTS:-} "$APP/server.js" "$port" \
    > "$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/$name.pid"
}

wait_node() { # port
  local port=$1 name="node-$1"
  for _ in $(seq 1 100); do
    if curl -sf "http://127.0.0.1:$port/stats" > /dev/null 2>&1; then
      echo "started $name (pid $(cat "$DIR/$name.pid"))"; return
    fi
    alive "$name" || break
    sleep 0.2
  done
  echo "$name did not answer on port $port; see $DIR/logs/$name.log" >&2; exit 1
}

start() {
  install
  mkdir -p "$DIR/logs"
  start_redis
  for port in "${PORTS[@]}"; do start_node "$port"; done
  for port in "${PORTS[@]}"; do wait_node "$port"; done
}

stop_one() { # name
  local name=$1
  if ! alive "$name"; then rm -f "$DIR/$name.pid"; return; fi
  local pid; pid="$(cat "$DIR/$name.pid")"
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; echo "killed $name (pid $pid)"; else echo "stopped $name"; fi
  rm -f "$DIR/$name.pid"
}

stop() {
  local pidfile
  for pidfile in "$DIR"/node-*.pid; do
    [[ -e "$pidfile" ]] && stop_one "$(basename "$pidfile" .pid)"
  done
  stop_one redis
  rm -f "$DIR/redis.port"
}

status() {
  local ok=0 pidfile name
  if alive redis; then echo "redis: running (pid $(cat "$DIR/redis.pid"), port $(redis_port))"
  else echo "redis: stopped"; ok=1; fi
  for port in "${PORTS[@]}"; do
    name="node-$port"
    if alive "$name"; then
      echo "$name: running (pid $(cat "$DIR/$name.pid")) $(curl -sf "http://127.0.0.1:$port/stats" || echo 'not answering')"
    else echo "$name: stopped"; ok=1; fi
  done
  return $ok
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
