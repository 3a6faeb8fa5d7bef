-- Measures, in a real headless Neovim, the time from opening a large Python file to its first
-- diagnostics. A benchmark, not a test: tests/editors/bench_nvim_first_diagnostics.sh runs it.
local VIGIL = assert(vim.env.VIGIL_BIN)
local source = vim.env.BENCH_FILE or "/usr/lib/python3.11/_pydecimal.py"
local lines = vim.fn.readfile(source)
table.insert(lines, "eval(x)") -- one finding at the very end, so diagnostics are not empty
local path = vim.fn.tempname() .. ".py"
vim.fn.writefile(lines, path)
-- Neovim 0.7 itself takes seconds to load a file this size headless (its own Python ftplugin and
-- indent scripts; `edit` alone shows it), so the clock that matters for Vigil starts when the
-- buffer's filetype is set, which is when the plugin starts the server.
local attached
vim.api.nvim_create_autocmd("FileType", { pattern = "python", callback = function()
  attached = attached or vim.loop.hrtime()
end })
require("vigil").setup({ cmd = { VIGIL, "server" } })
local started = vim.loop.hrtime()
vim.cmd("edit " .. vim.fn.fnameescape(path))
local arrived = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 1)
local now = vim.loop.hrtime()
io.stdout:write(("%s %d lines: first diagnostics %.1f ms after the buffer was ready "
  .. "(%.1f ms after :edit)\n"):format(arrived and "ok" or "TIMEOUT", #lines,
  (now - (attached or started)) / 1e6, (now - started) / 1e6))
vim.cmd(arrived and "qall!" or "cquit 1")
