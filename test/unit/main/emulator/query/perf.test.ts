import { describe, expect, it } from 'vitest';
import type { IssueRecord } from '../../../../../main/emulator/model.ts';
import { compileFilter, compileQuery } from '../../../../../main/emulator/query/index.ts';
import { ALICE, BOB, IVAN, NOW, context, issue } from './fixture.ts';

const COUNT = 100_000;
const STATUSES = ['open', 'inProgress', 'closed'];
const PRIORITIES = ['trivial', 'minor', 'normal', 'critical', 'blocker'];
const PEOPLE = [ALICE, BOB, IVAN, null];

function synthetic(): IssueRecord[] {
  const issues: IssueRecord[] = [];
  for (let n = 0; n < COUNT; n++) {
    const status = STATUSES[n % 3] as string;
    issues.push(
      issue(`${n % 2 === 0 ? 'TREK' : 'DEMO'}-${n + 1}`, {
        statusKey: status,
        resolutionKey: status === 'closed' ? 'fixed' : null,
        priorityKey: PRIORITIES[n % 5] as string,
        assigneeUid: PEOPLE[n % 4] ?? null,
        followerUids: n % 7 === 0 ? [ALICE, BOB] : [],
        summary: `Issue number ${n} about ${n % 11 === 0 ? 'ёлка' : 'export'}`,
        description: n % 13 === 0 ? 'Долгое описание с деталями' : '',
        createdAt: NOW - (COUNT - n) * 60_000,
        updatedAt: NOW - ((n * 7919) % COUNT) * 60_000,
      }),
    );
  }
  return issues;
}

// A sanity check that evaluation is linear and allocation-light; timings are logged, not asserted.
describe('evaluation over 100k issues', () => {
  const issues = synthetic();
  const ctx = context();

  it.each([
    ['Assignee: me() Resolution: empty()', null],
    ['Updated: >= "2024-05-01 00:00:00" "Sort by": Updated ASC', null],
    [
      '(Followers: me() OR Assignee: me()) AND Priority: > normal "Sort by": Priority DESC, Key',
      null,
    ],
    ['елка', null],
    ['filter', { assignee: 'me()', status: ['open', 'inProgress'] }],
  ])('%s', (query, filter) => {
    const started = performance.now();
    const search =
      filter === null ? compileQuery(query, ctx) : compileFilter(filter, '-updated', ctx);
    const found = issues.filter((i) => search.matches(i));
    found.sort((a, b) => search.compare(a, b));
    const elapsed = performance.now() - started;
    console.log(`${query}: ${found.length} of ${COUNT} in ${elapsed.toFixed(1)} ms`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(COUNT);
    for (let i = 1; i < found.length; i++) {
      expect(
        search.compare(found[i - 1] as IssueRecord, found[i] as IssueRecord),
      ).toBeLessThanOrEqual(0);
    }
  });
});
