import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BinaryNotFound, DiscoveryEnv, findBinary, isExecutableFile } from '../src/binary';

function env(files: string[], over: Partial<DiscoveryEnv> = {}): DiscoveryEnv {
  const set = new Set(files);
  return {
    configured: '',
    pathEnv: '/usr/local/bin:/opt/desk/bin',
    platform: 'linux',
    arch: 'x64',
    extensionPath: '/ext',
    isExecutable: (f) => set.has(f),
    ...over,
  };
}

test('the copydesk.path setting wins over PATH and the bundled binary', () => {
  const found = findBinary(env(['/custom/copydesk', '/opt/desk/bin/copydesk', '/ext/server/copydesk'], { configured: '/custom/copydesk' }));
  assert.deepEqual(found, { command: '/custom/copydesk', source: 'setting' });
});

test('a configured path that does not exist is an error, not a silent fallback', () => {
  assert.throws(
    () => findBinary(env(['/opt/desk/bin/copydesk'], { configured: '/missing/copydesk' })),
    (e: unknown) => e instanceof BinaryNotFound && /\/missing\/copydesk/.test(e.message),
  );
});

test('then the first match on PATH', () => {
  assert.deepEqual(findBinary(env(['/opt/desk/bin/copydesk', '/ext/server/copydesk'])), {
    command: '/opt/desk/bin/copydesk',
    source: 'path',
  });
  assert.deepEqual(findBinary(env(['/usr/local/bin/copydesk', '/opt/desk/bin/copydesk'])).command, '/usr/local/bin/copydesk');
});

test('then the bundled binary, per-platform first', () => {
  assert.deepEqual(findBinary(env(['/ext/server/copydesk'])), { command: '/ext/server/copydesk', source: 'bundled' });
  assert.deepEqual(findBinary(env(['/ext/server/copydesk', '/ext/server/linux-x64/copydesk'])), {
    command: '/ext/server/linux-x64/copydesk',
    source: 'bundled',
  });
});

test('nothing found: an error that says how to fix it', () => {
  assert.throws(() => findBinary(env([], { pathEnv: undefined })), /copydesk\.path/);
});

test('Windows: PATH is split on ; and PATHEXT is honoured', () => {
  const found = findBinary(
    env(['C:\\tools/copydesk.exe'], { platform: 'win32', pathEnv: 'C:\\bin;C:\\tools', pathExt: '.COM;.EXE' }),
  );
  assert.equal(found.source, 'path');
  assert.equal(found.command, path.join('C:\\tools', 'copydesk.exe'));
});

test('isExecutableFile: an executable file yes, a plain file or a folder no', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-bin-'));
  const exe = path.join(dir, 'copydesk');
  const plain = path.join(dir, 'notes.txt');
  fs.writeFileSync(exe, '#!/bin/sh\n');
  fs.chmodSync(exe, 0o755);
  fs.writeFileSync(plain, 'x');
  fs.chmodSync(plain, 0o644);
  assert.equal(isExecutableFile(exe), true);
  assert.equal(isExecutableFile(dir), false);
  assert.equal(isExecutableFile(path.join(dir, 'absent')), false);
  if (process.getuid?.() !== 0) assert.equal(isExecutableFile(plain), false);
  // Discovery on the real file system, through PATH.
  assert.deepEqual(findBinary({ ...env([]), pathEnv: dir, isExecutable: isExecutableFile }), { command: exe, source: 'path' });
  fs.rmSync(dir, { recursive: true });
});
