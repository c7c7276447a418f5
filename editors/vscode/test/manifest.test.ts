import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../package.json';
import { DOCUMENT_SELECTOR, LANGUAGES, RULE_CODES, activationEventsFor, statusText } from '../src/selector';

const root = path.resolve(__dirname, '..', '..');

test('activation events are exactly the languages of the document selector', () => {
  const selectorLanguages = [...new Set(DOCUMENT_SELECTOR.map((s) => s.language))].sort();
  assert.deepEqual(selectorLanguages, [...LANGUAGES].sort());
  assert.deepEqual([...pkg.activationEvents].sort(), activationEventsFor(selectorLanguages).sort());
});

test('markdown and plain text are served, saved or not', () => {
  for (const language of ['markdown', 'plaintext']) {
    for (const scheme of ['file', 'untitled']) {
      assert.ok(DOCUMENT_SELECTOR.some((s) => s.language === language && s.scheme === scheme), `${scheme}:${language}`);
    }
  }
});

test('every command the code registers is contributed, and vice versa', () => {
  const source = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(registered, contributed);
  const titles = pkg.contributes.commands.map((c) => c.title).sort();
  assert.deepEqual(titles, ['Check workspace', 'Restart server', 'Show rule documentation']);
});

test('contributed command ids do not collide with the server commands the client registers itself', () => {
  const ids = pkg.contributes.commands.map((c) => c.command);
  assert.ok(!ids.includes('copydesk.checkWorkspace'));
  assert.ok(!ids.includes('copydesk.showRule'));
});

test('the bundle entry point is the one esbuild writes', () => {
  assert.equal(pkg.main, './dist/extension.js');
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  assert.match(ignore, /!dist\/extension\.js/);
  assert.match(ignore, /!server\/\*\*/);
});

test('rule codes: the contract list, each well-formed', () => {
  assert.equal(RULE_CODES.length, 14);
  for (const c of RULE_CODES) assert.match(c, /^(quote|date|figure|entity|text)\.[a-z-]+$/);
});

test('status text: counts with plurals and a warning icon when quotes lack a source', () => {
  const base = { dates: 0, figures: 0, names: 0 };
  assert.equal(statusText({ ...base, quotes: 1, sources: 1, unattributed: 0 }), '$(quote) 1 quote · 1 source · 0 without source');
  assert.equal(statusText({ ...base, quotes: 4, sources: 2, unattributed: 1 }), '$(warning) 4 quotes · 2 sources · 1 without source');
});
