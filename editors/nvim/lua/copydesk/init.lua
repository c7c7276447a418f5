-- copydesk for Neovim 0.7 through 0.11: starts `copydesk lsp` for Markdown and text buffers.
--
--   require('copydesk').setup({ language = 'fr', date = '2026-03-14', check_on = 'save',
--                               rules = { ['quote.unattributed'] = 'warning' } })
--
-- Settings are copydesk.toml's keys (camelCase aliases accepted). They go to the server in
-- `initializationOptions` and, from `on_init` and on every `setup()`/`configure()` call, in
-- `workspace/didChangeConfiguration` (Neovim 0.7 sends none by itself).

local M = {}

local uv = vim.loop or vim.uv

-- Setting name → copydesk.toml key.
local KEYS = {
  language = 'language',
  date = 'date',
  date_fallback = 'date_fallback',
  dateFallback = 'date_fallback',
  check_on = 'check_on',
  checkOn = 'check_on',
  messages = 'messages',
  names_file = 'names_file',
  namesFile = 'names_file',
  ignore = 'ignore',
  rules = 'rules',
}

local ENUMS = {
  language = { auto = true, en = true, fr = true },
  date_fallback = { today = true, none = true },
  check_on = { type = true, save = true },
  messages = { article = true, en = true, fr = true },
}

local SEVERITIES = { error = true, warning = true, information = true, hint = true, off = true }

--- Plugin options that are not server settings.
local OPTIONS = {
  cmd = true,
  path = true,
  filetypes = true,
  autostart = true,
  root_markers = true,
  on_attach = true,
  capabilities = true,
  settings = true,
}

M.config = {
  path = 'copydesk',
  cmd = nil, -- default: { path, 'lsp', '--stdio' }
  filetypes = { 'markdown', 'text' },
  autostart = true,
  root_markers = { 'copydesk.toml', '.git' },
  on_attach = nil,
  capabilities = nil,
  settings = {},
}

local function notify(msg, level)
  vim.schedule(function()
    vim.notify('copydesk: ' .. msg, level or vim.log.levels.WARN)
  end)
end

--- Translates user settings into the server's keys; bad values are dropped with a message.
--- @param opts table settings (copydesk.toml keys or camelCase aliases)
--- @return table settings, string[] warnings
function M.server_settings(opts)
  local out, warnings = {}, {}
  for name, value in pairs(opts or {}) do
    local key = KEYS[name]
    if key == nil then
      if not OPTIONS[name] then
        table.insert(warnings, 'unknown setting ' .. tostring(name))
      end
    elseif ENUMS[key] then
      if type(value) == 'string' and ENUMS[key][value] then
        out[key] = value
      else
        table.insert(warnings, key .. ': unexpected value ' .. vim.inspect(value))
      end
    elseif key == 'date' then
      if type(value) == 'string' and value:match('^%d%d%d%d%-%d%d%-%d%d$') then
        out.date = value
      elseif value ~= '' then
        table.insert(warnings, 'date: expected YYYY-MM-DD, got ' .. vim.inspect(value))
      end
    elseif key == 'names_file' then
      if type(value) == 'string' and value ~= '' then
        out.names_file = vim.fn.expand(value)
      end
    elseif key == 'ignore' then
      if type(value) == 'table' then
        out.ignore = vim.tbl_filter(function(c)
          return type(c) == 'string'
        end, value)
      else
        table.insert(warnings, 'ignore: expected a list of rule codes')
      end
    elseif key == 'rules' then
      local rules = {}
      for code, v in pairs(type(value) == 'table' and value or {}) do
        local sev = type(v) == 'table' and v.severity or v
        if type(sev) == 'string' and SEVERITIES[sev] then
          rules[code] = { severity = sev }
        else
          table.insert(warnings, 'rules.' .. tostring(code) .. ': unexpected severity ' .. vim.inspect(v))
        end
      end
      out.rules = rules
    end
  end
  return out, warnings
end

local function settings_payload()
  return { copydesk = M.settings }
end

--- The command that starts the server.
function M.cmd()
  return M.config.cmd or { M.config.path, 'lsp', '--stdio' }
end

local function exists(p)
  return uv.fs_stat(p) ~= nil
end

--- The folder holding one of the root markers above the buffer's file, else the file's folder.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr or 0)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  local d = dir
  while d do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(d .. '/' .. marker) then
        return d
      end
    end
    local parent = vim.fn.fnamemodify(d, ':h')
    if parent == d then
      break
    end
    d = parent
  end
  return dir
end

--- `client:notify` on 0.11+ (method call), `client.notify` before.
function M.notify_client(client, method, params)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

