/**
 * Maps an issue's cached links, attachments and changelog to the contract's DTOs. The cache keeps
 * Tracker's raw JSON, so everything here reads `unknown` defensively: a missing or odd field
 * becomes null or is skipped, never a throw that would fail the whole detail view.
 */
import type { ActivityEntry, Attachment, IssueLink } from '../../preload/contract.ts';
import type { JsonObject } from '../api/index.ts';
import type { AttachmentRow, ChangelogRow } from '../cache/index.ts';

function object(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A display text: a string, or a localized `{ru, en}` object (some endpoints send names that way
 * when no language was negotiated), of which the first string is taken.
 */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const localized = object(value);
  if (!localized) return undefined;
  for (const candidate of [localized.en, localized.ru, ...Object.values(localized)]) {
    if (typeof candidate === 'string') return candidate;
  }
  return undefined;
}

function epochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** A raw link as the detail view lists it; null when it names no other issue. */
export function toIssueLink(raw: JsonObject): IssueLink | null {
  const other = object(raw.object);
  const key = str(other?.key);
  if (!key) return null;
  const type = object(raw.type);
  // Tracker words each link type both ways; `direction` says which way reads from this issue.
  const relation =
    (raw.direction === 'inward' ? text(type?.inward) : text(type?.outward)) ??
    text(type?.outward) ??
    text(type?.inward) ??
    str(type?.id) ??
    '';
  const status = object(raw.status) ?? object(other?.status);
  const statusKey = str(status?.key) ?? str(status?.id);
  return {
    id: String(raw.id ?? key),
    relation,
    key,
    summary: text(other?.display) ?? text(other?.summary) ?? '',
    status: statusKey ? { key: statusKey, display: text(status?.display) ?? statusKey } : null,
  };
}

/** Attachment metadata as the detail view lists it. */
export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    name: row.name ?? row.id,
    size: row.size ?? null,
    mimetype: row.mimetype ?? null,
    createdAt: row.createdAt ?? epochMs(row.raw.createdAt),
    author: text(object(row.raw.createdBy)?.display) ?? null,
  };
}

/**
 * One side of a field change as text: a reference shows its name (else key, else id), a list is
 * joined with ", ", numbers and booleans are written out, and nothing is null.
 */
export function changeValueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(changeValueText).filter((part): part is string => part !== null);
    return parts.length > 0 ? parts.join(', ') : null;
  }
  const ref = object(value);
  if (!ref) return null;
  return text(ref.display) ?? str(ref.key) ?? str(ref.name) ?? str(ref.id) ?? null;
}

/** A changelog entry as the activity list shows it. */
export function toActivity(row: ChangelogRow): ActivityEntry {
  const raw = row.raw;
  const fields = Array.isArray(raw.fields) ? raw.fields : [];
  return {
    id: row.id,
    at: row.at ?? epochMs(raw.updatedAt) ?? 0,
    author: text(object(raw.updatedBy)?.display) ?? null,
    type: str(raw.type) ?? '',
    fields: fields.flatMap((item) => {
      const change = object(item);
      const field = object(change?.field);
      const name = text(field?.display) ?? str(field?.id);
      if (!change || !name) return [];
      return [{ field: name, from: changeValueText(change.from), to: changeValueText(change.to) }];
    }),
  };
}
