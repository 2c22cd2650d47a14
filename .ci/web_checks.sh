#!/usr/bin/env bash
# The web application against a live demo server, as a browser and an API client see it:
#   1. schemathesis (PyPI) over schemas/openapi.yaml: no 5xx, every status, content type and body as documented;
#   2. a Selenium walk-through in Debian's headless Chromium: the hazard loop by pages, screenshots, a PDF of the notice;
#   3. SIGTERM stops the server cleanly and the audit chain of everything written through it verifies.
# Screenshots, the notice PDF and the schemathesis report land in .ci/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! python3 -c 'import selenium, schemathesis, axe_selenium_python' 2>/dev/null; then
  python3 -m pip install --quiet 'selenium>=4.20' 'schemathesis>=4.0' 'axe-selenium-python>=2.1'
fi

artifacts=.ci/artifacts
rm -rf "$artifacts"; mkdir -p "$artifacts"
work=$(mktemp -d)
port=${DUALPREV_CI_PORT:-18080}
base="http://127.0.0.1:$port"
swift build --product dualprev
./.build/debug/dualprev serve --demo --db "$work/demo.sqlite" --port "$port" >"$artifacts/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$artifacts/server.log"; echo "the server did not start"; exit 1; }
  sleep 1
done
curl -fsS "$base/health"; echo

checks=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance
# Logged in as the chemicals maker's director (not a person the walk-through uses, since a generated password change
# may hit her own account): every read and action with generated data. The session endpoints are
# fuzzed separately without a session, so that a generated logout does not end the run's own session.
cookie=$(curl -fsS -i -H 'Content-Type: application/json' -d '{"login":"潘美玲","password":"dualprev-demo-2026"}' "$base/api/v1/session" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: dp_session=\([^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "could not log in for schemathesis"; exit 1; }
# Every phase, stateful included: sequences follow the OpenAPI links from a reported hazard to its page, its actions and
# its evidence.
schemathesis run schemas/openapi.yaml --url "$base" -H "Cookie: dp_session=$cookie" --checks "$checks" -n 40 \
  --phases examples,coverage,fuzzing,stateful \
  --exclude-path /api/v1/session --report junit --report-dir "$artifacts/schemathesis"
# No stateful phase here: the session endpoints alone hold no links to follow.
schemathesis run schemas/openapi.yaml --url "$base" --checks "$checks" -n 40 --include-path /api/v1/session \
  --phases examples,coverage,fuzzing

python3 .ci/browser_walkthrough.py "$base" "$artifacts"

# Graceful shutdown: SIGTERM, a clean exit, and every write made through the server on the audit chain.
kill -TERM "$server"
wait "$server"
trap 'rm -rf "$work"' EXIT
./.build/debug/dualprev audit verify --db "$work/demo.sqlite"
echo "web checks passed; artifacts in $artifacts"
