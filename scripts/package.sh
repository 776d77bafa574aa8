#!/usr/bin/env bash
# Builds the installable packages of the helper into artifacts/packages/ (self-contained: no .NET on the customer's PC).
#
#   ./scripts/package.sh [--rid linux-x64] [--version X.Y.Z] [--name certplatform] [--scheme certplatform]
#                        [--display-name-ja "…"] [--display-name-en "…"] [--publisher "…"] [--bank-code 2235]
#                        [--maintainer "Name <mail>"] [--out artifacts/packages]
#
# linux-x64: a .deb (the app under /opt/<name>/, `<name>` on PATH, a .desktop entry with the URL scheme, an icon,
# Depends: libnss3-tools) and a .tar.gz of the same app for a per-user install without root. The display name, the
# publisher, the bank code and the URL scheme are build parameters (defaults: the sandbox bank's), so a bank brands its
# build without editing files. Built offline from NuGet's runtime packs and Debian's dpkg-deb.
# The Windows .msi and the macOS .app are not built yet (see the README, "Install").
set -euo pipefail
cd "$(dirname "$0")/.."

rid=linux-x64
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
name=certplatform
scheme=certplatform
display_ja="CertPlatform サンドボックス銀行 証明書発行・更新アプリ"
display_en="CertPlatform Sandbox Bank Certificate App"
publisher="CertPlatform"
bank_code=2235
maintainer="CertPlatform <support@certplatform.example>"
out=artifacts/packages

while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --scheme) scheme=$2; shift 2 ;;
    --display-name-ja) display_ja=$2; shift 2 ;;
    --display-name-en) display_en=$2; shift 2 ;;
    --publisher) publisher=$2; shift 2 ;;
    --bank-code) bank_code=$2; shift 2 ;;
    --maintainer) maintainer=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "package.sh: $*" >&2; exit 2; }
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version must be X.Y.Z (got '$version')"
[[ $name =~ ^[a-z][a-z0-9-]{1,38}$ ]] || fail "--name must be a Debian package name: lower-case letters, digits, '-' (got '$name')"
[[ $scheme =~ ^[a-z][a-z0-9+.-]{1,31}$ ]] || fail "--scheme must be a URL scheme: a letter, then letters, digits, + . - (got '$scheme')"
[[ $bank_code =~ ^[0-9]{1,8}$ ]] || fail "--bank-code must be digits (got '$bank_code')"
for text in "$display_ja" "$display_en" "$publisher" "$maintainer"; do
  [[ $text != *$'\n'* && -n $text ]] || fail "names must be one non-empty line"
done
case "$rid" in
  linux-x64) ;;
  win-x64|osx-arm64) fail "$rid: the .msi and the .app are not built yet; linux-x64 is (see the README, \"Install\")" ;;
  *) fail "--rid must be linux-x64 (got '$rid')" ;;
esac

work=artifacts/package-work/$rid
rm -rf "$work"
mkdir -p "$work" "$out"

echo "== publish $rid $version (self-contained)"
# A configuration of its own ("Package": optimized, no debug information, paths mapped to /_/), so no path of the
# build machine ends up in an assembly and the Release outputs the tests use are left alone. ReadyToRun: the user
# waits for the start, not the JIT.
dotnet publish src/LocalHost/CertPlatform.LocalHost.csproj -c Package -r "$rid" --self-contained \
  -p:Optimize=true -p:DebugType=none -p:DebugSymbols=false -p:ContinuousIntegrationBuild=true -p:Deterministic=true \
  -p:PublishReadyToRun=true -p:Version="$version" -o "$work/app" --nologo -v quiet
# Plain files are not executable; the app host and the native libraries' loader need no x bit on the libraries.
find "$work/app" -type f -exec chmod 0644 {} +
chmod 0755 "$work/app/CertPlatform.LocalHost"

linux_tree() {
  # $1: the folder that becomes /opt/<name> (the .deb) or <name>-<version> (the .tar.gz)
  local root=$1
  mkdir -p "$root"
  cp -a "$work/app" "$root/app"
  cat > "$root/$name" <<'SH'
#!/bin/sh
# Starts the helper installed beside this script; a URL (the bank's button) is passed on as it is.
here=$(dirname "$(readlink -f "$0")")
exec "$here/app/CertPlatform.LocalHost" "$@"
SH
  chmod 0755 "$root/$name"
}

