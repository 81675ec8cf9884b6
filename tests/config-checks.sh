# config-checks.sh — sourced by the tests that run the real tools on the
# configuration files Stackboard writes.  Needs $tmp (a scratch folder) and
# sets up a throwaway certificate where haproxy.cfg expects one.
# shellcheck shell=bash
# A caller that looked the tools up itself (and found one missing: an
# empty path) keeps what it found.
haproxy=${haproxy-$(command -v haproxy || echo /usr/sbin/haproxy)}
nginx=${nginx-$(command -v nginx || echo /usr/sbin/nginx)}
keepalived=${keepalived-$(command -v keepalived || echo /usr/sbin/keepalived)}

# HAProxy reads the certificate while checking: a throwaway one stands in
# for the real one at the path the file names.
certs=$tmp/certs
mkdir -p "$certs"
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=www.foobar.com" -days 2 \
    -keyout "$certs/key.pem" -out "$certs/cert.pem" 2>/dev/null
  cat "$certs/cert.pem" "$certs/key.pem" >"$certs/www.foobar.com.pem"
fi

check_haproxy () {   # CFG
  sed "s|/etc/haproxy/certs/|$certs/|" "$1" >"$tmp/haproxy.cfg"
  "$haproxy" -c -q -f "$tmp/haproxy.cfg"
}

check_nginx_site () {   # SITE: inside a standalone wrapper with its own paths
  local dir=$tmp/nginx-run
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
pid $dir/nginx.pid;
error_log $dir/error.log;
events {}
http {
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    access_log off;
    include $1;
}
CONF
  "$nginx" -t -q -p "$dir" -c "$dir/nginx.conf"
}

check_keepalived () {   # CONF: warnings count as failures
  "$keepalived" --config-test -n -l -f "$1" >"$tmp/keepalived.log" 2>&1 \
    && ! grep -qi "warning\|violation\|ignoring\|sensible" "$tmp/keepalived.log"
  local rc=$?
  cat "$tmp/keepalived.log"
  return $rc
}
