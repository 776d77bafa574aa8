#!/usr/bin/env bash
# Installs, once, the system packages the tests use: OpenSSL (openssl verify in the tests), Debian's
# Chromium and the NSS tools (browser tests), docker-compose (validates docker-compose.test.yml without an engine),
# dpkg-deb, lintian and desktop-file-validate (the Linux packages), wixl and msitools (the Windows .msi), curl and
# python3 (the smoke run, the update zips, the macOS Info.plist check), strongSwan's pki with its curl fetcher (an
# EST client nobody here wrote), squid and htpasswd (a real proxy with basic authentication).
set -euo pipefail

need=()
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Japanese glyphs in the browser tests' screenshots.
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
# The packages (scripts/package.sh) and their checks: Debian's own package checker and the desktop-entry validator.
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
command -v lintian >/dev/null 2>&1 || need+=(lintian)
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
command -v wixl >/dev/null 2>&1 || need+=(wixl)
command -v msiinfo >/dev/null 2>&1 || need+=(msitools)
# The URL-scheme launch from Chromium: the handler registered per user.
command -v xdg-mime >/dev/null 2>&1 || need+=(xdg-utils)
# scripts/smoke-run.sh
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# An independent EST client: strongSwan's pki; it fetches over HTTP(S) through the curl plugin of the extra plugins.
command -v pki >/dev/null 2>&1 || need+=(strongswan-pki)
ls /usr/lib/ipsec/plugins/libstrongswan-curl.so >/dev/null 2>&1 || need+=(libstrongswan-extra-plugins)
# pki's ECDSA (the sandbox root is P-256, ADR 0010) comes from the openssl plugin.
ls /usr/lib/ipsec/plugins/libstrongswan-openssl.so >/dev/null 2>&1 || need+=(libstrongswan-standard-plugins)
# A real proxy: squid with basic_ncsa_auth, and htpasswd for its password file.
command -v squid >/dev/null 2>&1 || need+=(squid)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
  need+=(docker-compose)
fi

command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# package.sh strips the native SQLite library it ships in the .deb and .tar.gz.
command -v strip >/dev/null 2>&1 || need+=(binutils)
# The Linux package is compiled ahead of time (Native AOT): its native link needs a C compiler and linker.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)

# An OpenAPI linter nobody here wrote (Redocly CLI, from the npm registry, pinned by package-lock.json).
install_openapi_lint() {
  local folder
  folder="$(dirname "$0")/../tools/openapi-lint"
  if [ ! -x "$folder/node_modules/.bin/redocly" ]; then
    echo "== installing the OpenAPI linter (npm ci in tools/openapi-lint)"
    npm ci --prefix "$folder" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

if [ ${#need[@]} -eq 0 ]; then
  install_openapi_lint
  exit 0
fi

echo "== installing: ${need[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts squid's own service where it can; the tests start their own squid on a free loopback port.
if [[ " ${need[*]} " == *" squid "* ]] && command -v systemctl >/dev/null 2>&1; then
  "${sudo_cmd[@]}" systemctl disable --now squid >/dev/null 2>&1 || true
fi
install_openapi_lint
