/**
 * Synthetic issues for the list-render bench and the virtualization e2e test: deterministic,
 * with Russian and English summaries, people and statuses mixed as in a real workspace.
 */
import type { IssueSummary } from '../../preload/contract.ts';

const QUEUES = ['CORE', 'WEB', 'DESK', 'OPS', 'SUP'];
const STATUSES = [
  { key: 'open', display: 'Open' },
  { key: 'inProgress', display: 'В работе' },
  { key: 'needInfo', display: 'Нужна информация' },
  { key: 'review', display: 'Review' },
  { key: 'closed', display: 'Закрыт' },
];
const PRIORITIES = [
  { key: 'blocker', display: 'Блокер' },
  { key: 'critical', display: 'Critical' },
  { key: 'normal', display: 'Средний' },
  { key: 'minor', display: 'Minor' },
];
const TYPES = [
  { key: 'bug', display: 'Ошибка' },
  { key: 'task', display: 'Task' },
];
const PEOPLE = [
  { login: 'alex.smirnov', display: 'Алексей Смирнов' },
  { login: 'maria.ivanova', display: 'Мария Иванова' },
  { login: 'john.doe', display: 'John Doe' },
  { login: 'emma.w', display: 'Emma Williams' },
  { login: 'dmitry.k', display: 'Дмитрий Козлов' },
];
const SUBJECTS = [
  'Ошибка синхронизации клиента',
  'Sync fails after token refresh',
  'Медленный поиск по комментариям',
  'Crash when opening attachments',
  'Не приходят уведомления о призыве',
  'Dark theme contrast in the sidebar',
  'Падение при сохранении черновика',
  'Offline cache grows without bound',
  'Неверная сортировка по приоритету',
  'Keyboard navigation skips the last row',
];
const DETAILS = [
  'в очереди поддержки',
  'on Windows 11',
  'после обновления до 0.1.0',
  'for large workspaces',
  'при медленном соединении',
  'with 50k issues',
  '',
];

/** A small seeded PRNG (mulberry32), so every run sees the same rows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], next: () => number): T =>
  items[Math.floor(next() * items.length)] as T;

/** The newest update of the synthetic data, so rows sort the same whenever they are generated. */
export const NEWEST_UPDATE = Date.UTC(2026, 10, 1, 12, 0);

/**
 * `total` issues, most recently updated first (the list's default sort): row `i` of the result is
 * row `i` of the list, and its key ends in `-${i + 1}` (`CORE-1` is the newest).
 */
export function syntheticIssues(total: number, seed = 42): IssueSummary[] {
  const next = random(seed);
  const rows: IssueSummary[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const queue = QUEUES[i % QUEUES.length] as string;
    const updatedAt = NEWEST_UPDATE - i * 61_000;
    const detail = pick(DETAILS, next);
    rows[i] = {
      key: `${queue}-${i + 1}`,
      summary: detail ? `${pick(SUBJECTS, next)} ${detail}` : pick(SUBJECTS, next),
      queue,
      status: pick(STATUSES, next),
      priority: pick(PRIORITIES, next),
      type: pick(TYPES, next),
      assignee: next() < 0.2 ? null : pick(PEOPLE, next),
      updatedAt,
      createdAt: updatedAt - Math.floor(next() * 90) * 86_400_000,
      resolved: next() < 0.15,
    };
  }
  return rows;
}
