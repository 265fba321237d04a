# Source this file: Node 24 on PATH, then `npm ci` when package-lock.json (or the Node version)
# changed since the last install. onnxruntime-node's CUDA download is skipped: it needs the
# internet and the CPU binaries ship inside the package.
source "$(dirname "${BASH_SOURCE[0]}")/node24.sh" || return 1
export ONNXRUNTIME_NODE_INSTALL=skip
_stamp="node_modules/.install-stamp"
_want="$(sha256sum package-lock.json | cut -d' ' -f1) $(node --version)"
if [ ! -f "$_stamp" ] || [ "$(cat "$_stamp")" != "$_want" ]; then
  npm ci --no-audit --no-fund || return 1
  echo "$_want" > "$_stamp"
fi
unset _stamp _want
