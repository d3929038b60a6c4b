import { describe, expect, it } from 'vitest';
import {
  attachmentIdFromSrc,
  markupLinkAction,
  renderMarkup,
} from '../../../../../renderer/src/lib/markup/index.ts';
import { sanitizeMarkupHtml } from '../../../../../renderer/src/lib/markup/sanitize.ts';
import { render } from './helpers.ts';

describe('renderMarkup: CommonMark/GFM', () => {
  it('renders headings, emphasis, lists, blockquotes and hr', () => {
    const f = render(
      '# Заголовок\n\n**жирный** _курсив_ ~~зачёркнутый~~\n\n- один\n- два\n\n1. a\n\n> цитата\n\n---',
    );
    expect(f.querySelector('h1')?.textContent).toBe('Заголовок');
    expect(f.querySelector('strong')?.textContent).toBe('жирный');
    expect(f.querySelector('em')?.textContent).toBe('курсив');
    expect(f.querySelector('s')?.textContent).toBe('зачёркнутый');
    expect(f.querySelectorAll('ul > li')).toHaveLength(2);
    expect(f.querySelector('ol > li')?.textContent).toBe('a');
    expect(f.querySelector('blockquote p')?.textContent).toBe('цитата');
    expect(f.querySelector('hr')).not.toBeNull();
  });

  it('renders GFM pipe tables with alignment as classes', () => {
    const f = render('| A | B |\n|:--|--:|\n| 1 | 2 |');
    expect(f.querySelectorAll('thead th')).toHaveLength(2);
    expect(f.querySelector('tbody td')?.textContent).toBe('1');
    expect(f.querySelector('th')?.getAttribute('class')).toBe('yfm-align-left');
    expect(f.querySelector('[style]')).toBeNull();
  });

  it('renders external links with rel and data-external', () => {
    const a = render('[сайт](https://example.com/путь)').querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com/%D0%BF%D1%83%D1%82%D1%8C');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(a.hasAttribute('data-external')).toBe(true);
    expect(render('<mailto:a@b.ru>').querySelector('a')?.getAttribute('href')).toBe(
      'mailto:a@b.ru',
    );
  });

  it('drops relative link targets', () => {
    const a = render('[x](/admin)').querySelector('a')!;
    expect(a.hasAttribute('href')).toBe(false);
    expect(a.textContent).toBe('x');
  });

  it('highlights fenced code with classes only and keeps inline code', () => {
    const f = render('```js\nconst x = 1;\n```\n\n`a < b`');
    const code = f.querySelector('pre > code.language-js')!;
    expect(code.querySelector('.hljs-keyword')?.textContent).toBe('const');
    expect(f.querySelector('[style]')).toBeNull();
    expect(f.querySelector('p > code')?.textContent).toBe('a < b');
    const plain = render('```unknownlang\n<b>x</b>\n```');
    expect(plain.querySelector('pre code')?.textContent).toBe('<b>x</b>\n');
    expect(plain.querySelector('b')).toBeNull();
  });
});