desktop_entry() {
  # $1: the Exec line's program
  cat <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.4
Name=$display_en
Name[ja]=$display_ja
Comment=Issue and renew the client certificate of $publisher
Comment[ja]=${publisher}の電子証明書を発行・更新します
Exec=$1 %u
Icon=$name
Terminal=false
Categories=Network;Security;
MimeType=x-scheme-handler/$scheme;
StartupNotify=false
DESKTOP
}

if [ "$rid" = linux-x64 ]; then
  arch=amd64
  deb_root=$work/deb
  linux_tree "$deb_root/opt/$name"
  mkdir -p "$deb_root/usr/bin" "$deb_root/usr/share/applications" "$deb_root/usr/share/icons/hicolor/scalable/apps" \
    "$deb_root/usr/share/doc/$name" "$deb_root/usr/share/man/man1" "$deb_root/usr/share/lintian/overrides" "$deb_root/DEBIAN"
  ln -s "/opt/$name/$name" "$deb_root/usr/bin/$name"
  desktop_entry "/usr/bin/$name" > "$deb_root/usr/share/applications/$name.desktop"
  install -m 0644 packaging/linux/certplatform.svg "$deb_root/usr/share/icons/hicolor/scalable/apps/$name.svg"
  sed -e "s/@NAME@/$name/g" -e "s/@PUBLISHER@/$publisher/g" packaging/linux/copyright > "$deb_root/usr/share/doc/$name/copyright"
  sed -e "s/@NAME@/$name/g" -e "s/@VERSION@/$version/g" -e "s/@MAINTAINER@/$maintainer/g" \
    -e "s/@DATE@/$(date -u -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")/" \
    packaging/linux/changelog | gzip -9n > "$deb_root/usr/share/doc/$name/changelog.gz"
  sed -e "s/@NAME@/$name/g" -e "s/@SCHEME@/$scheme/g" -e "s/@DISPLAY@/$display_en/g" -e "s/@VERSION@/$version/g" \
    packaging/linux/certplatform.1 | gzip -9n > "$deb_root/usr/share/man/man1/$name.1.gz"
  sed -e "s/@NAME@/$name/g" packaging/linux/lintian-overrides > "$deb_root/usr/share/lintian/overrides/$name"
  chmod 0644 "$deb_root/usr/share/lintian/overrides/$name" "$deb_root/usr/share/applications/$name.desktop" \
    "$deb_root/usr/share/doc/$name/copyright"
  installed_kb=$(du -sk --exclude=DEBIAN "$deb_root" | cut -f1)
  cat > "$deb_root/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_kb
Depends: libc6 (>= 2.31), libgcc-s1, libstdc++6, libssl3 | libssl3t64, libicu72 | libicu74 | libicu76, zlib1g, libnss3-tools
Section: net
Priority: optional
Homepage: https://certplatform.example/
Description: client certificate issuance and renewal for $publisher
 Gets the bank customer's client certificate onto this PC, keeps it renewed
 and lets the browser log in with it. A localhost-only helper started from
 the bank's page or the applications menu; the runtime is included.
CONTROL
  for script in postinst postrm; do
    sed -e "s/@NAME@/$name/g" "packaging/linux/$script" > "$deb_root/DEBIAN/$script"
    chmod 0755 "$deb_root/DEBIAN/$script"
  done
  deb="$out/${name}_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$deb_root" "$deb" >/dev/null
  echo "== $deb ($(du -h "$deb" | cut -f1))"

  tar_root=$work/tar/$name-$version
  linux_tree "$tar_root"
  desktop_entry "$name" > "$tar_root/$name.desktop"
  install -m 0644 packaging/linux/certplatform.svg "$tar_root/$name.svg"
  tarball="$out/$name-$version-$rid.tar.gz"
  tar -C "$work/tar" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name-$version"
  echo "== $tarball ($(du -h "$tarball" | cut -f1))"
fi

rm -rf "$work"
