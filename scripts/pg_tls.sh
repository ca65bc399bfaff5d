#!/usr/bin/env bash
# Turns TLS on for the local PostgreSQL cluster with a certificate from a throwaway CA made here
# (SAN 127.0.0.1 and localhost), for the store's TLS test. Prints the CA's path; the test reads
# it from PULPO_TEST_PG_CA. Run as root (it writes in the cluster's directory and reloads it).
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
dir=/etc/postgresql/$ver/main/pulpo-tls
mkdir -p "$dir"
cd "$dir"
if [ ! -s server.crt ] || ! openssl x509 -checkend 86400 -noout -in server.crt >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=pulpo test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
    -extfile ext.cnf -out server.crt 2>/dev/null
fi
chown postgres:postgres server.key server.crt
chmod 600 server.key
chmod 644 ca.crt
su postgres -c "psql -qc \"ALTER SYSTEM SET ssl = on\" -c \"ALTER SYSTEM SET ssl_cert_file = '$dir/server.crt'\" -c \"ALTER SYSTEM SET ssl_key_file = '$dir/server.key'\" -c 'SELECT pg_reload_conf()'" >/dev/null
echo "$dir/ca.crt"
