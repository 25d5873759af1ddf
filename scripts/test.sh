#!/usr/bin/env bash
# The one test command (README and .ci/run): installs the pinned Azurite (and chromium for the browser tests when
# missing), publishes the Functions app, compiles and lints the Bicep, then runs every test project.
# Integration tests start their own Azurite on free loopback ports, so a running dev Azurite never collides.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# ---- Step: the Functions app, the artifact that is deployed. Published exactly as azd deploy ships it; the test
# project below also builds it and checks its functions.metadata against the route and job tables. A failed build or
# publish fails the run.
# Publish compiles ReadyToRun for linux-x64 (the csproj says why), hence the runtime folder in the path. ----
publish_dir=src/SurveyFunctions.Functions/bin/Release/net10.0/linux-x64/publish
if dotnet publish src/SurveyFunctions.Functions -c Release --nologo --verbosity quiet; then
  if [ ! -f "$publish_dir/functions.metadata" ]; then echo "functions: no functions.metadata in $publish_dir"; status=1; fi
  if [ -e "$publish_dir/local.settings.json" ]; then echo "functions: local.settings.json (local keys) was published"; status=1; fi
else
  echo "functions: dotnet publish src/SurveyFunctions.Functions failed"; status=1
fi

# ---- Step: the benchmark builds (it is not run here: its numbers need a quiet machine, see bench/README.md), so a
# change to the core or to the code style rules cannot leave it broken. ----
dotnet build bench/SurveyFunctions.Bench --nologo --verbosity quiet || { echo "bench: dotnet build bench/SurveyFunctions.Bench failed"; status=1; }

# ---- Step: Bicep, so the infrastructure that deploys the app is checked with it. infra/ compiled and linted with the
# pinned CLI from NuGet; any warning fails. ----
bash scripts/bicep-check.sh || status=1

# ---- Step: the browser for the embed and page tests (tests/SurveyFunctions.BrowserTests): Debian's chromium, which
# Playwright drives at /usr/bin/chromium. Playwright never downloads a browser of its own. CI runs as root; elsewhere
# install chromium once yourself. ----
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get update && apt-get install -y chromium) >/dev/null || { echo "browser: apt-get install chromium failed"; status=1; }
  else
    echo "browser: chromium is missing; run: sudo apt-get install -y chromium"; status=1
  fi
fi

# SurveyFunctions.BrowserTests: the poll embed in headless chromium, from a page on another origin (about 30 s).
for project in tests/SurveyFunctions.Tests tests/SurveyFunctions.BrowserTests; do
  dotnet test "$project" --nologo 2>&1 | tee -a "$log" || status=1
done

# One closing line across all projects, in the plain form CI reads: "tests: N passed, N failed".
passed=$(awk -F'Passed: *' '/Total:/ { split($2, a, ","); n += a[1] } END { print n + 0 }' "$log")
failed=$(awk -F'Failed: *' '/Total:/ { split($2, a, ","); n += a[1] } END { print n + 0 }' "$log")
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" -eq 0 ]; then status=1; fi
exit $status
