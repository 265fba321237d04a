#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts the service on $PORT (7860) with
# SQLite in data/. Configuration comes from the environment and .env (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
npm run build
exec node dist/main.js
