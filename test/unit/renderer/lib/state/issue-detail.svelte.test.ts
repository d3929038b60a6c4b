import { describe, expect, it } from 'vitest';
import { IssueDetailState } from '../../../../../renderer/src/lib/state/issue-detail.svelte.ts';
import { createFakeBridge, fail, ok } from '../../../../fakes/bridge.ts';
import {
  COMMENTS,
  EXTRAS,
  ISSUE_DETAIL,
  issueDetailHandlers,
  PNG_DATA_URL,
} from '../../../../fakes/issue-detail.ts';

function setup(key = 'DEMO-1', handlers = issueDetailHandlers()) {
  const fake = createFakeBridge({ handlers });
  const state = new IssueDetailState(key, fake.bridge);
  return { fake, state };
}

describe('IssueDetailState', () => {
  it('loads the issue, its comments and extras', async () => {
    const { state, fake } = setup();
    expect(state.status).toBe('loading');
    await state.load();
    expect(state.status).toBe('ready');
    expect(state.detail?.issue.summary).toBe(ISSUE_DETAIL.issue.summary);
    expect(state.comments).toEqual({ data: COMMENTS, error: null });
    expect(state.extras).toEqual({ data: EXTRAS, error: null });
    expect(fake.calls('issues.get')).toEqual([{ key: 'DEMO-1' }]);
  });

  it('turns E_NOT_FOUND into the not-found state and other failures into an error', async () => {
    const missing = setup('DEMO-404');
    await missing.state.load();
    expect(missing.state.status).toBe('notFound');
    const broken = setup('DEMO-1', {
      ...issueDetailHandlers(),
      'issues.get': () => fail('E_UNAVAILABLE', 'closed'),
    });
    await broken.state.load();
    expect(broken.state.status).toBe('error');
    expect(broken.state.error?.code).toBe('E_UNAVAILABLE');
  });

  it('keeps the issue on screen when a reload fails', async () => {
    const { state, fake } = setup();
    await state.load();
    fake.setHandler('issues.get', () => fail('E_INTERNAL', 'boom'));
    fake.setHandler('comments.list', () => fail('E_INTERNAL', 'boom'));
    await state.load();
    expect(state.status).toBe('ready');
    expect(state.detail).not.toBeNull();
    expect(state.error?.code).toBe('E_INTERNAL');
    expect(state.comments.data).toEqual(COMMENTS);
    expect(state.comments.error?.code).toBe('E_INTERNAL');
    expect(state.refreshing).toBe(false);
  });

  it('lets only the newest load write', async () => {
    const { state, fake } = setup();
    const release = fake.hold('issues.get');
    const first = state.load();
    fake.setHandler('issues.get', () =>
      ok({ ...ISSUE_DETAIL, issue: { ...ISSUE_DETAIL.issue, summary: 'newer' } }),
    );
    const second = state.load();
    release();
    await Promise.all([first, second]);
    expect(state.detail?.issue.summary).toBe('newer');
  });

  it('reloads on issue.changed for its key until disposed', async () => {
    const { state, fake } = setup();
    state.start();
    state.start();
    expect(fake.listenerCount('issue.changed')).toBe(1);
    await state.load();
    fake.emit('issue.changed', { key: 'OTHER-1' });
    fake.emit('issue.changed', { key: 'DEMO-1' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.calls('issues.get')).toHaveLength(2);
    state.dispose();
    expect(fake.listenerCount('issue.changed')).toBe(0);
  });

  it('fetches each image once and accepts only data:image/ URLs', async () => {
    const { state, fake } = setup('DEMO-1', {
      ...issueDetailHandlers(),
      'attachments.image': ({ id }) =>
        ok({
          mimetype: 'image/png',
          dataUrl: id === '501' ? PNG_DATA_URL : 'https://evil.example/x.png',
        }),
    });
    expect(await state.image('501')).toBe(PNG_DATA_URL);
    expect(await state.image('501')).toBe(PNG_DATA_URL);
    expect(fake.calls('attachments.image')).toEqual([{ key: 'DEMO-1', id: '501' }]);
    expect(await state.image('666')).toBeNull();
  });

  it('retries an image whose fetch failed', async () => {
    const { state, fake } = setup('DEMO-1', {
      ...issueDetailHandlers(),
      'attachments.image': () => fail('E_OFFLINE', 'offline'),
    });
    expect(await state.image('501')).toBeNull();
    expect(await state.image('501')).toBeNull();
    expect(fake.calls('attachments.image')).toHaveLength(2);
  });

  it('reports openExternal failures and refusals', async () => {
    const { state, fake } = setup();
    expect(await state.openExternal('https://ya.ru/')).toBeNull();
    expect((await state.openExternal('http://x'))?.code).toBe('E_FORBIDDEN');
    fake.setHandler('app.openExternal', () => ok({ opened: false }));
    expect((await state.openExternal('https://ya.ru/'))?.code).toBe('E_FORBIDDEN');
  });
});
