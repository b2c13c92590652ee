#!/bin/sh
# Entrypoint of the `web` service (nginx). POSIX sh: runs on the image's busybox and on Debian's dash.
#
#   entrypoint.sh run     install the configuration, start nginx in the foreground and reload it
#                         whenever the CMS rewrites the clinic sites file (or, with NGINX_TLS=nginx,
#                         a certificate is issued or renewed)
#   entrypoint.sh render  install the configuration once and exit (tests)
#   entrypoint.sh watch   only the reload loop (tests)
#
# The CMS writes NGINX_SITES_FILE (cms/src/webServer/nginx.ts) to a volume shared with this container.
# Each new version is rendered into generated/ next to nginx.conf, checked with `nginx -t` and only
# then reloaded; a version nginx rejects is logged and the last accepted one stays live, so a bad
# clinic record can never take the other sites or the CMS down.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
NGINX_DIR=${NGINX_DIR:-/etc/nginx}
NGINX_SITES_FILE=${NGINX_SITES_FILE:-/clinic-sites/clinic-sites.conf}
NGINX_TLS=${NGINX_TLS:-off}
CMS_UPSTREAM=${CMS_UPSTREAM:-http://cms:3000}
NGINX_RESOLVER=${NGINX_RESOLVER:-127.0.0.11}
NGINX_RELOAD_INTERVAL=${NGINX_RELOAD_INTERVAL:-3}
NGINX_HTTP_PORT=${NGINX_HTTP_PORT:-80}
NGINX_HTTPS_PORT=${NGINX_HTTPS_PORT:-443}
NGINX_TLS_CERTS_DIR=${NGINX_TLS_CERTS_DIR:-/etc/letsencrypt/live}
NGINX_ACME_WEBROOT=${NGINX_ACME_WEBROOT:-/var/www/acme}
# Main-context directives added to every nginx call (the tests add pid and user).
NGINX_GLOBALS=${NGINX_GLOBALS:-daemon off;}

conf="$NGINX_DIR/nginx.conf"
generated="$NGINX_DIR/generated"

log() { echo "[web] $*" >&2; }
fail() { log "$*"; exit 1; }
nginx_cmd() { nginx -c "$conf" -g "$NGINX_GLOBALS" "$@"; }

check_settings() {
  [ -n "${CMS_DOMAIN:-}" ] || fail "CMS_DOMAIN is required (the CMS's host name, e.g. cms.example.com)."
  echo "$CMS_DOMAIN" | grep -Eq '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$' || fail "CMS_DOMAIN must be a lower-case host name: $CMS_DOMAIN"
  echo "$CMS_UPSTREAM" | grep -Eq '^https?://[A-Za-z0-9._-]+(:[0-9]+)?$' || fail "CMS_UPSTREAM must look like http://host:port: $CMS_UPSTREAM"
  echo "$NGINX_RESOLVER" | grep -Eq '^[A-Za-z0-9.:_-]+$' || fail "NGINX_RESOLVER is not an address: $NGINX_RESOLVER"
  for number in "$NGINX_HTTP_PORT" "$NGINX_HTTPS_PORT" "$NGINX_RELOAD_INTERVAL"; do
    echo "$number" | grep -Eq '^[0-9]+$' || fail "not a number: $number"
  done
  for dir in "$NGINX_TLS_CERTS_DIR" "$NGINX_ACME_WEBROOT"; do
    echo "$dir" | grep -Eq '^/[A-Za-z0-9._/-]*$' || fail "not an absolute path without special characters: $dir"
  done
  case "$NGINX_TLS" in
    off | nginx) forwarded_proto='$scheme' ;;
    # TLS ends at a proxy in front: pass on the scheme it reports.
    proxy) forwarded_proto='$clinic_upstream_proto' ;;
    *) fail "NGINX_TLS must be off, proxy or nginx (got: $NGINX_TLS)" ;;
  esac
  https_suffix=""
  [ "$NGINX_HTTPS_PORT" = 443 ] || https_suffix=":$NGINX_HTTPS_PORT"
}

has_certificate() { [ -r "$NGINX_TLS_CERTS_DIR/$1/fullchain.pem" ] && [ -r "$NGINX_TLS_CERTS_DIR/$1/privkey.pem" ]; }

# What a reload depends on: the CMS's file and, when nginx terminates TLS, the certificates
# (certbot renews by pointing the live/ symlinks at new files: -L sees the new size and time).
fingerprint() {
  {
    if [ -f "$NGINX_SITES_FILE" ]; then cat "$NGINX_SITES_FILE"; else echo "no sites file"; fi
    # The clinics' redirect maps it includes: a release with other redirects needs a reload too.
    if [ -f "$NGINX_SITES_FILE" ]; then
      grep -o 'include [^;]*/\.redirects/[^;]*\.map' "$NGINX_SITES_FILE" | sed 's/^include //' |
        while read -r maps; do cat $maps 2>/dev/null || true; done
    fi
    if [ "$NGINX_TLS" = nginx ]; then ls -lL "$NGINX_TLS_CERTS_DIR"/*/fullchain.pem "$NGINX_TLS_CERTS_DIR"/*/privkey.pem 2>/dev/null || true; fi
  } | md5sum
}

