#!/usr/bin/env bash
# Runs the README's first command as a user would (`dotnet run --project src/LocalHost`, from the repository root)
# and checks that the helper's page and API answer: the one thing the in-process tests cannot see (content root,
# launch profile, build output). Private data folder and store; a free loopback port; stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
export Helper__DataDirectory="$work/data" Helper__Port="$port" Store__Kind=X509 Store__Name="CertPlatformSmoke-$port"
dotnet run --project src/LocalHost >"$work/out.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; pkill -f "CertPlatform.LocalHost.*" -P "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  grep -q "is ready at" "$work/out.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/out.log"; echo "smoke: the helper exited before it was ready" >&2; exit 1; }
  sleep 1
done
grep -q "is ready at" "$work/out.log" || { cat "$work/out.log"; echo "smoke: not ready after 120 s" >&2; exit 1; }

base="http://127.0.0.1:$port"
page=$(curl -fsS "$base/") || { echo "smoke: GET / failed" >&2; exit 1; }
grep -q "電子証明書" <<<"$page" || { echo "smoke: GET / is not the helper's page" >&2; exit 1; }
curl -fsS "$base/api/v1/status" | grep -q '"centerMode":"Embedded"' || { echo "smoke: /api/v1/status did not answer" >&2; exit 1; }
curl -fsS -o /dev/null "$base/swagger/index.html" || { echo "smoke: /swagger failed" >&2; exit 1; }
echo "smoke: \`dotnet run --project src/LocalHost\` serves the page, the API and Swagger on $base"
