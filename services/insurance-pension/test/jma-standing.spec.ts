import { addDays, clock } from '@mamis/platform';
import { jmaStandings, type JmaMembershipRecord } from '../src/domain/jma-standing';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
// relative dates: only their order matters here
const EARLIER = addDays(clock.today(), -4000);
const LATER = addDays(clock.today(), -400);
const BORN = addDays(clock.today(), -20000);
const rec = (personId: string, status: string, joinedOn: string, category = 'A1'): JmaMembershipRecord => ({
  personId,
  category,
  status,
  joinedOn,
  birthDate: BORN,
});

describe('the current JMA standing of a person', () => {
  it('never a JMA member: absent', () => {
    expect(jmaStandings([]).get(A)).toBeUndefined();
  });

  it('an ACTIVE membership counts over a later ended one; its category', () => {
    const s = jmaStandings([rec(A, 'ENDED', LATER, 'B'), rec(A, 'ACTIVE', EARLIER, 'A1')]);
    expect(s.get(A)).toEqual({ category: 'A1', birthDate: BORN });
  });

  it('no ACTIVE membership: not a current member (category null), birth date still known', () => {
    const s = jmaStandings([rec(A, 'ENDED', EARLIER, 'A1'), rec(A, 'SUSPENDED', LATER, 'B')]);
    expect(s.get(A)).toEqual({ category: null, birthDate: BORN });
  });

  it('several ACTIVE: the most recently joined; persons apart', () => {
    const s = jmaStandings([
      rec(A, 'ACTIVE', EARLIER, 'A1'),
      rec(B, 'ENDED', EARLIER, 'A1'),
      rec(A, 'ACTIVE', LATER, 'B'),
    ]);
    expect(s.get(A)?.category).toBe('B');
    expect(s.get(B)?.category).toBeNull();
  });
});
