/** Parsers for what hangs off an issue: comments, transitions, changelog, links, worklog, files. */
import { parseLinkType } from './entities.ts';
import { identify, parseRef, refReader } from './ref.ts';
import type {
  Attachment,
  ChangelogEntry,
  Comment,
  FieldChange,
  Link,
  Transition,
  Worklog,
} from './types.ts';
import { isObject, list, localized, num, parseDateTime, str, id, type Language } from './values.ts';

/** A comment; its id is the numeric `id`, else the hex `longId`. */
export function parseComment(value: unknown, language: Language): Comment | undefined {
  const found = identify(value, 'longId');
  if (!found) return undefined;
  const [raw, commentId] = found;
  const refs = refReader(language);
  return {
    id: commentId,
    longId: id(raw.longId),
    text: str(raw.text),
    textHtml: str(raw.textHtml),
    createdBy: parseRef(raw.createdBy, language),
    updatedBy: parseRef(raw.updatedBy, language),
    createdAt: parseDateTime(raw.createdAt),
    updatedAt: parseDateTime(raw.updatedAt),
    version: num(raw.version),
    type: str(raw.type),
    transport: str(raw.transport),
    attachments: list(raw.attachments, refs),
    summonees: list(raw.summonees, refs),
    maillistSummonees: list(raw.maillistSummonees, refs),
    raw,
  };
}

/** A transition (`display` is the button label). */
export function parseTransition(value: unknown, language: Language): Transition | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, transitionId] = found;
  return {
    id: transitionId,
    display: localized(raw.display, language),
    to: parseRef(raw.to, language),
    screen: parseRef(raw.screen, language),
    raw,
  };
}

function parseFieldChange(value: unknown, language: Language): FieldChange | undefined {
  if (!isObject(value)) return undefined;
  const field = parseRef(value.field, language);
  if (!field) return undefined;
  return { field, from: value.from ?? null, to: value.to ?? null };
}

/** A changelog entry; field values stay as received because their shape depends on the field. */
export function parseChangelogEntry(
  value: unknown,
  language: Language,
): ChangelogEntry | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, entryId] = found;
  return {
    id: entryId,
    issue: parseRef(raw.issue, language),
    updatedAt: parseDateTime(raw.updatedAt),
    updatedBy: parseRef(raw.updatedBy, language),
    type: str(raw.type),
    transport: str(raw.transport),
    fields: list(raw.fields, (item) => parseFieldChange(item, language)),
    raw,
  };
}

/** An issue link. */
export function parseLink(value: unknown, language: Language): Link | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, linkId] = found;
  return {
    id: linkId,
    type: parseLinkType(raw.type, language),
    direction: str(raw.direction),
    object: parseRef(raw.object, language),
    createdBy: parseRef(raw.createdBy, language),
    updatedBy: parseRef(raw.updatedBy, language),
    createdAt: parseDateTime(raw.createdAt),
    updatedAt: parseDateTime(raw.updatedAt),
    assignee: parseRef(raw.assignee, language),
    status: parseRef(raw.status, language),
    raw,
  };
}

/** A worklog record. */
export function parseWorklog(value: unknown, language: Language): Worklog | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, worklogId] = found;
  return {
    id: worklogId,
    version: num(raw.version),
    issue: parseRef(raw.issue, language),
    comment: str(raw.comment),
    createdBy: parseRef(raw.createdBy, language),
    updatedBy: parseRef(raw.updatedBy, language),
    createdAt: parseDateTime(raw.createdAt),
    updatedAt: parseDateTime(raw.updatedAt),
    start: parseDateTime(raw.start),
    duration: str(raw.duration),
    raw,
  };
}

/** Attachment metadata. */
export function parseAttachment(value: unknown, language: Language): Attachment | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, attachmentId] = found;
  return {
    id: attachmentId,
    name: str(raw.name),
    content: str(raw.content),
    thumbnail: str(raw.thumbnail),
    createdBy: parseRef(raw.createdBy, language),
    createdAt: parseDateTime(raw.createdAt),
    mimetype: str(raw.mimetype),
    size: num(raw.size),
    metadata: isObject(raw.metadata) ? raw.metadata : undefined,
    raw,
  };
}
