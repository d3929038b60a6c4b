/** Parsers for boards, columns, sprints and saved filters. */
import { identify, parseRef, refReader } from './ref.ts';
import type { Board, BoardColumn, SavedFilter, Sprint } from './types.ts';
import {
  bool,
  dateOnly,
  isObject,
  list,
  localized,
  num,
  parseDateTime,
  str,
  type Language,
} from './values.ts';

/** A board. */
export function parseBoard(value: unknown, language: Language): Board | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, boardId] = found;
  return {
    id: boardId,
    name: localized(raw.name, language),
    version: num(raw.version),
    columns: list(raw.columns, refReader(language)),
    query: str(raw.query),
    filter: isObject(raw.filter) ? raw.filter : undefined,
    orderBy: str(raw.orderBy),
    orderAsc: bool(raw.orderAsc),
    useRanking: bool(raw.useRanking),
    raw,
  };
}

/** A board column. */
export function parseBoardColumn(value: unknown, language: Language): BoardColumn | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, columnId] = found;
  return {
    id: columnId,
    name: localized(raw.name, language) ?? localized(raw.display, language),
    statuses: list(raw.statuses, refReader(language)),
    raw,
  };
}

/** A sprint. */
export function parseSprint(value: unknown, language: Language): Sprint | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, sprintId] = found;
  return {
    id: sprintId,
    name: localized(raw.name, language) ?? localized(raw.display, language),
    version: num(raw.version),
    board: parseRef(raw.board, language),
    status: str(raw.status),
    archived: bool(raw.archived),
    createdBy: parseRef(raw.createdBy, language),
    createdAt: parseDateTime(raw.createdAt),
    startDate: dateOnly(raw.startDate),
    endDate: dateOnly(raw.endDate),
    startDateTime: parseDateTime(raw.startDateTime),
    endDateTime: parseDateTime(raw.endDateTime),
    raw,
  };
}

/** A saved filter (an undocumented endpoint: only the basics are read). */
export function parseSavedFilter(value: unknown, language: Language): SavedFilter | undefined {
  const found = identify(value);
  if (!found) return undefined;
  const [raw, filterId] = found;
  return {
    id: filterId,
    name: localized(raw.name, language),
    query: str(raw.query),
    filter: isObject(raw.filter) ? raw.filter : undefined,
    sorts: raw.sorts,
    groupBy: raw.groupBy,
    raw,
  };
}
