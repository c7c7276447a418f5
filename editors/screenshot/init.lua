-- Neovim set-up for the screenshot (editors/screenshot/take.sh): the plugin, diagnostics shown
-- as virtual text and signs, then a hover on the doubled word.
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
vim.opt.runtimepath:prepend(vim.fn.fnamemodify(here, ':h') .. '/nvim')
vim.opt.termguicolors = true
vim.opt.number = true
vim.opt.signcolumn = 'yes'
vim.opt.wrap = true
vim.opt.linebreak = true
vim.opt.laststatus = 2
vim.opt.shortmess:append('I')
vim.cmd('filetype plugin on')
vim.cmd('syntax on')
vim.diagnostic.config({ virtual_text = true, signs = true, underline = true })
require('copydesk').setup({ path = os.getenv('COPYDESK_BIN'), messages = 'en' })
vim.keymap.set('n', 'K', function()
  if vim.fn.has('nvim-0.11') == 1 then
    vim.lsp.buf.hover({ border = 'rounded', max_width = 84 })
  else
    vim.lsp.buf.hover()
  end
end)
