#!/usr/bin/env bash
# Builds the installable packages of the helper into artifacts/packages/ (self-contained: no .NET on the customer's PC)
# and the signed update feed for them into artifacts/feed/.
#
#   ./scripts/package.sh [--rid linux-x64|win-x64|osx-arm64|all] [--version X.Y.Z] [--name certplatform]
#                        [--scheme certplatform] [--display-name-ja "…"] [--display-name-en "…"] [--publisher "…"]
#                        [--bank-code 2235] [--maintainer "Name <mail>"] [--out artifacts/packages]
#                        [--feed-key feed-signing-key.pem] [--feed-out artifacts/feed] [--notes-ja "…"] [--notes-en "…"]
#                        [--update-only]
#
# Every RID: <name>-<version>-<rid>.update.zip, the app the updater installs side by side (app/versions/<version>/).
# linux-x64: a .deb (the app under /opt/<name>/, `<name>` on PATH, a .desktop entry with the URL scheme, an icon,
#   Depends: libnss3-tools) and a .tar.gz of the same app for a per-user install without root.
# win-x64: a per-user .msi (Debian's wixl) with the Start-menu shortcut, the Apps & features entry and the URL scheme.
# osx-arm64: the .app bundle, zipped (signing and notarization are the bank's, on a Mac: docs/packaging.md).
# The display name, the publisher, the bank code and the URL scheme are build parameters (defaults: the sandbox
# bank's), so a bank brands its build without editing files. --update-only builds the update zip alone.
# The feed is signed with --feed-key; without one, with a development key made once in artifacts/keys/ (never
# packaged; a bank signs with its own offline key).
set -euo pipefail
cd "$(dirname "$0")/.."

rids=()
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
name=certplatform
scheme=certplatform
display_ja="CertPlatform サンドボックス銀行 証明書発行・更新アプリ"
display_en="CertPlatform Sandbox Bank Certificate App"
publisher="CertPlatform"
bank_code=2235
maintainer="CertPlatform <support@certplatform.example>"
out=artifacts/packages
feed_key=
feed_out=artifacts/feed
notes_ja="不具合の修正と改善を行いました。"
notes_en="Fixes and improvements."
update_only=0
settings=

while [ $# -gt 0 ]; do
  case "$1" in
    --rid) if [ "$2" = all ]; then rids+=(linux-x64 win-x64 osx-arm64); else rids+=("$2"); fi; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --scheme) scheme=$2; shift 2 ;;
    --display-name-ja) display_ja=$2; shift 2 ;;
    --display-name-en) display_en=$2; shift 2 ;;
    --publisher) publisher=$2; shift 2 ;;
    --bank-code) bank_code=$2; shift 2 ;;
    --maintainer) maintainer=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --feed-key) feed_key=$2; shift 2 ;;
    --feed-out) feed_out=$2; shift 2 ;;
    --notes-ja) notes_ja=$2; shift 2 ;;
    --notes-en) notes_en=$2; shift 2 ;;
    --update-only) update_only=1; shift ;;
    --settings) settings=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "package.sh: $*" >&2; exit 2; }
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version must be X.Y.Z (got '$version')"
[[ $name =~ ^[a-z][a-z0-9-]{1,38}$ ]] || fail "--name must be a Debian package name: lower-case letters, digits, '-' (got '$name')"
[[ $scheme =~ ^[a-z][a-z0-9+.-]{1,31}$ ]] || fail "--scheme must be a URL scheme: a letter, then letters, digits, + . - (got '$scheme')"
[[ $bank_code =~ ^[0-9]{1,8}$ ]] || fail "--bank-code must be digits (got '$bank_code')"
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64)
for text in "$display_ja" "$display_en" "$publisher" "$maintainer" "$notes_ja" "$notes_en"; do
  [[ $text != *$'\n'* && -n $text ]] || fail "names must be one non-empty line"
done
for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64|win-x64|osx-arm64) ;;
    *) fail "--rid must be linux-x64, win-x64, osx-arm64 or all (got '$rid')" ;;
  esac
done
[ -z "$feed_key" ] || [ -f "$feed_key" ] || fail "--feed-key $feed_key: no such file"
[ -z "$settings" ] || python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$settings" 2>/dev/null \
  || fail "--settings $settings: not a readable JSON file"
