-- User commands: :CopydeskCheck, :CopydeskRule, :CopydeskStats, :CopydeskRestart.

local M = {}

local QF_TYPE = { error = 'E', warning = 'W', information = 'I', hint = 'N' }

local function decode(text)
  if vim.json and vim.json.decode then
    return vim.json.decode(text)
  end
  return vim.fn.json_decode(text)
end

--- Quickfix items from `copydesk check --format json` output, paths relative to `cwd`.
--- Columns in the JSON count Unicode scalar values; quickfix columns are bytes.
function M.qf_items(json_text, cwd)
  local data = decode(json_text)
  local items, lines_of = {}, {}
  for _, d in ipairs(data.diagnostics or {}) do
    local file = d.file
    if file:sub(1, 1) ~= '/' then
      file = cwd .. '/' .. file
    end
    local lnum, col = d.line or 1, 1
    if d.line and d.column then
      lines_of[file] = lines_of[file] or vim.fn.readfile(file)
      local text = lines_of[file][d.line] or ''
      local ok, byte
      if vim.fn.has('nvim-0.11') == 1 then
        ok, byte = pcall(vim.str_byteindex, text, 'utf-32', d.column - 1, false)
      else
        ok, byte = pcall(vim.str_byteindex, text, d.column - 1)
      end
      col = (ok and byte or d.column - 1) + 1
    end
    table.insert(items, {
      filename = file,
      lnum = lnum,
      col = col,
      type = QF_TYPE[d.severity] or 'W',
      text = string.format('%s [%s]', d.message, d.code),
    })
  end
  return items
end

--- Runs `copydesk check --format json` on the workspace (or the given paths) into the quickfix list.
--- @param paths string[]|nil
--- @param on_done function|nil called with the quickfix items (tests use it)
function M.check(paths, on_done)
  local copydesk = require('copydesk')
  local root = copydesk.root_dir(0)
  if paths == nil or #paths == 0 then
    paths = { '.' }
  end
  local cmd = { copydesk.cmd()[1], 'check', '--format', 'json', '--fail-on', 'never' }
  local s = copydesk.settings or {}
  if s.language and s.language ~= 'auto' then
    vim.list_extend(cmd, { '--lang', s.language })
  end
  if s.date then
    vim.list_extend(cmd, { '--date', s.date })
  end
  vim.list_extend(cmd, paths)
  local out, err = {}, {}
  local job = vim.fn.jobstart(cmd, {
    cwd = root,
    stdout_buffered = true,
    stderr_buffered = true,
    on_stdout = function(_, data)
      out = data
    end,
    on_stderr = function(_, data)
      err = data
    end,
    on_exit = function(_, code)
      local text = table.concat(out, '\n')
      if code >= 2 and text == '' then
        vim.notify('copydesk check failed: ' .. table.concat(err, '\n'), vim.log.levels.ERROR)
        return
      end
      local ok, items = pcall(M.qf_items, text, root)
      if not ok then
        vim.notify('copydesk check: unreadable output: ' .. tostring(items), vim.log.levels.ERROR)
        return
      end
      vim.fn.setqflist({}, 'r', { title = 'copydesk check', items = items })
      if #items > 0 then
        vim.cmd('copen')
      else
        vim.notify('copydesk: nothing to report', vim.log.levels.INFO)
      end
      if on_done then
        on_done(items)
      end
    end,
  })
  if job <= 0 then
    vim.notify('copydesk: cannot run ' .. cmd[1], vim.log.levels.ERROR)
  end
  return job
end

--- Shows a rule's documentation (`copydesk rules CODE`) in a scratch buffer.
function M.rule(code)
  local copydesk = require('copydesk')
  if code == nil or code == '' then
    -- The code of a diagnostic under the cursor.
    local lnum = vim.api.nvim_win_get_cursor(0)[1] - 1
    for _, d in ipairs(vim.diagnostic.get(0, { lnum = lnum })) do
      if d.source == 'copydesk' or d.code then
        code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
        break
      end
    end
  end
  if code == nil then
    vim.notify('copydesk: give a rule code, e.g. :CopydeskRule text.doubled-word', vim.log.levels.WARN)
    return
  end
  local lines = vim.fn.systemlist({ copydesk.cmd()[1], 'rules', code })
  vim.cmd('new')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, lines)
  vim.bo.buftype = 'nofile'
  vim.bo.bufhidden = 'wipe'
  vim.bo.filetype = 'markdown'
  vim.bo.modifiable = false
end

--- Echoes the article's counts from `copydesk/stats`.
function M.stats()
  local copydesk = require('copydesk')
  for _, client in ipairs(copydesk.clients()) do
    local params = { textDocument = vim.lsp.util.make_text_document_params() }
    copydesk.request_client(client, 'copydesk/stats', params, function(err, s)
      if err or type(s) ~= 'table' then
        vim.notify('copydesk/stats: ' .. vim.inspect(err), vim.log.levels.WARN)
        return
      end
      vim.notify(
        string.format('%d quotes, %d sources, %d without source; %d dates, %d figures, %d names',
          s.quotes or 0, s.sources or 0, s.unattributed or 0, s.dates or 0, s.figures or 0, s.names or 0),
        vim.log.levels.INFO
      )
    end, 0)
    return
  end
  vim.notify('copydesk is not running for this buffer', vim.log.levels.WARN)
end

function M.restart()
  local copydesk = require('copydesk')
  local bufs = {}
  for _, client in ipairs(copydesk.clients()) do
    for buf in pairs(client.attached_buffers or {}) do
      table.insert(bufs, buf)
    end
    if vim.fn.has('nvim-0.11') == 1 then
      client:stop()
    else
      client.stop()
    end
  end
  vim.defer_fn(function()
    for _, buf in ipairs(bufs) do
      if vim.api.nvim_buf_is_valid(buf) then
        copydesk.attach(buf)
      end
    end
  end, 500)
end

function M.create()
  local cmd = vim.api.nvim_create_user_command
  cmd('CopydeskCheck', function(a)
    M.check(a.fargs)
  end, { nargs = '*', complete = 'file', desc = 'copydesk: check the workspace into the quickfix list' })
  cmd('CopydeskRule', function(a)
    M.rule(a.args)
  end, { nargs = '?', desc = "copydesk: show a rule's documentation" })
  cmd('CopydeskStats', M.stats, { desc = "copydesk: the article's counts" })
  cmd('CopydeskRestart', M.restart, { desc = 'copydesk: restart the language server' })
end

return M
