// Which documents copydesk serves. package.json's activationEvents must match (a unit test checks).

export const LANGUAGES = ['markdown', 'plaintext'] as const;

/** The language client's document selector: files and unsaved buffers of those languages. */
export const DOCUMENT_SELECTOR = LANGUAGES.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

/** The activation events that the selector implies. */
export function activationEventsFor(languages: readonly string[]): string[] {
  return languages.map((l) => `onLanguage:${l}`);
}

/** Every rule code of the contract (for the "Show rule documentation" picker). */
export const RULE_CODES = [
  'quote.unattributed',
  'quote.unbalanced',
  'date.weekday-mismatch',
  'date.invalid',
  'date.inconsistent',
  'date.missing-reference',
  'figure.inconsistent',
  'figure.percent-sum',
  'figure.style',
  'entity.spelling',
  'entity.workspace-spelling',
  'entity.acronym-undefined',
  'text.repeated',
  'text.doubled-word',
] as const;

/** The server's `copydesk/stats` answer. */
export interface Stats {
  quotes: number;
  sources: number;
  unattributed: number;
  dates: number;
  figures: number;
  names: number;
}

/** The status-bar text for the current article's counts. */
export function statusText(s: Stats): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [plural(s.quotes, 'quote', 'quotes'), plural(s.sources, 'source', 'sources')];
  parts.push(`${s.unattributed} without source`);
  return (s.unattributed > 0 ? '$(warning) ' : '$(quote) ') + parts.join(' · ');
}
