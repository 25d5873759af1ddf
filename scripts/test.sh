#!/usr/bin/env bash
# The one test command (README and .ci/run): installs the pinned Azurite, then runs every test project.
# Integration tests start their own Azurite on free loopback ports, so a running dev Azurite never collides.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for project in tests/SurveyFunctions.Tests; do
  dotnet test "$project" --nologo 2>&1 | tee -a "$log" || status=1
done

# One closing line across all projects, in the plain form CI reads: "tests: N passed, N failed".
passed=$(awk -F'Passed: *' '/Total:/ { split($2, a, ","); n += a[1] } END { print n + 0 }' "$log")
failed=$(awk -F'Failed: *' '/Total:/ { split($2, a, ","); n += a[1] } END { print n + 0 }' "$log")
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" -eq 0 ]; then status=1; fi
exit $status