describe('renderMarkup: YFM', () => {
  it('renders multiline tables with block content in cells', () => {
    const f = render('#|\n|| **Имя** | Значение ||\n|| a |\n\n- x\n- y\n\n||\n|#\n\nпосле');
    const rows = f.querySelectorAll('table.yfm-table > tbody > tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelectorAll('td')).toHaveLength(2);
    expect(rows[0]!.querySelector('td strong')?.textContent).toBe('Имя');
    expect(rows[1]!.querySelectorAll('td')[1]!.querySelectorAll('li')).toHaveLength(2);
    expect(f.querySelector('table + p')?.textContent).toBe('после');
  });

  it('renders cuts as details/summary', () => {
    const f = render('{% cut "Подробнее" %}\nскрытый **текст**\n{% endcut %}');
    const details = f.querySelector('details')!;
    expect(details.querySelector('summary')?.textContent).toBe('Подробнее');
    expect(details.querySelector('p strong')?.textContent).toBe('текст');
  });

  it('renders notes with kind class, role and title', () => {
    const f = render(
      '{% note warning "Осторожно" %}\nтекст\n{% endnote %}\n\n{% note tip %}\nок\n{% endnote %}',
    );
    const notes = f.querySelectorAll('div.yfm-note');
    expect(notes).toHaveLength(2);
    expect(notes[0]!.classList.contains('yfm-note-warning')).toBe(true);
    expect(notes[0]!.getAttribute('role')).toBe('note');
    expect(notes[0]!.querySelector('.yfm-note-title')?.textContent).toBe('Осторожно');
    expect(notes[1]!.querySelector('.yfm-note-title')?.textContent).toBe('Tip');
    const custom = render('{% note info %}\nx\n{% endnote %}', {
      noteTitles: { info: 'Примечание' },
    });
    expect(custom.querySelector('.yfm-note-title')?.textContent).toBe('Примечание');
  });

  it('balances unclosed and stray container tags', () => {
    const f = render('{% endcut %}\n{% cut "a" %}\nтекст');
    expect(f.querySelectorAll('details')).toHaveLength(1);
    expect(f.textContent).not.toContain('endcut');
  });

  it('renders checklists as disabled checkboxes', () => {
    const f = render('- [ ] сделать\n- [x] готово\n- обычный');
    const boxes = f.querySelectorAll('input');
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.getAttribute('type')).toBe('checkbox');
    expect(boxes[0]!.hasAttribute('disabled')).toBe(true);
    expect(boxes[0]!.hasAttribute('checked')).toBe(false);
    expect(boxes[1]!.hasAttribute('checked')).toBe(true);
    expect(f.querySelectorAll('li.yfm-checklist-item')).toHaveLength(2);
    expect(f.querySelectorAll('li')[1]!.textContent?.trim()).toBe('готово');
    expect(f.querySelectorAll('li.yfm-checklist-item > label > input')).toHaveLength(2);
    expect(f.querySelector('label')?.textContent?.trim()).toBe('сделать');
  });

  it('renders colours as classes', () => {
    const f = render('{red}(красный **текст**) и {grey}(серый) и {pink}(нет)');
    expect(f.querySelector('span.yfm-color-red strong')?.textContent).toBe('текст');
    expect(f.querySelector('span.yfm-color-gray')?.textContent).toBe('серый');
    expect(f.textContent).toContain('{pink}(нет)');
  });

  it('renders mentions but not e-mail addresses', () => {
    const f = render('спасибо @ivan.petrov, напиши на a@b.ru');
    const mentions = f.querySelectorAll('span.mention');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.textContent).toBe('@ivan.petrov');
  });

  it('links issue keys in text, not in code or links', () => {
    const f = render(
      'См. QUEUE-123 и TEST-1.\n\n`CODE-1`\n\n[LINK-2](https://x.ru/LINK-3)\n\n```\nFENCE-4\n```',
    );
    const links = [...f.querySelectorAll('a.issue-link')];
    expect(links.map((a) => a.getAttribute('data-issue-key'))).toEqual(['QUEUE-123', 'TEST-1']);
    expect(links[0]!.getAttribute('href')).toBe('#/issue/QUEUE-123');
    expect(f.querySelector('a[data-external]')?.textContent).toBe('LINK-2');
    expect(f.textContent).toContain('FENCE-4');
  });

  it('keeps Russian text intact', () => {
    const text = 'Привет, мир! Ёлки-палки — «кавычки» и эмодзи 🚀';
    expect(render(text).querySelector('p')?.textContent).toBe(text);
  });
});

describe('renderMarkup: images', () => {
  const resolveImage = (src: string): string | null =>
    src === '/ajax/v2/attachments/123?inline=true' || src === 'скрин.png' ? 'blob:app/1' : null;

  it('resolves attachment images through the resolver', () => {
    const f = render('![схема](/ajax/v2/attachments/123?inline=true) ![s](скрин.png)', {
      resolveImage,
    });
    const imgs = f.querySelectorAll('img');
    expect(imgs).toHaveLength(2);
    expect(imgs[0]!.getAttribute('src')).toBe('blob:app/1');
    expect(imgs[0]!.getAttribute('alt')).toBe('схема');
  });

  it('blocks unresolved and remote images with a placeholder', () => {
    const seen: string[] = [];
    const f = render(
      '![нет](missing.png) ![r](https://evil.example/a.png) ![p](//evil.example/b.png)',
      {
        resolveImage: (src) => (seen.push(src), 'blob:x'),
      },
    );
    expect(seen).toEqual(['missing.png']);
    expect(f.querySelectorAll('img')).toHaveLength(1);
    const blocked = f.querySelectorAll('span.image-blocked');
    expect(blocked).toHaveLength(2);
    expect(blocked[0]!.textContent).toBe('r');
    expect(blocked[0]!.getAttribute('title')).toContain('https://evil.example/a.png');
    expect(render('![x](a.png)').querySelector('span.image-blocked')?.textContent).toBe('x');
  });

  it('rejects resolver results that are not blob:/data:image/', () => {
    const f = render('![x](a.png)', { resolveImage: () => 'https://evil.example/a.png' });
    expect(f.querySelector('img')).toBeNull();
    expect(f.querySelector('span.image-blocked')).not.toBeNull();
  });
});

