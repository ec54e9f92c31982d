import { randomUUID } from 'node:crypto';
import { addDays, AppError, clock, ErrorCode, reasonOf, type Access, type Viewer } from '@mamis/platform';
import type { ConsentWriteContext } from '../src/context';
import type { JointUseNoticeEntity } from '../src/entities';
import type { Repositories } from '../src/repositories';
import { sendAssociationNotice, validateAssociationNotice } from '../src/services/association-notice.service';
import { markNotificationRead } from '../src/services/notification.service';
import {
  checkNoticeAgainstLatest,
  changesPurposesOrParty,
  publishJointUseNotice,
  publishServiceDisclosure,
  validateJointUseNotice,
  validateServiceDisclosure,
  type PublishJointUseNoticeInput,
  type PublishServiceDisclosureInput,
} from '../src/services/publication.service';
import {
  decidedStatus,
  decidePrivacyRequest,
  filePrivacyRequest,
  validateDecisionNote,
  validateRequestDetails,
} from '../src/services/privacy-request.service';
import {
  acceptTerms,
  checkTermsVersionOrder,
  compareVersions,
  publishTermsVersion,
  validateTermsVersion,
  type PublishTermsVersionInput,
} from '../src/services/terms.service';

/**
 * The consent feature services' validation, without a database: what each write refuses, at which
 * field, and that the access policy is asked first.
 */

const today = clock.today();
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);

/** The error a call throws (undefined when it does not). */
function thrown(fn: () => unknown): AppError | undefined {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  return undefined;
}
const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );
const summary = (e: AppError | undefined) => e && [e.extensions.code, e.extensions.field, reasonOf(e)];

const termsInput = (over: Partial<PublishTermsVersionInput> = {}): PublishTermsVersionInput => ({
  version: '1.02',
  titleJa: '利用規約',
  titleEn: 'Terms of use',
  bodyJa: '本文',
  bodyEn: 'Body',
  effectiveFrom: today,
  requiresAcceptance: false,
  ...over,
});

describe('terms versions (terms.service.ts)', () => {
  it('orders "major.minor" versions numerically', () => {
    expect(compareVersions('1.10', '1.09')).toBeGreaterThan(0);
    expect(compareVersions('2.00', '10.00')).toBeLessThan(0);
    expect(compareVersions('1.01', '1.01')).toBe(0);
  });

  it('answers the trimmed version of a valid input', () => {
    expect(validateTermsVersion(termsInput({ version: ' 1.02 ' }), today)).toBe('1.02');
  });

  it.each([
    [{ version: '1.2' }, 'input.version', 'VERSION_FORMAT'],
    [{ version: 'v1.02' }, 'input.version', 'VERSION_FORMAT'],
    [{ titleJa: ' ' }, 'input.titleJa', 'REQUIRED'],
    [{ titleEn: '' }, 'input.titleEn', 'REQUIRED'],
    [{ bodyJa: '\n' }, 'input.bodyJa', 'REQUIRED'],
    [{ bodyEn: '' }, 'input.bodyEn', 'REQUIRED'],
    [{ effectiveFrom: yesterday }, 'input.effectiveFrom', 'TERMS_EFFECTIVE_IN_PAST'],
  ] as const)('refuses %p at %s', (over, field, reason) => {
    expect(summary(thrown(() => validateTermsVersion(termsInput(over), today)))).toEqual([
      'BAD_USER_INPUT',
      field,
      reason,
    ]);
  });

  it('against the published versions: new, higher, not effective before the latest', () => {
    const existing = [
      { version: '1.01', effectiveFrom: yesterday },
      { version: '1.10', effectiveFrom: today },
    ];
    expect(thrown(() => checkTermsVersionOrder('1.11', today, existing))).toBeUndefined();
    expect(thrown(() => checkTermsVersionOrder('1.02', today, []))).toBeUndefined();
    expect(summary(thrown(() => checkTermsVersionOrder('1.10', tomorrow, existing)))).toEqual([
      'CONFLICT',
      'input.version',
      'VERSION_EXISTS',
    ]);
    expect(summary(thrown(() => checkTermsVersionOrder('1.09', tomorrow, existing)))).toEqual([
      'BAD_USER_INPUT',
      'input.version',
      'VERSION_NOT_HIGHER',
    ]);
    expect(summary(thrown(() => checkTermsVersionOrder('2.00', yesterday, existing)))).toEqual([
      'BAD_USER_INPUT',
      'input.effectiveFrom',
      'TERMS_EFFECTIVE_BEFORE_LATEST',
    ]);
  });
});

