#!/usr/bin/env bash
# The test command: installs what the tests need, checks formatting and the compose file, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

"$(dirname "$0")/install-test-deps.sh"

echo "== dotnet format (verify)"
dotnet format CertPlatform.sln --verify-no-changes --verbosity quiet

echo "== docker-compose.test.yml (config)"
if docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.test.yml config -q
else
  docker-compose -f docker-compose.test.yml config -q
fi

echo "== packages (scripts/package.sh, once per run; the package tests read them)"
# Every platform's package from this machine, then the next patch version's update zip alone: the end-to-end
# update test installs this version and updates it to that one.
"$(dirname "$0")/package.sh" --rid all
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
next="${version%.*}.$((${version##*.} + 1))"
rm -rf artifacts/e2e
"$(dirname "$0")/package.sh" --rid linux-x64 --version "$next" --update-only --out artifacts/e2e --feed-out artifacts/e2e/feed

echo "== dotnet test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test CertPlatform.sln --configuration Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line for every test project together.
passed=$(awk '/^[[:space:]]+Passed: [0-9]+/ {s+=$2} END {print s+0}' "$log")
failed=$(awk '/^[[:space:]]+Failed: [0-9]+/ {s+=$2} END {print s+0}' "$log")
skipped=$(awk '/^[[:space:]]+Skipped: [0-9]+/ {s+=$2} END {print s+0}' "$log")
echo "== the README's first command (smoke run)"
smoke=0
"$(dirname "$0")/smoke-run.sh" || smoke=$?
if [ "$smoke" -ne 0 ]; then
  status=$smoke
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
