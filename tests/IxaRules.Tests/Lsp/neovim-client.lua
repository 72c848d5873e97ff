-- A real LSP client: Neovim's own (0.7, Debian's package), headless. Opens IXARULES_FILE, starts
-- `IXARULES_CLI lsp` on it, waits for the diagnostics, asks for a hover at IXARULES_HOVER_LINE and
-- IXARULES_HOVER_CHARACTER (0-based), and writes what it saw to IXARULES_OUT, one line each.
-- Driven by NeovimTests.cs; any Lua error is written out too, and Neovim always quits.
local ok, err = pcall(function()
  local cli, file, out = os.getenv('IXARULES_CLI'), os.getenv('IXARULES_FILE'), os.getenv('IXARULES_OUT')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = 'ixarules', cmd = { cli, 'lsp' }, root_dir = vim.fn.fnamemodify(file, ':h') })
  vim.lsp.buf_attach_client(buf, id)
  local lines = {}
  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    table.insert(lines, 'no diagnostics within 30 s')
  end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
    table.insert(lines, string.format('diagnostic %d:%d %s %s', d.lnum + 1, d.col + 1, code, (d.message:gsub('\n', ' | '))))
  end
  local client = vim.lsp.get_client_by_id(id)
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = tonumber(os.getenv('IXARULES_HOVER_LINE')), character = tonumber(os.getenv('IXARULES_HOVER_CHARACTER')) } }, 20000, buf)
  if hover and hover.result then
    table.insert(lines, 'hover ' .. (hover.result.contents.value:gsub('\n', ' | ')))
  else
    table.insert(lines, 'hover failed: ' .. vim.inspect(hover))
  end
  vim.fn.writefile(lines, out)
  client.stop()
end)
if not ok then vim.fn.writefile({ 'error ' .. tostring(err) }, os.getenv('IXARULES_OUT')) end
vim.cmd('qa!')