const noticeInput = (over: Partial<PublishJointUseNoticeInput> = {}): PublishJointUseNoticeInput => ({
  version: '2',
  effectiveFrom: tomorrow,
  title: '共同利用について',
  statement: '共同利用します。',
  dataItems: ['氏名'],
  jointUsers: '日本医師会及び都道府県医師会',
  purposes: ['会員管理'],
  responsibleParty: { name: '日本医師会', address: '東京都文京区', representative: '会長' },
  ...over,
});

const latestNotice = (over: Partial<JointUseNoticeEntity> = {}) =>
  ({
    version: '1',
    effectiveFrom: yesterday,
    purposes: ['会員管理'],
    responsibleName: '日本医師会',
    responsibleAddress: '東京都文京区',
    responsibleRepresentative: '会長',
    ...over,
  }) as JointUseNoticeEntity;

describe('the joint-use notice (publication.service.ts)', () => {
  it('answers the trimmed version of a valid input', () => {
    expect(validateJointUseNotice(noticeInput({ version: ' 2 ' }), today)).toBe('2');
  });

  it.each([
    [{ version: ' ' }, 'input.version', 'REQUIRED'],
    [{ title: '' }, 'input.title', 'REQUIRED'],
    [{ statement: ' ' }, 'input.statement', 'REQUIRED'],
    [{ jointUsers: '' }, 'input.jointUsers', 'REQUIRED'],
    [{ dataItems: [] }, 'input.dataItems', 'DATA_ITEMS_REQUIRED'],
    [{ dataItems: ['氏名', ' '] }, 'input.dataItems', 'DATA_ITEMS_REQUIRED'],
    [{ purposes: [] }, 'input.purposes', 'PURPOSES_REQUIRED'],
    [
      { responsibleParty: { name: '日本医師会', address: '', representative: '会長' } },
      'input.responsibleParty.address',
      'REQUIRED',
    ],
    [{ effectiveFrom: yesterday }, 'input.effectiveFrom', 'NOTICE_EFFECTIVE_IN_PAST'],
  ] as const)('refuses %p at %s', (over, field, reason) => {
    expect(
      summary(
        thrown(() => validateJointUseNotice(noticeInput(over as Partial<PublishJointUseNoticeInput>), today)),
      ),
    ).toEqual(['BAD_USER_INPUT', field, reason]);
  });

  it('a change of the purposes or the responsible party is announced in advance', () => {
    const changed = noticeInput({ purposes: ['会員管理', '研修管理'], effectiveFrom: today });
    expect(changesPurposesOrParty(latestNotice(), changed)).toBe(true);
    expect(changesPurposesOrParty(latestNotice(), noticeInput({ purposes: [' 会員管理 '] }))).toBe(false);
    expect(summary(thrown(() => checkNoticeAgainstLatest(latestNotice(), changed, today)))).toEqual([
      'BAD_USER_INPUT',
      'input.effectiveFrom',
      'NOTICE_CHANGE_IN_ADVANCE',
    ]);
    // the same change announced for tomorrow; the same items effective today
    expect(
      thrown(() => checkNoticeAgainstLatest(latestNotice(), { ...changed, effectiveFrom: tomorrow }, today)),
    ).toBeUndefined();
    expect(
      thrown(() => checkNoticeAgainstLatest(latestNotice(), noticeInput({ effectiveFrom: today }), today)),
    ).toBeUndefined();
    expect(thrown(() => checkNoticeAgainstLatest(null, changed, today))).toBeUndefined();
  });

  it('never before the latest version', () => {
    expect(
      summary(
        thrown(() =>
          checkNoticeAgainstLatest(
            latestNotice({ effectiveFrom: tomorrow }),
            noticeInput({ effectiveFrom: today }),
            today,
          ),
        ),
      ),
    ).toEqual(['BAD_USER_INPUT', 'input.effectiveFrom', 'EFFECTIVE_BEFORE_LATEST']);
  });
});

const disclosureInput = (
  over: Partial<PublishServiceDisclosureInput> = {},
): PublishServiceDisclosureInput => ({
  version: '2026.1',
  effectiveFrom: today,
  contractors: [{ name: ' 株式会社A ', work: '運用', workEn: ' ' }],
  environmentRequirements: [{ item: 'ブラウザ', requirementJa: '最新版', requirementEn: 'Latest' }],
  ...over,
});

