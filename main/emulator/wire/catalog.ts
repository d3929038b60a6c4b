/**
 * Renders the catalog objects (users, queues, dictionaries, fields, boards, sprints, filters) with
 * the service's id typing: numbers in dictionary lists, and a queue id that is a number in lists but a
 * string when the queue is fetched on its own.
 */
import type {
  BoardRecord,
  FieldRecord,
  IssueTypeRecord,
  PriorityRecord,
  QueueRecord,
  ResolutionRecord,
  SavedFilterRecord,
  SprintRecord,
  StatusRecord,
  UserRecord,
} from '../model.ts';
import { formatTrackerDate, WireRefs, type JsonObject } from './refs.ts';

/** References plus catalog objects. */
export class CatalogWire extends WireRefs {
  user(user: UserRecord): JsonObject {
    return {
      self: this.self(`users/${user.uid}`),
      uid: user.uid,
      login: user.login,
      trackerUid: user.uid,
      passportUid: user.uid,
      cloudUid: user.cloudUid,
      firstName: user.firstName,
      lastName: user.lastName,
      display: this.text(user.display),
      email: user.email,
      external: false,
      hasLicense: user.hasLicense,
      dismissed: user.dismissed,
      useNewFilters: true,
      disableNotifications: false,
    };
  }

  /** A queue; `inList` switches the id to a number, as the service's list does. */
  queue(queue: QueueRecord, inList: boolean): JsonObject {
    return {
      self: this.self(`queues/${queue.key}`),
      id: inList ? queue.id : String(queue.id),
      key: queue.key,
      version: queue.version,
      name: this.text(queue.name),
      description: queue.description,
      lead: this.userRef(queue.leadUid),
      assignAuto: false,
      defaultType: this.typeRef(queue.defaultType),
      defaultPriority: this.priorityRef(queue.defaultPriority),
      denyVoting: false,
    };
  }

  status(status: StatusRecord): JsonObject {
    return {
      self: this.self(`statuses/${status.id}`),
      id: status.id,
      version: 1,
      key: status.key,
      name: this.text(status.name),
      description: status.name.en,
      order: status.order,
      type: status.type,
    };
  }

  priority(priority: PriorityRecord): JsonObject {
    return {
      self: this.self(`priorities/${priority.id}`),
      id: priority.id,
      key: priority.key,
      version: 1,
      name: this.text(priority.name),
      order: priority.order,
    };
  }

  issueType(type: IssueTypeRecord): JsonObject {
    return {
      self: this.self(`issuetypes/${type.id}`),
      id: type.id,
      key: type.key,
      version: 1,
      name: this.text(type.name),
    };
  }

  resolution(resolution: ResolutionRecord): JsonObject {
    return {
      self: this.self(`resolutions/${resolution.id}`),
      id: resolution.id,
      key: resolution.key,
      version: 1,
      name: this.text(resolution.name),
      description: resolution.name.en,
      order: resolution.order,
    };
  }

  field(field: FieldRecord): JsonObject {
    const out: JsonObject = {
      self: this.self(
        field.queueKey ? `queues/${field.queueKey}/localFields/${field.key}` : `fields/${field.id}`,
      ),
      id: field.id,
      name: this.text(field.name),
      key: field.key,
      version: 1,
      schema: { type: field.schemaType, required: false },
      readonly: field.readonly,
      options: false,
      suggest: field.schemaType === 'user',
      type: field.queueKey ? 'local' : 'standard',
    };
    if (field.queueKey) out.queue = this.queueRef(field.queueKey);
    return out;
  }

  board(board: BoardRecord): JsonObject {
    return {
      self: this.self(`boards/${board.id}`),
      id: board.id,
      version: 1,
      name: board.name,
      columns: board.columns.map((c) => ({
        self: this.self(`boards/${board.id}/columns/${c.id}`),
        id: c.id,
        display: c.display,
      })),
      query: board.query,
      orderBy: 'updated',
      orderAsc: false,
      useRanking: false,
    };
  }

  sprint(sprint: SprintRecord): JsonObject {
    return {
      self: this.self(`sprints/${sprint.id}`),
      id: sprint.id,
      version: 1,
      name: sprint.name,
      board: {
        self: this.self(`boards/${sprint.boardId}`),
        id: String(sprint.boardId),
        display: this.lookups.board(sprint.boardId)?.name ?? String(sprint.boardId),
      },
      status: sprint.status,
      archived: sprint.status === 'archived',
      createdBy: this.userRef(sprint.createdByUid),
      createdAt: formatTrackerDate(sprint.createdAt),
      startDate: sprint.startDate,
      endDate: sprint.endDate,
    };
  }

  savedFilter(filter: SavedFilterRecord): JsonObject {
    return {
      self: this.self(`filters/${filter.id}`),
      id: filter.id,
      name: filter.name,
      owner: this.userRef(filter.ownerUid),
      query: filter.query,
      filter: {},
      sorts: [],
      groupBy: null,
    };
  }
}
