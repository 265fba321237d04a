#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts the service on $PORT (7860) with
# SQLite in data/. Configuration comes from the environment and .env (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# The service refuses to start without JWT_SECRET_KEY and API_KEY_SALT unless NODE_ENV is
# development or test. A quick start on a fresh clone is a development run; a NODE_ENV (or
# ENVIRONMENT) set in the environment or in .env always wins.
if [ -z "${NODE_ENV:-}${ENVIRONMENT:-}" ] && ! grep -Eqs '^[[:space:]]*(export[[:space:]]+)?(NODE_ENV|ENVIRONMENT)=' .env; then
  echo "start.sh: NODE_ENV=development (built-in development secrets; set NODE_ENV=production and real secrets to deploy)" >&2
  export NODE_ENV=development
fi
npm run build
exec node dist/main.js
