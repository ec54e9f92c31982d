import DataLoader from 'dataloader';
import { AppError, ErrorCode } from '../errors';
import { Messages } from '../messages';
import type { Viewer } from '../viewer';
import {
  grantsFor,
  mayOperate,
  mayWrite,
  OPERATION_GROUP,
  withinAssistantRights,
  type AssociationOperation,
  type PersonOperation,
  isVisible,
  scopeOf,
  type FieldGroup,
  type Grants,
  type Relation,
  type Scope,
} from './policy';
import { relationLoader, type Queryable } from './relations';

/** A personal-data read or write that was allowed, for the request's one audit batch. */
export interface AccessRecord {
  personId: string;
  group: FieldGroup;
  relations: Relation[];
  /** READ (default), WRITE, or EXPORT (a provision to a third party: mailing lists, exports). */
  action?: 'READ' | 'WRITE' | 'EXPORT';
}

/** A person's relations to the viewer and the grants derived from them. */
export interface Settled {
  relations: ReadonlySet<Relation>;
  grants: Grants;
}

/**
 * The per-request access decisions of one viewer: relations are loaded once per batch of
 * persons (one SQL statement), never cached beyond the request.
 */
export interface Access {
  viewer: Viewer;
  relations(personId: string): Promise<Set<Relation>>;
  grants(personId: string): Promise<Grants>;
  /** Does the viewer see this person at all? (No: the person is absent, not forbidden.) */
  visible(personId: string): Promise<boolean>;
  /**
   * The person's relations and grants when they are already loaded in this request (after
   * `grants`, `visible`, `recordsInScope`, `recordInScope` or `prime` resolved), else undefined: the
   * shield decides the fields of a loaded person synchronously (W5).
   */
  settled(personId: string): Settled | undefined;
  /**
   * The records of persons' data that the viewer's scope of `group` covers, for the lists that
   * are not a Person field (a session's attendances, an association's listings, a service's
   * plan): each record's person decides (one batch); the read is recorded for every person the
   * viewer has a scope of the group for. Order kept. There is no way to ask a person's scope of a
   * group without it deciding records (so no service narrows records itself): resolvers return
   * records, the access layer narrows them.
   */
  recordsInScope<R>(
    group: FieldGroup,
    records: readonly R[],
    personOf: (record: R) => string,
    keep: (scope: Scope, record: R) => boolean,
  ): Promise<R[]>;
  /** One record of a person's data: does the viewer's scope of `group` cover it? (`recordsInScope` of one.) */
  recordInScope(group: FieldGroup, personId: string, keep: (scope: Scope) => boolean): Promise<boolean>;
  /** Load the relations of these persons in one batch, ahead of their fields. */
  prime(personIds: readonly string[]): Promise<void>;
  /** Record a read of this group of a loaded person for the audit batch (the shield's granted fields). */
  recordRead(personId: string, group: FieldGroup, relations: ReadonlySet<Relation>): void;
  /** The visible subset of a list, order kept (one batch). */
  filterVisible(personIds: readonly string[]): Promise<string[]>;
  /**
   * May the viewer do this person-keyed write (WRITE_POLICY)? Throws NOT_FOUND when the person is
   * invisible to the viewer (absent, as if it did not exist), FORBIDDEN when visible but not
   * allowed. Records the write for the audit batch; returns the relation it rests on.
   */
  authorizeWrite(personId: string, op: PersonOperation): Promise<Relation>;
  /** May the viewer's staff do this for `associationId` — its OWN association only? FORBIDDEN otherwise. */
  authorizeAssociation(associationId: string, op: AssociationOperation): void;
  /** The same as a boolean (e.g. to narrow a listing), no error. */
  mayOperate(associationId: string, op: AssociationOperation): boolean;
  /** Record a provision (export) of persons' data, e.g. a mailing list: audited as EXPORT. */
  recordExport(personIds: readonly string[], group: FieldGroup): void;
  /**
   * Record writes to persons' data that an association-keyed operation made (authorized with
   * `authorizeAssociation`: registering a new member, deciding an application step, an invoice
   * run, host staff registering an attendee): audited as WRITE like person-keyed writes.
   */
  recordWrite(personIds: readonly string[], group: FieldGroup): void;
  /** What was read and written, for the audit batch (all but the physician's own direct reads). */
  readonly reads: ReadonlyMap<string, AccessRecord>;
}

/**
 * `relationsOf` replaces the SQL relation query (unit tests of the shield use a fixed table); the
 * decisions themselves are always the ones below.
 */
