#!/usr/bin/env bash
# Builds, lints, unit-tests and packages the extension with the Linux x64 server inside, offline
# once `npm ci` has run. Usage: editors/vscode/package.sh [path/to/vigil]
# Then checks that the .vsix holds an executable server binary.
set -euo pipefail
cd "$(dirname "$0")"
server=${1:-../../build/server/vigil}
[[ -x "$server" ]] || { echo "package.sh: no executable server at $server" >&2; exit 1; }
[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error
npm run --silent lint
npm run --silent test
npm run --silent bundle
mkdir -p bin/linux-x64
cp "$server" bin/linux-x64/vigil
# The rule pages, which the server links from each diagnostic (bin/linux-x64/../../rules).
rm -rf rules && cp -r ../../analysis/rules/docs rules
chmod 755 bin/linux-x64/vigil
rm -f ./*.vsix
npx vsce package --no-dependencies --allow-missing-repository --target linux-x64 --out vigil-linux-x64.vsix </dev/null >/dev/null
listing=$(unzip -Z vigil-linux-x64.vsix)
echo "$listing" | grep -E '^-rwx.* extension/bin/linux-x64/vigil$' >/dev/null ||
  { echo "package.sh: the .vsix has no executable extension/bin/linux-x64/vigil" >&2; echo "$listing" >&2; exit 1; }
echo "$listing" | grep -E ' extension/dist/extension.js$' >/dev/null ||
  { echo "package.sh: the .vsix has no bundled extension.js" >&2; exit 1; }
echo "packaged $(pwd)/vigil-linux-x64.vsix with an executable server"
