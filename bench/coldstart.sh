#!/usr/bin/env bash
# Cold start only: publishes the helper and the bare app the way bench/run.sh does, then starts them in turn
# (helper on an empty data folder, helper again on that folder, bare app) and prints min / median / p99 and the
# ratio to the bare app. For trying start-up changes quickly; the full figures come from bench/run.sh.
# Usage: bench/coldstart.sh [--rounds N] [--no-publish]   (N defaults to 20; --no-publish reuses bench/out-cold)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out-cold
trap 'rm -rf "$HOME"/.dotnet/corefx/cryptography/x509stores/certplatformbench-* /tmp/certplatform-bench' EXIT
if [[ " $* " != *" --no-publish "* ]]; then
  rm -rf "$out"
  rid=$(dotnet --info | awk '/ RID:/ {print $2; exit}')
  r2r=(-c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true --nologo -v quiet)
  dotnet publish src/LocalHost "${r2r[@]}" -o "$out/helper"
  dotnet publish bench/BareApp "${r2r[@]}" -o "$out/bare"
  dotnet build bench/CertPlatform.Bench -c Release -o "$out/bench" --nologo -v quiet
fi
dotnet "$out/bench/CertPlatform.Bench.dll" --cold-only --helper "$out/helper/CertPlatform.LocalHost.dll" --bare "$out/bare/BareApp.dll" "$@"
