#!/usr/bin/env bash
# Runs everything the project checks: format, build, pending-model-change checks for both providers,
# the SQLite lane, the PostgreSQL lane (on a throwaway server started here) and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
export PF_TEST_ARTIFACTS="$ROOT/artifacts/test-artifacts"
rm -rf "$RESULTS" "$PF_TEST_ARTIFACTS"
mkdir -p "$RESULTS" "$PF_TEST_ARTIFACTS"

step() { printf '\n==> %s\n' "$*"; }
# shellcheck source=scripts/throwaway-postgres.sh
source "$ROOT/scripts/throwaway-postgres.sh"

step "Checking prerequisites (PostgreSQL 15 server binaries, Chromium)"
if ! find_postgres; then
  echo "Installing Debian's postgresql-15 (server binaries for the throwaway test database)…"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  find_postgres || { echo "PostgreSQL 15 could not be installed." >&2; exit 1; }
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

step "Restoring tools and packages"
dotnet tool restore >/dev/null
dotnet restore PersonalFinance.slnx --verbosity quiet

step "Verifying formatting (dotnet format --verify-no-changes)"
dotnet format PersonalFinance.slnx --verify-no-changes --no-restore

step "Building"
dotnet build PersonalFinance.slnx --no-restore --nologo --verbosity quiet

step "Checking for model changes without a migration (SQLite and PostgreSQL)"
for context in SqliteAppDbContext PostgresAppDbContext; do
  dotnet ef migrations has-pending-model-changes --no-build --context "$context" --project src/PersonalFinance.Api >/dev/null \
    || { echo "$context has model changes without a migration." >&2; exit 1; }
  echo "$context: no pending model changes"
done

trap stop_postgres EXIT

TEST_FAILED=0
run_lane() {
  local lane=$1 target=$2; shift 2
  step "Test lane: $lane"
  if ! dotnet test "$target" --no-build --nologo --verbosity quiet \
      --logger "trx;LogFilePrefix=$lane" --results-directory "$RESULTS" "$@" 2>&1 | tee "$RESULTS/$lane.log"; then
    TEST_FAILED=1
  fi
}

PF_TEST_DATABASE=sqlite run_lane sqlite PersonalFinance.slnx

step "Starting a throwaway PostgreSQL 15 ($PG_BIN)"
if start_postgres personalfinance-pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300; then
  echo "PostgreSQL listening on 127.0.0.1:$PG_PORT (data in $PG_DIR, fsync=off)"
  PF_TEST_DATABASE=postgres PF_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" \
    run_lane postgres tests/PersonalFinance.Api.Tests/PersonalFinance.Api.Tests.csproj --filter "Category!=Browser"
else
  echo "PostgreSQL could not start:" >&2
  cat "$PG_DIR"/*.log >&2 2>/dev/null || true
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "WARNING: the PostgreSQL lane was skipped (outside CI only)." >&2
  TEST_FAILED=1
fi

step "Summary"
python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p, f = int(counters.get("passed")), int(counters.get("failed")) + int(counters.get("error")) + int(counters.get("timeout")) + int(counters.get("aborted"))
    s = int(counters.get("notExecuted"))
    print(f"  {path.rsplit('/', 1)[-1]}: {p} passed, {f} failed, {s} skipped")
    passed, failed, skipped = passed + p, failed + f, skipped + s
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY

exit $TEST_FAILED
