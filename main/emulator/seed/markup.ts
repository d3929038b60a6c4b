/**
 * Issue descriptions and comment texts in YFM. Block variants are rendered once per world; a
 * description is an intro, a few pooled blocks and a per-issue tail (issue keys, `@login`
 * mentions, inline images), separated by blank lines.
 *
 * Inline images use Tracker's own form `![name.png](/ajax/v2/attachments/<id>?inline=true)`, where
 * `<id>` is an attachment of the same issue.
 */
import type { Rng } from '../random.ts';
import { BLOCKS, COMMENT_PHRASES, INTROS } from './markup-blocks.ts';
import type { Lang } from './summaries.ts';

/** What a description may refer to. */
export interface DescriptionContext {
  readonly type: string;
  /** Logins to mention with `@`. */
  readonly mentions: readonly string[];
  /** Other issues' keys to reference. */
  readonly keys: readonly string[];
  /** Image attachments of this issue to show inline. */
  readonly images: readonly { readonly id: number; readonly name: string }[];
}

/** Kinds of comment text. */
export type CommentKind = 'plain' | 'question' | 'answer';

type Pool = Record<string, readonly string[]>;

/** Pre-rendered markup variants for one world. */
export class MarkupPools {
  private readonly pools: Record<Lang, Pool>;

  constructor(rng: Rng, variants = 12) {
    const build = (lang: Lang): Pool => {
      const pool: Record<string, string[]> = {};
      for (const [name, builder] of Object.entries(BLOCKS[lang])) {
        pool[name] = Array.from({ length: variants }, () => '\n\n' + builder(rng));
      }
      return pool;
    };
    this.pools = { ru: build('ru'), en: build('en') };
  }

  private block(rng: Rng, lang: Lang, name: string): string {
    const variants = this.pools[lang][name];
    return variants ? rng.pick(variants) : '';
  }

  /** A description for an issue; sometimes empty or a single paragraph, like real queues. */
  description(rng: Rng, lang: Lang, ctx: DescriptionContext): string {
    const roll = rng.next();
    if (roll < 0.08 && ctx.images.length === 0) return '';
    const group = ctx.type === 'bug' ? 'bug' : ctx.type === 'epic' ? 'epic' : 'work';
    // Plain `+` keeps V8 cons-strings pointing at the pooled blocks instead of copying them.
    let text = rng.pick(INTROS[lang][group]);
    if (roll >= 0.22) {
      if (group === 'bug') {
        text += this.block(rng, lang, 'steps');
        text += this.block(rng, lang, rng.chance(0.5) ? 'yfmTable' : 'gfmTable');
        if (rng.chance(0.4)) text += this.block(rng, lang, 'cut');
        if (rng.chance(0.2)) text += this.block(rng, lang, 'note');
      } else if (group === 'epic') {
        text += this.block(rng, lang, 'checklist');
        text += this.block(rng, lang, rng.chance(0.5) ? 'gfmTable' : 'yfmTable');
        text += this.block(rng, lang, 'note');
      } else {
        if (rng.chance(0.6)) text += this.block(rng, lang, 'checklist');
        if (rng.chance(0.35)) text += this.block(rng, lang, 'code');
        if (rng.chance(0.25)) text += this.block(rng, lang, 'note');
        if (rng.chance(0.2)) text += this.block(rng, lang, 'quote');
        if (rng.chance(0.25)) text += this.block(rng, lang, 'gfmTable');
      }
    }
    const tail = this.tail(rng, lang, ctx);
    if (tail) text += '\n\n' + tail;
    for (const image of ctx.images) {
      text += `\n\n![${image.name}](/ajax/v2/attachments/${image.id}?inline=true)`;
    }
    return text;
  }

  private tail(rng: Rng, lang: Lang, ctx: DescriptionContext): string {
    let out = '';
    if (ctx.keys.length > 0) {
      out += (lang === 'ru' ? 'Связано с ' : 'Related to ') + ctx.keys.join(', ') + '.';
    }
    if (ctx.mentions.length > 0 && rng.chance(0.6)) {
      const who = ctx.mentions.map((login) => `@${login}`).join(', ');
      out +=
        (out ? ' ' : '') +
        who +
        (lang === 'ru' ? ', посмотрите, пожалуйста.' : ', please take a look.');
    }
    return out;
  }

  /** A comment text; questions address `summonLogin` with an `@` mention. */
  comment(rng: Rng, lang: Lang, kind: CommentKind, summonLogin?: string): string {
    const phrases = COMMENT_PHRASES[lang][kind];
    const text = rng.pick(phrases);
    if (kind === 'question' && summonLogin) return `@${summonLogin}, ${text}`;
    return text;
  }
}
