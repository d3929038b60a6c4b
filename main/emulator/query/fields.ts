/**
 * The searchable fields: names accepted in the query language (English, Russian, API ids; all
 * case-insensitive), keys accepted in the filter form, and how each is read from an IssueRecord.
 * The `kind` decides how values resolve and compare (see values.ts and compile.ts).
 */
import type { IssueRecord } from '../model.ts';
import { normalizeName } from './text.ts';

/** Global dictionaries of the context that a `dict` field resolves against. */
export type DictName = 'statuses' | 'priorities' | 'types' | 'resolutions';

interface FieldBase {
  /** Canonical id, used in {@link SortKey.field}. */
  readonly id: string;
  /** Name used in error messages. */
  readonly label: string;
  /** Names accepted in the query language (matched after {@link normalizeName}). */
  readonly names: readonly string[];
  /** Keys accepted in the filter form and its `order` (API field ids, matched ignoring case). */
  readonly filterKeys: readonly string[];
}

/** A searchable field. */
export type FieldSpec =
  | (FieldBase & {
      readonly kind: 'dict';
      readonly dict: DictName;
      readonly read: (issue: IssueRecord) => string | null;
    })
  | (FieldBase & { readonly kind: 'queue'; readonly read: (issue: IssueRecord) => string })
  | (FieldBase & { readonly kind: 'user'; readonly read: (issue: IssueRecord) => number | null })
  | (FieldBase & {
      readonly kind: 'users';
      readonly read: (issue: IssueRecord) => readonly number[];
    })
  | (FieldBase & { readonly kind: 'key' })
  | (FieldBase & {
      readonly kind: 'issueRef';
      readonly read: (issue: IssueRecord) => string | null;
    })
  | (FieldBase & { readonly kind: 'tags' })
  | (FieldBase & { readonly kind: 'text'; readonly part: 'summary' | 'description' })
  | (FieldBase & { readonly kind: 'date'; readonly read: (issue: IssueRecord) => number | null });

/** The field table. */
export const FIELDS: readonly FieldSpec[] = [
  {
    id: 'queue',
    label: 'Queue',
    kind: 'queue',
    names: ['Queue', 'Очередь'],
    filterKeys: ['queue'],
    read: (issue) => issue.queueKey,
  },
  { id: 'key', label: 'Key', kind: 'key', names: ['Key', 'Ключ'], filterKeys: ['key'] },
  {
    id: 'status',
    label: 'Status',
    kind: 'dict',
    dict: 'statuses',
    names: ['Status', 'Статус'],
    filterKeys: ['status'],
    read: (issue) => issue.statusKey,
  },
  {
    id: 'resolution',
    label: 'Resolution',
    kind: 'dict',
    dict: 'resolutions',
    names: ['Resolution', 'Резолюция'],
    filterKeys: ['resolution'],
    read: (issue) => issue.resolutionKey,
  },
  {
    id: 'priority',
    label: 'Priority',
    kind: 'dict',
    dict: 'priorities',
    names: ['Priority', 'Приоритет'],
    filterKeys: ['priority'],
    read: (issue) => issue.priorityKey,
  },
  {
    id: 'type',
    label: 'Type',
    kind: 'dict',
    dict: 'types',
    names: ['Type', 'Тип', 'Issue Type'],
    filterKeys: ['type'],
    read: (issue) => issue.typeKey,
  },
  {
    id: 'assignee',
    label: 'Assignee',
    kind: 'user',
    names: ['Assignee', 'Исполнитель'],
    filterKeys: ['assignee'],
    read: (issue) => issue.assigneeUid,
  },
  {
    id: 'author',
    label: 'Author',
    kind: 'user',
    names: ['Author', 'Автор', 'Created By', 'createdBy'],
    filterKeys: ['author', 'createdBy'],
    read: (issue) => issue.authorUid,
  },
  {
    id: 'updatedBy',
    label: 'Updated By',
    kind: 'user',
    names: ['Updated By', 'updatedBy'],
    filterKeys: ['updatedBy'],
    read: (issue) => issue.updatedByUid,
  },
  {
    id: 'followers',
    label: 'Followers',
    kind: 'users',
    names: ['Followers', 'Follower', 'Наблюдатели', 'Наблюдатель'],
    filterKeys: ['followers'],
    read: (issue) => issue.followerUids,
  },
  {
    id: 'pendingReplyFrom',
    label: 'Pending Reply From',
    kind: 'users',
    names: ['Pending Reply From', 'Нужен ответ пользователя', 'Нужен ответ от пользователя'],
    filterKeys: [],
    read: (issue) => issue.pendingReplyUids,
  },
  {
    id: 'favoritedBy',
    label: 'Favorited by',
    kind: 'users',
    names: ['Favorited by', 'Favorites', 'Favorite'],
    filterKeys: [],
    read: (issue) => issue.favoritedByUids,
  },
  {
    id: 'tags',
    label: 'Tags',
    kind: 'tags',
    names: ['Tags', 'Tag', 'Теги', 'Тег'],
    filterKeys: ['tags'],
  },
  {
    id: 'summary',
    label: 'Summary',
    kind: 'text',
    part: 'summary',
    names: ['Summary', 'Задача', 'Название'],
    filterKeys: ['summary'],
  },
  {
    id: 'description',
    label: 'Description',
    kind: 'text',
    part: 'description',
    names: ['Description', 'Описание'],
    filterKeys: ['description'],
  },
  {
    id: 'created',
    label: 'Created',
    kind: 'date',
    names: ['Created', 'Создана', 'createdAt'],
    filterKeys: ['created', 'createdAt'],
    read: (issue) => issue.createdAt,
  },
  {
    id: 'updated',
    label: 'Updated',
    kind: 'date',
    names: ['Updated', 'Обновлена', 'updatedAt'],
    filterKeys: ['updated', 'updatedAt'],
    read: (issue) => issue.updatedAt,
  },
  {
    id: 'lastComment',
    label: 'Last Comment',
    kind: 'date',
    names: ['Last Comment', 'lastCommentUpdatedAt', 'Последний комментарий'],
    filterKeys: ['lastCommentUpdatedAt'],
    read: (issue) => issue.lastCommentUpdatedAt,
  },
  {
    id: 'parent',
    label: 'Parent',
    kind: 'issueRef',
    names: ['Parent', 'Parent Issue', 'Родительская задача'],
    filterKeys: ['parent'],
    read: (issue) => issue.parentKey,
  },
];

const BY_NAME = new Map<string, FieldSpec>();
const BY_FILTER_KEY = new Map<string, FieldSpec>();
for (const field of FIELDS) {
  for (const name of field.names) BY_NAME.set(normalizeName(name), field);
  for (const key of field.filterKeys) BY_FILTER_KEY.set(key.toLowerCase(), field);
}

/** The field a query-language name denotes (case-insensitive, ru/en/API id), if any. */
export function findField(name: string): FieldSpec | undefined {
  return BY_NAME.get(normalizeName(name));
}

/** The field a filter-form key denotes (API id such as `createdBy`, any case), if any. */
export function findFilterField(key: string): FieldSpec | undefined {
  return BY_FILTER_KEY.get(key.toLowerCase());
}

/** Whether results can be ordered by the field (multi-valued fields cannot). */
export function isSortable(field: FieldSpec): boolean {
  return field.kind !== 'users' && field.kind !== 'tags';
}
