import { actionOf, forbiddenPaths, inputProblems, pageErrors } from './error-actions';

describe('error actions', () => {
  it('maps every public code to what the page does', () => {
    expect(actionOf({ message: '', extensions: { code: 'CONFLICT' } })).toBe('RELOAD_AND_RETRY');
    expect(actionOf({ message: '', extensions: { code: 'TERMS_NOT_ACCEPTED' } })).toBe('ACCEPT_TERMS');
    expect(actionOf({ message: '', extensions: { code: 'SOMETHING_NEW' } })).toBe('REPORT');
    expect(actionOf({ message: '' })).toBe('REPORT');
  });

  it('keeps forbidden fields apart from page errors', () => {
    const errors = [
      { message: 'no', path: ['me', 'accessLog'], extensions: { code: 'FORBIDDEN' } },
      { message: 'no', path: ['me', 'memberships', 0, 'association'], extensions: { code: 'FORBIDDEN' } },
      { message: 'bad', extensions: { code: 'BAD_USER_INPUT', field: 'input.postalCode' } },
    ];
    expect([...forbiddenPaths(errors)]).toEqual(['me.accessLog', 'me.memberships.association']);
    expect(pageErrors(errors)).toHaveLength(1);
    expect(inputProblems(errors)).toEqual({ 'input.postalCode': 'bad' });
  });
});
