/**
 * The IPC contract between main and the renderer: every invoke channel with its request and
 * response schema, every main→renderer event with its payload schema, the error codes, and the
 * types of `window.tracker` derived from all of that.
 *
 * This module is pure: it imports valibot and nothing from electron, node or the DOM (its own
 * tsconfig has no such types). Main imports the schemas at run time to validate calls; preload
 * imports the channel names; the renderer imports types only.
 */
import * as v from 'valibot';
import { UpdateStatusSchema } from './update-schemas.ts';
import {
  AttachmentImageSchema,
  FacetsSchema,
  InboxUpdateSchema,
  InboxSchema,
  IssueExtrasSchema,
  IssueKeySchema,
  IssueQueryRequestSchema,
  NavigateSchema,
  QueueInfoSchema,
  UserSettingsPatchSchema,
  UserSettingsSchema,
} from './browser-schemas.ts';

export * from './browser-schemas.ts';
export * from './update-schemas.ts';

/** Prefix of every wire channel name, so our channels never collide with anything else. */
export const CHANNEL_PREFIX = 'tracker:';

/** Error codes a call can fail with; the renderer switches on these, never on messages. */
export const ERROR_CODES = [
  'E_BAD_REQUEST',
  'E_FORBIDDEN',
  'E_UNKNOWN_CHANNEL',
  'E_NOT_FOUND',
  'E_UNAUTHORIZED',
  'E_OFFLINE',
  'E_UNAVAILABLE',
  'E_INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Schema of the error half of a call result. */
export const IpcErrorSchema = v.object({
  code: v.picklist(ERROR_CODES),
  message: v.string(),
});

/** A failed call's error as the renderer receives it. */
export type IpcError = v.InferOutput<typeof IpcErrorSchema>;

/** What every invoke resolves with: data on success, a typed error otherwise. Never a rejection. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

/** Request schema of a channel that takes no argument. */
const NoRequest = v.undefined();

/** What the shell shows about the running app. */
export const AppInfoSchema = v.object({
  name: v.string(),
  version: v.string(),
  /** Which host runs the core: the Electron app or the Node host serving a browser tab. */
  host: v.picklist(['electron', 'web']),
  platform: v.string(),
  arch: v.string(),
  locale: v.string(),
  versions: v.object({
    node: v.string(),
    electron: v.optional(v.string()),
    chrome: v.optional(v.string()),
  }),
  online: v.boolean(),
});

/** {@link AppInfoSchema} as a type. */
export type AppInfo = v.InferOutput<typeof AppInfoSchema>;

/** Network reachability as main sees it. */
export const OnlineStateSchema = v.object({
  online: v.boolean(),
  /** Epoch milliseconds of the last change. */
  changedAt: v.number(),
});

/** {@link OnlineStateSchema} as a type. */
export type OnlineState = v.InferOutput<typeof OnlineStateSchema>;

/** The signed-in user as the renderer may see it (never a token). */
export const WorkspaceUserSchema = v.object({ login: v.string(), display: v.string() });

/** Which Tracker the app is connected to, and how it is going. */
export const WorkspaceStateSchema = v.variant('status', [
  v.object({ status: v.literal('none') }),
  v.object({ status: v.literal('opening'), kind: v.picklist(['demo', 'tracker']) }),
  v.object({
    status: v.literal('ready'),
    kind: v.picklist(['demo', 'tracker']),
    user: WorkspaceUserSchema,
    org: v.object({ id: v.string(), kind: v.picklist(['360', 'cloud']) }),
    counts: v.object({ assignedOpen: v.number(), total: v.number() }),
  }),
  v.object({ status: v.literal('error'), error: IpcErrorSchema }),
]);

/** {@link WorkspaceStateSchema} as a type. */
export type WorkspaceState = v.InferOutput<typeof WorkspaceStateSchema>;

/** Organization kinds: Yandex 360 (X-Org-ID) or Yandex Cloud (X-Cloud-Org-ID). */
export const OrgKindSchema = v.picklist(['360', 'cloud']);

/** An organization id as the user types it: trimmed, printable, bounded. */
const OrgIdSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(64),
  v.regex(/^[\w.-]+$/),
);

/** Where the organization kind comes from: detected by probing, or forced by the user. */
export const OrgChoiceSchema = v.object({
  id: OrgIdSchema,
  kind: v.picklist(['auto', '360', 'cloud']),
});

/** How secrets are kept on this machine. */
export const SecretStorageSchema = v.object({
  /** `os`: encrypted by the OS keychain; `weak`: no keyring (Linux basic_text); `memory`: session only. */
  kind: v.picklist(['os', 'weak', 'memory']),
  /** Whether the user allowed persisting with the weak backend. */
  weakOptIn: v.boolean(),
});

