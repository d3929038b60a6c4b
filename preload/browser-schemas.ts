/**
 * Schemas of the issue browser's calls beyond the list itself: settings, filter facets, an issue's
 * links, attachments and activity, server queries, external links and the inbox. Pure like
 * contract.ts, which imports them into the channel map.
 */
import * as v from 'valibot';

/** A queue key such as `TEST`. */
export const QueueKeySchema = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]{0,31}$/));

/** An issue key such as `TEST-42`. */
export const IssueKeySchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[A-Z][A-Z0-9_]{0,31}-\d{1,9}$/),
);

/** The colour scheme: follow the OS, or force one. */
export const ThemeSchema = v.picklist(['system', 'light', 'dark']);

/** The UI language: follow the OS, or force one. */
export const LanguageSchema = v.picklist(['system', 'en', 'ru']);

/** Relation scopes the user can choose to keep in sync (opened issues are always kept). */
export const SyncScopeNameSchema = v.picklist([
  'assigned',
  'followed',
  'authored',
  'summoned',
  'favorites',
]);

/** A search the user saved under a name: offline text, or a Tracker query run on the server. */
export const SavedSearchSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)),
  mode: v.picklist(['text', 'query']),
});

/** {@link SavedSearchSchema} as a type. */
export type SavedSearch = v.InferOutput<typeof SavedSearchSchema>;

/** A local time of day, `HH:MM`. */
const ClockSchema = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** Which changes notify (the inbox receives every enabled kind, quiet or not). */
export const NotificationSettingsSchema = v.object({
  enabled: v.boolean(),
  assigned: v.boolean(),
  summoned: v.boolean(),
  comments: v.boolean(),
  statusChanges: v.boolean(),
  /** Local times between which nothing pops up (`from` > `to` spans midnight); the inbox still fills. */
  quietHours: v.optional(v.object({ enabled: v.boolean(), from: ClockSchema, to: ClockSchema }), {
    enabled: false,
    from: '22:00',
    to: '08:00',
  }),
  /** Epoch ms until which notifications are paused, or null. */
  pausedUntil: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))), null),
});

/** How the app lives on the desktop. */
export const DesktopSettingsSchema = v.object({
  /** Closing the window keeps the app running in the tray (off by default: not every desktop shows a tray). */
  closeToTray: v.boolean(),
  /** Start when the user logs in, with the window hidden. */
  startAtLogin: v.boolean(),
});

/** Everything the user can set in the settings screen. */
export const UserSettingsSchema = v.object({
  theme: ThemeSchema,
  language: LanguageSchema,
  sync: v.object({
    scopes: v.pipe(v.array(SyncScopeNameSchema), v.maxLength(5)),
    intervalMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440)),
  }),
  notifications: NotificationSettingsSchema,
  desktop: v.optional(DesktopSettingsSchema, { closeToTray: false, startAtLogin: false }),
  pinnedQueues: v.pipe(v.array(QueueKeySchema), v.maxLength(20)),
  savedSearches: v.pipe(v.array(SavedSearchSchema), v.maxLength(50)),
});

/** {@link UserSettingsSchema} as a type. */
export type UserSettings = v.InferOutput<typeof UserSettingsSchema>;

/** The settings of a fresh install (main's defaults; the optional notification kinds are off). */
export const DEFAULT_USER_SETTINGS: UserSettings = {
  theme: 'system',
  language: 'system',
  sync: {
    scopes: ['assigned', 'followed', 'authored', 'summoned', 'favorites'],
    intervalMinutes: 5,
  },
  notifications: {
    enabled: true,
    assigned: true,
    summoned: false,
    comments: false,
    statusChanges: false,
    quietHours: { enabled: false, from: '22:00', to: '08:00' },
    pausedUntil: null,
  },
  desktop: { closeToTray: false, startAtLogin: false },
  pinnedQueues: [],
  savedSearches: [],
};

/** A change to the settings: any top-level part, each replaced whole. */
export const UserSettingsPatchSchema = v.partial(UserSettingsSchema);

/** One value a filter chip can take, with how many issues of the current view have it. */
export const FacetValueSchema = v.object({
  /** The filter value to send back: a queue or status key, an assignee login (`''`: unassigned). */
  key: v.string(),
  display: v.string(),
  count: v.number(),
});

