import { associationRecordInScope, sessionInScope } from '../src/access/scopes';
import type { Viewer } from '../src/viewer';

const host: Viewer = { kind: 'STAFF', associationId: 'h', associationTier: 'MUNICIPAL', scopes: [] };
const society: Viewer = { kind: 'CLIENT', scopes: ['society:s1'] };

describe('record scopes', () => {
  it('narrows training records to the viewer’s own sessions, JMA programs or co-hosted sessions', () => {
    const own = { hostAssociationId: 'h', programCode: 'OWN' };
    const elsewhereCme = { hostAssociationId: 'x', programCode: 'CME' };
    const cohosted = { hostAssociationId: 'x', programCode: 'OWN', cohostSocietyId: 's1' };
    expect([own, elsewhereCme, cohosted].map((s) => sessionInScope('HOSTED_SESSIONS', s, host))).toEqual([
      true,
      false,
      false,
    ]);
    expect([own, elsewhereCme, cohosted].map((s) => sessionInScope('JMA_PROGRAMS', s, host))).toEqual([
      false,
      true,
      false,
    ]);
    expect([own, elsewhereCme, cohosted].map((s) => sessionInScope('COHOSTED_SESSIONS', s, society))).toEqual(
      [false, false, true],
    );
    expect(sessionInScope(undefined, own, host)).toBe(false);
  });

  it('narrows membership records of a former member to the viewer’s association', () => {
    expect(associationRecordInScope('OWN_ASSOCIATION', { associationId: 'h' }, host)).toBe(true);
    expect(associationRecordInScope('OWN_ASSOCIATION', { associationId: 'p' }, host)).toBe(false);
    expect(associationRecordInScope('THE_APPLICATION', { associationId: 'h' }, host)).toBe(false);
    expect(associationRecordInScope('ALL', { associationId: 'p' }, host)).toBe(true);
  });
});
