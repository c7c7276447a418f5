-- End-to-end test of the copydesk Neovim plugin against the real language server.
-- Runs on Neovim 0.7 through 0.11 (the same file):
--
--   COPYDESK_BIN=target/debug/copydesk nvim --headless -u NONE -i NONE -n -c 'luafile editors/nvim/test/e2e.lua'
--
-- It opens a French article whose line holds « », U+202F and an emoji before a doubled word, waits
-- for the diagnostics, checks codes and positions in the negotiated encoding, hovers, applies the
-- quick fix, runs :CopydeskCheck. In headless Neovim the event loop only runs inside vim.wait.
-- Exit status: 0 when every check passed, 1 otherwise; one "ok"/"not ok" line per check.

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local plugin = vim.fn.fnamemodify(here, ':h')
local editors = vim.fn.fnamemodify(plugin, ':h')
local repo = vim.fn.fnamemodify(editors, ':h')
vim.opt.runtimepath:prepend(plugin)
vim.cmd('filetype on')

local bin = os.getenv('COPYDESK_BIN') or (repo .. '/target/debug/copydesk')
local timeout = tonumber(os.getenv('COPYDESK_E2E_TIMEOUT') or '20000')

local passed, failed = 0, 0
local log_path = vim.lsp.get_log_path and vim.lsp.get_log_path()
local log_lines_before = (log_path and vim.fn.filereadable(log_path) == 1) and #vim.fn.readfile(log_path) or 0
local function check(name, cond, detail)
  if cond then
    passed = passed + 1
    print('ok - ' .. name)
  else
    failed = failed + 1
    print('not ok - ' .. name .. (detail and (': ' .. tostring(detail):gsub('%s+', ' ')) or ''))
  end
  return cond
end

local function finish()
  print(string.format('nvim %s: %d passed, %d failed', tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch), passed, failed))
  io.stdout:flush()
  vim.cmd((failed == 0 and passed > 0) and 'qall!' or 'cquit 1')
end

