-- :checkhealth vigil — is the server there, and which version is it?
local M = {}

-- vim.health (0.8+; start/ok/error from 0.10) or the health# functions of 0.7.
local report = {
  start = (vim.health and (vim.health.start or vim.health.report_start))
    or function(name) vim.fn["health#report_start"](name) end,
  ok = (vim.health and (vim.health.ok or vim.health.report_ok))
    or function(msg) vim.fn["health#report_ok"](msg) end,
  error = (vim.health and (vim.health.error or vim.health.report_error))
    or function(msg, advice) vim.fn["health#report_error"](msg, advice or {}) end,
}

function M.check()
  report.start("vigil")
  local cmd = require("vigil").config.cmd
  local binary = cmd[1]
  if vim.fn.executable(binary) ~= 1 then
    report.error(("`%s` was not found"):format(binary),
      { "Install vigil and put it on PATH, or pass `cmd` to require('vigil').setup()." })
    return
  end
  report.ok(("`%s` found at %s"):format(binary, vim.fn.exepath(binary)))
  local version = vim.fn.system({ binary, "--version" })
  if vim.v.shell_error ~= 0 then
    report.error(("`%s --version` failed: %s"):format(binary, version))
    return
  end
  report.ok(vim.trim(version))
end

return M
