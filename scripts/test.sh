#!/usr/bin/env bash
# The whole test suite on SQLite: unit tests, e2e tests through HTTP on real migrations, and the
# production-image replay. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
npm test
