/**
 * A fake issue library for renderer tests: about sixty Russian and English issues in three queues,
 * with the handlers main's library answers `issues.list`, `issues.search`, `issues.facets`,
 * `issues.query`, `issues.get`, `comments.list` and `queues.list` with (sorting, filtering, paging,
 * a naive full-text search with snippets). Pass `library.handlers` to `createBrowserFixture`.
 */
import type {
  Facets,
  InvokeRequest,
  IssueDetail,
  IssueSummary,
  IpcError,
} from '../../preload/contract.ts';
import { fail, ok, type FakeHandlers } from './bridge.ts';

/** The signed-in user of the fixture (matches the fake bridge's `AUTH_SIGNED_IN_FIXTURE`). */
export const ME = { login: 'alex.smirnov', display: 'Alexey Smirnov' } as const;

const PEOPLE = [
  ME,
  { login: 'maria.ivanova', display: 'Мария Иванова' },
  { login: 'john.doe', display: 'John Doe' },
  null,
] as const;

const STATUSES = [
  { key: 'open', display: 'Open' },
  { key: 'inProgress', display: 'In progress' },
  { key: 'review', display: 'Review' },
  { key: 'closed', display: 'Closed' },
] as const;

const PRIORITIES = [
  { key: 'minor', display: 'Minor' },
  { key: 'normal', display: 'Normal' },
  { key: 'critical', display: 'Critical' },
] as const;

/** The queues of the fixture. */
export const LIBRARY_QUEUES = [
  { key: 'TEST', name: 'Testing' },
  { key: 'DOCS', name: 'Документация' },
  { key: 'MOBILE', name: 'Mobile app' },
] as const;

const SUMMARIES = [
  'Login page crashes on submit',
  'Ошибка при сохранении черновика',
  'Update the installation guide',
  'Медленная загрузка списка задач',
  'Dark theme contrast is too low',
  'Переводы в настройках уведомлений',
  'Sync stops after network change',
  'Не работает поиск по комментариям',
  'Export issues to CSV',
  'Добавить фильтр по исполнителю',
] as const;

const SCOPES = ['assigned', 'followed', 'authored', 'summoned', 'favorites', 'opened'] as const;

/** One issue of the library: the summary plus what the detail view and the scopes need. */
export interface LibraryIssue extends IssueSummary {
  readonly description: string;
  readonly author: { login: string; display: string };
  /** The relation scopes this issue belongs to (besides `all` and its queue). */
  readonly scopes: readonly string[];
}

/** Epoch ms the fixture's dates count from (2026-01-10 09:00 UTC). */
export const LIBRARY_EPOCH = Date.UTC(2026, 0, 10, 9, 0);

/** Issue `n` (0-based) of the standard fixture; deterministic. */
export function libraryIssue(n: number): LibraryIssue {
  const queue = LIBRARY_QUEUES[n % LIBRARY_QUEUES.length]!.key;
  const number = Math.floor(n / LIBRARY_QUEUES.length) + 1;
  const status = STATUSES[n % STATUSES.length]!;
  const assignee = PEOPLE[n % PEOPLE.length]!;
  const author = PEOPLE[(n + 1) % 3]!;
  const summary = `${SUMMARIES[n % SUMMARIES.length]!} #${n + 1}`;
  const scopes = SCOPES.filter((scope) => {
    if (scope === 'assigned') return assignee?.login === ME.login;
    if (scope === 'authored') return author.login === ME.login;
    if (scope === 'followed') return n % 5 === 0;
    if (scope === 'summoned') return n % 11 === 3;
    if (scope === 'favorites') return n % 13 === 2;
    return n % 17 === 0;
  });
  return {
    key: `${queue}-${number}`,
    summary,
    queue,
    status: { ...status },
    priority: { ...PRIORITIES[n % PRIORITIES.length]! },
    type: { key: 'task', display: 'Task' },
    assignee: assignee ? { ...assignee } : null,
    updatedAt: LIBRARY_EPOCH + ((n * 7919) % 60) * 3_600_000,
    createdAt: LIBRARY_EPOCH - (n + 1) * 86_400_000,
    resolved: status.key === 'closed',
    description:
      n % 2 === 0
        ? `Steps to reproduce for issue ${n + 1}: open the app, sign in and press the button.`
        : `Описание задачи ${n + 1}: откройте приложение, войдите и нажмите кнопку сохранения.`,
    author: { ...author },
    scopes,
  };
}

