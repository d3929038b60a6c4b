/** Mapping cached raw links, attachments and changelog entries to the contract's DTOs. */
import { describe, expect, it } from 'vitest';
import {
  changeValueText,
  toActivity,
  toAttachment,
  toIssueLink,
} from '../../../../main/library/extras.ts';

const linkType = { id: 'depends', inward: 'Depends on', outward: 'Is a dependency of' };

describe('links', () => {
  it('reads the relation from this issue’s side and the other issue from object', () => {
    const raw = {
      id: 7,
      type: linkType,
      direction: 'inward',
      object: { key: 'Q-2', display: 'The other one' },
      status: { key: 'open', display: 'Open' },
    };
    expect(toIssueLink(raw)).toEqual({
      id: '7',
      relation: 'Depends on',
      key: 'Q-2',
      summary: 'The other one',
      status: { key: 'open', display: 'Open' },
    });
    expect(toIssueLink({ ...raw, direction: 'outward' })?.relation).toBe('Is a dependency of');
  });

  it('copes with missing parts and skips a link to nothing', () => {
    expect(toIssueLink({ id: '1', type: { id: 'relates' }, object: { key: 'Q-3' } })).toEqual({
      id: '1',
      relation: 'relates',
      key: 'Q-3',
      summary: '',
      status: null,
    });
    expect(toIssueLink({ id: '1', type: linkType })).toBeNull();
  });
});

describe('attachments', () => {
  it('takes the author’s name and falls back to the raw date', () => {
    expect(
      toAttachment({
        id: '5',
        issueKey: 'Q-1',
        name: 'shot.png',
        size: 120,
        mimetype: 'image/png',
        createdAt: undefined,
        raw: { createdBy: { display: 'Anna' }, createdAt: '2025-01-02T03:04:05.000+0000' },
      }),
    ).toEqual({
      id: '5',
      name: 'shot.png',
      size: 120,
      mimetype: 'image/png',
      createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
      author: 'Anna',
    });
  });
});

describe('activity', () => {
  it('writes every kind of field value as text', () => {
    expect(changeValueText(null)).toBeNull();
    expect(changeValueText(undefined)).toBeNull();
    expect(changeValueText('text')).toBe('text');
    expect(changeValueText(42)).toBe('42');
    expect(changeValueText(false)).toBe('false');
    expect(changeValueText({ key: 'open', display: 'Open' })).toBe('Open');
    expect(changeValueText({ key: 'open' })).toBe('open');
    expect(changeValueText({ id: '17' })).toBe('17');
    expect(changeValueText([{ display: 'Anna' }, 'tag', 3])).toBe('Anna, tag, 3');
    expect(changeValueText([])).toBeNull();
  });

  it('maps an entry with its author, type and fields', () => {
    expect(
      toActivity({
        id: 'e1',
        at: 1000,
        raw: {
          type: 'IssueWorkflow',
          updatedBy: { display: 'Boris' },
          fields: [
            {
              field: { id: 'status', display: 'Status' },
              from: { display: 'Open' },
              to: { display: 'Closed' },
            },
            { field: { id: 'tags' }, from: null, to: ['a', 'b'] },
            { nonsense: true },
          ],
        },
      }),
    ).toEqual({
      id: 'e1',
      at: 1000,
      author: 'Boris',
      type: 'IssueWorkflow',
      fields: [
        { field: 'Status', from: 'Open', to: 'Closed' },
        { field: 'tags', from: null, to: 'a, b' },
      ],
    });
  });
});
