import { certificateInScope, creditEntryInScope, type Viewer } from '@mamis/platform';

/** The record-level meaning of TRAINING scopes for ledger entries and certificates (scopes.ts). */
describe('creditEntryInScope / certificateInScope', () => {
  const host: Viewer = {
    kind: 'STAFF',
    associationId: 'h',
    associationTier: 'MUNICIPAL',
    role: 'CLERK',
    scopes: [],
  };
  const jma: Viewer = {
    kind: 'STAFF',
    associationId: 'j',
    associationTier: 'NATIONAL',
    role: 'CLERK',
    scopes: [],
  };
  const society: Viewer = { kind: 'CLIENT', scopes: ['society:s1'] };
  const hosted = { hostAssociationId: 'h', programCode: 'OWN', cohostSocietyId: 's1' };
  const elsewhere = { hostAssociationId: 'x', programCode: 'CME', cohostSocietyId: null };

  it('a host sees entries from its own sessions only, never manual entries', () => {
    expect(creditEntryInScope('HOSTED_SESSIONS', { programCode: 'OWN' }, hosted, host)).toBe(true);
    expect(creditEntryInScope('HOSTED_SESSIONS', { programCode: 'CME' }, elsewhere, host)).toBe(false);
    expect(creditEntryInScope('HOSTED_SESSIONS', { programCode: 'OWN' }, null, host)).toBe(false);
  });

  it('the JMA sees JMA programs (session or manual), a member association everything', () => {
    expect(creditEntryInScope('JMA_PROGRAMS', { programCode: 'CME' }, null, jma)).toBe(true);
    expect(creditEntryInScope('JMA_PROGRAMS', { programCode: 'OWN' }, null, jma)).toBe(false);
    expect(creditEntryInScope('JMA_PROGRAMS', { programCode: 'OWN' }, hosted, jma)).toBe(false);
    expect(creditEntryInScope('ALL', { programCode: 'OWN' }, null, host)).toBe(true);
    expect(creditEntryInScope(undefined, { programCode: 'CME' }, elsewhere, host)).toBe(false);
  });

  it('a co-hosting society sees entries of the sessions it co-hosts only', () => {
    expect(creditEntryInScope('COHOSTED_SESSIONS', { programCode: 'OWN' }, hosted, society)).toBe(true);
    expect(creditEntryInScope('COHOSTED_SESSIONS', { programCode: 'CME' }, elsewhere, society)).toBe(false);
    expect(creditEntryInScope('COHOSTED_SESSIONS', { programCode: 'CME' }, null, society)).toBe(false);
  });

  it('certificates: the JMA its programs, a host only what it issued, a society nothing', () => {
    expect(
      certificateInScope('JMA_PROGRAMS', { programCode: 'OCCUPATIONAL', issuerAssociationId: 'j' }, jma),
    ).toBe(true);
    expect(certificateInScope('JMA_PROGRAMS', { programCode: 'OWN', issuerAssociationId: 'h' }, jma)).toBe(
      false,
    );
    expect(
      certificateInScope('HOSTED_SESSIONS', { programCode: 'CME', issuerAssociationId: 'j' }, host),
    ).toBe(false);
    expect(
      certificateInScope('HOSTED_SESSIONS', { programCode: 'OWN', issuerAssociationId: 'h' }, host),
    ).toBe(true);
    expect(
      certificateInScope('COHOSTED_SESSIONS', { programCode: 'CME', issuerAssociationId: 'j' }, society),
    ).toBe(false);
    expect(certificateInScope('ALL', { programCode: 'CME' }, host)).toBe(true);
  });
});
