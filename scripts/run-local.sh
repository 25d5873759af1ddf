#!/usr/bin/env bash
# Starts everything locally: Azurite (pinned, in memory, loopback, no telemetry), the standalone host on
# http://127.0.0.1:7071 (the port `func start` uses), then creates a demo tenant and prints its key and a first curl.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [ ! -x node_modules/.bin/azurite ]; then npm ci --no-audit --no-fund --loglevel=error; fi

# One settings file for both hosts: a local.settings.json made from the sample, with fresh local-only keys.
settings="$root/local.settings.json"
if [ ! -f "$settings" ]; then
  admin=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  signing=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
  sed -e "s|\"SurveyFunctions__AdminKey\": \"[^\"]*\"|\"SurveyFunctions__AdminKey\": \"$admin\"|" \
      -e "s|\"SurveyFunctions__SigningKeys\": \"[^\"]*\"|\"SurveyFunctions__SigningKeys\": \"local=$signing\"|" \
      local.settings.sample.json > "$settings"
  echo "Created local.settings.json with fresh local keys (git-ignored)."
fi
admin_key=$(sed -n 's/.*"SurveyFunctions__AdminKey": "\([^"]*\)".*/\1/p' "$settings")

# In memory (nothing on disk): Azurite does not allow --location together with --inMemoryPersistence.
node_modules/.bin/azurite --silent --disableTelemetry --inMemoryPersistence \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
azurite_pid=$!
trap 'kill $azurite_pid 2>/dev/null; kill $host_pid 2>/dev/null' EXIT

SURVEYFUNCTIONS_LOCAL_SETTINGS="$settings" dotnet run --project src/SurveyFunctions.Host -c Release &
host_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS http://127.0.0.1:7071/api/health >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS http://127.0.0.1:7071/api/health; echo

tenant=$(curl -fsS -X POST http://127.0.0.1:7071/api/admin/tenants -H "X-Admin-Key: $admin_key" \
  -H 'Content-Type: application/json' -d '{"name":"Demo","plan":"enterprise"}')
key=$(echo "$tenant" | sed -n 's/.*"api_key":"\([^"]*\)".*/\1/p')
cat <<MSG

SurveyFunctions is running on http://127.0.0.1:7071 (Ctrl+C stops it and Azurite).
Demo tenant API key: $key

Try:
  curl -s -X POST http://127.0.0.1:7071/api/polls -H "X-API-Key: $key" -H 'Content-Type: application/json' \\
    -d '{"title":"Tabs or spaces?","options":[{"id":"tabs","label":"Tabs"},{"id":"spaces","label":"Spaces"}]}'
MSG
wait $host_pid