describe('markupLinkAction', () => {
  it('classifies issue and external links', () => {
    const html = renderMarkup('QUEUE-7 [e](https://ya.ru) [r](/x)', { window });
    const root = document.createElement('div');
    root.innerHTML = html;
    const [issue, ext, rel] = [...root.querySelectorAll('a')];
    expect(markupLinkAction(issue!)).toEqual({ kind: 'issue', key: 'QUEUE-7' });
    expect(markupLinkAction(ext!)).toEqual({ kind: 'external', url: 'https://ya.ru/' });
    expect(markupLinkAction(rel!)).toBeNull();
    expect(markupLinkAction(root)).toBeNull();
    expect(markupLinkAction(null)).toBeNull();
  });
});

describe('renderMarkup: attachment images and headings', () => {
  const attachments = [
    { id: '501', name: 'screen.png' },
    { id: 'abc-2', name: 'схема 1.png' },
  ];
  const matchAttachment = (src: string) => attachmentIdFromSrc(src, attachments);

  it('marks attachment images for the view to fill in, without a source', () => {
    const f = render(
      '![a](/ajax/v2/attachments/501?inline=true) ![b](схема%201.png) ![c](abc-2) ' +
        '![d](https://tracker.yandex.ru/ajax/v2/attachments/77?inline=true)',
      { matchAttachment },
    );
    const imgs = [...f.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('data-attachment-id'))).toEqual([
      '501',
      'abc-2',
      'abc-2',
      '77',
    ]);
    expect(imgs.every((i) => !i.hasAttribute('src'))).toBe(true);
    expect(imgs[0]!.getAttribute('alt')).toBe('a');
  });

  it('treats attachment paths on other hosts as remote images', () => {
    expect(attachmentIdFromSrc('https://evil.example/ajax/v2/attachments/1', attachments)).toBe(
      null,
    );
    expect(attachmentIdFromSrc('//evil.example/v2/attachments/1', attachments)).toBeNull();
    expect(attachmentIdFromSrc('other.png', attachments)).toBeNull();
    expect(attachmentIdFromSrc('/v2/issues/DEMO-1/attachments/9/x.png', [])).toBe('9');
    const f = render('![r](https://evil.example/ajax/v2/attachments/1)', { matchAttachment });
    expect(f.querySelector('img')).toBeNull();
    expect(f.querySelector('.image-remote')?.textContent).toBe('r');
  });

  it('uses localized placeholder titles', () => {
    const f = render('![x](https://evil.example/a.png) ![y](nope.png)', {
      imageLabels: { remote: 'Удалённое', missing: 'Нет' },
    });
    const [remote, missing] = [...f.querySelectorAll('.image-blocked')];
    expect(remote!.getAttribute('title')).toBe('Удалённое: https://evil.example/a.png');
    expect(missing!.getAttribute('title')).toBe('Нет: nope.png');
    expect(missing!.classList.contains('image-missing')).toBe(true);
  });

  it('strips data-attachment-id from anything but a well-formed image reference', () => {
    const t = document.createElement('template');
    t.innerHTML = sanitizeMarkupHtml(
      '<img data-attachment-id="1&quot; onerror=x" alt="a"><span data-attachment-id="5">s</span>' +
        '<img data-attachment-id="ok-1" alt="b">',
      window,
    );
    const [bad, good] = [...t.content.querySelectorAll('img')];
    expect(bad!.hasAttribute('data-attachment-id')).toBe(false);
    expect(t.content.querySelector('span')!.hasAttribute('data-attachment-id')).toBe(false);
    expect(good!.getAttribute('data-attachment-id')).toBe('ok-1');
  });

  it('shifts heading levels and keeps the original level as a class', () => {
    const f = render('# A\n\n### C\n\n###### F', { headingOffset: 3 });
    expect(f.querySelector('h4.yfm-h1')?.textContent).toBe('A');
    expect(f.querySelector('h6.yfm-h3')?.textContent).toBe('C');
    expect(f.querySelector('h6.yfm-h6')?.textContent).toBe('F');
    expect(render('# A').querySelector('h1')?.hasAttribute('class')).toBe(false);
  });

  it('highlights the added languages', () => {
    const f = render('```go\nfunc main() {}\n```\n\n```sh\necho hi\n```');
    expect(f.querySelector('code.language-go .hljs-keyword')?.textContent).toBe('func');
    expect(f.querySelector('code.language-sh .hljs-built_in')?.textContent).toBe('echo');
  });
});
