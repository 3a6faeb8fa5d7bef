-- End to end in a real headless Neovim (0.7+), through Vigil's own plugin and the real server:
-- open a file with several kinds of findings, check codes and exact ranges, type an edit that adds
-- a finding, apply a quick fix through Neovim's code action path, close, and check the server
-- exits with 0. Run by tests/editors/run_nvim_e2e.sh; exit status 0 means every check passed.
local VIGIL = assert(vim.env.VIGIL_BIN, "VIGIL_BIN must name the vigil binary")
local TIMEOUT = 20000 -- a safety net, not a delay: every wait ends as soon as its condition holds

local function log(message) io.stderr:write(message .. "\n") end
local function fail(message)
  log("FAIL: " .. message)
  vim.cmd("cquit 1")
end
local function check(condition, message)
  if condition then log("ok - " .. message) else fail(message) end
end

local function codes_and_ranges(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, ("%s %d:%d-%d:%d"):format(d.code, d.lnum, d.col, d.end_lnum, d.end_col))
  end
  table.sort(found)
  return table.concat(found, ", ")
end

-- 1. A project with several kinds of findings.
local dir = vim.fn.tempname()
vim.fn.mkdir(dir, "p")
vim.fn.writefile({ "[tool.vigil]", 'profile = "default"' }, dir .. "/pyproject.toml")
local path = dir .. "/app.py"
vim.fn.writefile({
  "import subprocess",
  "import yaml",
  "x = eval(data)",
  "y = yaml.load(stream)",
  "subprocess.run(cmd, shell=True)",
  "exec(code)",
}, path)

local exit_code
require("vigil").setup({
  cmd = { VIGIL, "server" },
  settings = { debounceMs = 0 },
  on_exit = function(code) exit_code = code end,
})
vim.cmd("edit " .. vim.fn.fnameescape(path))
local bufnr = vim.api.nvim_get_current_buf()
check(vim.bo[bufnr].filetype == "python", "the buffer is Python")

-- 2. Diagnostics arrive with the right codes and exact ranges (0-based, end exclusive).
local expected = "B102 5:0-5:4, B307 2:4-2:8, B506 3:4-3:13, B602 4:0-4:14"
check(vim.wait(TIMEOUT, function() return codes_and_ranges(bufnr) == expected end, 20),
  "diagnostics " .. expected .. " (got " .. codes_and_ranges(bufnr) .. ")")
local first = vim.diagnostic.get(bufnr, { lnum = 2 })[1]
check(first.source == "vigil", "source is vigil")
check(first.severity == vim.diagnostic.severity.WARN, "B307 (MEDIUM) is a warning")

-- 3. Type a line that adds a finding: it appears.
vim.api.nvim_buf_set_lines(bufnr, 6, 6, false, { "z = eval(other)" })
local with_new = "B102 5:0-5:4, B307 2:4-2:8, B307 6:4-6:8, B506 3:4-3:13, B602 4:0-4:14"
check(vim.wait(TIMEOUT, function() return codes_and_ranges(bufnr) == with_new end, 20),
  "the new finding appears (got " .. codes_and_ranges(bufnr) .. ")")

-- 4. Apply a quick fix through the code action path (vim.ui.select picks by title).
local offered = {}
vim.ui.select = function(items, opts, on_choice)
  local chosen
  for index, item in ipairs(items) do
    local title = opts.format_item(item)
    table.insert(offered, title)
    if title:find("Use yaml.safe_load", 1, true) then chosen = index end
  end
  on_choice(chosen and items[chosen] or nil, chosen)
end
vim.api.nvim_win_set_cursor(0, { 4, 6 }) -- on `yaml.load`
vim.lsp.buf.code_action()
check(vim.wait(TIMEOUT, function()
  return vim.api.nvim_buf_get_lines(bufnr, 3, 4, false)[1] == "y = yaml.safe_load(stream)"
end, 20), "the quick fix rewrote the line (offered: " .. table.concat(offered, " | ") .. ")")
local after_fix = "B102 5:0-5:4, B307 2:4-2:8, B307 6:4-6:8, B602 4:0-4:14"
check(vim.wait(TIMEOUT, function() return codes_and_ranges(bufnr) == after_fix end, 20),
  "the fixed finding is gone (got " .. codes_and_ranges(bufnr) .. ")")

-- 4b. A requirements file (no Python filetype) is attached by name and gets the dependency rules.
local requirements = dir .. "/requirements.txt"
vim.fn.writefile({ "requests", "flask==3.0.3", "--trusted-host pkgs.corp.io" }, requirements)
vim.cmd("edit " .. vim.fn.fnameescape(requirements))
local reqbuf = vim.api.nvim_get_current_buf()
check(vim.wait(TIMEOUT, function()
  return codes_and_ranges(reqbuf) == "VG701 0:0-0:8, VG705 2:0-2:27"
end, 20), "requirements.txt diagnostics (got " .. codes_and_ranges(reqbuf) .. ")")
vim.cmd("bwipeout! " .. reqbuf)

-- 5. Close the buffer and stop: shutdown + exit, and the server exits with 0.
vim.cmd("bwipeout! " .. bufnr)
for _, client in ipairs(vim.lsp.get_active_clients()) do
  if client.name == "vigil" then vim.lsp.stop_client(client.id) end
end
check(vim.wait(TIMEOUT, function() return exit_code ~= nil end, 20), "the server exited")
check(exit_code == 0, "exit code 0 after shutdown and exit (got " .. tostring(exit_code) .. ")")

-- 6. :checkhealth vigil finds the binary and reports its version.
vim.cmd("checkhealth vigil")
local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
check(report:find("found at", 1, true) ~= nil, ":checkhealth vigil finds the binary")
check(report:find("vigil %d+%.%d+%.%d+") ~= nil, ":checkhealth vigil reports the version")

log("ALL PASSED")
vim.cmd("qall!")
