/**
 * Pre-walked status histories. Each workflow gets a few hundred random walks from its initial
 * status, split by whether they end resolved; an issue picks one that fits its age. Walks follow
 * real edges only, so every generated status and changelog entry is reachable in the workflow.
 */
import type { StatusRecord, TransitionRecord, WorkflowRecord } from '../model.ts';
import type { Rng } from '../random.ts';
import { isResolvedType } from './dictionaries.ts';
import { transitionsFrom } from './workflows.ts';

/** One executed transition and the status it left. */
export interface PathStep {
  readonly transition: TransitionRecord;
  readonly from: string;
}

/** Walks of one workflow, grouped by how they end. */
export interface WorkflowPlan {
  readonly workflow: WorkflowRecord;
  /** Walks ending in a done/cancelled status. */
  readonly resolved: readonly (readonly PathStep[])[];
  /** Walks ending in an unresolved status (including the empty walk). */
  readonly unresolved: readonly (readonly PathStep[])[];
}

// Forward moves dominate; back-edges and cancellations are the occasional detour.
const WEIGHTS: Record<string, number> = {
  start_progress: 6,
  send_review: 5,
  start_testing: 3,
  resolve: 5,
  close: 2,
  need_info: 1,
  provide_info: 4,
  request_changes: 1.2,
  testing_failed: 1,
  stop_progress: 0.6,
  cancel: 0.5,
  reopen: 0.25,
};

/** Walks `workflow` `count` times; keeps duplicates so frequent histories stay frequent. */
export function planWorkflow(
  workflow: WorkflowRecord,
  statuses: readonly StatusRecord[],
  rng: Rng,
  count = 500,
): WorkflowPlan {
  const typeOf = new Map(statuses.map((s) => [s.key, s.type]));
  const outgoing = new Map<string, TransitionRecord[]>();
  const resolved: PathStep[][] = [];
  const unresolved: PathStep[][] = [];
  for (let i = 0; i < count; i++) {
    const steps: PathStep[] = [];
    let status = workflow.initialStatus;
    for (let n = 0; n < 10; n++) {
      const done = isResolvedType(typeOf.get(status) ?? 'new');
      // Resolved issues mostly stay resolved; open ones stop anywhere along the way.
      if (done ? rng.chance(0.8) : rng.chance(n === 0 ? 0.3 : 0.18)) break;
      let options = outgoing.get(status);
      if (!options) {
        options = transitionsFrom(workflow, status);
        outgoing.set(status, options);
      }
      if (options.length === 0) break;
      const transition = rng.weighted(
        options,
        options.map((o) => WEIGHTS[o.id] ?? 1),
      );
      steps.push({ transition, from: status });
      status = transition.to;
    }
    (isResolvedType(typeOf.get(status) ?? 'new') ? resolved : unresolved).push(steps);
  }
  if (unresolved.length === 0) unresolved.push([]);
  if (resolved.length === 0) resolved.push([]);
  return { workflow, resolved, unresolved };
}

/** Probability that an issue of this age (days) is resolved by now. */
export function resolvedShare(ageDays: number): number {
  if (ageDays < 3) return 0.1;
  if (ageDays < 14) return 0.3;
  if (ageDays < 60) return 0.55;
  if (ageDays < 180) return 0.75;
  return 0.88;
}
