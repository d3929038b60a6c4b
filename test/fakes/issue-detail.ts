/**
 * Fixtures for the issue screen: one issue with a description that uses every YFM feature the
 * renderer supports, comments, extras (links, attachments, activity), and fake handlers for the
 * channels the screen calls (`issues.get`, `comments.list`, `issues.extras`, `attachments.image`,
 * `app.openExternal`).
 */
import type {
  ActivityEntry,
  InvokeResponse,
  IssueDetail,
  IssueExtras,
} from '../../preload/contract.ts';
import { fail, ok, type FakeHandlers } from './bridge.ts';

/** 2025-03-14 09:30 UTC. */
export const CREATED_AT = Date.UTC(2025, 2, 14, 9, 30);
/** 2025-03-20 16:05 UTC. */
export const UPDATED_AT = Date.UTC(2025, 2, 20, 16, 5);

/** A 1×1 transparent PNG as a data URL, as `attachments.image` answers. */
export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** A description using tables, code, cuts, notes, checklists, colours, mentions, keys, images. */
export const RICH_DESCRIPTION = [
  '# Overview',
  '',
  'Ask @ivan.petrov about DEMO-2 and read [the docs](https://example.com/docs).',
  '',
  '| Step | Result |',
  '|:--|--:|',
  '| build | ok |',
  '',
  '```js',
  'const answer = 42;',
  '```',
  '',
  '{% cut "More details" %}',
  'hidden text',
  '{% endcut %}',
  '',
  '{% note warning %}',
  'Careful here',
  '{% endnote %}',
  '',
  '- [x] done item',
  '- [ ] open item',
  '',
  '{red}(urgent)',
  '',
  '![screen.png](/ajax/v2/attachments/501?inline=true)',
  '',
  '![tracker](https://evil.example/pixel.png)',
].join('\n');

/** The issue `DEMO-1` in full. */
export const ISSUE_DETAIL: IssueDetail = {
  issue: {
    key: 'DEMO-1',
    summary: 'Login page freezes on submit',
    queue: 'DEMO',
    status: { key: 'inProgress', display: 'In progress' },
    priority: { key: 'critical', display: 'Critical' },
    type: { key: 'bug', display: 'Bug' },
    assignee: { login: 'alex.smirnov', display: 'Alexey Smirnov' },
    updatedAt: UPDATED_AT,
    createdAt: CREATED_AT,
    resolved: false,
  },
  description: RICH_DESCRIPTION,
  author: { login: 'maria', display: 'Maria Ivanova' },
  followers: [
    { login: 'ivan.petrov', display: 'Ivan Petrov' },
    { login: 'olga', display: 'Olga Kim' },
  ],
  tags: ['frontend', 'regression'],
  aliases: ['LOGIN-FREEZE'],
  parent: 'DEMO-100',
  webUrl: 'https://tracker.yandex.ru/DEMO-1',
};

/** Comments of `DEMO-1`. */
export const COMMENTS: InvokeResponse<'comments.list'> = [
  {
    id: 'c1',
    author: { login: 'ivan.petrov', display: 'Ivan Petrov' },
    text: 'Reproduced, see **DEMO-3**.',
    createdAt: CREATED_AT + 3_600_000,
    updatedAt: CREATED_AT + 3_600_000,
  },
  {
    id: 'c2',
    author: null,
    text: 'Fixed in `main`.',
    createdAt: CREATED_AT + 7_200_000,
    updatedAt: CREATED_AT + 7_200_000,
  },
];

/** `count` activity entries, one a minute after `CREATED_AT`, each changing the status. */
export function activityEntries(count: number): ActivityEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `a${i + 1}`,
    at: CREATED_AT + (i + 1) * 60_000,
    author: 'Maria Ivanova',
    type: 'IssueWorkflow',
    fields: [{ field: 'Status', from: `S${i}`, to: `S${i + 1}` }],
  }));
}

/** Extras of `DEMO-1`. */
export const EXTRAS: IssueExtras = {
  links: [
    {
      id: 'l1',
      relation: 'blocks',
      key: 'DEMO-7',
      summary: 'Release 2.0',
      status: { key: 'open', display: 'Open' },
    },
  ],
  attachments: [
    {
      id: '501',
      name: 'screen.png',
      size: 2048,
      mimetype: 'image/png',
      createdAt: CREATED_AT,
      author: 'Maria Ivanova',
    },
    {
      id: '502',
      name: 'log.txt',
      size: 1_572_864,
      mimetype: 'text/plain',
      createdAt: CREATED_AT,
      author: null,
    },
  ],
  activity: [
    {
      id: 'a1',
      at: UPDATED_AT,
      author: 'Maria Ivanova',
      type: 'IssueWorkflow',
      fields: [{ field: 'Status', from: 'Open', to: 'In progress' }],
    },
  ],
};

/** What {@link issueDetailHandlers} may change. */
export interface IssueDetailHandlerOptions {
  readonly detail?: IssueDetail;
  readonly comments?: InvokeResponse<'comments.list'>;
  readonly extras?: IssueExtras;
  /** Keys `issues.get` knows; others answer E_NOT_FOUND (default: the detail's key). */
  readonly known?: readonly string[];
}

/** Fake handlers answering the issue screen's channels from the fixtures. */
export function issueDetailHandlers(options: IssueDetailHandlerOptions = {}): FakeHandlers {
  const detail = options.detail ?? ISSUE_DETAIL;
  const known = options.known ?? [detail.issue.key];
  return {
    'issues.get': ({ key }) =>
      known.includes(key)
        ? ok({ ...detail, issue: { ...detail.issue, key } })
        : fail('E_NOT_FOUND', `no issue ${key}`),
    'comments.list': () => ok(options.comments ?? COMMENTS),
    'issues.extras': () => ok(options.extras ?? EXTRAS),
    'attachments.image': ({ id }) =>
      id === '501'
        ? ok({ mimetype: 'image/png', dataUrl: PNG_DATA_URL })
        : fail('E_NOT_FOUND', 'no such image'),
    'app.openExternal': ({ url }) =>
      url.startsWith('https://') ? ok({ opened: true }) : fail('E_FORBIDDEN', 'not allowed'),
  };
}
