/**
 * Worklogs. Durations are ISO-8601 and normalised the way Tracker echoes them: 1 week = 5 working
 * days, 1 day = 8 hours (so `P5D` comes back as `P1W`).
 */
import { forbidden, notFound, unprocessable } from '../errors.ts';
import type { IssueRecord, WorklogRecord } from '../model.ts';
import type { StoreState } from './state.ts';
import { pushTo } from './state.ts';
import { bump, isObject, log, requireIssue, requireWriter, touch } from './write.ts';

const HOUR = 3600;
const DAY = 8 * HOUR;
const WEEK = 5 * DAY;
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Working seconds of an ISO-8601 duration, or null if it is not one (years/months refused). */
export function durationSeconds(iso: string): number | null {
  const m = DURATION.exec(iso.trim().toUpperCase());
  if (!m || iso.trim().toUpperCase() === 'P' || iso.trim().toUpperCase().endsWith('T')) return null;
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return w * WEEK + d * DAY + h * HOUR + min * 60 + s;
}

/** Renders working seconds as Tracker does (`P1WT20M`); zero is `PT0S`. */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const parts: [number, string][] = [];
  for (const [size, unit] of [
    [WEEK, 'W'],
    [DAY, 'D'],
    [HOUR, 'H'],
    [60, 'M'],
    [1, 'S'],
  ] as const) {
    parts.push([Math.floor(rest / size), unit]);
    rest %= size;
  }
  const date = parts
    .slice(0, 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join('');
  const time = parts
    .slice(2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join('');
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

/** Normalises a duration (`P5DT20M` → `P1WT20M`); null when invalid. */
export function normalizeDuration(iso: string): string | null {
  const seconds = durationSeconds(iso);
  return seconds === null ? null : formatDuration(seconds);
}

const TRACKER_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses epoch ms or a Tracker date-time (`2021-09-21T15:30:00.000+0500`); null if invalid. */
export function parseTrackerDate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = TRACKER_DATE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  let t = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  );
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isNaN(t) ? null : t;
}

function readFields(
  body: unknown,
  partial: boolean,
): { start?: number; duration?: string; comment?: string } {
  const input = isObject(body) ? body : {};
  const out: { start?: number; duration?: string; comment?: string } = {};
  if (input.start !== undefined || !partial) {
    const start = parseTrackerDate(input.start);
    if (start === null) throw unprocessable('start', 'Invalid start date-time.');
    out.start = start;
  }
  if (input.duration !== undefined || !partial) {
    const duration = typeof input.duration === 'string' ? normalizeDuration(input.duration) : null;
    if (duration === null || duration === 'PT0S')
      throw unprocessable('duration', 'Invalid ISO-8601 duration.');
    out.duration = duration;
  }
  if (input.comment !== undefined) {
    if (typeof input.comment !== 'string')
      throw unprocessable('comment', 'Comment must be a string.');
    out.comment = input.comment;
  }
  return out;
}

/** `POST /issues/<key>/worklog` with `{start, duration, comment?}`. */
export function addWorklog(
  state: StoreState,
  keyOrId: string,
  body: unknown,
  actorUid: number,
  now: number,
): WorklogRecord {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const fields = readFields(body, false);
  const record: WorklogRecord = {
    id: state.counters.nextWorklogId++,
    issueKey: issue.key,
    version: 1,
    comment: fields.comment ?? '',
    createdByUid: actorUid,
    createdAt: now,
    updatedAt: now,
    start: fields.start ?? now,
    duration: fields.duration ?? 'PT0S',
  };
  state.worklogs.set(record.id, record);
  pushTo(state.worklogsByIssue, issue.id, record);
  touch(issue, actorUid, now);
  log(state, issue, 'IssueWorklogAdded', actorUid, [
    { field: 'spent', from: null, to: record.duration },
  ]);
  bump(state);
  return record;
}

function requireOwnWorklog(
  state: StoreState,
  keyOrId: string,
  id: number,
  actorUid: number,
): { issue: IssueRecord; worklog: WorklogRecord } {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  const worklog = state.worklogs.get(Number(id));
  if (!worklog || worklog.issueKey !== issue.key)
    throw notFound(`Worklog ${id} does not exist on ${issue.key}.`);
  if (worklog.createdByUid !== actorUid) throw forbidden('Only the author can change a worklog.');
  return { issue, worklog };
}

/** `PATCH /issues/<key>/worklog/<id>`; the worklog's version +1. */
export function patchWorklog(
  state: StoreState,
  keyOrId: string,
  id: number,
  body: unknown,
  actorUid: number,
  now: number,
): WorklogRecord {
  const { issue, worklog } = requireOwnWorklog(state, keyOrId, id, actorUid);
  const fields = readFields(body, true);
  const before = worklog.duration;
  if (fields.start !== undefined) worklog.start = fields.start;
  if (fields.duration !== undefined) worklog.duration = fields.duration;
  if (fields.comment !== undefined) worklog.comment = fields.comment;
  worklog.version += 1;
  touch(issue, actorUid, now);
  worklog.updatedAt = issue.updatedAt;
  log(state, issue, 'IssueWorklogUpdated', actorUid, [
    { field: 'spent', from: before, to: worklog.duration },
  ]);
  bump(state);
  return worklog;
}

/** `DELETE /issues/<key>/worklog/<id>`. */
export function deleteWorklog(
  state: StoreState,
  keyOrId: string,
  id: number,
  actorUid: number,
  now: number,
): void {
  const { issue, worklog } = requireOwnWorklog(state, keyOrId, id, actorUid);
  state.worklogs.delete(worklog.id);
  const list = state.worklogsByIssue.get(issue.id) ?? [];
  list.splice(list.indexOf(worklog), 1);
  touch(issue, actorUid, now);
  log(state, issue, 'IssueWorklogRemoved', actorUid, [
    { field: 'spent', from: worklog.duration, to: null },
  ]);
  bump(state);
}
