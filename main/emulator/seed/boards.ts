/**
 * Agile boards with columns, two-week sprints around "now", and saved filters. Sprint dates are
 * plain `YYYY-MM-DD` like the API's; statuses follow the calendar (past → released/archived,
 * current → in_progress, next → draft).
 */
import type { BoardRecord, SavedFilterRecord, SprintRecord } from '../model.ts';
import { DAY, isoDate } from './context.ts';

/** Boards, sprints and filters of a world. */
export interface Planning {
  readonly boards: BoardRecord[];
  readonly sprints: SprintRecord[];
  readonly filters: SavedFilterRecord[];
}

const DEV_COLUMNS = [
  { id: '1387461731452', display: 'Открыт', statuses: ['open'] },
  { id: '1387461731453', display: 'В работе', statuses: ['inProgress', 'needInfo'] },
  { id: '1387461731454', display: 'Ревью и тесты', statuses: ['inReview', 'testing'] },
  { id: '1387461731455', display: 'Готово', statuses: ['resolved', 'closed', 'cancelled'] },
];

/** Builds boards, sprints and filters; `leadUids` are sprint creators in board order. */
export function createPlanning(
  now: number,
  demoUid: number,
  leadUids: readonly number[],
): Planning {
  const boards: BoardRecord[] = [
    { id: 1, name: 'Tracker Desktop — спринты', query: 'Queue: DESK, WEB', columns: DEV_COLUMNS },
    {
      id: 2,
      name: 'Sync kanban',
      query: 'Queue: SYNC "Sort by": Updated DESC',
      columns: DEV_COLUMNS,
    },
    {
      id: 3,
      name: 'Поддержка: разбор',
      query: 'Queue: SUPPORT Resolution: empty()',
      columns: [
        { id: '1387461731461', display: 'Новые', statuses: ['open'] },
        { id: '1387461731462', display: 'В работе', statuses: ['inProgress', 'needInfo'] },
        { id: '1387461731463', display: 'Решены', statuses: ['resolved', 'closed'] },
      ],
    },
  ];
  const sprints: SprintRecord[] = [];
  // Sprints start on Mondays so the calendar looks like a real team's.
  const today = Math.floor(now / DAY) * DAY;
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  let id = 41;
  for (const board of boards.slice(0, 2)) {
    const creator = leadUids[board.id - 1] ?? demoUid;
    for (let k = -6; k <= 1; k++) {
      const startMs = monday + k * 14 * DAY;
      const endMs = startMs + 11 * DAY; // Monday to the Friday of the following week
      const status = k === 1 ? 'draft' : k === 0 ? 'in_progress' : k < -3 ? 'archived' : 'released';
      sprints.push({
        id: id++,
        boardId: board.id,
        name: `${board.id === 1 ? 'Desktop' : 'Sync'} ${isoDate(startMs).slice(0, 7)}/${k + 7}`,
        status,
        startDate: isoDate(startMs),
        endDate: isoDate(endMs),
        createdByUid: creator,
        createdAt: startMs - 3 * DAY,
      });
    }
  }
  const filters: SavedFilterRecord[] = [
    {
      id: 101,
      name: 'Мои открытые задачи',
      ownerUid: demoUid,
      query: 'Assignee: me() Resolution: empty()',
    },
    { id: 102, name: 'Ждут моего ответа', ownerUid: demoUid, query: '"Pending Reply From": me()' },
    {
      id: 103,
      name: 'Critical bugs',
      ownerUid: demoUid,
      query: 'Type: bug Priority: critical, blocker Resolution: empty() "Sort by": Updated DESC',
    },
    {
      id: 104,
      name: 'Updated this week (SYNC)',
      ownerUid: leadUids[1] ?? demoUid,
      query: 'Queue: SYNC Updated: >= today() - 1w',
    },
    { id: 105, name: 'Избранное', ownerUid: demoUid, query: '"Favorited by": me()' },
  ];
  return { boards, sprints, filters };
}
