import {
  apiPathOf,
  createPersonVariables,
  emptyRegisterForm,
  formFieldOf,
  missingFields,
  newIdempotencyKey,
  PREFECTURES,
  type RegisterForm,
} from './member-register';

const filled = (over: Partial<RegisterForm> = {}): RegisterForm => ({
  ...emptyRegisterForm('2016-04-01'),
  familyName: ' 新井 ',
  givenName: '若葉',
  familyNameKana: 'あらい',
  givenNameKana: 'ワカバ',
  birthDate: '1985-05-05',
  sex: 'FEMALE',
  registryNumber: '５１２３４５',
  category: 'A①',
  ...over,
});

describe('office member registration form', () => {
  it('lists the required fields left empty', () => {
    expect(missingFields(emptyRegisterForm('2016-04-01'))).toEqual([
      'familyName',
      'givenName',
      'familyNameKana',
      'givenNameKana',
      'birthDate',
      'sex',
      'registryNumber',
      'category',
    ]);
    expect(missingFields(filled({ joinedOn: ' ' }))).toEqual(['joinedOn']);
    expect(missingFields(filled())).toEqual([]);
  });

  it('builds createPerson variables, leaving out empty optional fields', () => {
    expect(createPersonVariables(filled(), 'bunkyo')).toEqual({
      input: {
        familyName: '新井',
        givenName: '若葉',
        familyNameKana: 'あらい',
        givenNameKana: 'ワカバ',
        birthDate: '1985-05-05',
        sex: 'FEMALE',
        registryNumber: '５１２３４５',
      },
      membership: { associationId: 'bunkyo', category: 'A①', joinedOn: '2016-04-01' },
    });
    const more = createPersonVariables(filled({ prefectureCode: '13', phone: '03-1234-5678' }), 'x');
    expect(more.input).toMatchObject({ prefectureCode: 13, phone: '03-1234-5678' });
  });

  it("maps the API's field paths to the form's fields and back", () => {
    expect(formFieldOf('input.postalCode')).toBe('postalCode');
    expect(formFieldOf('membership.category')).toBe('category');
    expect(formFieldOf('membership.joinedOn')).toBe('joinedOn');
    expect(formFieldOf('input.category')).toBeNull();
    expect(formFieldOf('input.departments.0')).toBeNull();
    expect(formFieldOf('confirmDuplicate')).toBeNull();
    expect(apiPathOf('registryNumber')).toBe('input.registryNumber');
    expect(apiPathOf('joinedOn')).toBe('membership.joinedOn');
  });

  it('knows the 47 prefectures in JIS order and makes a new key each time', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES[12]).toBe('東京都');
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
