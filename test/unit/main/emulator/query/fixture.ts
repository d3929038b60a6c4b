/**
 * A small hand-made world for the query engine tests, independent of the seed generator. "Now" is
 * Friday 2024-05-10 12:00 UTC; the requesting user is alice.
 */
import type {
  IssueRecord,
  IssueTypeRecord,
  PriorityRecord,
  QueueRecord,
  ResolutionRecord,
  StatusRecord,
  UserRecord,
} from '../../../../../main/emulator/model.ts';
import type { CompiledSearch, QueryContext } from '../../../../../main/emulator/query/index.ts';

export const NOW = Date.UTC(2024, 4, 10, 12, 0, 0);
export const ALICE = 1001;
export const BOB = 1002;
export const IVAN = 1003;

function user(uid: number, login: string, en: [string, string], ru: string): UserRecord {
  return {
    uid,
    login,
    firstName: en[0],
    lastName: en[1],
    email: `${login}@example.com`,
    display: { en: `${en[0]} ${en[1]}`, ru },
    cloudUid: `cloud${uid}`,
    hasLicense: true,
    dismissed: false,
  };
}

export const USERS: UserRecord[] = [
  user(ALICE, 'alice', ['Alice', 'Smith'], 'Алиса Смит'),
  user(BOB, 'bob', ['Bob', 'Jones'], 'Боб Джонс'),
  user(IVAN, 'ivan', ['Ivan', 'Petrov'], 'Иван Петров'),
  // Login "alice2" but no one may be "alice" by display name: tests login@ exactness.
  user(1004, 'alice2', ['Alicia', 'Keys'], 'Алисия Киз'),
];

export const STATUSES: StatusRecord[] = [
  { id: 1, key: 'open', name: { en: 'Open', ru: 'Открыт' }, type: 'new', order: 100 },
  {
    id: 2,
    key: 'inProgress',
    name: { en: 'In Progress', ru: 'В работе' },
    type: 'inProgress',
    order: 200,
  },
  { id: 3, key: 'closed', name: { en: 'Closed', ru: 'Закрыт' }, type: 'done', order: 400 },
];

export const PRIORITIES: PriorityRecord[] = [
  { id: 1, key: 'trivial', name: { en: 'Trivial', ru: 'Незначительный' }, order: 1 },
  { id: 2, key: 'minor', name: { en: 'Minor', ru: 'Низкий' }, order: 2 },
  { id: 3, key: 'normal', name: { en: 'Normal', ru: 'Средний' }, order: 3 },
  { id: 4, key: 'critical', name: { en: 'Critical', ru: 'Критичный' }, order: 4 },
  { id: 5, key: 'blocker', name: { en: 'Blocker', ru: 'Блокер' }, order: 5 },
];

export const TYPES: IssueTypeRecord[] = [
  { id: 1, key: 'bug', name: { en: 'Bug', ru: 'Ошибка' } },
  { id: 2, key: 'task', name: { en: 'Task', ru: 'Задача' } },
];

export const RESOLUTIONS: ResolutionRecord[] = [
  { id: 1, key: 'fixed', name: { en: 'Fixed', ru: 'Решён' }, order: 1 },
  { id: 2, key: 'wontFix', name: { en: "Won't fix", ru: 'Не будет исправлено' }, order: 2 },
];

function queue(id: number, key: string, en: string, ru: string): QueueRecord {
  return {
    id,
    key,
    version: 1,
    name: { en, ru },
    description: '',
    leadUid: ALICE,
    defaultType: 'task',
    defaultPriority: 'normal',
    workflowId: 'dev',
    teamUids: [ALICE, BOB, IVAN],
    issueTypes: ['bug', 'task'],
  };
}

export const QUEUES: QueueRecord[] = [
  queue(1, 'TREK', 'Startrek', 'Стартрек'),
  queue(2, 'DEMO', 'Demo', 'Демо'),
];

