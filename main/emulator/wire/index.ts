/**
 * Renders stored records the way Tracker sends them: absolute `self` URLs on the emulator's own
 * base, reference objects, dates as `2017-07-18T13:33:44.291+0000`, and the service's inconsistent
 * id typing. `Wire` is the full renderer; this file adds the issue-side objects.
 */
import type {
  AttachmentRecord,
  ChangeRecord,
  CommentRecord,
  IssueRecord,
  LinkRecord,
  TransitionRecord,
  WorklogRecord,
} from '../model.ts';
import { CatalogWire } from './catalog.ts';
import { formatTrackerDate, type Json, type JsonObject } from './refs.ts';

export {
  formatTrackerDate,
  type Json,
  type JsonObject,
  type WireLanguage,
  type WireLookups,
} from './refs.ts';

/** The full renderer: references, catalog objects and issue-side objects. */
export class Wire extends CatalogWire {
  /** A full issue; local/custom fields appear as extra top-level keys, like the service does. */
  issue(issue: IssueRecord): JsonObject {
    const out: JsonObject = {
      self: this.self(`issues/${issue.key}`),
      id: issue.id,
      key: issue.key,
      version: issue.version,
      summary: issue.summary,
      description: issue.description,
      queue: this.queueRef(issue.queueKey),
      type: this.typeRef(issue.typeKey),
      priority: this.priorityRef(issue.priorityKey),
      status: this.statusRef(issue.statusKey),
      createdBy: this.userRef(issue.authorUid),
      updatedBy: this.userRef(issue.updatedByUid),
      followers: issue.followerUids.map((uid) => this.userRef(uid)),
      createdAt: formatTrackerDate(issue.createdAt),
      updatedAt: formatTrackerDate(issue.updatedAt),
      votes: 0,
      favorite: false,
      commentWithoutExternalMessageCount: 0,
    };
    if (issue.previousStatusKey) out.previousStatus = this.statusRef(issue.previousStatusKey);
    if (issue.resolutionKey) out.resolution = this.resolutionRef(issue.resolutionKey);
    if (issue.assigneeUid !== null) out.assignee = this.userRef(issue.assigneeUid);
    if (issue.parentKey) out.parent = this.issueRef(issue.parentKey);
    if (issue.aliases.length > 0) out.aliases = [...issue.aliases];
    if (issue.tags.length > 0) out.tags = [...issue.tags];
    if (issue.pendingReplyUids.length > 0)
      out.pendingReplyFrom = issue.pendingReplyUids.map((uid) => this.userRef(uid));
    if (issue.lastCommentUpdatedAt !== null)
      out.lastCommentUpdatedAt = formatTrackerDate(issue.lastCommentUpdatedAt);
    for (const [field, value] of Object.entries(issue.extra)) out[field] = value as Json;
    return out;
  }

  /** The issue as seen by `viewerUid` (favourite flag). */
  issueFor(issue: IssueRecord, viewerUid: number): JsonObject {
    const out = this.issue(issue);
    out.favorite = issue.favoritedByUids.includes(viewerUid);
    return out;
  }

  comment(comment: CommentRecord, attachments: readonly AttachmentRecord[]): JsonObject {
    const out: JsonObject = {
      self: this.self(`issues/${comment.issueKey}/comments/${comment.id}`),
      id: comment.id,
      longId: comment.longId,
      text: comment.text,
      createdBy: this.userRef(comment.authorUid),
      updatedBy: this.userRef(comment.updatedByUid),
      createdAt: formatTrackerDate(comment.createdAt),
      updatedAt: formatTrackerDate(comment.updatedAt),
      version: comment.version,
      type: comment.type,
      transport: comment.transport,
    };
    if (comment.summoneeUids.length > 0)
      out.summonees = comment.summoneeUids.map((uid) => this.userRef(uid));
    if (attachments.length > 0) {
      out.attachments = attachments.map((a) => ({
        self: this.self(`attachments/${a.id}`),
        id: String(a.id),
        display: a.name,
      }));
    }
    return out;
  }

  transition(issueKey: string, transition: TransitionRecord): JsonObject {
    return {
      id: transition.id,
      self: this.self(`issues/${issueKey}/transitions/${transition.id}`),
      display: this.text(transition.display),
      to: this.statusRef(transition.to),
    };
  }

