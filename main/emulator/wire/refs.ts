/**
 * The reference half of the wire renderer: absolute `self` URLs on the emulator's own base, localized
 * names, and reference objects `{self,id,key?,display}` with the ids as strings, as the service
 * embeds them inside other objects.
 */
import type {
  BoardRecord,
  FieldRecord,
  IssueRecord,
  IssueTypeRecord,
  PriorityRecord,
  QueueRecord,
  ResolutionRecord,
  StatusRecord,
  UserRecord,
} from '../model.ts';
import type { LinkTypeRecord } from '../seed/types.ts';

/** Which language `display`/`name` is rendered in; `all` gives `{ru, en}` like `localized=false`. */
export type WireLanguage = 'ru' | 'en' | 'all';

/** What rendering needs to resolve references; the store satisfies it. */
export interface WireLookups {
  user(uid: number): UserRecord | undefined;
  status(key: string): StatusRecord | undefined;
  priority(key: string): PriorityRecord | undefined;
  issueType(key: string): IssueTypeRecord | undefined;
  resolution(key: string): ResolutionRecord | undefined;
  queue(key: string): QueueRecord | undefined;
  issue(key: string): IssueRecord | undefined;
  board(id: number): BoardRecord | undefined;
  linkType(id: string): LinkTypeRecord | undefined;
  /** A field by id, for its localized name in changelog entries; optional for small fakes. */
  field?(id: string): { readonly name: FieldRecord['name'] } | undefined;
}

/** JSON as sent on the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object on the wire. */
export type JsonObject = { [key: string]: Json };

/** `2017-07-18T13:33:44.291+0000`: UTC with a colon-less offset, as Tracker writes it. */
export function formatTrackerDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Renders references for one base URL, API version and language. */
export class WireRefs {
  readonly #api: string;

  constructor(
    base: string,
    version: 'v2' | 'v3',
    protected readonly lang: WireLanguage,
    protected readonly lookups: WireLookups,
  ) {
    this.#api = `${base.replace(/\/$/, '')}/${version}`;
  }

  /** Absolute API URL of a path like `issues/KEY`. */
  self(path: string): string {
    return `${this.#api}/${path}`;
  }

  /** A localized name as a string, or `{ru, en}` when the language is `all`. */
  text(name: { readonly ru: string; readonly en: string }): Json {
    return this.lang === 'all' ? { ru: name.ru, en: name.en } : name[this.lang];
  }

  userRef(uid: number | null): Json {
    if (uid === null) return null;
    const user = this.lookups.user(uid);
    return {
      self: this.self(`users/${uid}`),
      id: String(uid),
      display: user ? this.text(user.display) : String(uid),
    };
  }

  statusRef(key: string | null): Json {
    const status = key === null ? undefined : this.lookups.status(key);
    if (!status) return null;
    return {
      self: this.self(`statuses/${status.id}`),
      id: String(status.id),
      key: status.key,
      display: this.text(status.name),
    };
  }

  priorityRef(key: string): Json {
    const priority = this.lookups.priority(key);
    if (!priority) return null;
    return {
      self: this.self(`priorities/${priority.id}`),
      id: String(priority.id),
      key: priority.key,
      display: this.text(priority.name),
    };
  }

  typeRef(key: string): Json {
    const type = this.lookups.issueType(key);
    if (!type) return null;
    return {
      self: this.self(`issuetypes/${type.id}`),
      id: String(type.id),
      key: type.key,
      display: this.text(type.name),
    };
  }

  resolutionRef(key: string | null): Json {
    const resolution = key === null ? undefined : this.lookups.resolution(key);
    if (!resolution) return null;
    return {
      self: this.self(`resolutions/${resolution.id}`),
      id: String(resolution.id),
      key: resolution.key,
      display: this.text(resolution.name),
    };
  }

  queueRef(key: string): Json {
    const queue = this.lookups.queue(key);
    if (!queue) return null;
    return {
      self: this.self(`queues/${queue.key}`),
      id: String(queue.id),
      key: queue.key,
      display: this.text(queue.name),
    };
  }

  issueRef(key: string | null): Json {
    const issue = key === null ? undefined : this.lookups.issue(key);
    if (!issue) return null;
    return {
      self: this.self(`issues/${issue.key}`),
      id: issue.id,
      key: issue.key,
      display: issue.summary,
    };
  }
}