/** A device-code sign-in waiting for the user. */
export const DeviceCodeSchema = v.object({
  userCode: v.string(),
  verificationUrl: v.string(),
  /** Epoch ms when the code expires. */
  expiresAt: v.number(),
});

/** The sign-in state machine as the renderer sees it; never a token. */
export const AuthStateSchema = v.variant('status', [
  v.object({
    status: v.literal('signedOut'),
    storage: SecretStorageSchema,
    /** Why the user is signed out (refresh failed, token revoked, …), when it was not their choice. */
    reason: v.optional(IpcErrorSchema),
  }),
  v.object({
    status: v.literal('signingIn'),
    method: v.picklist(['loopback', 'device', 'token']),
    storage: SecretStorageSchema,
    device: v.optional(DeviceCodeSchema),
  }),
  v.object({
    status: v.literal('signedIn'),
    storage: SecretStorageSchema,
    user: WorkspaceUserSchema,
    org: v.object({ id: v.string(), kind: OrgKindSchema }),
  }),
]);

/** {@link AuthStateSchema} as a type. */
export type AuthState = v.InferOutput<typeof AuthStateSchema>;

/** A pasted credential: an OAuth token, or an IAM token for a Cloud organization. */
export const PastedTokenSchema = v.object({
  token: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(10),
    v.maxLength(4096),
    v.regex(/^[\x21-\x7e]+$/),
  ),
  tokenKind: v.picklist(['oauth', 'iam']),
  org: OrgChoiceSchema,
});

/** A reference to a dictionary value as the list shows it. */
const NamedRefSchema = v.object({ key: v.string(), display: v.string() });

/** A user as lists and details show them. */
export const PersonSchema = v.object({ login: v.optional(v.string()), display: v.string() });

/** One issue as the list shows it (answered from the local cache). */
export const IssueSummarySchema = v.object({
  key: v.string(),
  summary: v.string(),
  queue: v.string(),
  status: v.nullable(NamedRefSchema),
  priority: v.nullable(NamedRefSchema),
  type: v.nullable(NamedRefSchema),
  assignee: v.nullable(PersonSchema),
  /** Epoch ms. */
  updatedAt: v.number(),
  createdAt: v.number(),
  resolved: v.boolean(),
});

/** {@link IssueSummarySchema} as a type. */
export type IssueSummary = v.InferOutput<typeof IssueSummarySchema>;

/** The views the cache can list: the sync scopes, one pinned queue, or everything cached. */
export const IssueScopeSchema = v.union([
  v.picklist(['all', 'assigned', 'followed', 'authored', 'summoned', 'favorites', 'opened']),
  v.pipe(v.string(), v.regex(/^queue:[A-Z][A-Z0-9_]{0,31}$/)),
]);

const KeyList = v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50));

/** Filters shared by listing and searching. */
const IssueFilterEntries = {
  scope: v.optional(IssueScopeSchema),
  queues: v.optional(KeyList),
  statuses: v.optional(KeyList),
  assignees: v.optional(KeyList),
  updatedFrom: v.optional(v.number()),
};

/** A page of the issue list. */
export const IssueListRequestSchema = v.object({
  ...IssueFilterEntries,
  sort: v.optional(
    v.object({
      field: v.picklist(['key', 'summary', 'status', 'priority', 'assignee', 'updated']),
      direction: v.picklist(['asc', 'desc']),
    }),
  ),
  offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
});

/** Offline full-text search over the cache. */
export const IssueSearchRequestSchema = v.object({
  ...IssueFilterEntries,
  text: v.pipe(v.string(), v.maxLength(500)),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
});

/** A search hit: the issue, its rank (lower is better, bm25) and a plain-text snippet. */
export const SearchHitSchema = v.object({
  issue: IssueSummarySchema,
  rank: v.number(),
  snippet: v.optional(v.string()),
});

/** One issue in full, from the cache. */
export const IssueDetailSchema = v.object({
  issue: IssueSummarySchema,
  description: v.string(),
  author: v.nullable(PersonSchema),
  followers: v.array(PersonSchema),
  tags: v.array(v.string()),
  aliases: v.array(v.string()),
  parent: v.nullable(v.string()),
  /** The web page of the issue, for "Open in Tracker". */
  webUrl: v.string(),
});

/** {@link IssueDetailSchema} as a type. */
export type IssueDetail = v.InferOutput<typeof IssueDetailSchema>;

/** A comment from the cache. */
export const CommentSchema = v.object({
  id: v.string(),
  author: v.nullable(PersonSchema),
  text: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
});

/** What the status bar shows about syncing. */
export const SyncStatusSchema = v.object({
  state: v.picklist(['idle', 'syncing', 'offline', 'error', 'paused', 'signedOut']),
  online: v.boolean(),
  /** Epoch ms of the last successful sync, or null before the first. */
  lastSuccessAt: v.nullable(v.number()),
  progress: v.optional(v.object({ scope: v.string(), done: v.number(), total: v.number() })),
  error: v.optional(IpcErrorSchema),
});

