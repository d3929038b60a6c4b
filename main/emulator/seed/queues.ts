/**
 * Queues (keys, names, leads, teams, workflows), global fields and per-queue local fields. These do
 * not depend on the seed: queue keys and field ids are names tests and fixtures refer to.
 */
import type { FieldRecord, QueueRecord, UserRecord } from '../model.ts';
import { mix32 } from '../random.ts';

/** A queue plus generation hints (how much of the traffic it gets, its local fields). */
export interface QueueSpec {
  readonly queue: QueueRecord;
  /** Relative share of generated issues. */
  readonly weight: number;
  /** Topic used by the summary generator. */
  readonly topic: 'desktop' | 'sync' | 'mobile' | 'infra' | 'docs' | 'support' | 'web';
}

// [key, ru name, en name, description, lead, team, workflow, default type, weight, topic]
type Row = readonly [
  string,
  string,
  string,
  string,
  string,
  readonly string[],
  string,
  string,
  number,
  QueueSpec['topic'],
];

const ROWS: readonly Row[] = [
  [
    'DESK',
    'Десктопный клиент',
    'Tracker Desktop',
    'Electron-клиент Трекера: окна, трей, офлайн-кэш.',
    'ivan.petrov',
    [
      'alex.smirnov',
      'ivan.petrov',
      'maria.ivanova',
      'nikita.fedorov',
      'emma.clark',
      'artem.egorov',
      'oleg.volkov',
    ],
    'dev',
    'task',
    22,
    'desktop',
  ],
  [
    'SYNC',
    'Синхронизация',
    'Sync engine',
    'Incremental sync, scroll, conflict resolution.',
    'dmitry.sokolov',
    ['alex.smirnov', 'dmitry.sokolov', 'sergey.popov', 'lucas.fischer', 'ksenia.belova'],
    'dev',
    'task',
    15,
    'sync',
  ],
  [
    'MOBILE',
    'Мобильное приложение',
    'Mobile app',
    'iOS и Android клиенты.',
    'anna.lebedeva',
    ['anna.lebedeva', 'pavel.novikov', 'sofia.garcia', 'roman.vasiliev', 'yulia.pavlova'],
    'dev',
    'bug',
    15,
    'mobile',
  ],
  [
    'INFRA',
    'Инфраструктура',
    'Infrastructure',
    'CI, build agents, release pipeline, monitoring.',
    'mikhail.kozlov',
    ['mikhail.kozlov', 'kirill.makarov', 'sergey.popov', 'john.miller'],
    'simple',
    'task',
    12,
    'infra',
  ],
  [
    'DOCS',
    'Документация',
    'Documentation',
    'User guide, API reference, release notes.',
    'tatiana.orlova',
    ['tatiana.orlova', 'vera.nikolaeva', 'emma.clark', 'alex.smirnov'],
    'simple',
    'task',
    6,
    'docs',
  ],
  [
    'SUPPORT',
    'Поддержка',
    'Support',
    'Обращения пользователей первой и второй линии.',
    'olga.morozova',
    ['olga.morozova', 'daria.zaitseva', 'elena.kuznetsova', 'alex.smirnov', 'john.miller'],
    'support',
    'bug',
    18,
    'support',
  ],
  [
    'WEB',
    'Веб-интерфейс',
    'Web UI',
    'Svelte renderer shared by desktop and web.',
    'elena.kuznetsova',
    ['elena.kuznetsova', 'maria.ivanova', 'artem.egorov', 'sofia.garcia', 'alex.smirnov'],
    'dev',
    'improvement',
    12,
    'web',
  ],
];

const TYPES_BY_WORKFLOW: Record<string, readonly string[]> = {
  dev: ['bug', 'task', 'improvement', 'epic', 'story'],
  simple: ['task', 'improvement', 'bug', 'epic'],
  support: ['bug', 'task', 'improvement'],
};

