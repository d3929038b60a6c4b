/** The Tracker HTTP client (main process only): create one with {@link createTrackerClient}. */
export { createTrackerClient, DEFAULT_BASE_URL } from './client.ts';
export type { TrackerClient, TrackerClientOptions } from './client.ts';
export { toAppError } from './app-error.ts';
export {
  AbortedError,
  ForbiddenError,
  InvalidResponseError,
  isTrackerApiError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TrackerApiError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
} from './errors.ts';
export type { TrackerErrorInit, TrackerErrorKind } from './errors.ts';
export type { Credentials, Org } from './http.ts';
export { expandSeek, linksByRel, parseLinkHeader } from './link-header.ts';
export type { LinkValue } from './link-header.ts';
export { PageStream } from './paginate.ts';
export type { Page } from './paginate.ts';
export * from './parse/index.ts';
export type { DownloadInfo, DownloadTarget, UploadFile } from './resources/attachments.ts';
export type { CursorOptions, NewComment } from './resources/comments.ts';
export type { CallOptions } from './resources/context.ts';
export type {
  CreateIssueFields,
  CreateIssueResult,
  GetIssueOptions,
  MoveIssueOptions,
} from './resources/issues.ts';
export type { NewWorklog } from './resources/links.ts';
export type { PageOptions } from './resources/users.ts';
export type {
  ScrollSelector,
  SearchAllOptions,
  SearchOptions,
  SearchSelector,
} from './resources/search.ts';
export type { ChangelogOptions } from './resources/workflow.ts';
export { DEFAULT_RETRY, systemClock } from './retry.ts';
export type { Clock, RetryPolicy } from './retry.ts';
export type { ScrollOptions, ScrollPage } from './scroll.ts';
export type { BoardsApi, FiltersApi, SprintsApi } from './resources/agile.ts';
export type { AttachmentsApi } from './resources/attachments.ts';
export type { CommentsApi } from './resources/comments.ts';
export type { DictionariesApi } from './resources/dictionaries.ts';
export type { IssuesCoreApi } from './resources/issues.ts';
export type { LinksApi, WorklogApi } from './resources/links.ts';
export type { QueuesApi } from './resources/queues.ts';
export type { SearchApi } from './resources/search.ts';
export type { UsersApi } from './resources/users.ts';
export type { ChangelogApi, TransitionsApi } from './resources/workflow.ts';
