#!/usr/bin/env bash
# Provision the offline VS Code test tools for this repo (idempotent; ~1 s no-op once done):
#   .vscode-test-tools/node_modules/.bin/code-server   code-server 4.100.3 = VS Code 1.100.3 server + web workbench (Node 20)
#   /usr/bin/chromium                                   Debian's chromium, driven by playwright-core (devDependency)
# Downloads nothing but npm packages (registry) and Debian packages (apt). No GitHub, no VS Code CDN.
#
# Env:  CS_VERSION (default 4.100.3)   VSCODE_TEST_TOOLS_DIR (default <repo>/.vscode-test-tools)
#       CHROMIUM_PATH (default /usr/bin/chromium)   VSCODE_TEST_SKIP_SMOKE=1 (skip the start-up check)
# Exit: 0 ready; 1 failed; 3 OS packages missing and not root (the command to run is printed).
set -euo pipefail

CS_VERSION="${CS_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${VSCODE_TEST_TOOLS_DIR:-$ROOT/.vscode-test-tools}"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
STAMP="$DIR/.ready"
t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
log() { echo "[vscode-test setup +$(ms)ms] $*"; }

# Native modules are bound to the Node ABI, so the stamp records it next to the code-server version.
want_stamp="code-server=$CS_VERSION node-abi=$(node -p process.versions.modules) platform=$(node -p 'process.platform+"-"+process.arch')"

# ---------------------------------------------------------------------------------------------------------
# 1. OS packages. Runtime: chromium, ripgrep. Build (only when code-server must be built): a C/C++ toolchain,
#    python3 for node-gyp and the headers of the VS Code server's native modules.
runtime_pkgs=(chromium ripgrep)
build_pkgs=(build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)

ready=""
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want_stamp" ] && [ -x "$DIR/node_modules/.bin/code-server" ]; then
  ready=1
fi

need=()
pkgs=("${runtime_pkgs[@]}")
[ -n "$ready" ] || pkgs+=("${build_pkgs[@]}")
for p in "${pkgs[@]}"; do
  # chromium may also come from elsewhere when CHROMIUM_PATH points at it
  if [ "$p" = chromium ] && [ -x "$CHROMIUM" ]; then continue; fi
  if [ "$p" = ripgrep ] && command -v rg >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "vscode-test setup: missing Debian packages: ${need[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${need[*]}" >&2
    echo "then run this script again (or point CHROMIUM_PATH at another chromium)." >&2
    exit 3
  fi
  log "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Only now refresh the package lists (a fresh image has none, an old one may have stale ones).
  aptlog="$(mktemp)"
  apt-get update -qq >"$aptlog" 2>&1 || { cat "$aptlog"; log "warning: apt-get update failed; trying the lists we have"; }
  if ! apt-get install -y -q --no-install-recommends "${need[@]}" </dev/null >>"$aptlog" 2>&1; then
    cat "$aptlog" >&2; rm -f "$aptlog"; echo "vscode-test setup: apt-get install failed" >&2; exit 1
  fi
  rm -f "$aptlog"
  log "Debian packages installed"
fi
[ -x "$CHROMIUM" ] || { echo "vscode-test setup: no chromium at $CHROMIUM" >&2; exit 1; }
command -v rg >/dev/null || { echo "vscode-test setup: ripgrep (rg) not found" >&2; exit 1; }

if [ -n "$ready" ]; then
  log "ready: $want_stamp in $DIR (chromium: $CHROMIUM)"
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------
# 2. code-server from npm, install scripts off (npm 11 runs none that are not allow-listed anyway, and
#    code-server's postinstall would fetch ripgrep from GitHub). Then do its postinstall.sh by hand.
rm -f "$STAMP"
# node-gyp must build against the installed Node headers instead of downloading them (no nodejs.org here).
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix="$(node -p 'require("path").resolve(process.execPath, "..", "..")')"
  for d in "$node_prefix" /usr /usr/local; do
    if [ -f "$d/include/node/node.h" ]; then export npm_config_nodedir="$d"; break; fi
  done
fi
if [ ! -f "${npm_config_nodedir:-/nonexistent}/include/node/node.h" ]; then
  echo "vscode-test setup: no Node.js headers (include/node/node.h) next to $(command -v node) or in /usr;" >&2
  echo "  node-gyp would try to download them. Install Node with its headers (e.g. NodeSource's nodejs," >&2
  echo "  or Debian's libnode-dev) or set npm_config_nodedir to a folder holding include/node." >&2
  exit 1
fi
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
       npm_config_progress=false npm_config_loglevel="${npm_config_loglevel:-warn}" JOBS="${JOBS:-max}"
mkdir -p "$DIR"
cd "$DIR"
cat > package.json <<JSON
{
  "name": "vscode-test-tools",
  "private": true,
  "description": "Cache of the offline VS Code test tools (scripts/vscode-test/setup.sh). Not part of the extension.",
  "dependencies": { "code-server": "$CS_VERSION" }
}
JSON
log "npm install code-server@$CS_VERSION"
npm install --ignore-scripts --no-package-lock
log "code-server installed"

VS="$DIR/node_modules/code-server/lib/vscode"
[ -f "$VS/package.json" ] || { echo "vscode-test setup: $VS missing; unexpected code-server layout" >&2; exit 1; }
cd "$VS"
log "npm install (VS Code server dependencies)"
npm install --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall downloads from GitHub unless bin/ exists: use Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "npm rebuild (native modules: node-pty, spdlog, kerberos, ...)"
npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
log "npm install (built-in extensions' dependencies)"
(cd extensions && npm install --omit=dev --ignore-scripts)
cd "$DIR"
log "npm rebuild argon2"
npm rebuild argon2
[ -f "$VS/node_modules/node-pty/build/Release/pty.node" ] || { echo "vscode-test setup: node-pty was not built" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------
# 3. Smoke check: the server starts on loopback and answers /healthz.
if [ "${VSCODE_TEST_SKIP_SMOKE:-}" != 1 ]; then
  port=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  tmp=$(mktemp -d)
  echo "auth: none" > "$tmp/config.yaml"
  EXTENSIONS_GALLERY='{}' setsid "$DIR/node_modules/.bin/code-server" --config "$tmp/config.yaml" --auth none \
    --bind-addr "127.0.0.1:$port" --user-data-dir "$tmp/u" --extensions-dir "$tmp/e" \
    --disable-telemetry --disable-update-check </dev/null >"$tmp/log" 2>&1 &
  pid=$!
  ok=""
  for _ in $(seq 1 150); do
    if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$port/healthz"; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$ok" ]; then cat "$tmp/log" >&2; rm -rf "$tmp"; echo "vscode-test setup: code-server did not start" >&2; exit 1; fi
  rm -rf "$tmp"
  log "smoke check passed (code-server answered on 127.0.0.1:$port)"
fi

echo "$want_stamp" > "$STAMP"
log "ready: $want_stamp in $DIR ($(du -sh "$DIR/node_modules" | cut -f1)), chromium: $CHROMIUM"
