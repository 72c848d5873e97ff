// The extension's wiring, with VS Code's API and the language client replaced by recorders:
// the settings become the server's command line, and a server that cannot start is reported with a fix.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const Module = require('node:module');

function load(settings, startFails) {
  const seen = { clients: [], errors: [], commands: [] };
  const fakes = {
    vscode: {
      workspace: { getConfiguration: () => ({ get: (key, fallback) => (key in settings ? settings[key] : fallback) }) },
      window: { showErrorMessage: (message) => seen.errors.push(message) },
      commands: { registerCommand: (name) => { seen.commands.push(name); return { dispose() {} }; } },
    },
    'vscode-languageclient/node': {
      TransportKind: { stdio: 0 },
      LanguageClient: class {
        constructor(id, name, server, options) { seen.clients.push({ id, name, server, options }); }
        start() { return startFails ? Promise.reject(new Error('spawn ixarules ENOENT')) : Promise.resolve(); }
        stop() { return Promise.resolve(); }
      },
    },
  };
  const resolve = Module._load;
  Module._load = function (request, parent, isMain) {
    return request in fakes ? fakes[request] : resolve.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[require.resolve('../extension.js')];
    return { extension: require('../extension.js'), seen };
  } finally {
    Module._load = resolve;
  }
}

test('the settings become `dotnet IxaRules.Cli.dll lsp` over stdio for .ixr files', async () => {
  const { extension, seen } = load({ 'server.path': 'dotnet', 'server.args': ['/opt/ixarules/IxaRules.Cli.dll'] }, false);
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(seen.clients.length, 1);
  const client = seen.clients[0];
  assert.strictEqual(client.id, 'ixarules');
  assert.deepStrictEqual(client.server.run, { command: 'dotnet', args: ['/opt/ixarules/IxaRules.Cli.dll', 'lsp'], transport: 0 });
  assert.deepStrictEqual(client.options.documentSelector, [{ scheme: 'file', language: 'ixarules' }]);
  assert.deepStrictEqual(seen.commands, ['ixarules.restartServer']);
  assert.deepStrictEqual(seen.errors, []);
});

test('without settings the server is `ixarules lsp`; a server that does not start says which settings to change', async () => {
  const { extension, seen } = load({}, true);
  await extension.activate({ subscriptions: [] });
  assert.deepStrictEqual(seen.clients[0].server.run.args, ['lsp']);
  assert.strictEqual(seen.clients[0].server.run.command, 'ixarules');
  assert.strictEqual(seen.errors.length, 1);
  assert.match(seen.errors[0], /could not start `ixarules lsp` \(spawn ixarules ENOENT\)/);
  assert.match(seen.errors[0], /ixarules\.server\.path/);
});
