/**
 * Resolution of written values against the context's users and dictionaries, done once per
 * compile so matching compares plain keys and uids. Unknown users, statuses, queues… are errors:
 * `Status: In Progress` without quotes must not quietly become `Status: In` plus free text.
 */
import type { DictName } from './fields.ts';
import { fold } from './text.ts';
import { QueryError, each } from './types.ts';
import type { QueryContext } from './types.ts';

interface Named {
  readonly id: number;
  readonly key: string;
  readonly name: { readonly ru: string; readonly en: string };
  readonly order?: number;
}

const DICT_LABEL: Record<DictName, string> = {
  statuses: 'status',
  priorities: 'priority',
  types: 'issue type',
  resolutions: 'resolution',
};

/** Per-compile lookups over a {@link QueryContext}; maps are built lazily and only once. */
export class Lookups {
  private readonly orders = new Map<DictName, ReadonlyMap<string, number>>();
  private readonly names = new Map<DictName, ReadonlyMap<string, string>>();
  private displays: ReadonlyMap<number, string> | null = null;

  constructor(readonly ctx: QueryContext) {}

  /** The uids a user value denotes: `login@` (exact login), a uid, a login or a display name. */
  users(text: string, pos: number | undefined): number[] {
    const value = fold(text.trim());
    const exactLogin = value.endsWith('@') ? value.slice(0, -1) : null;
    const uid = /^\d+$/.test(value) ? Number(value) : null;
    const found: number[] = [];
    for (const user of each(this.ctx.users)) {
      const hit =
        exactLogin !== null
          ? fold(user.login) === exactLogin
          : user.uid === uid ||
            fold(user.login) === value ||
            fold(user.display.en) === value ||
            fold(user.display.ru) === value ||
            fold(`${user.firstName} ${user.lastName}`) === value ||
            fold(`${user.lastName} ${user.firstName}`) === value ||
            (user.email !== undefined && fold(user.email) === value);
      if (hit) found.push(user.uid);
    }
    if (found.length === 0) throw new QueryError(`Unknown user "${text}"`, pos);
    return found;
  }

  /** The keys a dictionary value denotes: key, Russian or English name (any case), or id. */
  dict(dict: DictName, text: string, pos: number | undefined): string[] {
    const found = this.matchNamed(this.records(dict), text);
    if (found.length === 0) throw new QueryError(`Unknown ${DICT_LABEL[dict]} "${text}"`, pos);
    return found;
  }

  /** The queue keys a value denotes: key, Russian or English name (any case), or id. */
  queues(text: string, pos: number | undefined): string[] {
    const found = this.matchNamed(each(this.ctx.queues), text);
    if (found.length === 0) throw new QueryError(`Unknown queue "${text}"`, pos);
    return found;
  }

  /** Dictionary order by key (statuses, priorities, resolutions carry one). */
  order(dict: DictName): ReadonlyMap<string, number> {
    let map = this.orders.get(dict);
    if (map === undefined) {
      const built = new Map<string, number>();
      for (const record of this.records(dict)) built.set(record.key, record.order ?? record.id);
      this.orders.set(dict, built);
      map = built;
    }
    return map;
  }

  /** Display name by key in the context's language (for sorting by name). */
  dictNames(dict: DictName): ReadonlyMap<string, string> {
    let map = this.names.get(dict);
    if (map === undefined) {
      const built = new Map<string, string>();
      for (const record of this.records(dict)) built.set(record.key, record.name[this.language]);
      this.names.set(dict, built);
      map = built;
    }
    return map;
  }

  /** User display name by uid in the context's language (for sorting by a user field). */
  userDisplays(): ReadonlyMap<number, string> {
    if (this.displays === null) {
      const built = new Map<number, string>();
      for (const user of each(this.ctx.users)) built.set(user.uid, user.display[this.language]);
      this.displays = built;
    }
    return this.displays;
  }

  /** The language display names are sorted in. */
  get language(): 'ru' | 'en' {
    return this.ctx.language ?? 'en';
  }

  private records(dict: DictName): Iterable<Named> {
    return each<Named>(this.ctx[dict]);
  }

  private matchNamed(records: Iterable<Named>, text: string): string[] {
    const value = fold(text.trim());
    const id = /^\d+$/.test(value) ? Number(value) : null;
    const found: string[] = [];
    for (const record of records) {
      if (
        record.id === id ||
        fold(record.key) === value ||
        fold(record.name.en) === value ||
        fold(record.name.ru) === value
      ) {
        found.push(record.key);
      }
    }
    return found;
  }
}
