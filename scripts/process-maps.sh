#!/usr/bin/env bash
# Regenerates docs/process-maps from the designs (src/Designs/**/*.bpmn): per design an SVG picture drawn from the
# file's diagram interchange and a Markdown page with its steps, roles, deadlines and rules, plus the index README.md.
#
#   scripts/process-maps.sh           write the files (only those that changed; pages of removed designs are deleted)
#   scripts/process-maps.sh --check   write nothing; exit 1 and list the files when the committed ones differ (CI)
#
# Exit codes: 0 written / up to date, 1 drift (--check), 2 bad arguments or a design that cannot be read.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
exec dotnet run --project src/Designs/Maps -c Release -- src/Designs docs/process-maps "$@"
