import type DataLoader from 'dataloader';
import type { Viewer } from '../viewer';
import {
  grantsFor,
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
  /** The widest scope of a group for this person, or undefined (denied). Records the read. */
  scope(personId: string, group: FieldGroup): Promise<Scope | undefined>;
  /** The visible subset of a list, order kept (one batch). */
  filterVisible(personIds: readonly string[]): Promise<string[]>;
  /** What was read, for the audit batch (all but the physician's own direct reads). */
  readonly reads: ReadonlyMap<string, AccessRecord>;
}

export function createAccess(db: Queryable, viewer: Viewer): Access {
  const loader: DataLoader<string, Set<Relation>> = relationLoader(db, viewer);
  const tier = viewer.kind === 'STAFF' || viewer.kind === 'ASSISTANT' ? viewer.associationTier : undefined;
  const reads = new Map<string, AccessRecord>();
  const grants = async (personId: string) => grantsFor(await loader.load(personId), tier);
  return {
    viewer,
    relations: (id) => loader.load(id),
    grants,
    visible: async (id) => isVisible(await grants(id)),
    async scope(personId, group) {
      const rels = await loader.load(personId);
      const scope = scopeOf(grantsFor(rels, tier), group);
      // the physician's own reads are not recorded; an assistant's or staff acting on the
      // person's behalf (`act`) are, attributed to the actor
      if (scope && (!rels.has('SELF') || viewer.actor)) {
        const key = `${personId}:${group}`;
        if (!reads.has(key)) reads.set(key, { personId, group, relations: [...rels] });
      }
      return scope;
    },
    async filterVisible(ids) {
      const all = await loader.loadMany(ids);
      return ids.filter((_, i) => {
        const rels = all[i];
        return rels instanceof Set && isVisible(grantsFor(rels, tier));
      });
    },
    reads,
  };
}
