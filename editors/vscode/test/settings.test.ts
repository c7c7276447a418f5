import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  SETTING_KEYS,
  didChangeConfigurationParams,
  initializationOptions,
  toServerSettings,
  SettingName,
} from '../src/settings';
import pkg from '../package.json';

const reader = (values: Partial<Record<SettingName, unknown>>) => (name: SettingName) => values[name];

test('unset settings send nothing, so copydesk.toml and front matter keep the last word', () => {
  const { settings, warnings } = toServerSettings(reader({}));
  assert.deepEqual(settings, {});
  assert.deepEqual(warnings, []);
  assert.deepEqual(initializationOptions(settings), { copydesk: {} });
});

test('every setting maps to the copydesk.toml key', () => {
  const { settings, warnings } = toServerSettings(
    reader({
      language: 'fr',
      date: '2026-03-14',
      dateFallback: 'none',
      checkOn: 'save',
      messages: 'en',
      namesFile: 'desk/names.toml',
      ignore: ['figure.style', ' text.repeated ', 'figure.style'],
      rules: { 'quote.unattributed': 'warning', 'figure.style': { severity: 'hint' } },
    }),
    { workspaceFolder: '/news', resolve: path.posix.resolve },
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(settings, {
    language: 'fr',
    date: '2026-03-14',
    date_fallback: 'none',
    check_on: 'save',
    messages: 'en',
    names_file: '/news/desk/names.toml',
    ignore: ['figure.style', 'text.repeated'],
    rules: { 'quote.unattributed': { severity: 'warning' }, 'figure.style': { severity: 'hint' } },
  });
  assert.deepEqual(didChangeConfigurationParams(settings), { settings: { copydesk: settings } });
});

test('bad values are dropped with a warning and the rest still applies', () => {
  const { settings, warnings } = toServerSettings(
    reader({ language: 'de', date: '14/03/2026', checkOn: 'save', rules: { 'date.invalid': 'loud' }, ignore: 'x' }),
  );
  assert.deepEqual(settings, { check_on: 'save', rules: {} });
  assert.equal(warnings.length, 4);
  assert.match(warnings.join('\n'), /copydesk\.language/);
  assert.match(warnings.join('\n'), /copydesk\.date:/);
  assert.match(warnings.join('\n'), /copydesk\.rules\.date\.invalid/);
  assert.match(warnings.join('\n'), /copydesk\.ignore/);
});

test('an empty date or names file counts as unset', () => {
  assert.deepEqual(toServerSettings(reader({ date: '', namesFile: '' })).settings, {});
});

test('names file: ~ and ${workspaceFolder} are expanded, absolute paths kept', () => {
  const ctx = { workspaceFolder: '/news', resolve: path.posix.resolve, home: '/home/ed' };
  const names = (p: string) => toServerSettings(reader({ namesFile: p }), ctx).settings.names_file;
  assert.equal(names('~/names.toml'), '/home/ed/names.toml');
  assert.equal(names('${workspaceFolder}/n.toml'), '/news/n.toml');
  assert.equal(names('/srv/names.toml'), '/srv/names.toml');
});

test('package.json declares exactly the settings that are translated (plus copydesk.path and trace)', () => {
  const declared = Object.keys(pkg.contributes.configuration.properties).sort();
  const expected = [
    ...Object.keys(SETTING_KEYS).map((k) => `copydesk.${k}`),
    'copydesk.path',
    'copydesk.trace.server',
  ].sort();
  assert.deepEqual(declared, expected);
});

test('package.json enums match what the translation accepts', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { enum?: string[] }>;
  for (const [name, value] of [
    ['language', 'en'],
    ['dateFallback', 'today'],
    ['checkOn', 'type'],
    ['messages', 'article'],
  ] as const) {
    for (const allowed of props[`copydesk.${name}`].enum ?? []) {
      const { warnings } = toServerSettings(reader({ [name]: allowed }));
      assert.deepEqual(warnings, [], `${name}=${allowed}`);
    }
    assert.ok(props[`copydesk.${name}`].enum?.includes(value));
  }
});
