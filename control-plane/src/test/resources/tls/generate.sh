#!/usr/bin/env bash
# Test-only certificates (never used outside tests): a CA, a server certificate for 127.0.0.1 and
# localhost, and a client certificate, all signed by the CA, valid for 100 years. Keys are PKCS#8.
# Run again to replace them: ./generate.sh
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
  -days "$days" -subj "/CN=Scalemesh test CA" 2>/dev/null
sign() { # name subject extensions
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" -days "$days" \
    -extfile <(printf '%s\n' "$3") 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in "$1.key" -out "$1.key.tmp" && mv "$1.key.tmp" "$1.key"
  rm "$1.csr"
}
sign server "/CN=localhost" "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
sign client "/CN=scalemesh-test-client" "extendedKeyUsage=clientAuth"
# A CA nobody trusts, for clients that must fail.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -out other-ca.pem \
  -days "$days" -subj "/CN=Some other CA" 2>/dev/null
rm -f ca.key ca.srl
# The CA in a trust store, for clients that take TLS trust from the JVM's settings (the Azure SDK):
# -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit
rm -f truststore.p12
keytool -importcert -noprompt -alias scalemesh-test-ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 \
  -storepass changeit >/dev/null
