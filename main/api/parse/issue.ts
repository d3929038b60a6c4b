/** The issue parser; the hot path of sync, so it does one pass and no allocation it can avoid. */
import { parseAttachment, parseTransition } from './activity.ts';
import { parseRef, refReader } from './ref.ts';
import type { Issue } from './types.ts';
import {
  bool,
  dateOnly,
  id,
  isObject,
  list,
  num,
  parseDateTime,
  str,
  strings,
  type JsonObject,
  type Language,
} from './values.ts';

// Keys the parser maps; everything else (custom fields, local `<owner>--<key>` fields, system
// fields we do not model yet) goes to `extra` untouched.
const KNOWN = new Set([
  'self',
  'id',
  'key',
  'version',
  'summary',
  'description',
  'aliases',
  'parent',
  'queue',
  'type',
  'priority',
  'status',
  'previousStatus',
  'resolution',
  'assignee',
  'createdBy',
  'updatedBy',
  'followers',
  'sprint',
  'project',
  'tags',
  'createdAt',
  'updatedAt',
  'resolvedAt',
  'lastCommentUpdatedAt',
  'deadline',
  'votes',
  'favorite',
  'transitions',
  'attachments',
]);

/** An issue; needs an id or a key (each stands in for the other). */
export function parseIssue(value: unknown, language: Language): Issue | undefined {
  if (!isObject(value)) return undefined;
  const key = str(value.key);
  const issueId = id(value.id) ?? key;
  if (issueId === undefined) return undefined;
  const extra: JsonObject = {};
  for (const name in value) {
    if (!KNOWN.has(name)) extra[name] = value[name];
  }
  const refs = refReader(language);
  return {
    id: issueId,
    key: key ?? issueId,
    version: num(value.version),
    summary: str(value.summary),
    description: str(value.description),
    aliases: strings(value.aliases) ?? [],
    parent: parseRef(value.parent, language),
    queue: parseRef(value.queue, language),
    type: parseRef(value.type, language),
    priority: parseRef(value.priority, language),
    status: parseRef(value.status, language),
    previousStatus: parseRef(value.previousStatus, language),
    resolution: parseRef(value.resolution, language),
    assignee: parseRef(value.assignee, language),
    createdBy: parseRef(value.createdBy, language),
    updatedBy: parseRef(value.updatedBy, language),
    followers: list(value.followers, refs),
    // A single sprint has been seen as an object rather than a one-element array.
    sprint: isObject(value.sprint) ? list([value.sprint], refs) : list(value.sprint, refs),
    project: parseRef(value.project, language),
    tags: strings(value.tags) ?? [],
    createdAt: parseDateTime(value.createdAt),
    updatedAt: parseDateTime(value.updatedAt),
    resolvedAt: parseDateTime(value.resolvedAt),
    lastCommentUpdatedAt: parseDateTime(value.lastCommentUpdatedAt),
    deadline: dateOnly(value.deadline),
    votes: num(value.votes),
    favorite: bool(value.favorite),
    transitions: Array.isArray(value.transitions)
      ? list(value.transitions, (item) => parseTransition(item, language))
      : undefined,
    attachments: Array.isArray(value.attachments)
      ? list(value.attachments, (item) => parseAttachment(item, language))
      : undefined,
    extra,
    raw: value,
  };
}
