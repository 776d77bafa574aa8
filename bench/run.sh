#!/usr/bin/env bash
# The benchmarks, one command: publishes the helper and a bare ASP.NET Core app the same way, runs every
# measurement against the crypto floor of this machine, writes bench/results/latest.md and the README table.
# Usage: bench/run.sh [--quick] [--skip-micro]
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
rm -rf "$out"
dotnet publish src/LocalHost -c Release -o "$out/helper" --nologo -v quiet
dotnet publish bench/BareApp -c Release -o "$out/bare" --nologo -v quiet
dotnet build bench/CertPlatform.Bench -c Release -o "$out/bench" --nologo -v quiet
dotnet "$out/bench/CertPlatform.Bench.dll" --helper "$out/helper/CertPlatform.LocalHost.dll" --bare "$out/bare/BareApp.dll" \
  --out bench/results/latest.md --readme README.md "$@"