/** {@link SyncStatusSchema} as a type. */
export type SyncStatus = v.InferOutput<typeof SyncStatusSchema>;

/** Shape of one invoke channel's entry. */
export interface InvokeSpec {
  readonly request: v.GenericSchema;
  readonly response: v.GenericSchema;
}

/**
 * Renderer→main calls, named `namespace.method`. The wire name is the key with
 * {@link CHANNEL_PREFIX}; `window.tracker.<namespace>.<method>(request)` calls it.
 */
export const invokeContract = {
  'app.info': { request: NoRequest, response: AppInfoSchema },
  'workspace.state': { request: NoRequest, response: WorkspaceStateSchema },
  'workspace.openDemo': { request: NoRequest, response: WorkspaceStateSchema },
  'workspace.close': { request: NoRequest, response: WorkspaceStateSchema },
  'auth.state': { request: NoRequest, response: AuthStateSchema },
  /** Sign in with Yandex in the system browser (loopback redirect with PKCE); resolves when done. */
  'auth.signIn': { request: v.object({ org: OrgChoiceSchema }), response: AuthStateSchema },
  /** Start a device-code sign-in; resolves at once with the code to show, completes via events. */
  'auth.startDevice': { request: v.object({ org: OrgChoiceSchema }), response: AuthStateSchema },
  'auth.pasteToken': { request: PastedTokenSchema, response: AuthStateSchema },
  'auth.cancel': { request: NoRequest, response: AuthStateSchema },
  'auth.signOut': { request: v.object({ clearCache: v.boolean() }), response: AuthStateSchema },
  /** Allow (or stop) persisting secrets without an OS keyring. */
  'auth.allowWeakStorage': { request: v.object({ allow: v.boolean() }), response: AuthStateSchema },
  'issues.list': {
    request: IssueListRequestSchema,
    response: v.object({ rows: v.array(IssueSummarySchema), total: v.number() }),
  },
  'issues.search': {
    request: IssueSearchRequestSchema,
    response: v.object({ hits: v.array(SearchHitSchema) }),
  },
  /** From the cache at once; a background refresh follows as `issue.changed` when online. */
  'issues.get': { request: v.object({ key: IssueKeySchema }), response: IssueDetailSchema },
  'comments.list': { request: v.object({ key: IssueKeySchema }), response: v.array(CommentSchema) },
  /** Filter chip values (queues, statuses, assignees) of a view, with counts. */
  'issues.facets': {
    request: v.object({ scope: v.optional(IssueScopeSchema) }),
    response: FacetsSchema,
  },
  /** Links, attachments and activity of an issue from the cache; refreshed with `issues.get`. */
  'issues.extras': { request: v.object({ key: IssueKeySchema }), response: IssueExtrasSchema },
  /** Runs a Tracker query on the server (online only, else E_OFFLINE); opening a hit caches it. */
  'issues.query': {
    request: IssueQueryRequestSchema,
    response: v.object({ rows: v.array(IssueSummarySchema), total: v.number() }),
  },
  /** An image attachment's bytes for the markup renderer (images only, size-limited). */
  'attachments.image': {
    request: v.object({ key: IssueKeySchema, id: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)) }),
    response: AttachmentImageSchema,
  },
  /** Queues known to the cache, for pinning. */
  'queues.list': { request: NoRequest, response: v.array(QueueInfoSchema) },
  'sync.status': { request: NoRequest, response: SyncStatusSchema },
  'sync.now': { request: NoRequest, response: SyncStatusSchema },
  'settings.get': { request: NoRequest, response: UserSettingsSchema },
  /** Replaces the given parts of the settings; answers with all of them. */
  'settings.update': { request: UserSettingsPatchSchema, response: UserSettingsSchema },
  /** Opens an https link in the system browser when main's allowlist permits it (else E_FORBIDDEN). */
  'app.openExternal': {
    request: v.object({ url: v.pipe(v.string(), v.maxLength(4096)) }),
    response: v.object({ opened: v.boolean() }),
  },
  'inbox.list': { request: NoRequest, response: InboxSchema },
  /** Marks entries read/unread/done or snoozes them; answers with the inbox after the change. */
  'inbox.update': {
    request: InboxUpdateSchema,
    response: InboxSchema,
  },
  'update.status': { request: NoRequest, response: UpdateStatusSchema },
  /** Checks for a newer version now; answers at once, the outcome follows as `update.changed`. */
  'update.check': { request: NoRequest, response: UpdateStatusSchema },
  /** Quits and installs the downloaded update (state `ready` only, else E_BAD_REQUEST). */
  'update.install': { request: NoRequest, response: v.object({ restarting: v.boolean() }) },
  /** Opens the release page of the available version (state `manual` only) in the browser. */
  'update.openReleasePage': { request: NoRequest, response: v.object({ opened: v.boolean() }) },
} as const satisfies Record<string, InvokeSpec>;