/** Builds an issue with neutral defaults. */
export function issue(key: string, fields: Partial<IssueRecord>): IssueRecord {
  return {
    id: key.toLowerCase().padEnd(24, '0'),
    key,
    queueKey: key.split('-')[0] as string,
    version: 1,
    summary: '',
    description: '',
    typeKey: 'task',
    priorityKey: 'normal',
    statusKey: 'open',
    previousStatusKey: null,
    resolutionKey: null,
    assigneeUid: null,
    authorUid: ALICE,
    updatedByUid: ALICE,
    followerUids: [],
    pendingReplyUids: [],
    favoritedByUids: [],
    tags: [],
    parentKey: null,
    aliases: [],
    createdAt: NOW,
    updatedAt: NOW,
    lastCommentUpdatedAt: null,
    unique: null,
    extra: {},
    ...fields,
  };
}

export const ISSUES: IssueRecord[] = [
  issue('TREK-1', {
    summary: 'Login page crashes',
    description: 'Stack trace attached',
    statusKey: 'open',
    priorityKey: 'normal',
    typeKey: 'bug',
    assigneeUid: ALICE,
    authorUid: BOB,
    followerUids: [ALICE, IVAN],
    pendingReplyUids: [ALICE],
    tags: ['ui', 'Crash'],
    createdAt: Date.UTC(2024, 0, 1, 8, 0, 0),
    updatedAt: Date.UTC(2024, 4, 10, 6, 0, 0),
  }),
  issue('TREK-2', {
    summary: 'Ёлка в офисе',
    description: 'Купить игрушки',
    statusKey: 'inProgress',
    priorityKey: 'critical',
    typeKey: 'task',
    assigneeUid: BOB,
    authorUid: ALICE,
    favoritedByUids: [ALICE],
    createdAt: Date.UTC(2024, 0, 2, 10, 0, 0),
    updatedAt: Date.UTC(2024, 4, 1, 10, 0, 0),
  }),
  issue('TREK-10', {
    summary: 'Fix export to CSV',
    statusKey: 'closed',
    resolutionKey: 'fixed',
    priorityKey: 'minor',
    typeKey: 'bug',
    assigneeUid: ALICE,
    authorUid: ALICE,
    parentKey: 'TREK-1',
    aliases: ['DEMO-3'],
    createdAt: Date.UTC(2024, 1, 15, 0, 0, 0),
    updatedAt: Date.UTC(2024, 4, 9, 23, 0, 0),
  }),
  issue('DEMO-1', {
    summary: 'Demo preparation',
    description: 'Prepare slides for the елка demo',
    statusKey: 'open',
    priorityKey: 'blocker',
    typeKey: 'task',
    assigneeUid: null,
    authorUid: IVAN,
    followerUids: [BOB],
    tags: ['demo'],
    createdAt: Date.UTC(2023, 11, 31, 23, 59, 59),
    updatedAt: Date.UTC(2024, 3, 1, 0, 0, 0),
  }),
  issue('DEMO-2', {
    summary: 'Обновить документацию',
    statusKey: 'closed',
    resolutionKey: 'wontFix',
    priorityKey: 'trivial',
    typeKey: 'bug',
    assigneeUid: IVAN,
    authorUid: ALICE,
    createdAt: Date.UTC(2024, 2, 1, 0, 0, 0),
    updatedAt: Date.UTC(2024, 4, 10, 11, 59, 0),
    lastCommentUpdatedAt: Date.UTC(2024, 4, 10, 11, 0, 0),
  }),
];

/** The context as alice at {@link NOW}. */
export function context(overrides: Partial<QueryContext> = {}): QueryContext {
  return {
    meUid: ALICE,
    now: NOW,
    users: USERS,
    statuses: STATUSES,
    priorities: PRIORITIES,
    types: TYPES,
    resolutions: RESOLUTIONS,
    queues: QUEUES,
    ...overrides,
  };
}

/** Keys of the fixture issues a compiled search returns, in its order. */
export function run(search: CompiledSearch, issues: readonly IssueRecord[] = ISSUES): string[] {
  return issues
    .filter((i) => search.matches(i))
    .sort((a, b) => search.compare(a, b))
    .map((i) => i.key);
}
