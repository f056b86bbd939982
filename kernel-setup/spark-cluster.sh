#!/usr/bin/env bash
# A Spark standalone cluster on this machine, on loopback only (127.0.0.1), from the Maven jars that
# `kernel-setup/install.sh --spark` put into build/kernel/spark: one master and N workers, each worker with
# WORKER_CORES cores (default 1) and WORKER_MEMORY (default 3g). Every process it starts is recorded in
# build/spark-cluster/pids and ended by `stop`, the executors the workers launched included.
#
#   kernel-setup/spark-cluster.sh start [N]   # N workers, default 2; prints the master URL
#   kernel-setup/spark-cluster.sh stop
#   kernel-setup/spark-cluster.sh status
#
# Then, e.g.:  SPARK_LOCAL_IP=127.0.0.1 COLLAPSELAB_SPARK=spark://127.0.0.1:7077 \
#              /usr/bin/python3 kernel-setup/run-notebooks.py notebooks/06-scaling.ipynb
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST=127.0.0.1                                   # never another address
PORT="${SPARK_MASTER_PORT:-7077}"
UI_PORT="${SPARK_MASTER_WEBUI_PORT:-8080}"       # workers: UI_PORT+1, +2, ...
CORES="${WORKER_CORES:-1}"
MEMORY="${WORKER_MEMORY:-3g}"
DIR="$REPO/build/spark-cluster"
LIB="$REPO/build/kernel/lib" SPARK_JARS="$REPO/build/kernel/spark"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { printf 'spark-cluster.sh: %s\n' "$*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# waits up to 60 s for a line in a log file
await() {
  local log="$1" pattern="$2"
  for _ in $(seq 120); do
    grep -q "$pattern" "$log" 2>/dev/null && return 0
    sleep 0.5
  done
  die "no '$pattern' in $log after 60 s; see that log"
}

start() {
  local n="${1:-2}"
  [ -d "$SPARK_JARS" ] || die "no $SPARK_JARS: run kernel-setup/install.sh --spark first"
  alive "$DIR/pids/master.pid" && die "a master is already running (pid $(cat "$DIR/pids/master.pid")); stop it first"
  rm -rf "$DIR"
  mkdir -p "$DIR/pids" "$DIR/logs" "$DIR/work" "$DIR/home"
  # a worker launches executors with SPARK_HOME/jars on their class path; the toolkit comes from the driver's
  # spark.executor.extraClassPath (build/kernel/lib)
  ln -s "$SPARK_JARS" "$DIR/home/jars"
  export SPARK_HOME="$DIR/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP="$HOST" SPARK_LOG_DIR="$DIR/logs"
  local cp="$SPARK_JARS/*:$LIB/*"
  "$JAVA" @"$REPO/kernel-setup/spark-driver.jvmargs" -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master \
    --host "$HOST" --port "$PORT" --webui-port "$UI_PORT" > "$DIR/logs/master.log" 2>&1 &
  echo $! > "$DIR/pids/master.pid"
  await "$DIR/logs/master.log" "I have been elected leader"
  for i in $(seq "$n"); do
    "$JAVA" @"$REPO/kernel-setup/spark-driver.jvmargs" -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker \
      --host "$HOST" --cores "$CORES" --memory "$MEMORY" --webui-port $((UI_PORT + i)) --work-dir "$DIR/work/worker-$i" \
      "spark://$HOST:$PORT" > "$DIR/logs/worker-$i.log" 2>&1 &
    echo $! > "$DIR/pids/worker-$i.pid"
  done
  for i in $(seq "$n"); do await "$DIR/logs/worker-$i.log" "Successfully registered with master"; done
  echo "master spark://$HOST:$PORT with $n worker(s) of $CORES core(s) and $MEMORY each (logs: $DIR/logs)"
}

stop() {
  [ -d "$DIR/pids" ] || { echo "no cluster started from $DIR"; return 0; }
  local pids=() f
  # workers first, with the executors they launched (their children), then the master
  for f in "$DIR"/pids/worker-*.pid "$DIR/pids/master.pid"; do
    [ -f "$f" ] || continue
    if alive "$f"; then
      local p; p="$(cat "$f")"
      pids+=("$p")
      while read -r c; do [ -n "$c" ] && pids+=("$c"); done < <(pgrep -P "$p" || true)
    fi
  done
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 40); do
    local left=()
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
    [ ${#left[@]} = 0 ] && break
    sleep 0.5
  done
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null; done
  rm -f "$DIR"/pids/*.pid
  echo "stopped ${#pids[@]} process(es): ${pids[*]:-none}"
}

status() {
  local f
  for f in "$DIR"/pids/*.pid; do
    [ -f "$f" ] || { echo "not running"; return 0; }
    if alive "$f"; then echo "$(basename "$f" .pid): pid $(cat "$f") running"; else echo "$(basename "$f" .pid): not running"; fi
  done
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
