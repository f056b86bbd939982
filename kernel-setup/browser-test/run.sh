#!/usr/bin/env bash
# The real-browser test: starts Jupyter Notebook on 127.0.0.1 with the kernelspec that
# kernel-setup/install.sh wrote, opens notebooks/kernel-check.ipynb (a copy) in headless Chromium,
# runs its cells through the page and checks the inline PNG, the HTML table and the text in the page,
# over BROWSER_TEST_STARTS fresh kernel starts (default 3). Then it writes a collapse report with
# toolkit/bin/collapse-report (a multi-embedding state_dict that torch.save wrote) and opens its
# report.html from disk: its charts render, its measures table has a row per field and set. Installs what it needs and lacks: Debian's
# chromium and jupyter-notebook (and npm), then puppeteer-core from package-lock.json (npm ci; no
# browser download). Run kernel-setup/install.sh first.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STARTS="${BROWSER_TEST_STARTS:-3}"
# the kernelspec "java" under this folder (another one, e.g. to see the test fail on a bare rapaio kernel)
SPEC_ROOT="${BROWSER_TEST_JUPYTER_PATH:-$REPO/build/jupyter}"
. "$HERE/../apt-install.sh"
die() { printf 'browser-test: %s\n' "$*" >&2; exit 1; }

[ -f "$SPEC_ROOT/kernels/java/kernel.json" ] || die "no kernelspec 'java' in $SPEC_ROOT: run kernel-setup/install.sh first"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/jupyter ] && /usr/bin/jupyter notebook --version >/dev/null 2>&1 || missing+=(jupyter-notebook)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
apt_install browser-test "${missing[@]}"
if ! (cd "$HERE" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  die "npm ci failed in $HERE"
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# a copy: running cells through the page saves the notebook
mkdir -p "$work/notebooks" "$work/config" "$work/runtime"
cp "$REPO/notebooks/kernel-check.ipynb" "$work/notebooks/"
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(16))')"
root=()
if [ "$(id -u)" = 0 ]; then root=(--allow-root); fi
JUPYTER_PATH="$SPEC_ROOT" JUPYTER_CONFIG_DIR="$work/config" JUPYTER_RUNTIME_DIR="$work/runtime" \
COLLAPSELAB_PROFILE=smoke COLLAPSELAB_OUT="$work/out" \
  /usr/bin/jupyter notebook --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 "${root[@]}" \
    --NotebookApp.token="$token" --notebook-dir="$work/notebooks" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null -H "Authorization: token $token" "http://127.0.0.1:$port/api/status" 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; die "the notebook server exited"; }
  sleep 0.5
done
curl -fsS -o /dev/null -H "Authorization: token $token" "http://127.0.0.1:$port/api/status" \
  || { cat "$work/server.log" >&2; die "the notebook server did not answer on 127.0.0.1:$port within 60 s"; }
echo "browser-test: Jupyter Notebook $(/usr/bin/jupyter notebook --version) on 127.0.0.1:$port, Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $STARTS fresh kernel starts"

# the collapse report first: it needs no server
fixture="$REPO/toolkit/src/test/resources/models/me_state_dict.pt"
"$REPO/toolkit/bin/collapse-report" "$fixture" --fields 40,13,9 --out "$work/report" >"$work/report.log" 2>&1 \
  || { cat "$work/report.log" >&2; die "collapse-report failed"; }
node "$HERE/report.mjs" --page "$work/report/report.html" --rows 9 --images 6 --chromium /usr/bin/chromium \
  --sha256 "$(sha256sum "$fixture" | cut -d' ' -f1)" || die "the collapse report did not render as it should"

status=0
node "$HERE/test.mjs" --url "http://127.0.0.1:$port" --token "$token" --notebook kernel-check.ipynb \
  --starts "$STARTS" --chromium /usr/bin/chromium || status=$?
if [ "$status" != 0 ]; then
  echo "browser-test: the notebook server's log:" >&2
  grep -v 'Parsing classpath\|to classpath$' "$work/server.log" | tail -60 >&2
fi
exit "$status"
