// `ixarules lsp` (IXARULES_CLI) driven by vscode-jsonrpc — the JSON-RPC library VS Code's own
// language client is built on — as the extension will drive it: initialize, open a file with a
// misspelt drug, receive its diagnostic, ask for the quick fix and a hover, shut down.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const rpc = require('vscode-jsonrpc/node');

const cli = process.env.IXARULES_CLI;

test('the server answers VS Code\'s JSON-RPC: a diagnostic with its code, a quick fix and a hover', { timeout: 60000 }, async () => {
  assert.ok(cli, 'set IXARULES_CLI to the ixarules executable (tests/IxaRules.Tests sets it)');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ixarules-vscode-'));
  const file = path.join(folder, 'r.ixr');
  const text = 'regimen R\n  cycle 28 days for 1 cycles\n  drug lenalidomid oral 25 mg days 1-21\n';
  fs.writeFileSync(file, text);
  const uri = 'file://' + file;

  const server = spawn(cli, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const published = new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
  connection.listen();

  const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: 'file://' + folder, capabilities: {} });
  assert.strictEqual(init.capabilities.textDocumentSync, 1);
  assert.strictEqual(init.capabilities.codeActionProvider, true);
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'ixarules', version: 1, text } });

  const diagnostics = (await published).diagnostics;
  assert.strictEqual(diagnostics.length, 1);
  assert.strictEqual(diagnostics[0].code, 'IXR1001');
  assert.deepStrictEqual(diagnostics[0].range, { start: { line: 2, character: 7 }, end: { line: 2, character: 18 } });

  const actions = await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
  assert.strictEqual(actions.length, 1);
  assert.deepStrictEqual(actions[0].edit.changes[uri], [{ range: diagnostics[0].range, newText: 'lenalidomide' }]);

  const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
  assert.match(hover.contents.value, /^\*\*regimen R\*\*/);

  await connection.sendRequest('shutdown');
  const exited = new Promise((resolve) => server.on('exit', resolve));
  await connection.sendNotification('exit');
  assert.strictEqual(await exited, 0);
  connection.dispose();
  fs.rmSync(folder, { recursive: true, force: true });
});
