#!/usr/bin/env bash
# The one test command (README and .ci/run): installs the pinned Azurite, then runs every test project.
# Integration tests start their own Azurite on free loopback ports, so a running dev Azurite never collides.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet test tests/SurveyFunctions.Storage.Tests/SurveyFunctions.Storage.Tests.csproj --nologo
dotnet test tests/SurveyFunctions.Tests/SurveyFunctions.Tests.csproj --nologo
