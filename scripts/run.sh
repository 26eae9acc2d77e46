#!/usr/bin/env bash
# Entry point behind `npm start`, `npm test` and the other npm scripts: makes sure the machine has
# what the command needs (scripts/setup.sh), then runs it on Node.js 24.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmd=${1:?usage: scripts/run.sh start|test|test:unit|test:watch|server|worker|rotate-keys}
shift
case "$cmd" in
  test) bash "$root/scripts/setup.sh" --test ;;
  *) bash "$root/scripts/setup.sh" ;;
esac
export PATH="$root/.tools/bin:$root/node_modules/.bin:$PATH"
cd "$root"
case "$cmd" in
  start) vite build --logLevel warn designer; exec node server/main.ts all "$@" ;;
  server | worker | rotate-keys) exec node server/main.ts "$cmd" "$@" ;;
  test)
    eslint --max-warnings 0 .
    tsc -p tsconfig.json
    exec vitest run "$@"
    ;;
  # The unit lane (no servers, no global setup; vitest.config.ts lists its files): seconds, not minutes.
  test:unit) exec vitest run --project unit "$@" ;;
  test:watch) exec vitest watch --project unit "$@" ;;
  *) echo "unknown command: $cmd" >&2; exit 2 ;;
esac
