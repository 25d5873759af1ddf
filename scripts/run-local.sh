#!/usr/bin/env bash
# Starts everything locally: Azurite (pinned, in memory, loopback, no telemetry) and the standalone host on
# http://127.0.0.1:7071 (the port `func start` uses), creates a demo tenant and prints the lines to paste
# (ADMIN, KEY, TENANT, KEYID) and a first curl. Ctrl+C stops the host and Azurite.
#
# It refuses to start when one of its ports is taken (naming the port and, where ss/lsof can tell, the process), and
# it prints the "running" banner only once the host it started itself answers /api/health: a process that was
# already on 7071 is never mistaken for ours, and a host that dies or never gets healthy is a clear failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

api_port=7071
base_url="http://127.0.0.1:$api_port"
azurite_ports=(10000 10001 10002) # blob, queue, table: Azurite's defaults, which UseDevelopmentStorage=true means
startup_seconds=${RUN_LOCAL_STARTUP_SECONDS:-90} # how long Azurite, then the host, may take to come up

say() { printf '%s\n' "$*" >&2; }
fail() { say "run-local: $*"; exit 1; }

# The pid listening on a TCP port, or nothing when the port is free or no tool can tell (ss/lsof only see other
# users' processes as root).
listening_pid() {
  local pid=""
  if command -v ss >/dev/null 2>&1; then
    pid=$(ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
  fi
  if [ -z "$pid" ] && command -v lsof >/dev/null 2>&1; then
    pid=$(lsof -nP -t -iTCP:"$1" -sTCP:LISTEN 2>/dev/null | head -n 1)
  fi
  printf '%s' "$pid"
}

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$1" -sTCP:LISTEN >/dev/null 2>&1
  else
    # No tool to list sockets: a connection that succeeds means someone listens (covers loopback, where we bind).
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

describe_owner() {
  local pid command
  pid=$(listening_pid "$1")
  if [ -n "$pid" ]; then
    command=$(ps -o args= -p "$pid" 2>/dev/null || true)
    [ "${#command}" -le 120 ] || command="${command:0:117}..."
    printf 'by pid %s: %s' "$pid" "$command"
  else
    printf 'by a process this user cannot see (try: sudo ss -ltnp "sport = :%s")' "$1"
  fi
}

# Every taken port is named, not just the first, so one run tells the whole story.
check_ports_free() {
  local port taken=0
  for port in "${azurite_ports[@]}" "$api_port"; do
    if port_in_use "$port"; then
      say "run-local: port $port is already in use $(describe_owner "$port")"
      taken=1
    fi
  done
  if [ "$taken" -ne 0 ]; then
    say "run-local: it needs 10000-10002 (Azurite) and $api_port (the API) free on 127.0.0.1."
    say "  Another run-local.sh? Press Ctrl+C in its terminal. Another Azurite or 'func start'? Stop it first."
    exit 1
  fi
}

command -v dotnet >/dev/null 2>&1 || fail "needs the .NET 10 SDK (dotnet) on PATH: https://dot.net/download"
command -v node >/dev/null 2>&1 || fail "needs Node.js 20 or later (node and npm) on PATH, for Azurite."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "needs Node.js 20 or later for Azurite; this is $(node --version)."
check_ports_free
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# One settings file for both hosts: a local.settings.json made from the sample, with fresh local-only keys.
settings="$root/local.settings.json"
if [ ! -f "$settings" ]; then
  admin=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  signing=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
  sed -e "s|\"SurveyFunctions__AdminKey\": \"[^\"]*\"|\"SurveyFunctions__AdminKey\": \"$admin\"|" \
      -e "s|\"SurveyFunctions__SigningKeys\": \"[^\"]*\"|\"SurveyFunctions__SigningKeys\": \"local=$signing\"|" \
      local.settings.sample.json > "$settings"
  say "Created local.settings.json with fresh local keys (git-ignored)."
else
  # An older file may lack settings added since (func start will not index a timer whose schedule setting is missing).
  missing=$(node -e 'const f = p => JSON.parse(require("fs").readFileSync(p, "utf8")).Values || {};
    const have = f(process.argv[2]); console.log(Object.keys(f(process.argv[1])).filter(k => !(k in have)).join(" "));' \
    "$root/local.settings.sample.json" "$settings")
  [ -z "$missing" ] || say "local.settings.json lacks settings that local.settings.sample.json has: $missing. Copy them over (func start needs them)."
fi
admin_key=$(sed -n 's/.*"SurveyFunctions__AdminKey": "\([^"]*\)".*/\1/p' "$settings")
[ -n "$admin_key" ] || fail "SurveyFunctions__AdminKey is empty in local.settings.json, so the admin endpoints are off; delete the file and run again for fresh keys."

say "Building the host..."
dotnet build src/SurveyFunctions.Host -c Release --nologo -v quiet -clp:ErrorsOnly || fail "the build failed (errors above)."
host_dll=$(dotnet msbuild src/SurveyFunctions.Host -nologo -p:Configuration=Release -getProperty:TargetPath)
[ -f "$host_dll" ] || fail "the build did not produce $host_dll."
check_ports_free # again: the build takes a while, and something may have started meanwhile

azurite_pid=""
host_pid=""
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
# shellcheck disable=SC2317 # called from the traps below
stop_all() {
  trap - EXIT INT TERM
  # Background jobs of a script ignore SIGINT, so Ctrl+C reaches them as a TERM from here; then wait until they are gone
  # so the ports are free when this script returns.
  local pid
  for pid in "$host_pid" "$azurite_pid"; do alive "$pid" && { kill -TERM "$pid" 2>/dev/null || true; }; done
  for _ in $(seq 1 50); do
    alive "$host_pid" || alive "$azurite_pid" || break
    sleep 0.2
  done
  for pid in "$host_pid" "$azurite_pid"; do alive "$pid" && { kill -KILL "$pid" 2>/dev/null || true; }; done
  wait 2>/dev/null || true
}
# shellcheck disable=SC2317
on_exit() { local status=$?; stop_all; exit "$status"; }
trap on_exit EXIT
trap 'say ""; say "Stopping the API and Azurite..."; stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

# In memory (nothing on disk): Azurite does not allow --location together with --inMemoryPersistence.
# --skipApiVersionCheck: the Azure SDK sends a newer storage API version than Azurite 3.37 knows and would be refused.
node_modules/.bin/azurite --silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
azurite_pid=$!

# Ours only when the listener on the port is the process we started (when ss/lsof can tell; the port check above
# already ruled out anyone else being there before we started).
owns_port() {
  local pid
  pid=$(listening_pid "$2")
  if [ -n "$pid" ]; then [ "$pid" = "$1" ]; else port_in_use "$2"; fi
}

# Deadlines in wall-clock seconds (bash's $SECONDS): a slow health probe must not stretch the wait.
deadline=$((SECONDS + startup_seconds))
while :; do
  alive "$azurite_pid" || fail "Azurite exited while starting (its output is above)."
  ready=1
  for port in "${azurite_ports[@]}"; do owns_port "$azurite_pid" "$port" || ready=0; done
  [ "$ready" -eq 1 ] && break
  [ "$SECONDS" -lt "$deadline" ] || fail "Azurite did not listen on ${azurite_ports[*]} within ${startup_seconds}s."
  sleep 1
done

# The built host directly (not `dotnet run`), so $host_pid is the process that listens and can be checked.
(cd "$(dirname "$host_dll")" &&
  SURVEYFUNCTIONS_LOCAL_SETTINGS="$settings" exec dotnet "$host_dll" --urls "$base_url") &
host_pid=$!

# Sets $code to a finished child's exit status (must run in this shell, not in a $(...) subshell).
reap() { code=0; wait "$1" 2>/dev/null || code=$?; }
health="none (nothing answered on $api_port yet)"
deadline=$((SECONDS + startup_seconds))
while :; do
  if ! alive "$host_pid"; then
    reap "$host_pid"
    fail "the API host exited with code $code before it became healthy (its output is above)."
  fi
  alive "$azurite_pid" || fail "Azurite exited while the API host was starting (its output is above)."
  if owns_port "$host_pid" "$api_port"; then
    reply=$(curl -sS --noproxy "*" --max-time 10 -w '\n%{http_code}' "$base_url/api/health" 2>&1) || true
    health=${reply%$'\n'*}
    [ "${reply##*$'\n'}" = "200" ] && break
  fi
  [ "$SECONDS" -lt "$deadline" ] || fail "the API host did not become healthy within ${startup_seconds}s. Last /api/health: $health"
  sleep 1
done

tenant=$(curl -sS --noproxy "*" --max-time 30 -X POST "$base_url/api/admin/tenants" -H "X-Admin-Key: $admin_key" \
  -H 'Content-Type: application/json' -d '{"name":"Demo","plan":"enterprise"}' -w '\n%{http_code}') ||
  fail "could not reach the API to create the demo tenant."
[ "${tenant##*$'\n'}" = "201" ] || fail "creating the demo tenant failed: HTTP ${tenant##*$'\n'} ${tenant%$'\n'*}"
field() { printf '%s' "$tenant" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
tenant_id=$(field tenant_id)
key=$(field api_key)
key_id=$(field key_id)

cat <<MSG

SurveyFunctions is running on $base_url: host pid $host_pid, Azurite pid $azurite_pid (in memory: data is gone
when it stops). Ctrl+C stops both. Health: $health

Paste into another terminal (the demo tenant's API key is shown only here):
export ADMIN='$admin_key'
export KEY='$key'
export TENANT='$tenant_id'
export KEYID='$key_id'

Then create a poll:
curl -s -X POST $base_url/api/polls -H "X-API-Key: \$KEY" -H 'Content-Type: application/json' \\
  -d '{"title":"Tabs or spaces?","options":[{"id":"tabs","label":"Tabs"},{"id":"spaces","label":"Spaces"}]}'

More in README.md (Polls); every route and body: curl -s $base_url/openapi.json
MSG

# Runs until Ctrl+C, or until the host or Azurite stops on its own (then the other one is stopped too). A polling loop,
# not `wait -n PID...`, which needs bash 5.1 (macOS ships 3.2).
while alive "$host_pid" && alive "$azurite_pid"; do sleep 1; done
if ! alive "$host_pid"; then
  reap "$host_pid"
  fail "the API host stopped unexpectedly (exit code $code); stopping Azurite."
fi
reap "$azurite_pid"
fail "Azurite stopped unexpectedly (exit code $code); stopping the API host."
