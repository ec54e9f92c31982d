import { actionOf, forbiddenPaths, inputProblems, inputReasons, pageErrors } from './error-actions';

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

  it("gives each input problem's reason code, for decisions that must not depend on the words", () => {
    const errors = [
      {
        message: '同じコードが2回指定されています。 (This code appears twice)',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'input.credits.1.code',
          details: { reason: 'CODE_TWICE' },
        },
      },
      { message: 'bad', extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } },
      { message: 'no', extensions: { code: 'FORBIDDEN', details: { reason: 'X' } } },
    ];
    expect(inputReasons(errors)).toEqual({ 'input.credits.1.code': 'CODE_TWICE', 'input.title': undefined });
  });
});
