#!/usr/bin/env bash
# Makes the test PKI the WireMock mappings answer with, once; the files are committed. Run again only to change it:
# the mappings refer to the __files by name, so they stay as they are.
#   test-root -> test-issuing -> customer (the fixed key the tests' key factory hands out)
#   test-root -> test-server (TLS, 127.0.0.1 and localhost), wrong-name-server (TLS, another name)
#   test-issuing -> other-key (same subject, another key);  rogue-root -> rogue-customer (the customer key, untrusted)
set -euo pipefail
cd "$(dirname "$0")"
certs=certs
files=__files/est
days=36500
subject="/O=(2235)CERTPLATFORM TEST BANK/OU=(2235)CertPlatform Test CA/CN=demo01 A001 20260101090000000000"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

cat >"$tmp/ca.ext" <<'EXT'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
cat >"$tmp/client.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
cat >"$tmp/server.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EXT
cat >"$tmp/wrong-name.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:center.bank.example
EXT

root() { # name subject
  key "$certs/$1.key"
  openssl req -new -x509 -key "$certs/$1.key" -subj "$2" -days $days -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$certs/$1.crt"
}
issue() { # name subject issuer ext [key]
  local keyfile="${5:-$certs/$1.key}"
  [ -f "$keyfile" ] || key "$keyfile"
  openssl req -new -key "$keyfile" -subj "$2" -out "$tmp/$1.csr"
  openssl x509 -req -in "$tmp/$1.csr" -CA "$certs/$3.crt" -CAkey "$certs/$3.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days $days -sha256 -extfile "$tmp/$4.ext" -out "$certs/$1.crt" 2>/dev/null
}

root test-root "/O=(2235)CERTPLATFORM TEST BANK/CN=CertPlatform Test Root"
issue test-issuing "/O=(2235)CERTPLATFORM TEST BANK/CN=CertPlatform Test Issuing CA" test-root ca
issue customer "$subject" test-issuing client
issue other-key "$subject" test-issuing client
issue test-server "/CN=127.0.0.1" test-root server
issue wrong-name-server "/CN=center.bank.example" test-root wrong-name
root rogue-root "/O=ROGUE/CN=Rogue Root"
issue rogue-customer "$subject" rogue-root client "$certs/customer.key"
rm -f "$certs/other-key.key" "$certs/rogue-root.key" "$certs/test-issuing.key" "$certs/test-root.key" "$certs/rogue-customer.key"

cat "$certs/test-root.crt" "$certs/test-issuing.crt" >"$certs/test-anchors.pem"

p7() { # out certs...
  local out=$1; shift
  local args=()
  for c in "$@"; do args+=(-certfile "$certs/$c.crt"); done
  openssl crl2pkcs7 -nocrl "${args[@]}" -outform DER | base64 -w 76 >"$files/$out.b64"
}
p7 cacerts test-issuing test-root
p7 customer customer
p7 customer-with-chain customer test-issuing
p7 other-key other-key
p7 rogue-customer rogue-customer
openssl crl2pkcs7 -nocrl -outform DER | base64 -w 76 >"$files/no-certificate.b64"
openssl x509 -in "$certs/customer.crt" -outform DER | base64 -w 76 >"$files/not-pkcs7.b64"
printf '%s\n' 'This is not base64: <html>Access denied by the company proxy</html>' >"$files/not-base64.txt"
echo "made $(ls "$certs" | wc -l) certificate files and $(ls "$files" | wc -l) bodies"