mkdir -p "$out"
# The Linux programs are compiled ahead of time: the native compiler links them with this machine's C toolchain.
linker=clang
command -v clang >/dev/null 2>&1 || linker=gcc
if [[ " ${rids[*]} " == *" linux-x64 "* ]] && ! command -v "$linker" >/dev/null 2>&1; then
  fail "the Linux package is compiled ahead of time and needs clang or gcc (apt-get install gcc)"
fi

publish_app() {
  # $1: RID, $2: the folder to publish into. A configuration of its own ("Package": optimized, no debug information,
  # paths mapped to /_/), so no path of the build machine ends up in a binary and the Release outputs the tests use
  # are left alone. The user waits for the start, not the JIT: on Linux both programs are compiled ahead of time
  # (Native AOT, with the C compiler and linker of this machine: no .NET runtime in the package at all); Windows and
  # macOS cannot be compiled ahead of time from Linux, so their helper and launcher are ReadyToRun and share one
  # self-contained runtime.
  local project compile
  case "$1" in
    linux-*) compile=(-p:PublishAot=true -p:CppCompilerAndLinker="$linker" -p:StripSymbols=true) ;;
    *) compile=(--self-contained -p:PublishReadyToRun=true) ;;
  esac
  for project in src/LocalHost/CertPlatform.LocalHost.csproj src/Launcher/CertPlatform.Launcher.csproj; do
    dotnet publish "$project" -c Package -r "$1" "${compile[@]}" \
      -p:Optimize=true -p:DebugType=none -p:DebugSymbols=false -p:ContinuousIntegrationBuild=true -p:Deterministic=true \
      -p:Version="$version" -o "$2" --nologo -v quiet
  done
  # Stripped symbols (the native compiler's .dbg files) are not shipped.
  find "$2" -name '*.dbg' -delete
  # The URL scheme the package registers, then the bank's settings (its center, its feed URL and pinned key, its
  # pages' origins) over the defaults.
  python3 - "$2/appsettings.json" "$scheme" "$settings" <<'PY'
import json, sys
def merge(base, extra):
    for key, value in extra.items():
        base[key] = merge(base.get(key, {}), value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return base
path, scheme, settings = sys.argv[1:]
with open(path, encoding="utf-8-sig") as f: base = json.load(f)
merge(base, {"Helper": {"UrlScheme": scheme}})
if settings:
    with open(settings, encoding="utf-8-sig") as f: merge(base, json.load(f))
with open(path, "w", encoding="utf-8") as f: json.dump(base, f, ensure_ascii=False, indent=2)
PY
  # Plain files are not executable; the app hosts are.
  find "$2" -type f -exec chmod 0644 {} +
  case "$1" in
    win-*) ;;
    *) chmod 0755 "$2/CertPlatform.LocalHost" "$2/CertPlatform.Launcher" ;;
  esac
}

zip_folder() {
  # $1: a folder, $2: the zip of what is inside it, Unix modes kept (Python's zipfile writes them).
  rm -f "$2"
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for root, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            archive.write(path, os.path.relpath(path, source))
PY
  echo "== $2 ($(du -h "$2" | cut -f1))"
}

update_zip() {
  # $1: the app folder, $2: the zip. What the updater unpacks into app/versions/<version>/.
  zip_folder "$1" "$2"
}

ascii_or() {
  # $1 if it is ASCII (what wixl can write), else $2
  if LC_ALL=C grep -q '^[ -~]*$' <<<"$1"; then echo "$1"; else echo "$2"; fi
}

linux_tree() {
  # $1: the folder that becomes /opt/<name> (the .deb) or <name>-<version> (the .tar.gz)
  local root=$1
  mkdir -p "$root"
  cp -a "$work/app" "$root/app"
  # SQLite's native library comes from NuGet with its symbols; Debian wants shipped objects stripped.
  if [ -f "$root/app/libe_sqlite3.so" ]; then
    command -v strip >/dev/null || fail "stripping libe_sqlite3.so needs binutils (scripts/install-test-deps.sh)"
    strip --strip-unneeded "$root/app/libe_sqlite3.so"
  fi
  cat > "$root/$name" <<'SH'
#!/bin/sh
# Starts the helper through its launcher (the newest installed version that works); a URL (the bank's button)
# is passed on as it is.
here=$(dirname "$(readlink -f "$0")")
exec "$here/app/CertPlatform.Launcher" "$@"
SH
  chmod 0755 "$root/$name"
}

