/**
 * Schemas of the app's self-update status. Pure like contract.ts, which exports them and maps the
 * `update.*` channels to them. Main owns every URL here; the renderer only shows and asks.
 */
import * as v from 'valibot';

/** A version as electron-updater reports it (semver, optionally pre-release). */
const VersionSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]{1,64})?(?:\+[0-9A-Za-z.-]{1,64})?$/),
);

/** Why a newer version has to be installed from its release page. */
export const UPDATE_MANUAL_REASONS = ['package', 'download-failed', 'install-failed'] as const;

/** One of {@link UPDATE_MANUAL_REASONS}. */
export type UpdateManualReason = (typeof UPDATE_MANUAL_REASONS)[number];

/** Why the last check found nothing: the machine was offline, or the feed could not be read. */
const UpdateProblemSchema = v.picklist(['offline', 'failed']);

/**
 * Where the updater stands:
 * - `unsupported`: this build cannot update itself (development, the web host);
 * - `idle`: current as of `checkedAt` (null: not checked yet), with the last check's problem if any;
 * - `checking`, `downloading` (percent 0–100): in progress;
 * - `ready`: downloaded, installed on restart;
 * - `manual`: a newer version exists but this installation cannot take it itself (`package`: a deb
 *   or another system package; `download-failed`: the download did not complete; `install-failed`:
 *   the restart into it did not happen), so the user gets the release page (null when the build has
 *   no publish configuration).
 */
export const UpdateStatusSchema = v.variant('state', [
  v.object({ state: v.literal('unsupported'), currentVersion: v.string() }),
  v.object({
    state: v.literal('idle'),
    currentVersion: v.string(),
    checkedAt: v.nullable(v.number()),
    problem: v.optional(UpdateProblemSchema),
  }),
  v.object({ state: v.literal('checking'), currentVersion: v.string() }),
  v.object({
    state: v.literal('downloading'),
    currentVersion: v.string(),
    version: VersionSchema,
    percent: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  }),
  v.object({ state: v.literal('ready'), currentVersion: v.string(), version: VersionSchema }),
  v.object({
    state: v.literal('manual'),
    currentVersion: v.string(),
    version: VersionSchema,
    reason: v.picklist(UPDATE_MANUAL_REASONS),
    releaseUrl: v.nullable(v.pipe(v.string(), v.url(), v.startsWith('https://'))),
  }),
]);

/** {@link UpdateStatusSchema} as a type. */
export type UpdateStatus = v.InferOutput<typeof UpdateStatusSchema>;