-- print() in headless Neovim goes to stderr-ish message area; make it reach stdout.
print = function(...)
  local parts = {}
  for i = 1, select('#', ...) do
    parts[#parts + 1] = tostring(select(i, ...))
  end
  io.stdout:write(table.concat(parts, '\t') .. '\n')
end

local ok_all, err_all = xpcall(function()
  print('# neovim ' .. tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch) .. ', server ' .. bin)
  if not check('server binary is executable', vim.fn.executable(bin) == 1, bin) then
    return
  end

  local copydesk = require('copydesk')

  -- Pure parts first: the settings translation.
  local s, w = copydesk.server_settings({
    language = 'fr',
    dateFallback = 'none',
    check_on = 'save',
    rules = { ['quote.unattributed'] = 'warning', ['figure.style'] = { severity = 'hint' } },
    ignore = { 'text.repeated' },
    bogus = 1,
  })
  check('settings: camelCase aliases and rule severities translate to copydesk.toml keys',
    s.language == 'fr' and s.date_fallback == 'none' and s.check_on == 'save'
      and s.rules['quote.unattributed'].severity == 'warning' and s.rules['figure.style'].severity == 'hint'
      and s.ignore[1] == 'text.repeated', vim.inspect(s))
  check('settings: an unknown key is reported', #w == 1 and w[1]:find('bogus') ~= nil, vim.inspect(w))
  local _, w2 = copydesk.server_settings({ language = 'de', date = '14/03/2026' })
  check('settings: bad values are reported', #w2 == 2, vim.inspect(w2))

  -- A workspace with the sample article.
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  vim.fn.writefile({ 'ignore = ["figure.style"]' }, dir .. '/copydesk.toml')
  local article = dir .. '/marche.md'
  vim.fn.writefile(vim.fn.readfile(editors .. '/fixtures/marche.md', 'b'), article, 'b')

  -- Record the raw publishDiagnostics parameters, to check positions as the server sent them.
  local raw = {}
  local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri then
      raw[result.uri] = result.diagnostics
    end
    return orig(err, result, ctx, config)
  end
  -- Neovim 0.10+ pulls diagnostics (textDocument/diagnostic) when the server offers both ways.
  local orig_pull = vim.lsp.handlers['textDocument/diagnostic']
  if orig_pull then
    vim.lsp.handlers['textDocument/diagnostic'] = function(err, result, ctx, config)
      if result and result.kind == 'full' and ctx and ctx.params and ctx.params.textDocument then
        raw[ctx.params.textDocument.uri] = result.items
      end
      return orig_pull(err, result, ctx, config)
    end
  end

  -- messages = 'en' in the client settings: English messages although the article is French,
  -- which shows that the settings reached the server.
  -- COPYDESK_E2E_ENCODING=utf-32 (or utf-16) offers only that position encoding (Neovim 0.10+).
  local capabilities
  local only = os.getenv('COPYDESK_E2E_ENCODING')
  if only and only ~= '' then
    capabilities = vim.lsp.protocol.make_client_capabilities()
    capabilities.general = capabilities.general or {}
    capabilities.general.positionEncodings = { only }
  end
  copydesk.setup({ path = bin, messages = 'en', date_fallback = 'none', capabilities = capabilities })
  check('plugin picks the API of this version', copydesk.api() == (vim.fn.has('nvim-0.11') == 1 and 'config'
    or vim.fn.has('nvim-0.8') == 1 and 'start' or 'start_client'), copydesk.api())

  vim.cmd('edit ' .. vim.fn.fnameescape(article))
  local buf = vim.api.nvim_get_current_buf()
  check('the article is a markdown buffer', vim.bo[buf].filetype == 'markdown', vim.bo[buf].filetype)
  local uri = vim.uri_from_bufnr(buf)

  local client
  check('a copydesk client attaches', vim.wait(timeout, function()
    client = copydesk.clients()[1]
    return client ~= nil and client.initialized ~= false and (client.attached_buffers == nil or client.attached_buffers[buf])
  end, 20))
  if client == nil then
    return
  end

  local function doubled()
    return vim.tbl_filter(function(d)
      return d.code == 'text.doubled-word'
    end, raw[uri] or {})
  end
  check('text.doubled-word diagnostic arrives', vim.wait(timeout, function()
    return #doubled() > 0
  end, 20), vim.inspect(raw))
  local others = vim.tbl_filter(function(d)
    return d.code ~= 'text.doubled-word'
  end, raw[uri] or {})
  if #others > 0 then
    print('# other diagnostics: ' .. vim.inspect(vim.tbl_map(function(d)
      return d.code .. ' ' .. d.message
    end, others)))
  end
  local lsp_d = doubled()[1]
  if lsp_d == nil then
    return
  end
  check('exactly one doubled word', #doubled() == 1, #doubled())

  -- Expected position: "ses ses" on its line, in the negotiated encoding.
  local enc = client.offset_encoding or 'utf-16'
  print('# position encoding: ' .. enc)
  if only and only ~= '' then
    check('the server chose the only encoding offered', enc == only, enc)
  end
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local lnum, byte_start
  for i, l in ipairs(lines) do
    local s0 = l:find('ses ses', 1, true)
    if s0 then
      lnum, byte_start = i - 1, s0 - 1
    end
  end
  local line = lines[lnum + 1]
  local byte_end = byte_start + #'ses ses'
  -- (utf-32 index, utf-16 index) of a byte offset, on every version's vim.str_utfindex.
  local function utfindex(byte)
    if vim.fn.has('nvim-0.11') == 1 then
      return vim.str_utfindex(line, 'utf-32', byte, false), vim.str_utfindex(line, 'utf-16', byte, false)
    end
    return vim.str_utfindex(line, byte)
  end
  local function character(byte)
    if enc == 'utf-8' then
      return byte
    end
    local u32, u16 = utfindex(byte)
    return enc == 'utf-16' and u16 or u32
  end
  local u32, u16 = utfindex(byte_start)
  check('bytes, UTF-16 and UTF-32 columns all differ before the word (« », U+202F, emoji)',
    byte_start ~= u16 and u16 ~= u32, byte_start .. ' ' .. u16 .. ' ' .. u32)
  local r = lsp_d.range
  check('diagnostic range starts at the first "ses" (' .. enc .. ')',
    r.start.line == lnum and r.start.character == character(byte_start), vim.inspect(r.start))
  check('diagnostic range ends after the second "ses" (' .. enc .. ')',
    r['end'].line == lnum and r['end'].character == character(byte_end), vim.inspect(r['end']))
  check('severity is warning', lsp_d.severity == 2, lsp_d.severity)
  check('source is copydesk', lsp_d.source == 'copydesk', lsp_d.source)
  check('message follows the client setting messages = "en"', lsp_d.message:find('twice') ~= nil, lsp_d.message)

  local vd = vim.tbl_filter(function(d)
    return d.code == 'text.doubled-word'
  end, vim.diagnostic.get(buf))[1]
  check('vim.diagnostic has it at the right byte column', vd ~= nil and vd.lnum == lnum and vd.col == byte_start
    and vd.end_col == byte_end, vd and (vd.lnum .. ':' .. vd.col .. '-' .. vd.end_col))

  -- Hover on the second word.
  vim.api.nvim_win_set_cursor(0, { lnum + 1, byte_start + 5 })
  local params = vim.lsp.util.make_position_params(0, enc)
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
  local contents = ''
  for _, res in pairs(hover or {}) do
    local c = res.result and res.result.contents
    if type(c) == 'table' then
      contents = contents .. (c.value or table.concat(vim.tbl_map(function(x)
        return type(x) == 'table' and x.value or tostring(x)
      end, c), '\n'))
    elseif type(c) == 'string' then
      contents = contents .. c
    end
  end
  check('hover on the doubled word documents the rule', contents:find('doubled%-word') ~= nil
    and contents:find('What it does') ~= nil, contents)

  -- Quick fix.
  local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = lsp_d.range,
    context = { diagnostics = { lsp_d }, only = { 'quickfix' } },
  }, timeout)
  local action
  for _, res in pairs(actions or {}) do
    for _, a in ipairs(res.result or {}) do
      if (a.title or ''):find('second') then
        action = a
      end
    end
  end
  check('a quick fix "Remove the second …" is offered', action ~= nil, vim.inspect(actions))
  if action then
    if action.edit == nil and action.data ~= nil then
      local resolved = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', action, timeout)
      for _, res in pairs(resolved or {}) do
        action = res.result or action
      end
    end
    check('the quick fix is a quickfix with an edit', action.kind == 'quickfix' and action.edit ~= nil, vim.inspect(action))
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, enc)
    end
    local after = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
    local expected = line:sub(1, byte_start) .. 'ses' .. line:sub(byte_end + 1)
    check('the fix removes the second word', after == expected, after)
    check('the rest of the article is untouched', #vim.api.nvim_buf_get_lines(buf, 0, -1, false) == #lines)
    check('the diagnostic goes away after the edit (check as you type)', vim.wait(timeout, function()
      return #doubled() == 0
    end, 20), vim.inspect(raw[uri]))
  end

  -- Stats request.
  local stats = vim.lsp.buf_request_sync(buf, 'copydesk/stats', { textDocument = { uri = uri } }, timeout)
  local st
  for _, res in pairs(stats or {}) do
    st = res.result
  end
  check('copydesk/stats answers with the counts', type(st) == 'table' and type(st.quotes) == 'number'
    and type(st.unattributed) == 'number' and type(st.sources) == 'number', vim.inspect(stats))

  -- :CopydeskCheck (the file on disk still has the doubled word).
  local items
  vim.cmd('cd ' .. vim.fn.fnameescape(dir))
  require('copydesk.commands').check({ 'marche.md' }, function(i)
    items = i
  end)
  check(':CopydeskCheck fills the quickfix list', vim.wait(timeout, function()
    return items ~= nil
  end, 20))
  local qf = vim.tbl_filter(function(i)
    return i.text:find('text.doubled-word', 1, true) ~= nil
  end, vim.fn.getqflist())
  check(':CopydeskCheck finds the doubled word at the right line and byte column', #qf == 1
    and qf[1].lnum == lnum + 1 and qf[1].col == byte_start + 1, vim.inspect(qf))
  local messages = vim.fn.execute('messages')
  check('no deprecation warning or error message', not messages:lower():find('deprecat') and not messages:find('E%d+:'),
    messages)
end, debug.traceback)

check('no Lua error', ok_all, err_all)
-- Protocol slips the client tolerated (e.g. a request the client never announced support for):
-- reported, not failed, so that they get fixed without blocking.
if log_path and vim.fn.filereadable(log_path) == 1 then
  for i, l in ipairs(vim.fn.readfile(log_path)) do
    if i > log_lines_before and l:find('no handler found for', 1, true) then
      print('# client warning: ' .. l:gsub('^.-"server_request', '"server_request'))
    end
  end
end
finish()
