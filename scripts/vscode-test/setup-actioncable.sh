#!/usr/bin/env bash
# Provision the real ActionCable test server (idempotent; a no-op once done): Debian's ruby-actioncable
# (Rails 6.1, same wire protocol as Chatwoot's Rails 7.1) under puma. The live-updates client tests
# (test/unit/live) run it from test/support/actioncable/config.ru. Downloads nothing but Debian packages.
#
# `npm run test:unit` runs it with --optional: without root (and outside CI) missing packages only
# print how to install them, and the live tests against the real server skip; under CI=true the
# tests then fail.
#
# Exit: 0 ready (or --optional and not installable here); 1 failed; 3 packages missing and not root.
set -euo pipefail
optional=""
[ "${1:-}" = "--optional" ] && optional=1
in_ci() { [ -n "${CI:-}" ] && [ "${CI}" != "false" ] && [ "${CI}" != "0" ]; }

pkgs=(ruby-actioncable puma)
ready() {
  command -v ruby >/dev/null 2>&1 && command -v puma >/dev/null 2>&1 &&
    ruby -e 'require "action_cable"; require "puma"' >/dev/null 2>&1
}
ready && exit 0

need=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ "${#need[@]}" -eq 0 ]; then
  echo "actioncable setup: ${pkgs[*]} are installed but 'ruby -e \"require \\\"action_cable\\\"\"' or 'puma' fails" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "actioncable setup: missing Debian packages: ${need[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${need[*]}" >&2
  if [ -n "$optional" ] && ! in_ci; then
    echo "(the live-updates tests against the real ActionCable server will be skipped)" >&2
    exit 0
  fi
  exit 3
fi
echo "[actioncable setup] installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
aptlog="$(mktemp)"
trap 'rm -f "$aptlog"' EXIT
# Refresh the lists only when the first attempt fails (a fresh image has none, an old one stale ones).
if ! apt-get install -y -q --no-install-recommends "${need[@]}" </dev/null >"$aptlog" 2>&1; then
  apt-get update -qq >>"$aptlog" 2>&1 || echo "[actioncable setup] warning: apt-get update failed; trying the lists we have"
  if ! apt-get install -y -q --no-install-recommends "${need[@]}" </dev/null >>"$aptlog" 2>&1; then
    cat "$aptlog" >&2; echo "actioncable setup: apt-get install failed" >&2; exit 1
  fi
fi
ready || { echo "actioncable setup: installed, but ruby cannot load action_cable and puma" >&2; exit 1; }
echo "[actioncable setup] ready: $(ruby -v | cut -d' ' -f1-2), puma $(puma --version 2>/dev/null | awk '{print $3}')"
