#!/usr/bin/env bash
# Entry point behind `npm run test:faults`: the test packages the fault suite's stack needs (Samba,
# scim2-server, PostgreSQL, the Temporal CLI), then the suite on Node.js 24. Not part of `npm test`.
# TENURE_FAULTS_HIRES (hires per scenario, default 40; twice that for the worker kills) and TENURE_FAULTS_KILLS (worker kills,
# default 20) size it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bash "$root/scripts/setup.sh" --test
export PATH="$root/.tools/bin:$root/node_modules/.bin:$PATH"
cd "$root"
exec vitest run --config test/faults/vitest.config.ts "$@"