/** Options of {@link createLibrary}. */
export interface LibraryOptions {
  /** The issues; {@link libraryIssue} 0…59 by default. */
  readonly issues?: readonly LibraryIssue[];
  /** When false, `issues.query` fails with E_OFFLINE. */
  readonly online?: boolean;
  /** Makes `issues.query` fail with this error. */
  readonly queryError?: IpcError;
  /** Makes `issues.list` fail with this error. */
  readonly listError?: IpcError;
}

/** A fake library: its issues (mutable, for live-update tests) and the bridge handlers over them. */
export interface FakeLibrary {
  issues: LibraryIssue[];
  readonly handlers: FakeHandlers;
  /** Whether `issues.query` answers; tests may flip it. */
  online: boolean;
  /** The failure `issues.list` answers with while set. */
  listError: IpcError | undefined;
}

type Filters = Pick<
  InvokeRequest<'issues.list'>,
  'scope' | 'queues' | 'statuses' | 'assignees' | 'updatedFrom'
>;

function inScope(issue: LibraryIssue, scope: string | undefined): boolean {
  if (scope === undefined || scope === 'all') return true;
  if (scope.startsWith('queue:')) return issue.queue === scope.slice('queue:'.length);
  return issue.scopes.includes(scope);
}

function matches(issue: LibraryIssue, filters: Filters): boolean {
  if (!inScope(issue, filters.scope)) return false;
  if (filters.queues?.length && !filters.queues.includes(issue.queue)) return false;
  if (filters.statuses?.length && !filters.statuses.includes(issue.status?.key ?? '')) {
    return false;
  }
  if (filters.assignees?.length && !filters.assignees.includes(issue.assignee?.login ?? '')) {
    return false;
  }
  if (filters.updatedFrom !== undefined && issue.updatedAt < filters.updatedFrom) return false;
  return true;
}

const keyNumber = (key: string) => Number(key.slice(key.lastIndexOf('-') + 1));

type SortField = NonNullable<InvokeRequest<'issues.list'>['sort']>['field'];

function compareBy(field: SortField): (a: IssueSummary, b: IssueSummary) => number {
  switch (field) {
    case 'key':
      return (a, b) => a.queue.localeCompare(b.queue) || keyNumber(a.key) - keyNumber(b.key);
    case 'summary':
      return (a, b) => a.summary.localeCompare(b.summary);
    case 'status':
      return (a, b) => (a.status?.display ?? '').localeCompare(b.status?.display ?? '');
    case 'priority':
      return (a, b) => (a.priority?.display ?? '').localeCompare(b.priority?.display ?? '');
    case 'assignee':
      return (a, b) => (a.assignee?.display ?? '').localeCompare(b.assignee?.display ?? '');
    case 'updated':
      return (a, b) => a.updatedAt - b.updatedAt;
  }
}

/** The summary part of a library issue, as the list channels answer it. */
export function toSummary(issue: LibraryIssue): IssueSummary {
  return {
    key: issue.key,
    summary: issue.summary,
    queue: issue.queue,
    status: issue.status,
    priority: issue.priority,
    type: issue.type,
    assignee: issue.assignee,
    updatedAt: issue.updatedAt,
    createdAt: issue.createdAt,
    resolved: issue.resolved,
  };
}