  change(change: ChangeRecord): JsonObject {
    // Tracker names the changed field in the reader's language ("Статус"), like the web UI.
    const fieldRef = (id: string) => {
      const record = this.lookups.field?.(id);
      return { self: this.self(`fields/${id}`), id, display: record ? this.text(record.name) : id };
    };
    return {
      id: change.id,
      self: this.self(`issues/${change.issueKey}/changelog/${change.id}`),
      issue: this.issueRef(change.issueKey),
      updatedAt: formatTrackerDate(change.updatedAt),
      updatedBy: this.userRef(change.updatedByUid),
      type: change.type,
      transport: 'front',
      fields: change.fields.map((f) => ({
        field: fieldRef(f.field),
        from: this.changeValue(f.field, f.from),
        to: this.changeValue(f.field, f.to),
      })),
    };
  }

  /** Changelog values are references for dictionary and user fields, raw otherwise. */
  private changeValue(field: string, value: unknown): Json {
    if (value === null || value === undefined) return null;
    switch (field) {
      case 'status':
        return this.statusRef(String(value));
      case 'resolution':
        return this.resolutionRef(String(value));
      case 'priority':
        return this.priorityRef(String(value));
      case 'type':
        return this.typeRef(String(value));
      case 'queue':
        return this.queueRef(String(value));
      case 'assignee':
        return this.userRef(Number(value));
      case 'followers':
        return Array.isArray(value) ? value.map((uid) => this.userRef(Number(uid))) : null;
      default:
        return value as Json;
    }
  }

  /** A link seen from `fromKey`'s side: the direction flips for the other issue. */
  link(link: LinkRecord, viewKey: string): JsonObject {
    const outward = link.fromKey === viewKey;
    const other = outward ? link.toKey : link.fromKey;
    const names = this.lookups.linkType(link.typeId);
    const otherIssue = this.lookups.issue(other);
    return {
      self: this.self(`issues/${viewKey}/links/${link.id}`),
      id: link.id,
      type: {
        self: this.self(`linktypes/${link.typeId}`),
        id: link.typeId,
        inward: names ? this.text(names.inward) : link.typeId,
        outward: names ? this.text(names.outward) : link.typeId,
      },
      direction: outward ? 'outward' : 'inward',
      object: this.issueRef(other),
      createdBy: this.userRef(link.createdByUid),
      updatedBy: this.userRef(link.createdByUid),
      createdAt: formatTrackerDate(link.createdAt),
      updatedAt: formatTrackerDate(link.createdAt),
      assignee: otherIssue ? this.userRef(otherIssue.assigneeUid) : null,
      status: otherIssue ? this.statusRef(otherIssue.statusKey) : null,
    };
  }

  worklog(worklog: WorklogRecord): JsonObject {
    return {
      self: this.self(`issues/${worklog.issueKey}/worklog/${worklog.id}`),
      id: worklog.id,
      version: worklog.version,
      issue: this.issueRef(worklog.issueKey),
      comment: worklog.comment,
      createdBy: this.userRef(worklog.createdByUid),
      updatedBy: this.userRef(worklog.createdByUid),
      createdAt: formatTrackerDate(worklog.createdAt),
      updatedAt: formatTrackerDate(worklog.updatedAt),
      start: formatTrackerDate(worklog.start),
      duration: worklog.duration,
    };
  }

  attachment(attachment: AttachmentRecord): JsonObject {
    const issuePath = attachment.issueKey
      ? `issues/${attachment.issueKey}/attachments/${attachment.id}`
      : `attachments/${attachment.id}`;
    const out: JsonObject = {
      self: this.self(`attachments/${attachment.id}`),
      id: String(attachment.id),
      name: attachment.name,
      content: this.self(`${issuePath}/${encodeURIComponent(attachment.name)}`),
      createdBy: this.userRef(attachment.createdByUid),
      createdAt: formatTrackerDate(attachment.createdAt),
      mimetype: attachment.mimetype,
      size: attachment.content.byteLength,
    };
    if (attachment.mimetype.startsWith('image/') && attachment.issueKey) {
      out.thumbnail = this.self(`issues/${attachment.issueKey}/thumbnails/${attachment.id}`);
    }
    return out;
  }
}
