import { addDays, AppError, clock, formatMessage, Messages } from '@mamis/platform';
import { nextMembershipState, type ActiveMembership } from '../src/domain/membership-state';
import { MEMBERSHIP_EVENT_KINDS } from '../src/entities/membership-event.entity';

const joinedOn = addDays(clock.today(), -400);
const member: ActiveMembership = { category: 'A①', joinedOn };

/** The CONFLICT an event gets, as a client reads it (code, reason, message, field). */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    return { message: err.message, ...err.extensions };
  }
  throw new Error('expected a refusal');
}

describe('nextMembershipState', () => {
  it.each(['JOIN', 'TRANSFER_IN'] as const)('%s opens a membership in the category given', (kind) => {
    expect(nextMembershipState(undefined, { kind, category: 'B', effectiveOn: joinedOn })).toEqual({
      change: 'OPEN',
      category: 'B',
      previousCategory: null,
    });
  });

  it('CATEGORY_CHANGE recategorises the current membership, recording the category before', () => {
    expect(
      nextMembershipState(member, { kind: 'CATEGORY_CHANGE', category: 'B', effectiveOn: clock.today() }),
    ).toEqual({ change: 'RECATEGORISE', category: 'B', previousCategory: 'A①' });
  });

  it.each([
    ['LEAVE', 'LEFT'],
    ['TRANSFER_OUT', 'TRANSFERRED'],
    ['DEATH', 'DECEASED'],
  ] as const)('%s closes the current membership as %s, recording its category', (kind, status) => {
    const effectiveOn = clock.today();
    expect(nextMembershipState(member, { kind, effectiveOn })).toEqual({
      change: 'CLOSE',
      category: 'A①',
      previousCategory: null,
      status,
      leftOn: effectiveOn,
    });
  });

  it('a membership may end on the day it began', () => {
    expect(nextMembershipState(member, { kind: 'LEAVE', effectiveOn: joinedOn })).toMatchObject({
      change: 'CLOSE',
      leftOn: joinedOn,
    });
  });

  it.each(['JOIN', 'TRANSFER_IN'] as const)('%s where the person is a member: ALREADY_MEMBER', (kind) => {
    expect(
      refusal(() => nextMembershipState(member, { kind, category: 'B', effectiveOn: clock.today() })),
    ).toEqual({
      message: formatMessage(Messages.ALREADY_MEMBER),
      code: 'CONFLICT',
      details: { reason: 'ALREADY_MEMBER' },
    });
  });

  it.each(['CATEGORY_CHANGE', 'LEAVE', 'TRANSFER_OUT', 'DEATH'] as const)(
    '%s where the person is not a member: NOT_CURRENT_MEMBER',
    (kind) => {
      expect(
        refusal(() => nextMembershipState(undefined, { kind, category: 'B', effectiveOn: clock.today() })),
      ).toEqual({
        message: formatMessage(Messages.NOT_CURRENT_MEMBER),
        code: 'CONFLICT',
        details: { reason: 'NOT_CURRENT_MEMBER' },
      });
    },
  );

  it.each(['LEAVE', 'TRANSFER_OUT', 'DEATH'] as const)(
    '%s before the membership began: MEMBERSHIP_BEGAN_LATER with both dates',
    (kind) => {
      const effectiveOn = addDays(joinedOn, -1);
      expect(refusal(() => nextMembershipState(member, { kind, effectiveOn }))).toEqual({
        message: formatMessage(Messages.MEMBERSHIP_BEGAN_LATER({ joinedOn, effectiveOn })),
        code: 'CONFLICT',
        details: { reason: 'MEMBERSHIP_BEGAN_LATER' },
      });
    },
  );

  it('a category change is not held to the membership start (as before)', () => {
    expect(
      nextMembershipState(member, {
        kind: 'CATEGORY_CHANGE',
        category: 'B',
        effectiveOn: addDays(joinedOn, -1),
      }),
    ).toMatchObject({ change: 'RECATEGORISE' });
  });

  it('covers every event kind', () => {
    for (const kind of MEMBERSHIP_EVENT_KINDS) {
      const opens = kind === 'JOIN' || kind === 'TRANSFER_IN';
      expect(() =>
        nextMembershipState(opens ? undefined : member, { kind, category: 'B', effectiveOn: clock.today() }),
      ).not.toThrow();
    }
  });
});
