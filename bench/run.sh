#!/usr/bin/env bash
# The benchmarks, one command: publishes the helper and a bare ASP.NET Core app the same way, runs every
# measurement against the crypto floor of this machine, writes bench/results/latest.md and the README table.
# Usage: bench/run.sh [--quick] [--skip-micro]
# The packaged helper (the .tar.gz of scripts/package.sh) is measured as a customer meets it: start → first certificate.   (--quick: fewer samples, written to bench/results/quick.md only)
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
# What a customer installs: the Linux package of scripts/package.sh (compiled ahead of time), unpacked from its tarball.
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
./scripts/package.sh --rid linux-x64 --out "$out/packages" --feed-out "$out/feed" >/dev/null
mkdir -p "$out/installed"
tar -xzf "$out/packages/certplatform-$version-linux-x64.tar.gz" -C "$out/installed"
packaged="$out/installed/certplatform-$version/app/CertPlatform.LocalHost"
# A quick run writes its own, labelled report and leaves the committed one and the README's table alone.
report=bench/results/latest.md
for arg in "$@"; do [ "$arg" = --quick ] && report=bench/results/quick.md; done
dotnet "$out/bench/CertPlatform.Bench.dll" --helper "$out/helper/CertPlatform.LocalHost.dll" --bare "$out/bare/BareApp.dll" \
  --packaged "$packaged" --out "$report" --readme README.md "$@"