export function createAccess(
  db: Queryable,
  viewer: Viewer,
  relationsOf?: (personIds: readonly string[]) => Promise<Set<Relation>[]>,
): Access {
  const loader: DataLoader<string, Set<Relation>> = relationsOf
    ? new DataLoader(relationsOf)
    : relationLoader(db, viewer);
  const tier = viewer.kind === 'STAFF' || viewer.kind === 'ASSISTANT' ? viewer.associationTier : undefined;
  const reads = new Map<string, AccessRecord>();
  const assistant = viewer.kind === 'ASSISTANT' || viewer.actor?.kind === 'ASSISTANT';
  const narrow = (g: Grants) => (assistant ? withinAssistantRights(g, viewer.scopes) : g);
  // each person's grants derived once per request (every field of a page asks)
  const grantsByPerson = new Map<string, Promise<Grants>>();
  const settled = new Map<string, Settled>();
  const grants = (personId: string): Promise<Grants> => {
    let g = grantsByPerson.get(personId);
    if (!g) {
      g = loader.load(personId).then((relations) => {
        const granted = narrow(grantsFor(relations, tier));
        settled.set(personId, { relations, grants: granted });
        return granted;
      });
      grantsByPerson.set(personId, g);
    }
    return g;
  };
  // the physician's own reads are not recorded; an assistant's or staff acting on the person's
  // behalf (`act`) are, attributed to the actor
  const recordRead = (personId: string, group: FieldGroup, rels: ReadonlySet<Relation>) => {
    if (rels.has('SELF') && !viewer.actor) return;
    const key = `${personId}:${group}`;
    if (!reads.has(key)) reads.set(key, { personId, group, relations: [...rels] });
  };
  const staffOf = (associationId: string) =>
    viewer.kind === 'STAFF' && !!viewer.associationId && viewer.associationId === associationId;
  // the widest scope of a group for this person, or undefined (denied); records the read. Private
  // to the access layer: services ask `recordsInScope` / `recordInScope`
  const scope = async (personId: string, group: FieldGroup) => {
    await grants(personId);
    const s = settled.get(personId)!;
    const granted = scopeOf(s.grants, group);
    if (granted) recordRead(personId, group, s.relations);
    return granted;
  };
  return {
    viewer,
    relations: (id) => loader.load(id),
    grants,
    visible: async (id) => isVisible(await grants(id)),
    async recordsInScope(group, records, personOf, keep) {
      const scopes = await Promise.all(records.map((r) => scope(personOf(r), group)));
      return records.filter((r, i) => scopes[i] !== undefined && keep(scopes[i], r));
    },
    async recordInScope(group, personId, keep) {
      const granted = await scope(personId, group);
      return granted !== undefined && keep(granted);
    },
    settled: (personId) => settled.get(personId),
    async prime(personIds) {
      await Promise.all(personIds.map((id) => grants(id).catch(() => undefined)));
    },
    recordRead,
    async filterVisible(ids) {
      const all = await loader.loadMany(ids);
      return ids.filter((_, i) => {
        const rels = all[i];
        return rels instanceof Set && isVisible(narrow(grantsFor(rels, tier)));
      });
    },
    async authorizeWrite(personId, op) {
      const rels = await loader.load(personId);
      if (!isVisible(narrow(grantsFor(rels, tier))))
        throw new AppError(ErrorCode.NOT_FOUND, Messages.PERSON_NOT_FOUND);
      const group = OPERATION_GROUP[op];
      const rightsOk = !assistant || viewer.scopes.includes(`${group.toLowerCase()}:write`);
      const relation = rightsOk ? mayWrite(rels, op, tier, viewer.role) : undefined;
      if (!relation)
        throw new AppError(ErrorCode.FORBIDDEN, Messages.OPERATION_NOT_ALLOWED({ operation: op }));
      reads.set(`${personId}:${group}:WRITE`, { personId, group, relations: [...rels], action: 'WRITE' });
      return relation;
    },
    authorizeAssociation(associationId, op) {
      if (!staffOf(associationId) || !mayOperate(op, tier, viewer.role))
        throw new AppError(
          ErrorCode.FORBIDDEN,
          Messages.OPERATION_NOT_ALLOWED_FOR_ASSOCIATION({ operation: op }),
        );
    },
    mayOperate: (associationId, op) => staffOf(associationId) && mayOperate(op, tier, viewer.role),
    recordExport(personIds, group) {
      for (const personId of personIds)
        reads.set(`${personId}:${group}:EXPORT`, { personId, group, relations: [], action: 'EXPORT' });
    },
    recordWrite(personIds, group) {
      for (const personId of personIds)
        reads.set(`${personId}:${group}:WRITE`, { personId, group, relations: [], action: 'WRITE' });
    },
    reads,
  };
}
