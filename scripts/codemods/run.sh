#!/bin/bash
# from a checkout of main: the async conversion, reproducibly
set -e
R=${1:-$PWD}
cd "$R"
cp /tmp/codemod/db.server.branch.ts app/utils/db.server.ts
git rm -q app/utils/async-db.server.ts || true
cp /tmp/codemod/async-db.test.branch.ts tests/integration/async-db.test.ts
cp /tmp/codemod/tsconfig.json /tmp/codemod/eslint.config.js .
mkdir -p scripts/codemods && cp /tmp/codemod/phase1.ts /tmp/codemod/phase2.ts /tmp/codemod/lib.ts /tmp/codemod/run.sh scripts/codemods/
TSX=/work/main/node_modules/.bin/tsx
for i in 1 2 3 4; do $TSX /tmp/codemod/phase1.ts "$R" | grep applied; done
$TSX /tmp/codemod/phase2.ts "$R" 30
npx tsc --noEmit 2>&1 | grep -c "error TS" || true
