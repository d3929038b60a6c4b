/**
 * Child process of crash.test.ts: writes batches to a cache until it is killed. Each batch is one
 * transaction holding BATCH issues (keys CR-<n>), one comment and the watermark `updatedAt =
 * batch number`, so after any kill the file must hold exactly (watermark + 1) × BATCH issues.
 * Runs under Node's type stripping: `node crash-writer.ts <file> <batch size>`.
 */
import type { Issue } from '../../../../main/api/index.ts';
import { openCache } from '../../../../main/cache/index.ts';
import { createLogger } from '../../../../main/log/index.ts';

const [file, size] = process.argv.slice(2);
if (!file || !size) throw new Error('usage: crash-writer.ts <file> <batch size>');
const BATCH = Number(size);

function crashIssue(n: number, batch: number): Issue {
  const key = `CR-${n}`;
  const summary = `batch${batch} crash test issue ${n} with some words to index`;
  return {
    id: `cr${n}`,
    key,
    version: 1,
    summary,
    description: 'Описание задачи для проверки устойчивости к сбоям '.repeat(5),
    aliases: [],
    queue: { id: 'CR', key: 'CR', display: 'Crash' },
    followers: [],
    sprint: [],
    tags: [],
    updatedAt: batch,
    extra: {},
    raw: { key, summary },
  };
}

const { cache } = openCache({ file, log: createLogger({ sinks: [] }) });
let batch = (cache.getWatermark('assigned')?.updatedAt ?? -1) + 1;
process.stdout.write('ready\n');
for (;;) {
  const current = batch;
  cache.transaction(() => {
    const issues = Array.from({ length: BATCH }, (_, i) =>
      crashIssue(current * BATCH + i + 1, current),
    );
    cache.upsertIssues(issues, 'assigned');
    const first = issues[0]?.key ?? '';
    cache.replaceComments(first, [
      {
        id: `c${current}`,
        text: `comment of batch${current}`,
        attachments: [],
        summonees: [],
        maillistSummonees: [],
        raw: { id: `c${current}` },
      },
    ]);
    cache.setWatermark('assigned', { updatedAt: current, keysAtWatermark: [first] });
  });
  batch += 1;
}
