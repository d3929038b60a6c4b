/** Tolerant parsers from Tracker's wire JSON to the app's normalized types. */
export * from './types.ts';
export {
  parseAttachment,
  parseChangelogEntry,
  parseComment,
  parseLink,
  parseTransition,
  parseWorklog,
} from './activity.ts';
export { parseBoard, parseBoardColumn, parseSavedFilter, parseSprint } from './agile.ts';
export {
  parseDictionaryEntry,
  parseField,
  parseLinkType,
  parseMyself,
  parseQueue,
  parseStatus,
  parseUser,
} from './entities.ts';
export { parseIssue } from './issue.ts';
export { parseRef } from './ref.ts';
export {
  dateOnly,
  formatDateTime,
  isObject,
  localized,
  parseDateTime,
  type JsonObject,
  type Language,
} from './values.ts';