/**
 * Main→renderer events, named `namespace.event`; `window.tracker.<namespace>.on<Event>(listener)`
 * subscribes and returns an unsubscribe function.
 */
export const eventContract = {
  'app.online': OnlineStateSchema,
  'workspace.changed': WorkspaceStateSchema,
  'auth.changed': AuthStateSchema,
  'sync.changed': SyncStatusSchema,
  /** An issue in the cache changed (sync or a background refresh of an opened issue). */
  'issue.changed': v.object({ key: v.string() }),
  'settings.changed': UserSettingsSchema,
  /** Main asks the window to show an issue or the inbox (a notification or the tray was clicked). */
  'app.navigate': NavigateSchema,
  /** The inbox gained or changed entries. */
  'inbox.changed': v.object({ unread: v.number() }),
  /** The updater moved (checking, downloading, ready to restart, a release page to open). */
  'update.changed': UpdateStatusSchema,
} as const satisfies Record<string, v.GenericSchema>;

/** Name of an invoke channel, without prefix. */
export type InvokeChannel = keyof typeof invokeContract;
/** Name of an event channel, without prefix. */
export type EventChannel = keyof typeof eventContract;
/** Parsed request type of an invoke channel. */
export type InvokeRequest<K extends InvokeChannel> = v.InferOutput<
  (typeof invokeContract)[K]['request']
>;
/** Response data type of an invoke channel. */
export type InvokeResponse<K extends InvokeChannel> = v.InferOutput<
  (typeof invokeContract)[K]['response']
>;
/** Payload type of an event channel. */
export type EventPayload<E extends EventChannel> = v.InferOutput<(typeof eventContract)[E]>;

/** Stops a subscription; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** The function `window.tracker` exposes for one invoke channel. */
export type InvokeMethod<K extends InvokeChannel> = [InvokeRequest<K>] extends [undefined]
  ? () => Promise<IpcResult<InvokeResponse<K>>>
  : (request: InvokeRequest<K>) => Promise<IpcResult<InvokeResponse<K>>>;

/** The function `window.tracker` exposes for one event channel. */
export type EventMethod<E extends EventChannel> = (
  listener: (payload: EventPayload<E>) => void,
) => Unsubscribe;

type NamespaceOf<K> = K extends `${infer NS}.${string}` ? NS : never;

/** Every namespace that appears in the contract. */
export type Namespace = NamespaceOf<InvokeChannel> | NamespaceOf<EventChannel>;

/** Turns an event name `ns.thing` into its subscriber method name `onThing`. */
export type EventMethodName<E extends string> = E extends `${string}.${infer N}`
  ? `on${Capitalize<N>}`
  : never;

/** The type of `window.tracker`, derived entirely from the contract. */
export type TrackerBridge = {
  readonly [NS in Namespace]: {
    readonly [K in InvokeChannel as K extends `${NS}.${infer M}` ? M : never]: InvokeMethod<K>;
  } & {
    readonly [
      E in EventChannel as E extends `${NS}.${string}` ? EventMethodName<E> : never
    ]: EventMethod<E>;
  };
};

/** Wire name of a channel. */
export function wireName(channel: InvokeChannel | EventChannel): string {
  return CHANNEL_PREFIX + channel;
}

/** Splits `ns.rest` into its namespace and member; the contract guarantees the dot. */
export function splitChannel(channel: string): [namespace: string, member: string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}

/** Subscriber method name of an event channel, e.g. `app.online` → `onOnline`. */
export function eventMethodName(channel: EventChannel): string {
  const member = splitChannel(channel)[1];
  return 'on' + member.charAt(0).toUpperCase() + member.slice(1);
}

// Compile-time checks on the contract itself: every name is `namespace.member` in camelCase, and no
// event's subscriber name shadows an invoke method of the same namespace.
type Assert<T extends true> = T;
type WellFormed<K> = K extends `${string}.${string}`
  ? K extends `${string} ${string}` | `${string}:${string}`
    ? false
    : true
  : false;
type AllWellFormed = false extends WellFormed<InvokeChannel | EventChannel> ? false : true;
type Clashes = {
  [E in EventChannel]: `${NamespaceOf<E>}.${EventMethodName<E>}` extends InvokeChannel ? E : never;
}[EventChannel];
/** @internal exported only so the checks are not flagged as unused. */
export type ContractChecks = [
  Assert<AllWellFormed>,
  Assert<[Clashes] extends [never] ? true : false>,
];
