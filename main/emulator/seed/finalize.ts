/**
 * Turns drafts into final records: comments get numeric ids and changelog entries get `seq` in
 * global time order (as a live Tracker would have issued them), then every reference to a comment
 * id is filled in.
 */
import type {
  AttachmentRecord,
  ChangeRecord,
  CommentRecord,
  FieldChange,
  IssueRecord,
} from '../model.ts';
import type { ObjectIdFactory } from '../random.ts';
import type { GenState } from './context.ts';

const INDEX_BITS = 4_194_304; // 2^22

/**
 * Indexes of `times` in ascending order, ties broken by index. Packs (second, index) into one
 * double for a native numeric sort, then orders each same-second run by milliseconds; falls back to
 * a comparator sort when the packing would not fit.
 */
export function timeOrder(times: Float64Array): Uint32Array {
  const n = times.length;
  const out = new Uint32Array(n);
  if (n === 0) return out;
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (n >= INDEX_BITS || (max - min) / 1000 >= 2 ** 30) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    out.set(idx);
    return out;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++)
    keys[i] = Math.floor(((times[i] as number) - min) / 1000) * INDEX_BITS + i;
  keys.sort();
  for (let i = 0; i < n; i++) out[i] = (keys[i] as number) % INDEX_BITS;
  // Same-second runs are tiny; order them by the exact millisecond.
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (
      i < n &&
      Math.floor((keys[i] as number) / INDEX_BITS) ===
        Math.floor((keys[runStart] as number) / INDEX_BITS)
    ) {
      continue;
    }
    if (i - runStart > 1) {
      const run = Array.from(out.subarray(runStart, i));
      run.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
      out.set(run, runStart);
    }
    runStart = i;
  }
  return out;
}

/** Final, ordered records plus the next free ids. */
export interface Finalized {
  readonly comments: CommentRecord[];
  readonly changes: ChangeRecord[];
  readonly attachments: AttachmentRecord[];
  readonly nextCommentId: number;
  readonly nextChangeSeq: number;
}

/** Assigns comment ids/longIds and changelog seq/ids in time order; resolves comment references. */
export function finalize(gen: GenState, ids: ObjectIdFactory, firstCommentId: number): Finalized {
  const commentTimes = new Float64Array(gen.comments.length);
  gen.comments.forEach((c, i) => (commentTimes[i] = c.createdAt));
  const comments: CommentRecord[] = [];
  let nextCommentId = firstCommentId;
  for (const i of timeOrder(commentTimes)) {
    const comment = gen.comments[i];
    if (!comment) continue;
    comment.id = nextCommentId++;
    comment.longId = ids.next(comment.createdAt);
    comments.push(comment);
  }

  // Walk drafts in generation order (sequential reads) and drop each record at its rank.
  const order = timeOrder(Float64Array.from(gen.changeAt));
  const rank = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) rank[order[k] as number] = k;
  const changes: ChangeRecord[] = new Array(order.length);
  const counterBase = ids.counter;
  for (let i = 0; i < rank.length; i++) {
    const seq = (rank[i] as number) + 1;
    const updatedAt = gen.changeAt[i] as number;
    // Counter = base + seq keeps ids sorting like seq.
    const id = ids.at(updatedAt, counterBase + seq);
    const issueKey = (gen.changeIssue[i] as IssueRecord).key;
    const type = gen.changeType[i] as ChangeRecord['type'];
    const updatedByUid = gen.changeBy[i] as number;
    const fields = gen.changeFields[i] as readonly FieldChange[];
    const comment = gen.changeComment[i];
    changes[seq - 1] = comment
      ? { id, seq, issueKey, type, updatedAt, updatedByUid, fields, commentId: comment.id }
      : { id, seq, issueKey, type, updatedAt, updatedByUid, fields };
  }
  ids.counter = counterBase + order.length + 1;
  const seq = order.length + 1;

  gen.attachments.forEach((attachment, i) => {
    attachment.commentId = gen.attachmentComment[i]?.id ?? null;
  });
  return { comments, changes, attachments: gen.attachments, nextCommentId, nextChangeSeq: seq };
}
