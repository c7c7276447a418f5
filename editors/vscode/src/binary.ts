// Finding the `copydesk` binary: the `copydesk.path` setting, then `PATH`, then the binary bundled
// in the .vsix under `server/`. Pure apart from the injected file checks, so it is unit-tested.

import * as path from 'node:path';
import * as fs from 'node:fs';

export type BinarySource = 'setting' | 'path' | 'bundled';

export interface FoundBinary {
  command: string;
  source: BinarySource;
}

export interface DiscoveryEnv {
  /** The `copydesk.path` setting, already expanded (`~`, `${workspaceFolder}`); '' when unset. */
  configured: string;
  /** The `PATH` environment variable. */
  pathEnv: string | undefined;
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** `process.arch`. */
  arch: string;
  /** The extension's install folder (holds `server/`). */
  extensionPath: string;
  /** Is this an executable file? */
  isExecutable: (file: string) => boolean;
  /** `PATHEXT` on Windows. */
  pathExt?: string;
}

export class BinaryNotFound extends Error {}

function exeNames(platform: NodeJS.Platform, pathExt: string | undefined): string[] {
  if (platform !== 'win32') return ['copydesk'];
  const exts = (pathExt ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '');
  return exts.map((e) => 'copydesk' + e.toLowerCase());
}

/** Candidates bundled in the .vsix: a per-platform binary first, then a plain one. */
export function bundledCandidates(env: Pick<DiscoveryEnv, 'extensionPath' | 'platform' | 'arch'>): string[] {
  const exe = env.platform === 'win32' ? 'copydesk.exe' : 'copydesk';
  const server = path.join(env.extensionPath, 'server');
  return [path.join(server, `${env.platform}-${env.arch}`, exe), path.join(server, exe)];
}

/**
 * The binary to run. A configured path that does not exist is an error (it is not silently replaced
 * by another binary: the user asked for that one).
 */
export function findBinary(env: DiscoveryEnv): FoundBinary {
  const configured = env.configured.trim();
  if (configured !== '') {
    if (env.isExecutable(configured)) return { command: configured, source: 'setting' };
    throw new BinaryNotFound(`copydesk.path is set to ${configured}, which is not an executable file.`);
  }
  const sep = env.platform === 'win32' ? ';' : ':';
  for (const dir of (env.pathEnv ?? '').split(sep)) {
    if (dir === '') continue;
    for (const name of exeNames(env.platform, env.pathExt)) {
      const candidate = path.join(dir, name);
      if (env.isExecutable(candidate)) return { command: candidate, source: 'path' };
    }
  }
  for (const candidate of bundledCandidates(env)) {
    if (env.isExecutable(candidate)) return { command: candidate, source: 'bundled' };
  }
  throw new BinaryNotFound(
    'The copydesk binary was not found: set copydesk.path, put copydesk on PATH (cargo install copydesk), ' +
      'or install a build of the extension that bundles it.',
  );
}

/** The real file check: a regular file with an execute bit (any file on Windows). */
export function isExecutableFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
