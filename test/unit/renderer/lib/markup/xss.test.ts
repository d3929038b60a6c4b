import { describe, expect, it } from 'vitest';
import { sanitizeMarkupHtml } from '../../../../../renderer/src/lib/markup/sanitize.ts';
import { render } from './helpers.ts';

const FORBIDDEN_TAGS = 'script, style, iframe, object, embed, form, svg, math, link, meta, base';
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset'];

/** Fails if the fragment holds any element or attribute that could run script or load a resource. */
function expectInert(fragment: DocumentFragment): void {
  expect(fragment.querySelector(FORBIDDEN_TAGS)).toBeNull();
  for (const el of fragment.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
      expect(attr.name).not.toBe('style');
      if (URL_ATTRS.includes(attr.name)) {
        const ok = /^(?:https?:\/\/|mailto:|#\/issue\/|blob:|data:image\/png)/i.test(attr.value);
        expect(ok, `${el.tagName} ${attr.name}=${attr.value}`).toBe(true);
      }
    }
    if (el.tagName === 'IMG' && el.hasAttribute('src')) {
      expect(el.getAttribute('src')).toMatch(/^(?:blob:|data:image\/)/);
    }
    if (el.tagName === 'INPUT') {
      expect(el.getAttribute('type')).toBe('checkbox');
      expect(el.hasAttribute('disabled')).toBe(true);
    }
  }
}

const PAYLOADS: Record<string, string> = {
  script: '<script>alert(1)</script>',
  'img onerror': '<img src=x onerror=alert(1)>',
  'markdown javascript link': '[x](javascript:alert(1))',
  'markdown javascript link, spaced case': '[x](  JaVaScRiPt:alert(1))',
  'html javascript link': '<a href="javascript:alert(1)">x</a>',
  'svg onload': '<svg onload=alert(1)><circle/></svg>',
  iframe: '<iframe src="https://evil.example"></iframe>',
  style: '<style>body{background:url(https://evil.example)}</style>',
  'style attribute': '<p style="background:url(https://evil.example)">x</p>',
  'colour with html': '{red}(<img src=x onerror=alert(1)>)',
  'cut title with html': '{% cut "<img src=x onerror=1>" %}\nbody\n{% endcut %}',
  'note title with html': '{% note info "<script>alert(1)</script>" %}\nbody\n{% endnote %}',
  'data url link': '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'data image link': '[x](data:image/png;base64,AAAA)',
  'vbscript link': '[x](vbscript:msgbox(1))',
  'file link': '[x](file:///etc/passwd)',
  'remote image': '![x](https://evil.example/track.png)',
  'protocol-relative image': '![x](//evil.example/track.png)',
  'data svg image in source': '![x](data:image/svg+xml;base64,PHN2Zy8+)',
  form: '<form action="https://evil.example"><input name=a><button>go</button></form>',
  'entity-encoded javascript': '[x](&#106;avascript:alert(1))',
  'hex entity javascript': '[x](&#x6A;avascript&#x3A;alert(1))',
  'escaped html entities': '&lt;script&gt;alert(1)&lt;/script&gt;',
  'autolink javascript': '<javascript:alert(1)>',
  'reference link javascript': '[x][r]\n\n[r]: javascript:alert(1)',
  'table cell html': '#|\n|| <img src=x onerror=1> | [x](javascript:1) ||\n|#',
  'checkbox injection': '- [x] <input type=text autofocus onfocus=alert(1)>',
  'link title breakout': '[x](https://a.ru "\\" onmouseover=\\"alert(1)")',
  'image alt breakout': '![" onerror="alert(1)](a.png)',
};

describe('renderMarkup: XSS', () => {
  for (const [name, payload] of Object.entries(PAYLOADS)) {
    it(`neutralizes ${name}`, () => {
      expectInert(render(payload, { resolveImage: () => 'blob:app/1' }));
    });
  }

  it('shows raw HTML as text', () => {
    const f = render('<script>alert(1)</script>');
    expect(f.textContent).toContain('<script>alert(1)</script>');
  });

  it('drops non-http(s)/mailto link targets but keeps the text', () => {
    const a = render('[клик](javascript:alert(1))').querySelector('a');
    expect(a === null || !a.hasAttribute('href')).toBe(true);
    expect(render('[клик](javascript:alert(1))').textContent).toContain('клик');
  });

  it('blocks images whose resolver returns a non-blob URL', () => {
    const f = render('![x](a.png)', { resolveImage: () => 'javascript:alert(1)' });
    expect(f.querySelector('img')).toBeNull();
  });
});

describe('sanitizeMarkupHtml: defence in depth', () => {
  const clean = (html: string): DocumentFragment => {
    const t = document.createElement('template');
    t.innerHTML = sanitizeMarkupHtml(html, window);
    return t.content;
  };

  it('strips dangerous HTML that bypassed the renderer', () => {
    const f = clean(
      '<a href="javascript:alert(1)" data-external>a</a><a href="data:text/html,x">b</a>' +
        '<img src="https://evil.example/x.png" srcset="https://evil.example/y.png 2x">' +
        '<input type="text" onfocus="alert(1)"><svg><script>alert(1)</script></svg>' +
        '<iframe srcdoc="<script>alert(1)</script>"></iframe><p style="color:red" onclick="x">p</p>' +
        '<details open ontoggle="alert(1)"><summary>s</summary></details>' +
        '<a href="#/issue/EVIL-1" data-issue-key="OTHER-2">k</a><span class="x" data-foo="1">s</span>',
    );
    expectInert(f);
    expect(f.querySelector('img')?.hasAttribute('src')).toBe(false);
    expect(f.querySelector('input')?.getAttribute('type')).toBe('checkbox');
    expect(f.querySelector('a[href^="#/issue/"]')?.getAttribute('data-issue-key')).toBe('EVIL-1');
    expect(f.querySelector('[data-foo]')).toBeNull();
  });

  it('keeps safe blob images and normalizes external links', () => {
    const f = clean('<img src="blob:app/1" alt="a"><a href="https://ya.ru">y</a>');
    expect(f.querySelector('img')?.getAttribute('src')).toBe('blob:app/1');
    const a = f.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://ya.ru/');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(a.hasAttribute('data-external')).toBe(true);
  });
});