desktop_entry() {
  # $1: the Exec line's program. From the menu the helper opens its page; from the bank's button, at the URL's screen.
  cat <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.4
Name=$display_en
Name[ja]=$display_ja
Comment=Issue and renew the client certificate of $publisher
Comment[ja]=${publisher}の電子証明書を発行・更新します
Exec=$1 --Helper:OpenBrowser=true %u
Icon=$name
Terminal=false
Categories=Network;Security;
MimeType=x-scheme-handler/$scheme;
StartupNotify=false
DESKTOP
}

build_linux() {
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
}

build_windows() {
  # The .msi: wixl compiles packaging/windows/certplatform.wxs with the app's files (listed by wixl-heat); the
  # display name and publisher go in as ASCII stand-ins, and msibuild then writes the real ones (UTF-8 in, code
  # page 932 in the database, as Windows Installer reads a Japanese package). The stand-in for the display name is
  # the English one, so the summary (one code page for every language) reads right.
  command -v wixl >/dev/null && command -v msibuild >/dev/null || fail "win-x64 needs wixl and msitools (scripts/install-test-deps.sh)"
  local msi="$out/$name-$version-win-x64.msi" wxs=$work/wxs tables=$work/msi-tables
  mkdir -p "$wxs" "$tables"
  find "$work/app" -type f | sort \
    | wixl-heat --prefix "$work/app/" --directory-ref INSTALLDIR --component-group AppFiles --var var.SourceDir --win64 \
    > "$wxs/files.wxs"
  # A stable upgrade code per product name: the next version's .msi replaces this one (MajorUpgrade).
  local upgrade_code
  upgrade_code=$(python3 -c 'import sys, uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "https://certplatform.example/msi/" + sys.argv[1]))' "$name")
  local placeholder_name placeholder_publisher
  placeholder_name=$(ascii_or "$display_en" "$name")
  placeholder_publisher=$(ascii_or "$publisher" CERTPLATFORM_PUBLISHER)
  wixl --arch x64 -o "$msi" \
    -D Version="$version" -D Name="$name" -D DisplayName="$placeholder_name" -D Publisher="$placeholder_publisher" \
    -D Scheme="$scheme" -D BankCode="$bank_code" -D UpgradeCode="$upgrade_code" -D SourceDir="$work/app" -D Win64=yes \
    packaging/windows/certplatform.wxs "$wxs/files.wxs"
  # msidump writes binary streams (the icon) beside its tables: run it in their folder.
  local msi_path
  msi_path=$(readlink -f "$msi")
  (cd "$tables" && msidump -d . "$msi_path" >/dev/null)
  printf '\r\n\r\n932\t_ForceCodepage\r\n' > "$tables/_ForceCodepage.idt"
  python3 - "$tables" "$placeholder_name" "$display_ja" "$placeholder_publisher" "$publisher" <<'PY'
import sys
folder, name_token, name, publisher_token, publisher = sys.argv[1:]
for table in ("Property", "Directory", "Shortcut", "Registry", "Feature"):
    path = f"{folder}/{table}.idt"
    text = open(path, "rb").read().decode("ascii")
    open(path, "wb").write(text.replace(name_token, name).replace(publisher_token, publisher).encode("utf-8"))
PY
  msibuild "$msi" -i "$tables/_ForceCodepage.idt" -i "$tables/Property.idt" -i "$tables/Directory.idt" \
    -i "$tables/Shortcut.idt" -i "$tables/Registry.idt" -i "$tables/Feature.idt"
  # The summary (the file's properties in Explorer) keeps one code page for all languages: the English names.
  msibuild "$msi" -s "$display_en $version" "$(ascii_or "$publisher" "$display_en")" "x64;1041" \
    "{$(python3 -c 'import uuid; print(str(uuid.uuid4()).upper())')}"
  echo "== $msi ($(du -h "$msi" | cut -f1))"
  update_package=$msi
}

