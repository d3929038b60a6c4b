/**
 * Text folding for case-insensitive matching of Russian and English: lower case plus `ё` → `е`
 * (Russian text is written both ways). Issue texts are folded once and cached per record, so a
 * free-text search over 100k issues does not re-lowercase every description each time.
 */
import type { IssueRecord } from '../model.ts';

/** Lower-cases and folds `ё` into `е`. */
export function fold(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

/** A field or keyword name as compared: folded, trimmed, inner whitespace collapsed. */
export function normalizeName(name: string): string {
  return fold(name.trim()).replace(/\s+/g, ' ');
}

/** An issue's summary and description, folded. */
export interface FoldedText {
  readonly rawSummary: string;
  readonly rawDescription: string;
  readonly summary: string;
  readonly description: string;
}

const cache = new WeakMap<IssueRecord, FoldedText>();

/** The folded texts of an issue, recomputed only when its summary or description changed. */
export function foldedText(issue: IssueRecord): FoldedText {
  const hit = cache.get(issue);
  // Identity comparison first: unchanged fields are the very same string objects.
  if (
    hit !== undefined &&
    hit.rawSummary === issue.summary &&
    hit.rawDescription === issue.description
  ) {
    return hit;
  }
  const fresh: FoldedText = {
    rawSummary: issue.summary,
    rawDescription: issue.description,
    summary: fold(issue.summary),
    description: fold(issue.description),
  };
  cache.set(issue, fresh);
  return fresh;
}
