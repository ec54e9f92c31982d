import { FIELD_GROUPS as IDENTITY_FIELD_GROUPS } from '../../identity/src/auth/rights';
import { FIELD_GROUPS, SIGN_IN_SCOPE } from '../src/lib/field-groups';

/**
 * The portal names the field groups itself (a browser bundle does not import the identity
 * service); the names must be the ones identity grants rights for.
 */
describe('portal field groups', () => {
  it('are the field groups of the identity service, in its order', () => {
    expect([...FIELD_GROUPS]).toEqual([...IDENTITY_FIELD_GROUPS]);
  });

  it('make the sign-in ask for every read and write right', () => {
    const scopes = SIGN_IN_SCOPE.split(' ');
    for (const g of IDENTITY_FIELD_GROUPS)
      expect(scopes).toEqual(expect.arrayContaining([`${g}:read`, `${g}:write`]));
    expect(scopes.slice(0, 2)).toEqual(['openid', 'profile']);
  });
});
