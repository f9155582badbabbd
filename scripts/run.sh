#!/usr/bin/env bash
# Runs the app on SQLite (./data/personalfinance.db) and the built-in GoCardless sandbox, with the dev user seeded.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
URL="${PUBLIC_URL:-http://localhost:8000}"

echo "==> Building"
dotnet build src/PersonalFinance.Api --nologo --verbosity quiet
echo "==> Applying migrations and seeding demo bank data and the dev user (dev / devpassword123)"
dotnet run --no-build --no-launch-profile --project src/PersonalFinance.Api -- migrate
dotnet run --no-build --no-launch-profile --project src/PersonalFinance.Api -- seed-gocardless
dotnet run --no-build --no-launch-profile --project src/PersonalFinance.Api -- seed-dev-user
echo "==> Starting PersonalFinance on $URL (open it in a browser; Ctrl+C stops it)"
exec dotnet run --no-build --no-launch-profile --project src/PersonalFinance.Api --urls "$URL"
