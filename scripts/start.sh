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
# Two malloc arenas, as in the Docker image: memory freed after a burst goes back to the system
# (docs/reliability.md). Read by glibc at process start, so it cannot live in .env.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node dist/main.js
