#!/usr/bin/env bash
# Compiles and lints infra/ with the pinned Bicep CLI (NuGet package Azure.Bicep.CommandLine.linux-x64, restored by
# tools/BicepCli; nothing is downloaded from anywhere else). Any error or warning fails, including those of the rules
# infra/bicepconfig.json raises. Part of scripts/test.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

project=tools/BicepCli/BicepCli.csproj
version=$(sed -n 's/.*PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$project")
if [ -z "$version" ]; then echo "bicep-check: no pinned Azure.Bicep.CommandLine.linux-x64 version in $project"; exit 1; fi
dotnet restore "$project" --nologo --verbosity quiet || { echo "bicep-check: restoring $project failed"; exit 1; }
packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -x "$bicep" ]; then echo "bicep-check: $bicep is missing or not executable after the restore"; exit 1; fi

diagnostics=$(mktemp)
trap 'rm -f "$diagnostics"' EXIT
status=0
# Build the entry point (compiles every module it uses), then lint each file on its own so every module's own
# diagnostics are reported with its own path.
"$bicep" build infra/main.bicep --stdout >/dev/null 2>>"$diagnostics" || status=1
while IFS= read -r file; do
  "$bicep" lint "$file" >>"$diagnostics" 2>&1 || status=1
done < <(find infra -name '*.bicep' | sort)

# Diagnostics read "path(line,col) : Warning|Error rule-or-code: message"; the same one can come from build and lint.
if grep -E ' : (Warning|Error) ' "$diagnostics" | sort -u; then status=1; fi
if [ "$status" -eq 0 ]; then
  echo "bicep-check: $("$bicep" --version) built and linted $(find infra -name '*.bicep' | wc -l) files: no errors, no warnings"
else
  echo "bicep-check: FAILED (see the diagnostics above)"
fi
exit $status