/** The values the filter chips offer for a view. */
export const FacetsSchema = v.object({
  queues: v.array(FacetValueSchema),
  statuses: v.array(FacetValueSchema),
  assignees: v.array(FacetValueSchema),
});

/** {@link FacetsSchema} as a type. */
export type Facets = v.InferOutput<typeof FacetsSchema>;

/** A queue the user can pin. */
export const QueueInfoSchema = v.object({ key: v.string(), name: v.string() });

/** A link from one issue to another, as the detail view lists it. */
export const IssueLinkSchema = v.object({
  id: v.string(),
  /** The relationship as read from this issue ("blocks", "is subtask for"), localized by Tracker. */
  relation: v.string(),
  key: v.string(),
  summary: v.string(),
  status: v.nullable(v.object({ key: v.string(), display: v.string() })),
});

/** {@link IssueLinkSchema} as a type. */
export type IssueLink = v.InferOutput<typeof IssueLinkSchema>;

/** An attachment's metadata. */
export const AttachmentSchema = v.object({
  id: v.string(),
  name: v.string(),
  size: v.nullable(v.number()),
  mimetype: v.nullable(v.string()),
  createdAt: v.nullable(v.number()),
  author: v.nullable(v.string()),
});

/** {@link AttachmentSchema} as a type. */
export type Attachment = v.InferOutput<typeof AttachmentSchema>;

/** An image attachment's bytes as a `data:` URL the sanitized markup may show. */
export const AttachmentImageSchema = v.object({ mimetype: v.string(), dataUrl: v.string() });

/** One entry of an issue's activity (its changelog). */
export const ActivityEntrySchema = v.object({
  id: v.string(),
  /** Epoch ms. */
  at: v.number(),
  author: v.nullable(v.string()),
  /** Tracker's change type, e.g. `IssueUpdated`, `IssueWorkflow`, `IssueCommentAdded`. */
  type: v.string(),
  fields: v.array(
    v.object({ field: v.string(), from: v.nullable(v.string()), to: v.nullable(v.string()) }),
  ),
});

/** {@link ActivityEntrySchema} as a type. */
export type ActivityEntry = v.InferOutput<typeof ActivityEntrySchema>;

/** An issue's links, attachments and activity, cached; refreshed in the background when online. */
export const IssueExtrasSchema = v.object({
  links: v.array(IssueLinkSchema),
  attachments: v.array(AttachmentSchema),
  activity: v.array(ActivityEntrySchema),
});

/** {@link IssueExtrasSchema} as a type. */
export type IssueExtras = v.InferOutput<typeof IssueExtrasSchema>;

/** A Tracker query run on the server. */
export const IssueQueryRequestSchema = v.object({
  query: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000)),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
});

/** What happens to some inbox entries; `until` (epoch ms) goes with `snooze` only. */
export const InboxUpdateSchema = v.pipe(
  v.object({
    ids: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.minLength(1), v.maxLength(500)),
    action: v.picklist(['read', 'unread', 'done', 'undone', 'snooze']),
    until: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  v.check(
    (input) => (input.action === 'snooze') === (input.until !== undefined),
    'until goes with snooze, and only with it',
  ),
);

/** One inbox entry: something that happened to one of the user's issues. */
export const InboxEntrySchema = v.object({
  id: v.string(),
  kind: v.picklist(['assigned', 'summoned', 'comment', 'status']),
  issueKey: v.nullable(v.string()),
  summary: v.string(),
  /** Who caused it, when known. */
  actor: v.nullable(v.string()),
  /** Epoch ms. */
  createdAt: v.number(),
  read: v.boolean(),
  done: v.boolean(),
  /** Epoch ms until which the entry is hidden, or null. */
  snoozedUntil: v.nullable(v.number()),
});

/** {@link InboxEntrySchema} as a type. */
export type InboxEntry = v.InferOutput<typeof InboxEntrySchema>;

/** The inbox as the renderer lists it, newest first, with the unread count. */
export const InboxSchema = v.object({
  entries: v.array(InboxEntrySchema),
  unread: v.number(),
});

/** {@link InboxSchema} as a type. */
export type Inbox = v.InferOutput<typeof InboxSchema>;

/** Where main asks the window to go (a notification or tray click). */
export const NavigateSchema = v.variant('to', [
  v.object({ to: v.literal('issue'), key: IssueKeySchema }),
  v.object({ to: v.literal('inbox') }),
]);