build_macos() {
  # The .app: Contents/MacOS holds the launcher (CFBundleExecutable) and the app; Info.plist names the bundle, its
  # version and the URL scheme. Signing and notarization need Apple's tools on a Mac (docs/packaging.md).
  local bundle_root=$work/bundle app_name
  app_name="$(ascii_or "$display_en" "$name").app"
  local contents="$bundle_root/$app_name/Contents"
  mkdir -p "$contents/MacOS" "$contents/Resources"
  cp -a "$work/app/." "$contents/MacOS/"
  install -m 0644 packaging/linux/certplatform.svg "$contents/Resources/$name.svg"
  python3 - "$contents/Info.plist" "$name" "$display_en" "$display_ja" "$version" "$scheme" "$bank_code" "$publisher" <<'PY'
import plistlib, sys
path, name, display_en, display_ja, version, scheme, bank_code, publisher = sys.argv[1:]
plist = {
    "CFBundleIdentifier": f"example.certplatform.{name}",
    "CFBundleName": display_en[:15] if len(display_en) > 15 else display_en,
    "CFBundleDisplayName": display_en,
    "CFBundleExecutable": "CertPlatform.Launcher",
    "CFBundlePackageType": "APPL",
    "CFBundleShortVersionString": version,
    "CFBundleVersion": version,
    "CFBundleInfoDictionaryVersion": "6.0",
    "CFBundleDevelopmentRegion": "ja",
    "CFBundleLocalizations": ["ja", "en"],
    "LSMinimumSystemVersion": "12.0",
    "LSUIElement": True,
    "NSHumanReadableCopyright": publisher,
    "CFBundleURLTypes": [{"CFBundleURLName": f"example.certplatform.{name}.launch", "CFBundleURLSchemes": [scheme]}],
    "CertPlatformBankCode": bank_code,
}
with open(path, "wb") as f:
    plistlib.dump(plist, f, sort_keys=True)
PY
  mkdir -p "$contents/Resources/ja.lproj" "$contents/Resources/en.lproj"
  printf '"CFBundleDisplayName" = "%s";\n' "$display_ja" > "$contents/Resources/ja.lproj/InfoPlist.strings"
  printf '"CFBundleDisplayName" = "%s";\n' "$display_en" > "$contents/Resources/en.lproj/InfoPlist.strings"
  zip_folder "$bundle_root" "$out/$name-$version-osx-arm64.app.zip"
}

feed_args=()
for rid in "${rids[@]}"; do
  work=artifacts/package-work/$rid
  rm -rf "$work"
  mkdir -p "$work"
  echo "== publish $rid $version (no .NET needed on the PC)"
  publish_app "$rid" "$work/app"
  update_package=
  case "$rid" in
    linux-x64)
      update_zip "$work/app" "$out/$name-$version-$rid.update.zip"
      update_package="$out/$name-$version-$rid.update.zip"
      [ "$update_only" -eq 1 ] || build_linux ;;
    osx-arm64)
      update_zip "$work/app" "$out/$name-$version-$rid.update.zip"
      update_package="$out/$name-$version-$rid.update.zip"
      [ "$update_only" -eq 1 ] || build_macos ;;
    win-x64)
      build_windows ;;
  esac
  feed_args+=(--package "$update_package" --url "$(basename "$update_package")" --rid "$rid")
  rm -rf "$work"
done

echo "== feed $feed_out ($version)"
if [ -z "$feed_key" ]; then
  feed_key=artifacts/keys/feed-signing-key.pem
  if [ ! -f "$feed_key" ]; then
    dotnet run --project tools/ReleaseTool -c Release -- keygen --out artifacts/keys --in-work-tree yes >/dev/null
  fi
  echo "   signed with the development key $feed_key (a bank signs with its own: --feed-key)"
fi
mkdir -p "$feed_out"
for ((i = 1; i < ${#feed_args[@]}; i += 6)); do
  cp "${feed_args[$i]}" "$feed_out/"
done
dotnet run --project tools/ReleaseTool -c Release -- sign --key "$feed_key" --version "$version" --out "$feed_out" \
  --notes-ja "$notes_ja" --notes-en "$notes_en" "${feed_args[@]}"
