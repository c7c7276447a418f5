// The copydesk VS Code extension: starts `copydesk lsp`, passes the settings, shows the article's
// counts in the status bar and adds three commands. Everything else (diagnostics, hover, quick
// fixes, inlay hints, outline, rename, code lens) comes from the language server.

import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

import { BinaryNotFound, FoundBinary, findBinary, isExecutableFile } from './binary';
import { DOCUMENT_SELECTOR, LANGUAGES, RULE_CODES, Stats, statusText } from './selector';
import { SettingName, ServerSettings, didChangeConfigurationParams, initializationOptions, toServerSettings } from './settings';

const SECTION = 'copydesk';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let statusTimer: NodeJS.Timeout | undefined;

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The value the user or workspace set, `undefined` when the setting keeps its default. */
function explicitSetting(name: string): unknown {
  const info = vscode.workspace.getConfiguration(SECTION).inspect(name);
  if (info === undefined) return undefined;
  return info.workspaceFolderValue ?? info.workspaceValue ?? info.globalValue;
}

function currentSettings(): ServerSettings {
  const { settings, warnings } = toServerSettings((name: SettingName) => explicitSetting(name), {
    workspaceFolder: workspaceFolder(),
    resolve: path.resolve,
    home: os.homedir(),
  });
  for (const w of warnings) output.appendLine(`settings: ${w}`);
  if (warnings.length > 0) void vscode.window.showWarningMessage(`copydesk: ${warnings[0]}`);
  return settings;
}

function locateBinary(context: vscode.ExtensionContext): FoundBinary {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('path', '');
  const expanded =
    configured.trim() === ''
      ? ''
      : configured
          .replace('${workspaceFolder}', workspaceFolder() ?? '')
          .replace(/^~(?=$|\/)/, os.homedir());
  return findBinary({
    configured: expanded,
    pathEnv: process.env.PATH,
    pathExt: process.env.PATHEXT,
    platform: process.platform,
    arch: process.arch,
    extensionPath: context.extensionPath,
    isExecutable: isExecutableFile,
  });
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  let binary: FoundBinary;
  try {
    binary = locateBinary(context);
  } catch (e) {
    if (!(e instanceof BinaryNotFound)) throw e;
    output.appendLine(e.message);
    const choice = await vscode.window.showErrorMessage(`copydesk: ${e.message}`, 'Open settings');
    if (choice === 'Open settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.path');
    }
    return;
  }
  output.appendLine(`starting ${binary.command} lsp --stdio (found via ${binary.source})`);

  const serverOptions: ServerOptions = {
    command: binary.command,
    args: ['lsp', '--stdio'],
    options: { cwd: workspaceFolder() },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: initializationOptions(currentSettings()),
    outputChannel: output,
    middleware: {
      workspace: {
        // If the server pulls its settings, answer in its own keys, not the extension's.
        configuration: (params, token, next) => {
          const wanted = params.items.map((item) => item.section === undefined || item.section === SECTION);
          if (wanted.every((w) => !w)) return next(params, token);
          const settings = currentSettings();
          return params.items.map((item, i) => (wanted[i] ? settings : null));
        },
      },
    },
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) scheduleStatus(0);
    else status.hide();
  });
  await client.start();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c !== undefined) await c.stop().catch(() => undefined);
}

function isArticle(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc !== undefined && (LANGUAGES as readonly string[]).includes(doc.languageId);
}

function scheduleStatus(delay: number): void {
  if (statusTimer !== undefined) clearTimeout(statusTimer);
  statusTimer = setTimeout(() => void refreshStatus(), delay);
}

async function refreshStatus(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  const c = client;
  if (!isArticle(doc) || c === undefined || c.state !== State.Running) {
    status.hide();
    return;
  }
  try {
    const stats = await c.sendRequest<Stats>('copydesk/stats', {
      textDocument: { uri: c.code2ProtocolConverter.asUri(doc.uri) },
    });
    if (stats === null || typeof stats !== 'object') {
      status.hide();
      return;
    }
    status.text = statusText(stats);
    status.tooltip = new vscode.MarkdownString(
      `**copydesk** — ${stats.quotes} quotations, ${stats.sources} sources, ` +
        `${stats.unattributed} without a source; ${stats.dates} dates, ${stats.figures} figures, ` +
        `${stats.names} names.\n\nClick to open the Problems view.`,
    );
    status.show();
  } catch (e) {
    output.appendLine(`copydesk/stats failed: ${String(e)}`);
    status.hide();
  }
}