--- `client:request` on 0.11+, `client.request` before.
function M.request_client(client, method, params, handler, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function on_init(client)
  -- Neovim 0.7 never sends the settings by itself; newer versions do, and a second copy is harmless.
  M.notify_client(client, 'workspace/didChangeConfiguration', { settings = settings_payload() })
  return true
end

local function on_attach(client, bufnr)
  if M.config.on_attach then
    M.config.on_attach(client, bufnr)
  end
end

--- The client configuration shared by every Neovim version.
function M.client_config(bufnr)
  return {
    name = 'copydesk',
    cmd = M.cmd(),
    root_dir = bufnr and M.root_dir(bufnr) or nil,
    init_options = settings_payload(),
    settings = settings_payload(),
    capabilities = M.config.capabilities,
    on_init = on_init,
    on_attach = on_attach,
  }
end

--- Which API this Neovim offers: 'config' (0.11+), 'start' (0.8+) or 'start_client' (0.7).
function M.api()
  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    return 'config'
  elseif vim.lsp.start ~= nil then
    return 'start'
  end
  return 'start_client'
end

local clients_07 = {} -- root_dir → client id (Neovim 0.7)

--- Attaches copydesk to a buffer (starting the server for its root when needed).
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.fn.executable(M.cmd()[1]) ~= 1 then
    notify(M.cmd()[1] .. ' is not executable: set `path` in setup() or put copydesk on PATH', vim.log.levels.ERROR)
    return nil
  end
  local api = M.api()
  if api == 'config' or api == 'start' then
    -- Reuses the client with the same name and root (the one vim.lsp.enable started, on 0.11).
    return vim.lsp.start(M.client_config(bufnr), { bufnr = bufnr })
  end
  local root = M.root_dir(bufnr)
  local id = clients_07[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(M.client_config(bufnr))
    if id == nil then
      return nil
    end
    clients_07[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The running copydesk clients.
function M.clients()
  local all = vim.lsp.get_clients and vim.lsp.get_clients({ name = 'copydesk' }) or vim.lsp.get_active_clients()
  return vim.tbl_filter(function(c)
    return c.name == 'copydesk'
  end, all)
end

--- Sends the current settings to every running server.
function M.push_settings()
  for _, client in ipairs(M.clients()) do
    M.notify_client(client, 'workspace/didChangeConfiguration', { settings = settings_payload() })
  end
end

--- Changes settings at run time (like editing copydesk.toml) and tells the servers.
function M.configure(opts)
  local s, warnings = M.server_settings(opts)
  M.settings = vim.tbl_extend('force', M.settings or {}, s)
  for _, w in ipairs(warnings) do
    notify(w)
  end
  M.push_settings()
end

local function is_article(bufnr)
  local ft = vim.bo[bufnr].filetype
  return vim.tbl_contains(M.config.filetypes, ft) and vim.bo[bufnr].buftype == ''
end

local group

function M.setup(opts)
  opts = opts or {}
  for k, v in pairs(opts) do
    if OPTIONS[k] then
      M.config[k] = v
    end
  end
  local direct = {}
  for k, v in pairs(opts) do
    if not OPTIONS[k] then
      direct[k] = v
    end
  end
  local s1, w1 = M.server_settings(opts.settings or {})
  local s2, w2 = M.server_settings(direct)
  M.settings = vim.tbl_extend('force', s1, s2)
  for _, w in ipairs(vim.list_extend(w1, w2)) do
    notify(w)
  end

  if M.api() == 'config' then
    local cfg = M.client_config(nil)
    -- The same root as the other versions: a marker's folder, else the file's own folder.
    cfg.root_dir = function(bufnr, on_dir)
      on_dir(M.root_dir(bufnr))
    end
    cfg.filetypes = M.config.filetypes
    vim.lsp.config('copydesk', cfg)
  end

  group = vim.api.nvim_create_augroup('copydesk', { clear = true })
  if M.config.autostart then
    if M.api() == 'config' then
      vim.lsp.enable('copydesk')
    else
      vim.api.nvim_create_autocmd('FileType', {
        group = group,
        pattern = M.config.filetypes,
        callback = function(args)
          if is_article(args.buf) then
            M.attach(args.buf)
          end
        end,
      })
    end
    -- Buffers already open when setup() runs (vim.lsp.enable handles them itself).
    if M.api() ~= 'config' then
      for _, buf in ipairs(vim.api.nvim_list_bufs()) do
        if vim.api.nvim_buf_is_loaded(buf) and is_article(buf) then
          M.attach(buf)
        end
      end
    end
  end
  M.push_settings()
  require('copydesk.commands').create()
end

return M
