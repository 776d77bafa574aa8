#!/usr/bin/env bash
# The benchmarks, one command: publishes the helper and a bare ASP.NET Core app the same way, runs every
# measurement against the crypto floor of this machine, writes bench/results/latest.md and the README table.
# Usage: bench/run.sh [--quick] [--skip-micro]   (--quick: fewer samples, written to bench/results/quick.md only)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
# The helpers the bench starts keep their certificates in private stores: remove them afterwards.
trap 'rm -rf "$HOME"/.dotnet/corefx/cryptography/x509stores/certplatformbench-* /tmp/certplatform-bench' EXIT
rm -rf "$out"
# Both apps are published the same way: framework-dependent, ReadyToRun (the release build of the helper).
rid=$(dotnet --info | awk '/ RID:/ {print $2; exit}')
r2r=(-c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true --nologo -v quiet)
dotnet publish src/LocalHost "${r2r[@]}" -o "$out/helper"
dotnet publish bench/BareApp "${r2r[@]}" -o "$out/bare"
dotnet build bench/CertPlatform.Bench -c Release -o "$out/bench" --nologo -v quiet
# A quick run writes its own, labelled report and leaves the committed one and the README's table alone.
report=bench/results/latest.md
for arg in "$@"; do [ "$arg" = --quick ] && report=bench/results/quick.md; done
dotnet "$out/bench/CertPlatform.Bench.dll" --helper "$out/helper/CertPlatform.LocalHost.dll" --bare "$out/bare/BareApp.dll" \
  --out "$report" --readme README.md "$@"
