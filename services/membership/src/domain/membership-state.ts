import { conflict, Messages } from '@mamis/platform';
import type { MembershipEventKind } from '../entities/membership-event.entity';
import type { MembershipStatus } from '../entities/membership.entity';

/**
 * The rules of the membership event log: what an event does to a person's membership of one
 * association, given the membership they hold there now. Pure — the caller reads the current
 * state (in the transaction that holds the person's lock) and writes what this returns; both the
 * one-by-one append and the whole history of a new person apply events through it.
 */

/** The person's current (ACTIVE) membership of the event's association. */
export interface ActiveMembership {
  category: string;
  joinedOn: string;
}

/** What of an event the rules look at; `category` is the category after it (JOIN, TRANSFER_IN, CATEGORY_CHANGE). */
export interface MembershipEventFacts {
  kind: MembershipEventKind;
  category?: string;
  effectiveOn: string;
}

/** The membership status a closing event leaves behind. */
const CLOSING: Partial<Record<MembershipEventKind, Exclude<MembershipStatus, 'ACTIVE'>>> = {
  LEAVE: 'LEFT',
  TRANSFER_OUT: 'TRANSFERRED',
  DEATH: 'DECEASED',
};

/**
 * What an event does, and the category and previous category the event records:
 * - OPEN: a new ACTIVE membership in `category`, joined on the event's effective date;
 * - RECATEGORISE: the current membership's category becomes `category`;
 * - CLOSE: the current membership ends with `status` on `leftOn` (its category is recorded).
 */
export type MembershipTransition =
  | { change: 'OPEN'; category: string; previousCategory: null }
  | { change: 'RECATEGORISE'; category: string; previousCategory: string }
  | {
      change: 'CLOSE';
      category: string;
      previousCategory: null;
      status: Exclude<MembershipStatus, 'ACTIVE'>;
      leftOn: string;
    };

/**
 * The transition an event makes from the person's current membership of its association
 * (`undefined`: none), or CONFLICT when the event contradicts it: joining (or transferring in)
 * where the person is already a member (ALREADY_MEMBER); changing category, leaving, transferring
 * out or dying where they are not (NOT_CURRENT_MEMBER); ending a membership before it began
 * (MEMBERSHIP_BEGAN_LATER).
 */
export function nextMembershipState(
  current: ActiveMembership | undefined,
  event: MembershipEventFacts,
): MembershipTransition {
  switch (event.kind) {
    case 'JOIN':
    case 'TRANSFER_IN':
      if (current) throw conflict(Messages.ALREADY_MEMBER);
      return { change: 'OPEN', category: event.category!, previousCategory: null };
    case 'CATEGORY_CHANGE':
      if (!current) throw conflict(Messages.NOT_CURRENT_MEMBER);
      return { change: 'RECATEGORISE', category: event.category!, previousCategory: current.category };
    default:
      if (!current) throw conflict(Messages.NOT_CURRENT_MEMBER);
      if (event.effectiveOn < current.joinedOn)
        throw conflict(
          Messages.MEMBERSHIP_BEGAN_LATER({ joinedOn: current.joinedOn, effectiveOn: event.effectiveOn }),
        );
      return {
        change: 'CLOSE',
        category: current.category,
        previousCategory: null,
        status: CLOSING[event.kind]!,
        leftOn: event.effectiveOn,
      };
  }
}
