/**
 * Workflow transitions: the only way to change status and resolution. A resolving transition sets
 * a resolution (default `fixed`); entering an unresolved status clears it (e.g. `reopen`).
 */
import { EmulatorError, notFound, unprocessable } from '../errors.ts';
import type { FieldChange, IssueRecord, TransitionRecord } from '../model.ts';
import { isResolvedType } from '../seed/dictionaries.ts';
import { transitionsFrom } from '../seed/workflows.ts';
import { insertComment, prepareComment } from './comments.ts';
import { planFields } from './fields.ts';
import { checkVersion } from './issues.ts';
import type { StoreState } from './state.ts';
import { resolveDict } from './values.ts';
import {
  bump,
  isObject,
  log,
  queueOf,
  requireIssue,
  requireWriter,
  touch,
  workflowOf,
} from './write.ts';

/** The result of executing a transition. */
export interface TransitionResult {
  readonly issue: IssueRecord;
  /** Transitions available from the new status (the `_execute` response body). */
  readonly transitions: TransitionRecord[];
}

/** Transitions available to `issue` from its current status. */
export function availableTransitions(state: StoreState, issue: IssueRecord): TransitionRecord[] {
  return transitionsFrom(workflowOf(state, queueOf(state, issue)), issue.statusKey);
}

const HANDLED = new Set(['resolution', 'comment', 'version']);

/**
 * `POST /issues/<key>/transitions/<id>/_execute`. 404 when the workflow has no such transition,
 * 409 when it exists but not from the current status, 422 for bad resolutions or fields. The body
 * may carry `resolution`, `comment` (string or comment object) and issue fields; all of it is one
 * write (version +1).
 */
export function executeTransition(
  state: StoreState,
  keyOrId: string,
  transitionId: string,
  body: unknown,
  actorUid: number,
  now: number,
  options: { readonly version?: number } = {},
): TransitionResult {
  requireWriter(state, actorUid);
  const issue = requireIssue(state, keyOrId);
  checkVersion(issue, options.version);
  const workflow = workflowOf(state, queueOf(state, issue));
  const transition = workflow.transitions.find((t) => t.id === transitionId);
  if (!transition) throw notFound(`Transition ${transitionId} does not exist for ${issue.key}.`);
  if (!transition.from.includes(issue.statusKey)) {
    throw new EmulatorError(409, {}, [
      `Transition ${transitionId} is not available from status ${issue.statusKey}.`,
    ]);
  }
  const input = isObject(body) ? body : {};
  const toType = state.world.statuses.find((s) => s.key === transition.to)?.type ?? 'new';
  let resolution: string | null = null;
  if (transition.resolves || isResolvedType(toType)) {
    resolution =
      input.resolution === undefined || input.resolution === null
        ? (issue.resolutionKey ?? 'fixed')
        : resolveDict(input.resolution, state.world.resolutions, 'resolution').key;
  } else if (input.resolution !== undefined && input.resolution !== null) {
    throw unprocessable('resolution', `Transition ${transitionId} does not take a resolution.`);
  }
  const comment =
    input.comment === undefined || input.comment === null || input.comment === ''
      ? null
      : prepareComment(state, issue, input.comment);
  const planned = planFields(state, issue, input, HANDLED, actorUid, now);

  const fields: FieldChange[] = [{ field: 'status', from: issue.statusKey, to: transition.to }];
  if (resolution !== issue.resolutionKey) {
    fields.push({ field: 'resolution', from: issue.resolutionKey, to: resolution });
  }
  fields.push(...planned.changes);
  issue.previousStatusKey = issue.statusKey;
  issue.statusKey = transition.to;
  issue.resolutionKey = resolution;
  planned.apply();
  touch(issue, actorUid, now);
  log(state, issue, 'IssueWorkflow', actorUid, fields);
  if (comment) insertComment(state, issue, comment, actorUid, now, false);
  bump(state);
  return { issue, transitions: transitionsFrom(workflow, issue.statusKey) };
}
