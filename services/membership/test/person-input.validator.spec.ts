import { AppError } from '@mamis/platform';
import { validatePersonInput, type PersonInput } from '../src/validation/person-input.validator';
import { hiraganaToKatakana, normalizeKana, normalizeText } from '../src/validation/text.normalizer';

const TODAY = '2026-11-25';
const valid: PersonInput = {
  familyName: '山田',
  givenName: '花子',
  familyNameKana: 'ヤマダ',
  givenNameKana: 'ハナコ',
  birthDate: '1985-06-01',
  sex: 'FEMALE',
  registryNumber: '512345',
  registryDate: '2011-05-01',
};

function fieldOf(fn: () => unknown): { code: unknown; field: unknown } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const ext = (e as AppError).extensions;
    return { code: ext.code, field: ext.field };
  }
  throw new Error('expected a validation error');
}

const bad = (input: PersonInput, create = false) =>
  fieldOf(() => validatePersonInput(input, { create, today: TODAY }));

describe('text normalisation', () => {
  it('turns full-width latin and digits into half-width and half-width katakana into full-width', () => {
    expect(normalizeText('ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｊｐ')).toBe('test@example.jp');
    expect(normalizeText('１２３')).toBe('123');
    expect(normalizeText('ｶﾀｶﾅ')).toBe('カタカナ');
    expect(normalizeText('ｶﾞｯｺｳ ﾊﾟﾝ')).toBe('ガッコウ パン');
    expect(normalizeText('　山田　 太郎 ')).toBe('山田 太郎');
  });

  it('leaves kanji (incl. compatibility ideographs used in names) and circled digits alone', () => {
    expect(normalizeText('﨑田')).toBe('﨑田');
    expect(normalizeText('髙橋')).toBe('髙橋');
    expect(normalizeText('A①')).toBe('A①');
  });

  it('stores kana fields as katakana without spaces', () => {
    expect(hiraganaToKatakana('やまだ')).toBe('ヤマダ');
    expect(normalizeKana('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダタロウ');
    expect(normalizeKana('すずき')).toBe('スズキ');
  });
});

describe('validatePersonInput', () => {
  it('accepts a complete person and returns normalised columns', () => {
    const out = validatePersonInput(
      {
        ...valid,
        familyNameKana: 'ﾔﾏﾀﾞ',
        givenNameKana: 'はなこ',
        registryNumber: '５１２３４５',
        email: 'Hanako@Example.JP',
        phone: '０３－１２３４－５６７８',
        postalCode: '１００－０００１',
        homePostalCode: '〒113-0033',
        homePhone: '090 1234 5678',
        prefectureCode: 13,
        address: '東京都千代田区千代田１－１',
        school: 'ﾄｳｷｮｳ大学',
        graduationYear: 2010,
        facilityFounderType: 'MEDICAL_CORPORATION',
        departments: ['内科', ' 小児科 '],
      },
      { create: true, today: TODAY },
    );
    expect(out).toMatchObject({
      family_name_kana: 'ヤマダ',
      given_name_kana: 'ハナコ',
      registry_number: '512345',
      email: 'Hanako@example.jp',
      phone: '03-1234-5678',
      postal_code: '1000001',
      home_postal_code: '1130033',
      home_phone: '09012345678',
      address: '東京都千代田区千代田1-1',
      school: 'トウキョウ大学',
      graduation_year: 2010,
      facility_founder_type: 'MEDICAL_CORPORATION',
      departments: ['内科', '小児科'],
    });
  });

  it('reads ー and other dash look-alikes in postal codes, phone and registry numbers as hyphens', () => {
    for (const dash of ['ー', 'ｰ', '−', '‐', '‑', '–', '—', '―', '－', '﹣'])
      expect(
        validatePersonInput(
          {
            postalCode: `１００${dash}０００１`,
            phone: `０３${dash}1234${dash}５６７８`,
            registryNumber: `51${dash}2345`,
          },
          { today: TODAY },
        ),
      ).toEqual({ postal_code: '1000001', phone: '03-1234-5678', registry_number: '512345' });
    expect(
      validatePersonInput({ phone: '03（1234）5678', postalCode: '〒 113 0033' }, { today: TODAY }),
    ).toEqual({
      phone: '03-1234-5678',
      postal_code: '1130033',
    });
  });

  it('explains a bad postal code or phone number in Japanese first, English alongside', () => {
    const messageOf = (input: PersonInput) => {
      try {
        validatePersonInput(input, { today: TODAY });
      } catch (e) {
        return (e as AppError).message;
      }
      return null;
    };
    expect(messageOf({ postalCode: '100-001' })).toBe(
      '郵便番号は7桁の数字で入力してください（例 100-0001）。 (must be a 7-digit postal code (e.g. 100-0001))',
    );
    expect(messageOf({ phone: '03-1234-567' })).toMatch(
      /^電話番号は0で始まる10桁または11桁の数字で入力してください.*。 \(must be a phone/,
    );
  });

  it('explains every refused field in Japanese first, English in parentheses after it (the office form shows it at the field)', () => {
    const messageOf = (input: PersonInput, create = false) => {
      try {
        validatePersonInput(input, { create, today: TODAY });
      } catch (e) {
        return (e as AppError).message;
      }
      return null;
    };
    const cases: [PersonInput, boolean][] = [
      [{ ...valid, familyName: undefined }, true],
      [{ familyName: '' }, false],
      [{ familyName: '山'.repeat(51) }, false],
      [{ familyNameKana: 'yamada' }, false],
      [{ givenNameKana: 'ハ'.repeat(51) }, false],
      [{ email: 'not-an-address' }, false],
      [{ prefectureCode: 48 }, false],
      [{ homePrefectureCode: 0 }, false],
      [{ address: '' }, false],
      [{ sex: 'X' as PersonInput['sex'] }, false],
      [{ facilityFounderType: 'X' as PersonInput['facilityFounderType'] }, false],
      [{ birthDate: '2023-02-30' }, false],
      [{ birthDate: '2999-01-01' }, false],
      [{ birthDate: '1899-12-31' }, false],
      [{ registryDate: '2999-01-01' }, false],
      [{ birthDate: '1990-01-01', registryDate: '1989-01-01' }, false],
      [{ graduationYear: 1800 }, false],
      [{ birthDate: '1990-01-01', graduationYear: 1990 }, false],
      [{ departments: ['内科', '内科'] }, false],
      [{ departments: Array.from({ length: 21 }, (_, i) => `科${i}`) }, false],
      [{ familyName: null }, false],
    ];
    for (const [input, create] of cases) {
      const message = messageOf(input, create);
      expect({ input, message }).toEqual({
        input,
        message: expect.stringMatching(/^[^(]*[\u3000-\u9fff\uff00-\uffef][^(]*。 \([ -~]/),
      });
    }
  });

  it('requires the identity fields on create', () => {
    expect(bad({ ...valid, registryNumber: undefined }, true)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.registryNumber',
    });
    expect(bad({ ...valid, familyName: '  ' }, true).field).toBe('input.familyName');
  });

  it.each<[string, PersonInput, string]>([
    ['registry number with letters', { registryNumber: 'A12345' }, 'input.registryNumber'],
    ['registry number too long', { registryNumber: '12345678' }, 'input.registryNumber'],
    ['registry number all zero', { registryNumber: '000000' }, 'input.registryNumber'],
    ['kana in kanji', { familyNameKana: '山田' }, 'input.familyNameKana'],
    ['kana in latin', { givenNameKana: 'Hanako' }, 'input.givenNameKana'],
    ['postal code of 6 digits', { postalCode: '100-001' }, 'input.postalCode'],
    ['postal code with letters', { homePostalCode: '100-000A' }, 'input.homePostalCode'],
    ['phone too short', { phone: '03-1234-567' }, 'input.phone'],
    ['phone not starting with 0', { homePhone: '3-1234-56789' }, 'input.homePhone'],
    ['phone with letters', { phone: '03-ABCD-5678' }, 'input.phone'],
    ['e-mail without domain', { email: 'hanako@' }, 'input.email'],
    ['e-mail without @', { email: 'hanako.example.jp' }, 'input.email'],
    ['prefecture 48', { prefectureCode: 48 }, 'input.prefectureCode'],
    ['prefecture 0', { homePrefectureCode: 0 }, 'input.homePrefectureCode'],
    ['birth date in the future', { birthDate: '2027-01-01' }, 'input.birthDate'],
    ['birth date before 1900', { birthDate: '1899-12-31' }, 'input.birthDate'],
    ['registry date in the future', { registryDate: '2026-12-01' }, 'input.registryDate'],
    [
      'registry date before birth',
      { birthDate: '1990-01-01', registryDate: '1989-05-01' },
      'input.registryDate',
    ],
    ['graduation before birth', { birthDate: '1990-01-01', graduationYear: 1989 }, 'input.graduationYear'],
    ['graduation far in the future', { graduationYear: 2030 }, 'input.graduationYear'],
    ['a department listed twice', { departments: ['内科', '内科'] }, 'input.departments.1'],
    ['an empty department', { departments: ['内科', ' '] }, 'input.departments.1'],
    ['an overlong address', { address: 'あ'.repeat(201) }, 'input.address'],
  ])('rejects %s with the field path', (_name, input, field) => {
    expect(bad(input)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses dates that are not on the calendar (imports reach it without the Date scalar)', () => {
    expect(bad({ ...valid, birthDate: '1977-02-30' }, true)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.birthDate',
    });
    expect(bad({ ...valid, registryDate: '2011-13-01' }, true)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.registryDate',
    });
  });

  it('checks dates against the stored person on update', () => {
    expect(
      fieldOf(() =>
        validatePersonInput(
          { registryDate: '1979-01-01' },
          { current: { birthDate: '1980-04-01', registryDate: null }, today: TODAY },
        ),
      ).field,
    ).toBe('input.registryDate');
  });

  it('clears optional fields sent as null and refuses null for required ones', () => {
    expect(validatePersonInput({ email: null, departments: null }, { today: TODAY })).toEqual({
      email: null,
      departments: [],
    });
    expect(bad({ familyName: null }).field).toBe('input.familyName');
  });
});