async function checkWorkspace(): Promise<void> {
  if (client === undefined) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'copydesk: checking the workspace' },
    () => client!.sendRequest(ExecuteCommandRequest.type, { command: 'copydesk.checkWorkspace', arguments: [] }),
  );
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** The rule codes of copydesk diagnostics under the cursor, for the picker's first entries. */
function codesAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) return [];
  const pos = editor.selection.active;
  const codes = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === undefined || d.source === 'copydesk')
    .filter((d) => d.range.contains(pos))
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')))
    .filter((c) => c !== '');
  return [...new Set(codes)];
}

function docText(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  if (result !== null && typeof result === 'object') {
    const r = result as { markdown?: unknown; value?: unknown; contents?: unknown; documentation?: unknown };
    for (const v of [r.markdown, r.value, r.contents, r.documentation]) if (typeof v === 'string') return v;
  }
  return undefined;
}

function rulesFromCli(context: vscode.ExtensionContext, code: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let binary: FoundBinary;
    try {
      binary = locateBinary(context);
    } catch {
      resolve(undefined);
      return;
    }
    execFile(binary.command, ['rules', code], { timeout: 10_000 }, (err, stdout) =>
      resolve(err === null && stdout.trim() !== '' ? stdout : undefined),
    );
  });
}

async function showRule(context: vscode.ExtensionContext, given?: unknown): Promise<void> {
  let code = typeof given === 'string' ? given : undefined;
  if (code === undefined) {
    const here = codesAtCursor();
    const items = [...here, ...RULE_CODES.filter((c) => !here.includes(c))].map((c) => ({
      label: c,
      description: here.includes(c) ? 'at the cursor' : undefined,
    }));
    code = (await vscode.window.showQuickPick(items, { placeHolder: 'Rule to document' }))?.label;
  }
  if (code === undefined) return;
  let text: string | undefined;
  if (client !== undefined && client.state === State.Running) {
    try {
      text = docText(
        await client.sendRequest(ExecuteCommandRequest.type, { command: 'copydesk.showRule', arguments: [code] }),
      );
      // A server that answered null showed the documentation itself (window/showDocument).
      if (text === undefined) return;
    } catch (e) {
      output.appendLine(`copydesk.showRule failed: ${String(e)}`);
    }
  }
  text ??= await rulesFromCli(context, code);
  if (text === undefined) {
    void vscode.window.showWarningMessage(`copydesk: no documentation for ${code}`);
    return;
  }
  // A read-only document of its own scheme: copydesk does not check it (its examples are errors
  // on purpose), and the Markdown preview renders it.
  const uri = vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${code}.md` });
  ruleDocs.set(uri.toString(), text);
  ruleDocsChanged.fire(uri);
  await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, async () =>
    vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true }),
  );
}

const RULE_SCHEME = 'copydesk-rule';
const ruleDocs = new Map<string, string>();
const ruleDocsChanged = new vscode.EventEmitter<vscode.Uri>();

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  output = vscode.window.createOutputChannel('copydesk');
  status = vscode.window.createStatusBarItem('copydesk.stats', vscode.StatusBarAlignment.Right, 100);
  status.name = 'copydesk';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    ruleDocsChanged,
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, {
      onDidChange: ruleDocsChanged.event,
      provideTextDocumentContent: (uri) => ruleDocs.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('copydesk.workspace.check', () => checkWorkspace()),
    vscode.commands.registerCommand('copydesk.server.restart', async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand('copydesk.rule.show', (code?: unknown) => showRule(context, code)),
    vscode.window.onDidChangeActiveTextEditor(() => scheduleStatus(50)),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === active)) scheduleStatus(100);
    }),
    vscode.workspace.onDidSaveTextDocument(() => scheduleStatus(300)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.path`)) {
        await stopClient();
        await startClient(context);
        return;
      }
      if (client !== undefined && client.state === State.Running) {
        await client.sendNotification(
          DidChangeConfigurationNotification.type,
          didChangeConfigurationParams(currentSettings()),
        );
        scheduleStatus(500);
      }
    }),
    { dispose: () => void stopClient() },
  );

  await startClient(context);
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
