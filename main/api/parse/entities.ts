/** Parsers for users, queues, dictionaries and fields. */
import { identify, parseRef, refReader } from './ref.ts';
import type { DictionaryEntry, Field, LinkType, Queue, Status, User } from './types.ts';
import { bool, id, isObject, list, localized, num, str, type Language } from './values.ts';

/** A user; its id is the `uid` (then `id`, `trackerUid`, `passportUid`, and the login last). */
export function parseUser(value: unknown, language: Language): User | undefined {
  if (!isObject(value)) return undefined;
  const uid = id(value.uid);
  const userId =
    uid ?? id(value.id) ?? id(value.trackerUid) ?? id(value.passportUid) ?? id(value.login);
  if (userId === undefined) return undefined;
  return {
    id: userId,
    uid,
    login: str(value.login),
    display: localized(value.display, language),
    firstName: str(value.firstName),
    lastName: str(value.lastName),
    email: str(value.email),
    cloudUid: id(value.cloudUid),
    passportUid: id(value.passportUid),
    trackerUid: id(value.trackerUid),
    hasLicense: bool(value.hasLicense),
    dismissed: bool(value.dismissed),
    external: bool(value.external),
    raw: value,
  };
}

/** `myself`: documented as a one-element array, observed as a plain object; both accepted. */
export function parseMyself(value: unknown, language: Language): User | undefined {
  return parseUser(Array.isArray(value) ? value[0] : value, language);
}

/** A queue; the key stands in for a missing id and vice versa. */
export function parseQueue(value: unknown, language: Language): Queue | undefined {
  if (!isObject(value)) return undefined;
  const key = str(value.key);
  const queueId = id(value.id) ?? key;
  if (queueId === undefined) return undefined;
  return {
    id: queueId,
    key: key ?? queueId,
    name: localized(value.name, language),
    description: str(value.description),
    version: num(value.version),
    lead: parseRef(value.lead, language),
    defaultType: parseRef(value.defaultType, language),
    defaultPriority: parseRef(value.defaultPriority, language),
    assignAuto: bool(value.assignAuto),
    denyVoting: bool(value.denyVoting),
    issueTypes: list(value.issueTypes, refReader(language)),
    raw: value,
  };
}

/** A dictionary entry (priority, issue type, resolution). */
export function parseDictionaryEntry(
  value: unknown,
  language: Language,
): DictionaryEntry | undefined {
  const found = identify(value, 'key');
  if (!found) return undefined;
  const [raw, entryId] = found;
  return {
    id: entryId,
    key: str(raw.key),
    name: localized(raw.name, language) ?? localized(raw.display, language),
    description: localized(raw.description, language),
    order: num(raw.order),
    version: num(raw.version),
    raw,
  };
}

/** A status: a dictionary entry plus its category. */
export function parseStatus(value: unknown, language: Language): Status | undefined {
  const entry = parseDictionaryEntry(value, language);
  if (!entry) return undefined;
  return { ...entry, type: str(entry.raw.type) };
}

/** A link type. */
export function parseLinkType(value: unknown, language: Language): LinkType | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, typeId] = found;
  return {
    id: typeId,
    inward: localized(raw.inward, language),
    outward: localized(raw.outward, language),
    raw,
  };
}

/** A field (global or local); local ids look like `<owner>--<key>`. */
export function parseField(value: unknown, language: Language): Field | undefined {
  const found = identify(value, 'key');
  if (!found) return undefined;
  const [raw, fieldId] = found;
  const schema = isObject(raw.schema) ? raw.schema : undefined;
  return {
    id: fieldId,
    key: str(raw.key),
    name: localized(raw.name, language),
    version: num(raw.version),
    type: str(raw.type),
    schemaType: str(schema?.type),
    schemaItems: str(schema?.items),
    required: bool(schema?.required),
    readonly: bool(raw.readonly),
    category: parseRef(raw.category, language),
    queue: parseRef(raw.queue, language),
    raw,
  };
}
