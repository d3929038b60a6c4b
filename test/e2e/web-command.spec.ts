import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { repoRoot } from './fixtures.ts';

test('`npm run web` prints {"url"} first, serves the app there, and stops on SIGTERM', async ({
  page,
}) => {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'out/harness/web.js'), '--port', '0'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`web host exited early with ${code}`)));
    });
    const { url } = JSON.parse(first) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?session=[\w-]{20,}$/);
    await page.goto(url);
    await expect(page.getByTestId('app-info')).toBeVisible();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
