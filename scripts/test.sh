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

echo "== dotnet test"
dotnet test CertPlatform.sln --configuration Release --logger "console;verbosity=normal" "$@"
