#!/bin/sh
# Time from opening _pydecimal.py (about 6,400 lines) in headless Neovim to its first diagnostics,
# five runs. Usage: tests/editors/bench_nvim_first_diagnostics.sh path/to/vigil
set -eu
here=$(cd "$(dirname "$0")" && pwd)
plugin=$(cd "$here/../../editors/nvim" && pwd)
VIGIL_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export VIGIL_BIN
for run in 1 2 3 4 5; do
  nvim --headless --clean --cmd "set runtimepath^=$plugin" -c "luafile $here/nvim_first_diagnostics.lua" 2>&1
done