render_template() {
  sed -e "s|@CMS_DOMAIN@|$CMS_DOMAIN|g" \
      -e "s|@CMS_UPSTREAM@|$CMS_UPSTREAM|g" \
      -e "s|@RESOLVER@|$NGINX_RESOLVER|g" \
      -e "s|@FORWARDED_PROTO@|$forwarded_proto|g" \
      -e "s|@HTTP_PORT@|$NGINX_HTTP_PORT|g" \
      -e "s|@HTTPS_PORT@|$NGINX_HTTPS_PORT|g" \
      -e "s|@HTTPS_PORT_SUFFIX@|$https_suffix|g" \
      -e "s|@CERTS_DIR@|$NGINX_TLS_CERTS_DIR|g" \
      -e "s|@ACME_WEBROOT@|$NGINX_ACME_WEBROOT|g" \
      "$1"
}

# The CMS marks each TLS clinic's two variants ("# >>> tls <host>" / "# >>> plain <host>", each
# closed by "# <<< ..."): keep the TLS one when the host's certificate exists, else the plain one.
select_variants() {
  awk -v certs="$NGINX_TLS_CERTS_DIR" '
    function has_cert(host) {
      return system("test -r \"" certs "/" host "/fullchain.pem\" && test -r \"" certs "/" host "/privkey.pem\"") == 0
    }
    /^# >>> (tls|plain) [a-z0-9.-]+$/ {
      if (!(($4) in cert)) cert[$4] = has_cert($4)
      keep = ($3 == "tls") == cert[$4]
      inside = 1
      next
    }
    /^# <<< / { inside = 0; next }
    !inside || keep { print }
  '
}

# Writes the CMS vhost and the clinic sites into folder $1; $2 is the clinic sites source.
build_config() {
  mkdir -p "$1/clinic-sites"
  template="$here/cms-http.conf.template"
  if [ "$NGINX_TLS" = nginx ]; then
    if has_certificate "$CMS_DOMAIN"; then
      template="$here/cms-https.conf.template"
    else
      log "no certificate for $CMS_DOMAIN in $NGINX_TLS_CERTS_DIR yet: serving the CMS over HTTP until certbot provides one"
    fi
  fi
  render_template "$template" > "$1/cms.conf"
  render_template "$here/cms-proxy.conf.template" > "$1/cms-proxy.conf"
  if [ -f "$2" ]; then select_variants < "$2"; fi > "$1/clinic-sites/clinic-sites.conf"
}

# Swaps in a new generated/ folder built from clinic sites source $1; keeps it only if
# `nginx -t` accepts the whole configuration, otherwise restores the previous one.
apply() {
  staged="$generated.staged"
  rm -rf "$staged" "$generated.previous"
  build_config "$staged" "$1"
  if [ -d "$generated" ]; then mv "$generated" "$generated.previous"; fi
  mv "$staged" "$generated"
  if test_output=$(nginx_cmd -t 2>&1); then
    rm -rf "$generated.previous"
    return 0
  fi
  rm -rf "$generated"
  if [ -d "$generated.previous" ]; then mv "$generated.previous" "$generated"; fi
  return 1
}

install() {
  check_settings
  cp "$here/nginx.conf" "$conf"
  seen=$(fingerprint)
  if apply "$NGINX_SITES_FILE"; then
    log "configuration applied ($(grep -c '^server {' "$generated/clinic-sites/clinic-sites.conf" || true) clinic server blocks from $NGINX_SITES_FILE)"
    return 0
  fi
  log "REJECTED $NGINX_SITES_FILE (nginx -t failed); starting without clinic sites:"
  log "$test_output"
  apply /dev/null || fail "the nginx configuration is invalid even without clinic sites: $test_output"
}

watch() {
  seen=${seen:-$(fingerprint)}
  log "watching $NGINX_SITES_FILE every ${NGINX_RELOAD_INTERVAL}s"
  while sleep "$NGINX_RELOAD_INTERVAL"; do
    now=$(fingerprint)
    [ "$now" = "$seen" ] && continue
    seen=$now
    if apply "$NGINX_SITES_FILE"; then
      if nginx_cmd -s reload; then log "clinic sites changed: nginx reloaded"; else log "nginx -s reload failed"; fi
    else
      log "REJECTED $NGINX_SITES_FILE (nginx -t failed); the previous configuration stays live:"
      log "$test_output"
    fi
  done
}

case "${1:-run}" in
  run)
    install
    watch &
    log "starting nginx (TLS: $NGINX_TLS; CMS: $CMS_DOMAIN -> $CMS_UPSTREAM)"
    exec nginx -c "$conf" -g "$NGINX_GLOBALS"
    ;;
  render) install ;;
  watch)
    check_settings
    watch
    ;;
  *) fail "usage: entrypoint.sh [run|render|watch]" ;;
esac