/** Builds the queues, resolving logins to uids. */
export function createQueues(users: readonly UserRecord[]): QueueSpec[] {
  const uidOf = (login: string): number => users.find((u) => u.login === login)?.uid ?? 0;
  return ROWS.map(
    ([key, ru, en, description, lead, team, workflowId, defaultType, weight, topic], i) => ({
      weight,
      topic,
      queue: {
        id: i + 1,
        key,
        version: 3 + i,
        name: { ru, en },
        description,
        leadUid: uidOf(lead),
        defaultType,
        defaultPriority: 'normal',
        workflowId,
        teamUids: team.map(uidOf),
        issueTypes: TYPES_BY_WORKFLOW[workflowId] ?? ['task'],
      },
    }),
  );
}

type FieldRow = readonly [string, string, string, FieldRecord['schemaType'], boolean];

const GLOBAL_FIELDS: readonly FieldRow[] = [
  ['summary', 'Задача', 'Summary', 'string', false],
  ['description', 'Описание', 'Description', 'text', false],
  ['key', 'Ключ', 'Key', 'string', true],
  ['queue', 'Очередь', 'Queue', 'string', true],
  ['type', 'Тип', 'Type', 'string', false],
  ['priority', 'Приоритет', 'Priority', 'string', false],
  ['status', 'Статус', 'Status', 'string', true],
  ['resolution', 'Резолюция', 'Resolution', 'string', true],
  ['assignee', 'Исполнитель', 'Assignee', 'user', false],
  ['createdBy', 'Автор', 'Author', 'user', true],
  ['updatedBy', 'Изменил', 'Updated by', 'user', true],
  ['createdAt', 'Создана', 'Created', 'datetime', true],
  ['updatedAt', 'Обновлена', 'Updated', 'datetime', true],
  ['followers', 'Наблюдатели', 'Followers', 'array', false],
  ['tags', 'Теги', 'Tags', 'array', false],
  ['parent', 'Родительская задача', 'Parent issue', 'string', false],
  ['deadline', 'Дедлайн', 'Deadline', 'date', false],
  ['start', 'Начало', 'Start', 'date', false],
  ['storyPoints', 'Story Points', 'Story Points', 'number', false],
  ['pendingReplyFrom', 'Ожидается ответ от', 'Pending reply from', 'array', true],
  ['lastCommentUpdatedAt', 'Последний комментарий', 'Last comment', 'datetime', true],
];

/** Global fields that live in `IssueRecord.extra` rather than in a record property. */
export const EXTRA_GLOBAL_FIELDS: ReadonlySet<string> = new Set([
  'deadline',
  'start',
  'storyPoints',
]);

// [queue, key, ru, en, type]
const LOCAL_FIELDS: readonly (readonly [
  string,
  string,
  string,
  string,
  FieldRecord['schemaType'],
])[] = [
  ['DESK', 'platform', 'Платформа', 'Platform', 'string'],
  ['DESK', 'appVersion', 'Версия приложения', 'App version', 'string'],
  ['MOBILE', 'osVersion', 'Версия ОС', 'OS version', 'string'],
  ['SUPPORT', 'customer', 'Клиент', 'Customer', 'string'],
  ['SUPPORT', 'slaLevel', 'Уровень SLA', 'SLA level', 'string'],
  ['SUPPORT', 'ticketCount', 'Число обращений', 'Ticket count', 'number'],
];

/** The 24-hex owner id of a queue's local fields (stable per queue key). */
export function localFieldOwner(queueKey: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < queueKey.length; i++) h = mix32(h ^ queueKey.charCodeAt(i));
  return [h, mix32(h + 1), mix32(h + 2)].map((n) => n.toString(16).padStart(8, '0')).join('');
}

/** Global fields followed by the local ones. */
export function createFields(): FieldRecord[] {
  const global = GLOBAL_FIELDS.map(([id, ru, en, schemaType, readonly]) => ({
    id,
    key: id,
    name: { ru, en },
    schemaType,
    readonly,
  }));
  const local = LOCAL_FIELDS.map(([queueKey, key, ru, en, schemaType]) => ({
    id: `${localFieldOwner(queueKey)}--${key}`,
    key,
    name: { ru, en },
    schemaType,
    readonly: false,
    queueKey,
  }));
  return [...global, ...local];
}
