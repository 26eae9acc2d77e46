#!/usr/bin/env bash
# Entry point behind `npm run bench`: the test packages (Samba, scim2-server, the Temporal CLI) the
# benchmark's targets need, then bench/main.ts on Node.js 24. Not part of `npm test`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh" --test
export PATH="$root/.tools/bin:$root/node_modules/.bin:$PATH"
cd "$root"
exec node bench/main.ts "$@"
