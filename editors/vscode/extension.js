// The IxaRules extension: the .ixr language (grammar, comments, brackets) and a client that starts
// `ixarules lsp` — diagnostics, hover, completion, definition, references, outline, folding, semantic
// tokens, quick fixes and formatting all come from the server, the same pipeline as `ixarules check`.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The server's command line from the settings: `ixarules lsp`, or e.g. `dotnet /path/IxaRules.Cli.dll lsp`. */
function serverCommand(configuration) {
  const command = configuration.get('server.path', 'ixarules') || 'ixarules';
  const args = [...(configuration.get('server.args', []) || []), 'lsp'];
  return { command, args, transport: TransportKind.stdio };
}

async function activate(context) {
  const server = serverCommand(vscode.workspace.getConfiguration('ixarules'));
  client = new LanguageClient('ixarules', 'IxaRules', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'ixarules' }],
    outputChannelName: 'IxaRules',
  });
  context.subscriptions.push(vscode.commands.registerCommand('ixarules.restartServer', () => client.restart()));
  try {
    await client.start();
  } catch (error) {
    // The usual cause: `ixarules` is not on the PATH. Say what to set rather than fail silently.
    vscode.window.showErrorMessage(
      `IxaRules: could not start \`${server.command} ${server.args.join(' ')}\` (${error && error.message ? error.message : error}). ` +
      'Put `ixarules` on the PATH (docs/editors.md) or set `ixarules.server.path` and `ixarules.server.args`.');
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverCommand };
