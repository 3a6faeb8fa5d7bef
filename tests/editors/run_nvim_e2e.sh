#!/bin/sh
# Runs the headless Neovim end-to-end test against a vigil binary.
# Usage: tests/editors/run_nvim_e2e.sh path/to/vigil        (exit status 0: every check passed)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
plugin=$(cd "$here/../../editors/nvim" && pwd)
VIGIL_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export VIGIL_BIN
command -v nvim >/dev/null || { echo "nvim not found: run .ci/setup (Debian's neovim)" >&2; exit 1; }
exec timeout 120 nvim --headless --clean --cmd "set runtimepath^=$plugin" -c "luafile $here/nvim_e2e.lua"
