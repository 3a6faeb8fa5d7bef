-- Vigil for Neovim: starts `vigil server` for Python buffers, requirements files and
-- pyproject.toml (dependency checks VG701-VG705).
--
--   require("vigil").setup({
--     cmd = { "vigil", "server" },          -- default: `vigil` found on PATH
--     settings = {                          -- as in VS Code; sent as initializationOptions and
--       profile = "default",                -- answered to workspace/configuration
--       select = {}, ignore = {},
--       severity = "low", confidence = "low",
--     },
--   })
--
-- Neovim 0.8+ uses vim.lsp.start (one client per project root); 0.7 falls back to
-- vim.lsp.start_client + vim.lsp.buf_attach_client.
local M = {}

local defaults = {
  cmd = { "vigil", "server" },
  filetypes = { "python", "requirements" },
  -- Dependency files (VG701-VG705), attached by name whatever their filetype (Neovim before 0.9
  -- has no "requirements" filetype, and pyproject.toml is "toml" like any TOML file).
  dependency_files = { "*requirements*.txt", "*/requirements/*.txt", "pyproject.toml" },
  root_markers = { "pyproject.toml", "setup.cfg", "setup.py", ".bandit", ".git" },
  settings = {},
  on_exit = nil, -- function(code, signal) called when the server process ends
}

M.config = vim.deepcopy(defaults)
M.clients = {} -- root directory -> client id (Neovim 0.7 path)

local function buffer_directory(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return vim.loop.cwd()
  end
  return vim.fn.fnamemodify(name, ":p:h")
end

-- The nearest directory above the buffer holding one of the root markers, else its directory.
function M.root_dir(bufnr)
  local start = buffer_directory(bufnr)
  for _, marker in ipairs(M.config.root_markers) do
    local found = vim.fn.findfile(marker, start .. ";")
    if found == "" then
      found = vim.fn.finddir(marker, start .. ";")
    end
    if found ~= "" then
      return (vim.fn.fnamemodify(found, ":p:h"):gsub("/%.git$", ""))
    end
  end
  return start
end

local function client_config(root)
  local settings = M.config.settings or {}
  return {
    name = "vigil",
    cmd = M.config.cmd,
    root_dir = root,
    init_options = settings,
    settings = { vigil = settings },
    on_exit = M.config.on_exit,
  }
end

-- Whether a buffer's name matches one of `dependency_files` (autocommand patterns).
function M.is_dependency_file(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  for _, pattern in ipairs(M.config.dependency_files) do
    local subject = pattern:find("/", 1, true) and name or vim.fn.fnamemodify(name, ":t")
    if vim.fn.match(subject, vim.fn.glob2regpat(pattern)) >= 0 then
      return true
    end
  end
  return false
end

local function wanted(bufnr)
  return vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) or M.is_dependency_file(bufnr)
end

-- Attaches Vigil to a buffer, starting the server for its project if needed.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local root = M.root_dir(bufnr)
  local config = client_config(root)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = M.clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    M.clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- Sends changed settings to running servers without restarting them.
function M.update_settings(settings)
  M.config.settings = settings
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    if client.name == "vigil" then
      client.config.settings = { vigil = settings }
      client.notify("workspace/didChangeConfiguration", { settings = { vigil = settings } })
    end
  end
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup("vigil", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
  })
  if #M.config.dependency_files > 0 then
    vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
      group = group,
      pattern = M.config.dependency_files,
      callback = function(args)
        -- Already started by FileType when its filetype is one of ours.
        if not vim.tbl_contains(M.config.filetypes, vim.bo[args.buf].filetype) then
          M.start(args.buf)
        end
      end,
    })
  end
  -- Buffers that were already open when setup ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and wanted(bufnr) then
      M.start(bufnr)
    end
  end
end

return M
