import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../../main/security/csp.ts';

describe('renderer CSP', () => {
  it('allows only the app itself: no inline code, no eval, no remote hosts, no framing', () => {
    const csp = buildCsp();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });

  it('replaces connect-src for the Node host and drops frame-ancestors in a meta policy', () => {
    expect(buildCsp({ connectSrc: ['ws://127.0.0.1:4000'] })).toContain(
      'connect-src ws://127.0.0.1:4000',
    );
    expect(buildCsp({ meta: true })).not.toContain('frame-ancestors');
  });
});
