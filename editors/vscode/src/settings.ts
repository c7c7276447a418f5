// The extension's settings (`copydesk.*`, camelCase like every VS Code setting) translated into the
// server's configuration keys: the keys of `copydesk.toml`, which the server reads from
// `initializationOptions` and `workspace/didChangeConfiguration`. Pure: no `vscode` import, so it
// is unit-tested with node alone.

/** The severities a rule can be given (`off` switches it off). */
export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleSeverity = (typeof SEVERITIES)[number];

/** The server's configuration, as in `copydesk.toml`. Only keys the user set are present. */
export interface ServerSettings {
  language?: 'auto' | 'en' | 'fr';
  date?: string;
  date_fallback?: 'today' | 'none';
  check_on?: 'type' | 'save';
  messages?: 'article' | 'en' | 'fr';
  names_file?: string;
  ignore?: string[];
  rules?: Record<string, { severity: RuleSeverity }>;
}

/** Extension setting (without the `copydesk.` prefix) → server key. */
export const SETTING_KEYS = {
  language: 'language',
  date: 'date',
  dateFallback: 'date_fallback',
  checkOn: 'check_on',
  messages: 'messages',
  namesFile: 'names_file',
  ignore: 'ignore',
  rules: 'rules',
} as const;

export type SettingName = keyof typeof SETTING_KEYS;

/**
 * Reads one setting: its value when the user (or the workspace) set it, `undefined` otherwise, so
 * that unset settings never override `copydesk.toml` or the article's front matter.
 */
export type SettingReader = (name: SettingName) => unknown;

export interface TranslateContext {
  /** The workspace folder, used to resolve a relative names file and `${workspaceFolder}`. */
  workspaceFolder?: string;
  /** Joins and normalises paths (node's `path.resolve`); injected to keep this module pure. */
  resolve?: (base: string, p: string) => string;
  /** Expands `~` at the start of a path. */
  home?: string;
}

/** Problems found while translating (a bad value is dropped and reported; the rest applies). */
export interface Translation {
  settings: ServerSettings;
  warnings: string[];
}

const ENUMS: Partial<Record<SettingName, readonly string[]>> = {
  language: ['auto', 'en', 'fr'],
  dateFallback: ['today', 'none'],
  checkOn: ['type', 'save'],
  messages: ['article', 'en', 'fr'],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Expands `~` and `${workspaceFolder}` and makes a relative path absolute against the workspace. */
export function expandPath(p: string, ctx: TranslateContext): string {
  let out = p.trim();
  if (ctx.workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(ctx.workspaceFolder);
  }
  if (ctx.home !== undefined && (out === '~' || out.startsWith('~/'))) {
    out = ctx.home + out.slice(1);
  }
  if (ctx.resolve !== undefined && ctx.workspaceFolder !== undefined && !isAbsolute(out)) {
    out = ctx.resolve(ctx.workspaceFolder, out);
  }
  return out;
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Translates the user's settings into the server's configuration. */
export function toServerSettings(read: SettingReader, ctx: TranslateContext = {}): Translation {
  const settings: ServerSettings = {};
  const warnings: string[] = [];
  const out = settings as Record<string, unknown>;

  for (const name of Object.keys(SETTING_KEYS) as SettingName[]) {
    const value = read(name);
    if (value === undefined || value === null) continue;
    const key = SETTING_KEYS[name];
    const allowed = ENUMS[name];
    if (allowed !== undefined) {
      if (typeof value === 'string' && allowed.includes(value)) out[key] = value;
      else warnings.push(`copydesk.${name}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      continue;
    }
    switch (name) {
      case 'date':
        if (value === '') break;
        if (typeof value === 'string' && DATE.test(value.trim())) out[key] = value.trim();
        else warnings.push(`copydesk.date: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
        break;
      case 'namesFile':
        if (value === '') break;
        if (typeof value === 'string') out[key] = expandPath(value, ctx);
        else warnings.push(`copydesk.namesFile: expected a path, got ${JSON.stringify(value)}`);
        break;
      case 'ignore':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
          out[key] = [...new Set(value.map((v: string) => v.trim()).filter((v) => v !== ''))];
        } else warnings.push(`copydesk.ignore: expected a list of rule codes, got ${JSON.stringify(value)}`);
        break;
      case 'rules': {
        const rules = translateRules(value, warnings);
        if (rules !== undefined) out[key] = rules;
        break;
      }
    }
  }
  return { settings, warnings };
}

/**
 * `{ "quote.unattributed": "warning" }` (the setting's shape) or `{ "quote.unattributed":
 * { "severity": "warning" } }` (the TOML table's shape) → the server's `rules` table.
 */
function translateRules(value: unknown, warnings: string[]): ServerSettings['rules'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warnings.push(`copydesk.rules: expected an object of rule codes, got ${JSON.stringify(value)}`);
    return undefined;
  }
  const rules: Record<string, { severity: RuleSeverity }> = {};
  for (const [code, v] of Object.entries(value as Record<string, unknown>)) {
    const severity =
      typeof v === 'string' ? v : typeof v === 'object' && v !== null ? (v as { severity?: unknown }).severity : v;
    if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) {
      rules[code] = { severity: severity as RuleSeverity };
    } else {
      warnings.push(`copydesk.rules.${code}: expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(v)}`);
    }
  }
  return rules;
}

/** `initializationOptions`: the settings nested under `copydesk` (the server takes both shapes). */
export function initializationOptions(settings: ServerSettings): { copydesk: ServerSettings } {
  return { copydesk: settings };
}

/** The `workspace/didChangeConfiguration` parameters for the same settings. */
export function didChangeConfigurationParams(settings: ServerSettings): { settings: { copydesk: ServerSettings } } {
  return { settings: { copydesk: settings } };
}
