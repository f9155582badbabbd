#!/usr/bin/env bash
# Runs every benchmark and rewrites docs/benchmarks.md: builds Release, starts a throwaway PostgreSQL 15 on loopback
# (like scripts/test.sh), then the HTTP items (P1, P2, P8, P10, start-up) against bench hosts on free loopback ports,
# the soak, the sync items (P6, P7: the app's SyncConnectionJob on its own Hangfire server against the sandbox in a
# child process), the job-queue item (P9: Hangfire no-op jobs against a SKIP LOCKED table and a Channel<T>), and the
# BenchmarkDotNet items (P3, P4, P5: P4/P5 run the app's AccountSyncWriter), all with server GC after warm-up.
# Not part of the test command. A full run takes about 12-14 minutes on 2 cores.
#
# Knobs (environment): BENCH_SLICE (s, default 10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (16), BENCH_SOAK_SECONDS (90),
# BENCH_SOAK_USERS (20), BENCH_ROWS (rows for P4/P5, 100000), BENCH_SYNC_ACCOUNTS (P6, 200), BENCH_LATENCY_ACCOUNTS
# (P7, 40), BENCH_ONLY (e.g. "P1,P2" or "P6,P7,P9"; runs only those and the report).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK="$ROOT/artifacts/bench"
RESULTS="$WORK/results"
rm -rf "$WORK"
mkdir -p "$RESULTS"
SLICE=${BENCH_SLICE:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-90}
SOAK_USERS=${BENCH_SOAK_USERS:-20}
ROWS=${BENCH_ROWS:-100000}
SYNC_ACCOUNTS=${BENCH_SYNC_ACCOUNTS:-200}
LATENCY_ACCOUNTS=${BENCH_LATENCY_ACCOUNTS:-40}
ONLY=${BENCH_ONLY:-}
START=$(date +%s)

step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - START ))"; }
wanted() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$ROOT/scripts/throwaway-postgres.sh"

step "Building Release"
dotnet build bench/PersonalFinance.Bench/PersonalFinance.Bench.csproj -c Release --nologo --verbosity quiet
BENCH="$ROOT/bench/PersonalFinance.Bench/bin/Release/net10.0/PersonalFinance.Bench.dll"
API="$ROOT/src/PersonalFinance.Api/bin/Release/net10.0/PersonalFinance.Api.dll"

PG_URL=""
trap stop_postgres EXIT

step "Starting a throwaway PostgreSQL"
if ! find_postgres; then
  echo "Installing Debian's postgresql-15 (server binaries only)…"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null || true
  find_postgres || true
fi
if [ -n "$PG_BIN" ]; then
  # Unlike the test server, this one keeps fsync on: benchmarks measure what production would pay.
  if start_postgres personalfinance-bench-pg -c max_connections=200 -c shared_buffers=256MB; then
    PG_URL="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
  else
    echo "WARNING: PostgreSQL did not start; PostgreSQL items are skipped." >&2
    cat "$PG_DIR"/*.log >&2 || true
  fi
else
  echo "WARNING: no PostgreSQL server binaries; PostgreSQL items are skipped." >&2
fi
PG_ARGS=()
[ -n "$PG_URL" ] && PG_ARGS=(--postgres "$PG_URL")

HTTP_ITEMS=$(for i in P1 P2 P8 P10 startup; do wanted "$i" && printf '%s,' "$i"; done; true)
if [ -n "$HTTP_ITEMS" ]; then
  step "HTTP items (${HTTP_ITEMS%,}): ${ROUNDS} rounds × ${SLICE}s slices, ${CONNECTIONS} connections"
  dotnet "$BENCH" http --work "$WORK/http" --out "$RESULTS/http.json" --only "${HTTP_ITEMS%,}" \
    --slice "$SLICE" --rounds "$ROUNDS" --connections "$CONNECTIONS" --api-dll "$API"
fi

if wanted soak; then
  step "Soak: ${SOAK_USERS} users for ${SOAK_SECONDS}s"
  dotnet "$BENCH" soak --work "$WORK/soak" --out "$RESULTS/soak.json" --users "$SOAK_USERS" --duration "$SOAK_SECONDS" || echo "WARNING: the soak reported errors." >&2
fi

SYNC_ITEMS=$(for i in P6 P7; do wanted "$i" && printf '%s,' "$i"; done; true)
if [ -n "$SYNC_ITEMS" ]; then
  step "Sync items (${SYNC_ITEMS%,}): ${SYNC_ACCOUNTS} accounts without latency, ${LATENCY_ACCOUNTS} with 500 ms per call"
  dotnet "$BENCH" sync --work "$WORK/sync" --out "$RESULTS/sync.json" --only "${SYNC_ITEMS%,}" \
    --accounts "$SYNC_ACCOUNTS" --latency-accounts "$LATENCY_ACCOUNTS" --rounds "$ROUNDS"
fi

if wanted P9; then
  step "Job queue item (P9): Hangfire against a SKIP LOCKED table and a Channel<T>"
  dotnet "$BENCH" jobs --work "$WORK/jobs" --out "$RESULTS/jobs.json" --rounds "$ROUNDS" "${PG_ARGS[@]}"
fi

MICRO_ITEMS=$(for i in P3 P4 P5; do wanted "$i" && printf '%s,' "$i"; done; true)
if [ -n "$MICRO_ITEMS" ]; then
  step "BenchmarkDotNet items (${MICRO_ITEMS%,}), ${ROWS} rows for upserts"
  dotnet "$BENCH" micro --work "$WORK/micro" --out "$RESULTS/micro.json" --only "${MICRO_ITEMS%,}" --rows "$ROWS" "${PG_ARGS[@]}"
fi

step "Writing docs/benchmarks.md"
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  DISK_DEV=$(df --output=source "$ROOT" | tail -1)
  echo "disk=$(df -h --output=fstype,size "$ROOT" | tail -1 | awk '{print $1", "$2}') on ${DISK_DEV}$(lsblk -dno MODEL,ROTA 2>/dev/null | head -1 | awk '{ if ($NF==0) print ", SSD"; else if ($NF==1) print ", rotational" }')"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  if [ -n "$PG_URL" ]; then echo "postgres=$("$PG_BIN/postgres" --version | awk '{print $3}') (throwaway server on loopback, fsync on)"; else echo "postgres=not available in this run"; fi
  echo "load=load average at the start of the report $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; total run $(( $(date +%s) - START )) s"
} > "$WORK/env.txt"
dotnet "$BENCH" report --results "$RESULTS" --env "$WORK/env.txt" --out "$ROOT/docs/benchmarks.md"
step "Done"