describe('the service disclosure (publication.service.ts)', () => {
  it('trims the texts; an empty optional text is null', () => {
    expect(validateServiceDisclosure(disclosureInput(), today)).toEqual({
      version: '2026.1',
      contractors: [{ name: '株式会社A', work: '運用', workEn: null }],
      environmentRequirements: [{ item: 'ブラウザ', requirementJa: '最新版', requirementEn: 'Latest' }],
    });
  });

  it.each([
    [{ version: '' }, 'input.version', 'REQUIRED'],
    [{ version: 'v'.repeat(51) }, 'input.version', 'TEXT_TOO_LONG'],
    [
      { contractors: Array.from({ length: 101 }, () => ({ name: 'A', work: 'B' })) },
      'input.contractors',
      'TOO_MANY_CONTRACTORS',
    ],
    [{ environmentRequirements: [] }, 'input.environmentRequirements', 'REQUIREMENT_REQUIRED'],
    [
      {
        environmentRequirements: Array.from({ length: 101 }, () => ({
          item: 'a',
          requirementJa: 'b',
          requirementEn: 'c',
        })),
      },
      'input.environmentRequirements',
      'TOO_MANY_REQUIREMENTS',
    ],
    [{ contractors: [{ name: 'A', work: ' ' }] }, 'input.contractors.0.work', 'REQUIRED'],
    [
      { contractors: [{ name: 'A', work: 'B', workEn: 'x'.repeat(2001) }] },
      'input.contractors.0.workEn',
      'TEXT_TOO_LONG',
    ],
    [
      { environmentRequirements: [{ item: 'a', requirementJa: '', requirementEn: 'c' }] },
      'input.environmentRequirements.0.requirementJa',
      'REQUIRED',
    ],
    [{ effectiveFrom: yesterday }, 'input.effectiveFrom', 'EFFECTIVE_IN_PAST'],
  ] as const)('refuses %p at %s', (over, field, reason) => {
    expect(
      summary(
        thrown(() =>
          validateServiceDisclosure(disclosureInput(over as Partial<PublishServiceDisclosureInput>), today),
        ),
      ),
    ).toEqual(['BAD_USER_INPUT', field, reason]);
  });
});

describe('privacy requests (privacy-request.service.ts)', () => {
  it('details: trimmed, at most 4,000 characters, required for a correction', () => {
    expect(validateRequestDetails('DISCLOSURE', '  ')).toBeNull();
    expect(validateRequestDetails('CORRECTION', ' 住所 ')).toBe('住所');
    expect(summary(thrown(() => validateRequestDetails('CORRECTION', ' ')))).toEqual([
      'BAD_USER_INPUT',
      'input.details',
      'CORRECTION_DETAILS_REQUIRED',
    ]);
    expect(summary(thrown(() => validateRequestDetails('ERASURE', 'x'.repeat(4001))))).toEqual([
      'BAD_USER_INPUT',
      'input.details',
      'TEXT_TOO_LONG',
    ]);
  });

  it('a decision note: required to reject, at most 4,000 characters', () => {
    expect(validateDecisionNote(true, ' ')).toBeNull();
    expect(summary(thrown(() => validateDecisionNote(false, ' ')))).toEqual([
      'BAD_USER_INPUT',
      'input.note',
      'REJECTION_REASON_REQUIRED',
    ]);
    expect(summary(thrown(() => validateDecisionNote(true, 'x'.repeat(4001))))).toEqual([
      'BAD_USER_INPUT',
      'input.note',
      'TEXT_TOO_LONG',
    ]);
  });

  it('a decision leads to REJECTED, COMPLETED (a correction) or APPROVED', () => {
    expect(decidedStatus('CORRECTION', false)).toBe('REJECTED');
    expect(decidedStatus('CORRECTION', true)).toBe('COMPLETED');
    expect(decidedStatus('DISCLOSURE', true)).toBe('APPROVED');
    expect(decidedStatus('ERASURE', true)).toBe('APPROVED');
  });
});

describe("an association's notice (association-notice.service.ts)", () => {
  const notice = {
    associationId: randomUUID(),
    subjectJa: ' 件名 ',
    bodyJa: '本文',
    subjectEn: 'Subject',
    bodyEn: 'Body',
    idempotencyKey: 'k-1',
  };

  it('answers the texts trimmed', () => {
    expect(validateAssociationNotice(notice)).toEqual({ ...notice, subjectJa: '件名' });
  });

  it.each([
    [{ subjectJa: '' }, 'input.subjectJa', 'REQUIRED'],
    [{ bodyEn: 'x'.repeat(10_001) }, 'input.bodyEn', 'TOO_LONG'],
    [{ idempotencyKey: ' ' }, 'input.idempotencyKey', 'REQUIRED'],
  ] as const)('refuses %p at %s', (over, field, reason) => {
    expect(summary(thrown(() => validateAssociationNotice({ ...notice, ...over })))).toEqual([
      'BAD_USER_INPUT',
      field,
      reason,
    ]);
  });
});