function facetsOf(issues: readonly LibraryIssue[]): Facets {
  const count = (pick: (issue: LibraryIssue) => { key: string; display: string }) => {
    const values = new Map<string, { key: string; display: string; count: number }>();
    for (const issue of issues) {
      const { key, display } = pick(issue);
      const value = values.get(key) ?? { key, display, count: 0 };
      value.count++;
      values.set(key, value);
    }
    return [...values.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  return {
    queues: count((issue) => ({
      key: issue.queue,
      display: LIBRARY_QUEUES.find((queue) => queue.key === issue.queue)?.name ?? issue.queue,
    })),
    statuses: count((issue) => ({
      key: issue.status?.key ?? '',
      display: issue.status?.display ?? '',
    })),
    assignees: count((issue) => ({
      key: issue.assignee?.login ?? '',
      display: issue.assignee?.display ?? 'Unassigned',
    })),
  };
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean);

/**
 * A snippet of `text` around the first word starting with a query word, the word wrapped in the
 * cache's highlight markers (\u0002…\u0003).
 */
function snippetOf(text: string, query: readonly string[]): string | undefined {
  const parts = text.split(/(\s+)/);
  const index = parts.findIndex((part) =>
    query.some((word) =>
      part
        .toLowerCase()
        .replace(/[^\p{L}\p{N}-]/gu, '')
        .startsWith(word),
    ),
  );
  if (index < 0) return undefined;
  parts[index] = `\u0002${parts[index]}\u0003`;
  return parts.slice(Math.max(0, index - 6), index + 8).join('');
}

/** Builds a {@link FakeLibrary}. */
export function createLibrary(options: LibraryOptions = {}): FakeLibrary {
  const library: FakeLibrary = {
    issues: [...(options.issues ?? Array.from({ length: 60 }, (_, n) => libraryIssue(n)))],
    online: options.online ?? true,
    listError: options.listError,
    handlers: {},
  };
  const find = (key: string) => library.issues.find((issue) => issue.key === key);

  const handlers: FakeHandlers = {
    'issues.list': (request) => {
      if (library.listError) return { ok: false, error: library.listError };
      const sort = request.sort ?? { field: 'updated', direction: 'desc' };
      const compare = compareBy(sort.field);
      const sign = sort.direction === 'asc' ? 1 : -1;
      const rows = library.issues
        .filter((issue) => matches(issue, request))
        .sort((a, b) => sign * compare(a, b) || a.key.localeCompare(b.key));
      return ok({
        rows: rows.slice(request.offset, request.offset + request.limit).map(toSummary),
        total: rows.length,
      });
    },
    'issues.search': (request) => {
      const query = words(request.text);
      if (query.length === 0) return ok({ hits: [] });
      const hits = library.issues
        .filter((issue) => matches(issue, request))
        .map((issue) => {
          const haystack = words(`${issue.key} ${issue.summary} ${issue.description}`);
          const score = query.filter((word) => haystack.some((w) => w.startsWith(word))).length;
          return { issue, score };
        })
        .filter(({ score }) => score === query.length)
        .sort((a, b) => a.issue.key.localeCompare(b.issue.key))
        .slice(0, request.limit)
        .map(({ issue }, index) => ({
          issue: toSummary(issue),
          rank: -10 + index * 0.1,
          snippet: snippetOf(issue.summary, query) ?? snippetOf(issue.description, query),
        }));
      return ok({ hits });
    },
    'issues.facets': (request) =>
      ok(facetsOf(library.issues.filter((issue) => inScope(issue, request.scope)))),
    'issues.query': (request) => {
      if (!library.online) return fail('E_OFFLINE', 'Tracker is not reachable');
      if (options.queryError) return { ok: false, error: options.queryError };
      // A tiny subset of the query language: `Queue: KEY`, otherwise words in the summary.
      const queue = /^queue:\s*(\w+)$/i.exec(request.query.trim())?.[1]?.toUpperCase();
      const query = words(request.query);
      const rows = library.issues.filter((issue) =>
        queue
          ? issue.queue === queue
          : query.every((word) => words(issue.summary).some((w) => w.startsWith(word))),
      );
      return ok({ rows: rows.slice(0, request.limit).map(toSummary), total: rows.length });
    },
    'issues.get': (request) => {
      const issue = find(request.key);
      if (!issue) return fail('E_NOT_FOUND', `no issue ${request.key}`);
      const detail: IssueDetail = {
        issue: toSummary(issue),
        description: issue.description,
        author: issue.author,
        followers: [ME],
        tags: ['fixture'],
        aliases: [],
        parent: null,
        webUrl: `https://tracker.yandex.ru/${issue.key}`,
      };
      return ok(detail);
    },
    'comments.list': (request) => {
      const issue = find(request.key);
      if (!issue) return fail('E_NOT_FOUND', `no issue ${request.key}`);
      return ok([
        {
          id: `${issue.key}-c1`,
          author: issue.author,
          text: issue.queue === 'DOCS' ? 'Проверьте, пожалуйста.' : 'Please take a look.',
          createdAt: issue.createdAt + 3_600_000,
          updatedAt: issue.createdAt + 3_600_000,
        },
      ]);
    },
    'queues.list': () => ok(LIBRARY_QUEUES.map((queue) => ({ ...queue }))),
  };
  Object.assign(library.handlers, handlers);
  return library;
}
