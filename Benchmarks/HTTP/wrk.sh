#!/usr/bin/env bash
# HTTP throughput of a list endpoint and a page against nginx serving a static file of the same size, in one run.
#
#   swift build -c release --product dualprev
#   .build/release/dualprev generate --db /tmp/province.sqlite --enterprises 1250
#   bash Benchmarks/HTTP/wrk.sh /tmp/province.sqlite [seconds] [connections]
#
# Starts `dualprev serve` on the database and logs in as the province's regulator. For each target (one page of
# GET /api/v1/hazards, and the overview page /), it fetches the response once, writes a file of the same number of
# bytes for nginx to serve, then runs wrk against the program (with the session cookie) and against nginx, the same
# threads, connections and duration. Prints requests/s of each, the ratio nginx/program, and the server's peak RSS.
# Needs wrk and nginx (apt-get install wrk nginx-light); nginx runs from a throwaway prefix on its own port.
set -euo pipefail
db=${1:?usage: wrk.sh DB [seconds] [connections]}
seconds=${2:-10}
connections=${3:-16}
bin=${DUALPREV_BIN:-./.build/release/dualprev}
port=${PORT:-18183}
static_port=${STATIC_PORT:-18184}
password=${PASSWORD:-dualprev-demo-2026}
for tool in wrk nginx sqlite3 curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "needs $tool (apt-get install wrk nginx-light sqlite3 curl)"; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

root=$(sqlite3 "$db" "SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1")
login=$(sqlite3 "$db" "SELECT name FROM person WHERE role = 'regulator' AND jurisdiction_id = $root ORDER BY id LIMIT 1")
echo "$db: $(sqlite3 "$db" "SELECT count(*) FROM enterprise") enterprises, $(sqlite3 "$db" "SELECT count(*) FROM hazard") hazards;" \
  "wrk -t2 -c$connections -d${seconds}s"

work=$(mktemp -d)
chmod 755 "$work"
mkdir -p "$work/www" "$work/logs"
"$bin" serve --db "$db" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
cat >"$work/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/octet-stream;
  server { listen 127.0.0.1:$static_port; root $work/www; }
}
CONF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" &
static=$!
trap 'kill $server $static 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS -c "$work/jar" -H 'content-type: application/json' -d "{\"login\":\"$login\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/v1/session" >/dev/null
# curl marks HttpOnly cookies "#HttpOnly_"; every cookie of the jar goes into one header.
cookie=$(sed -n 's/^#HttpOnly_//; /^#/d; /^$/d; p' "$work/jar" | awk -F'\t' '{printf "%s%s=%s", (NR > 1 ? "; " : ""), $6, $7}')

rps() { awk '/Requests\/sec/ {print $2}'; }
for target in "/api/v1/hazards?limit=100" "/"; do
  bytes=$(curl -fsS -H "Cookie: $cookie" -o "$work/body" -w '%{size_download}' "http://127.0.0.1:$port$target")
  head -c "$bytes" /dev/zero | tr '\0' 'x' >"$work/www/file"
  chmod 644 "$work/www/file"
  program=$(wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" "http://127.0.0.1:$port$target" | rps)
  floor=$(wrk -t2 -c"$connections" -d"${seconds}s" "http://127.0.0.1:$static_port/file" | rps)
  ratio=$(awk -v a="$floor" -v b="$program" 'BEGIN {printf "%.1f", a / b}')
  echo "$target ($bytes bytes): dualprev $program req/s, nginx $floor req/s, nginx/dualprev ${ratio}x"
done
grep VmHWM "/proc/$server/status"