describe('the policy is asked before the input is validated or anything is read', () => {
  /** A write context whose policy refuses everything and whose repositories must not be touched. */
  const refusing = (viewer: Viewer): { ctx: ConsentWriteContext; asked: string[] } => {
    const asked: string[] = [];
    const access = {
      authorizeWrite: async (personId: string, op: string) => {
        asked.push(`write:${op}:${personId}`);
        throw new AppError(ErrorCode.NOT_FOUND, 'not found');
      },
      authorizeAssociation: (associationId: string, op: string) => {
        asked.push(`association:${op}:${associationId}`);
        throw new AppError(ErrorCode.FORBIDDEN, 'forbidden');
      },
    } as unknown as Access;
    const services = new Proxy({} as Repositories, {
      get: (_, name) => {
        throw new Error(`no repository in this test (${String(name)})`);
      },
    });
    return { ctx: { viewer, access, services }, asked };
  };
  const staff: Viewer = { kind: 'STAFF', sub: randomUUID(), associationId: randomUUID(), scopes: [] };

  it('publications: PUBLISH_TERMS for the viewer’s association, then nothing', async () => {
    for (const publish of [
      () => publishTermsVersion(refusing(staff).ctx, termsInput({ version: 'bad' })),
      () => publishJointUseNotice(refusing(staff).ctx, noticeInput({ version: '' })),
      () => publishServiceDisclosure(refusing(staff).ctx, disclosureInput({ version: '' })),
    ])
      expect((await caught(publish()))?.extensions.code).toBe('FORBIDDEN');
    const { ctx, asked } = refusing(staff);
    await caught(publishTermsVersion(ctx, termsInput()));
    expect(asked).toEqual([`association:PUBLISH_TERMS:${staff.associationId}`]);
  });

  it('privacy requests: the person-keyed rule (invisible: NOT_FOUND) before the details are checked', async () => {
    const personId = randomUUID();
    const { ctx, asked } = refusing(staff);
    const e = await caught(
      filePrivacyRequest(ctx, { personId, kind: 'CORRECTION', details: '', idempotencyKey: 'k' }),
    );
    expect(e?.extensions.code).toBe('NOT_FOUND');
    expect(asked).toEqual([`write:FILE_PRIVACY_REQUEST:${personId}`]);
    const decide = await caught(
      decidePrivacyRequest(ctx, {
        requestId: randomUUID(),
        associationId: staff.associationId!,
        approve: false,
        version: 1,
      }),
    );
    expect(decide?.extensions.code).toBe('FORBIDDEN');
  });

  it("an association's notice: SEND_NOTICES before its texts are checked", async () => {
    const { ctx, asked } = refusing(staff);
    const associationId = randomUUID();
    const e = await caught(
      sendAssociationNotice(ctx, {
        associationId,
        subjectJa: '',
        bodyJa: '',
        subjectEn: '',
        bodyEn: '',
        idempotencyKey: '',
      }),
    );
    expect(e?.extensions.code).toBe('FORBIDDEN');
    expect(asked).toEqual([`association:SEND_NOTICES:${associationId}`]);
  });

  it('terms acceptance: a viewer without an account is FORBIDDEN before anything is asked', async () => {
    const { ctx, asked } = refusing({ kind: 'ANONYMOUS', scopes: [] });
    expect((await caught(acceptTerms(ctx, { version: '1.01' })))?.extensions.code).toBe('FORBIDDEN');
    expect(asked).toEqual([]);
  });

  it('a notification: an unknown one is NOT_FOUND before the policy is asked', async () => {
    const asked: string[] = [];
    const ctx = {
      viewer: staff,
      access: {
        authorizeWrite: async (personId: string) => {
          asked.push(personId);
          return 'SELF';
        },
      } as unknown as Access,
      services: { notifications: { byId: async () => null } } as unknown as Repositories,
    };
    expect((await caught(markNotificationRead(ctx, randomUUID())))?.extensions.code).toBe('NOT_FOUND');
    expect(asked).toEqual([]);
  });
});
