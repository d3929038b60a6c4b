/**
 * Workflows: a development one with review, testing and back-edges, a simple one, and a support
 * one. A transition `resolves` exactly when its target status is of a done/cancelled category, so
 * "resolution is set iff the status is resolved" holds for every path through them.
 */
import type { TransitionRecord, WorkflowRecord } from '../model.ts';

type Label = readonly [ru: string, en: string];

const LABELS: Record<string, Label> = {
  start_progress: ['Начать работу', 'Start progress'],
  stop_progress: ['Остановить работу', 'Stop progress'],
  need_info: ['Запросить информацию', 'Need info'],
  provide_info: ['Информация предоставлена', 'Provide info'],
  send_review: ['Отправить на ревью', 'Send for review'],
  request_changes: ['Вернуть в работу', 'Request changes'],
  start_testing: ['Передать в тестирование', 'Start testing'],
  testing_failed: ['Вернуть на доработку', 'Testing failed'],
  resolve: ['Решить', 'Resolve'],
  close: ['Закрыть', 'Close'],
  cancel: ['Отменить', 'Cancel'],
  reopen: ['Переоткрыть', 'Reopen'],
};

const RESOLVING_TARGETS = new Set(['resolved', 'closed', 'cancelled']);

function t(id: string, from: readonly string[], to: string): TransitionRecord {
  const [ru, en] = LABELS[id] ?? [id, id];
  return { id, from, to, display: { ru, en }, resolves: RESOLVING_TARGETS.has(to) };
}

/** The workflows every queue picks from. */
export const WORKFLOWS: readonly WorkflowRecord[] = [
  {
    id: 'dev',
    initialStatus: 'open',
    transitions: [
      t('start_progress', ['open'], 'inProgress'),
      t('stop_progress', ['inProgress'], 'open'),
      t('need_info', ['open', 'inProgress', 'inReview', 'testing'], 'needInfo'),
      t('provide_info', ['needInfo'], 'inProgress'),
      t('send_review', ['inProgress'], 'inReview'),
      t('request_changes', ['inReview'], 'inProgress'),
      t('start_testing', ['inReview'], 'testing'),
      t('testing_failed', ['testing'], 'inProgress'),
      t('resolve', ['inProgress', 'inReview', 'testing'], 'resolved'),
      t('close', ['open', 'inProgress', 'needInfo', 'resolved'], 'closed'),
      t('cancel', ['open', 'needInfo'], 'cancelled'),
      t('reopen', ['resolved', 'closed', 'cancelled'], 'open'),
    ],
  },
  {
    id: 'simple',
    initialStatus: 'open',
    transitions: [
      t('start_progress', ['open'], 'inProgress'),
      t('stop_progress', ['inProgress'], 'open'),
      t('close', ['open', 'inProgress'], 'closed'),
      t('reopen', ['closed'], 'open'),
    ],
  },
  {
    id: 'support',
    initialStatus: 'open',
    transitions: [
      t('start_progress', ['open'], 'inProgress'),
      t('need_info', ['inProgress'], 'needInfo'),
      t('provide_info', ['needInfo'], 'inProgress'),
      t('resolve', ['inProgress'], 'resolved'),
      t('close', ['open', 'needInfo', 'resolved'], 'closed'),
      t('reopen', ['resolved', 'closed'], 'open'),
    ],
  },
];

/** Every status a workflow can put an issue in (initial first). */
export function workflowStatuses(workflow: WorkflowRecord): string[] {
  const out = new Set<string>([workflow.initialStatus]);
  for (const tr of workflow.transitions) {
    for (const from of tr.from) out.add(from);
    out.add(tr.to);
  }
  return [...out];
}

/** The transitions available from `status`, in workflow order. */
export function transitionsFrom(workflow: WorkflowRecord, status: string): TransitionRecord[] {
  return workflow.transitions.filter((tr) => tr.from.includes(status));
}
