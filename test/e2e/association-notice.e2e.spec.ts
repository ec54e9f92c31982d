import type { Client } from 'pg';
import { DEVELOPMENT_OUTBOX_VENDOR } from '@mamis/consent/src/config';
import { buildAssociationAudience } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack } from '../support/stack';

const SEND = `mutation($input: SendAssociationNoticeInput!) {
  sendAssociationNotice(input: $input) { dryRun associationName recipientCount notifiedCount }
}`;

const MY_NOTICES = `query { me { id notifications { id kind subjectJa subjectEn bodyJa bodyEn emailStatus } } }`;

const MY_PROVISIONS = `query { me { id emailProvisionRecords {
  id association { id name } actor recipient purpose items format rowCount createdAt
} } }`;

interface Provision {
  id: string;
  association: { id: string; name: string };
  actor: string;
  recipient: string;
  purpose: string;
  items: string[];
  format: string;
  rowCount: number;
}

interface Run {
  dryRun: boolean;
  associationName: string;
  recipientCount: number;
  notifiedCount: number;
}

interface Notice {
  id: string;
  kind: string;
  subjectJa: string;
  subjectEn: string;
  bodyJa: string;
  bodyEn: string;
  emailStatus: string | null;
}

/**
 * Purpose ③ (会員への医師会活動に関するお知らせ): a municipal association's clerk sends a notice
 * to the association's current members through the gateway; each reads it once in My Page.
 */
describe('association notices to members (through the gateway)', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let bunkyoId: string;
  let chiyodaId: string;
  let members: string[];
  let formerId: string;
  let otherId: string;

  const clerkOf = (associationId: string, sub: string) =>
    ({ kind: 'STAFF', sub, associationId, associationTier: 'MUNICIPAL', role: 'CLERK' }) as const;
  const physician = (personId: string) =>
    ({ kind: 'PHYSICIAN', sub: `physician-${personId}`, personId }) as const;
  const input = (overrides: Record<string, unknown> = {}) => ({
    associationId: bunkyoId,
    subjectJa: '学術講演会のご案内',
    bodyJa: '来月の学術講演会についてお知らせします。',
    subjectEn: 'Lecture meeting',
    bodyEn: "Next month's lecture meeting.",
    idempotencyKey: 'notice-lecture-1',
    ...overrides,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    ({ bunkyoId, chiyodaId, members, formerId, otherId } = await buildAssociationAudience(admin, 3));
    stack = await startStack(db);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  const noticesOf = async (personId: string) => {
    const res = await stack.queryAs<{ me: { id: string; notifications: Notice[] } }>(
      physician(personId),
      MY_NOTICES,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.me.notifications.filter((n) => n.kind === 'ASSOCIATION_NOTICE');
  };

  const provisionsOf = async (personId: string) => {
    const res = await stack.queryAs<{ me: { id: string; emailProvisionRecords: Provision[] } }>(
      physician(personId),
      MY_PROVISIONS,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.me.emailProvisionRecords;
  };

  it('a dry run (the default) answers the number of current members only and tells nobody', async () => {
    const res = await stack.queryAs<{ sendAssociationNotice: Run }>(clerkOf(bunkyoId, 'clerk-bunkyo'), SEND, {
      input: input(),
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.sendAssociationNotice).toEqual({
      dryRun: true,
      associationName: '文京区医師会',
      recipientCount: 3,
      notifiedCount: 0,
    });
    expect(await noticesOf(members[0]!)).toEqual([]);
    // nothing was handed to the mail delivery vendor
    expect(await provisionsOf(members[0]!)).toEqual([]);
  });

  it('bad input: BAD_USER_INPUT at the field, Japanese first', async () => {
    for (const [field, value] of [
      ['subjectJa', '  '],
      ['bodyEn', ''],
      ['subjectEn', 'x'.repeat(201)],
      ['idempotencyKey', ''],
    ] as const) {
      const res = await stack.queryAs(clerkOf(bunkyoId, 'clerk-bunkyo'), SEND, {
        input: input({ [field]: value, dryRun: false }),
      });
      expect(res.body.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: `input.${field}` }),
      );
      expect(res.body.errors?.[0]?.message).toMatch(/^[^A-Za-z]+.*。 \([A-Z].*\)$/);
    }
    expect(await noticesOf(members[0]!)).toEqual([]);
  });

  it("another association's staff get FORBIDDEN and tell nobody", async () => {
    const res = await stack.queryAs<{ sendAssociationNotice: Run | null }>(
      clerkOf(chiyodaId, 'clerk-chiyoda'),
      SEND,
      {
        input: input({ dryRun: false, idempotencyKey: 'intruder' }),
      },
    );
    expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(res.body.data?.sendAssociationNotice ?? null).toBeNull();
    const viewer = await stack.queryAs(
      {
        kind: 'STAFF',
        sub: 'viewer-bunkyo',
        associationId: bunkyoId,
        associationTier: 'MUNICIPAL',
        role: 'VIEWER',
      },
      SEND,
      { input: input({ dryRun: false, idempotencyKey: 'viewer' }) },
    );
    expect(viewer.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(await noticesOf(members[0]!)).toEqual([]);
  });

  it('sending: each current member gets exactly one notice with its e-mail queued, even when the key is sent twice', async () => {
    const first = await stack.queryAs<{ sendAssociationNotice: Run }>(
      clerkOf(bunkyoId, 'clerk-bunkyo'),
      SEND,
      {
        input: input({ dryRun: false }),
      },
    );
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.sendAssociationNotice).toEqual({
      dryRun: false,
      associationName: '文京区医師会',
      recipientCount: 3,
      notifiedCount: 3,
    });
    // the same key again (a double press, or a colleague): the first answer, nobody told twice
    const again = await stack.queryAs<{ sendAssociationNotice: Run }>(
      clerkOf(bunkyoId, 'clerk-bunkyo-2'),
      SEND,
      {
        input: input({ dryRun: false }),
      },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.sendAssociationNotice).toEqual(first.body.data!.sendAssociationNotice);
    // the same key with other texts is refused at the key, nothing sent
    const reused = await stack.queryAs(clerkOf(bunkyoId, 'clerk-bunkyo'), SEND, {
      input: input({ dryRun: false, subjectJa: '別のお知らせ' }),
    });
    expect(reused.body.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' }),
    );

    for (const personId of members) {
      const notices = await noticesOf(personId);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toEqual(
        expect.objectContaining({
          subjectJa: '【文京区医師会】学術講演会のご案内',
          subjectEn: '[文京区医師会] Lecture meeting',
          emailStatus: 'PENDING',
        }),
      );
      expect(notices[0]!.bodyJa).toContain('来月の学術講演会についてお知らせします。');
    }
    expect(await noticesOf(formerId)).toEqual([]);
    expect(await noticesOf(otherId)).toEqual([]);
  });

  it("each recipient's disclosure lists ONE record of provision to the mail delivery vendor (the key sent twice)", async () => {
    const ids = new Set<string>();
    for (const personId of members) {
      const records = await provisionsOf(personId);
      expect(records).toHaveLength(1);
      expect(records[0]).toEqual(
        expect.objectContaining({
          association: { id: bunkyoId, name: '文京区医師会' },
          actor: 'clerk-bunkyo',
          recipient: DEVELOPMENT_OUTBOX_VENDOR,
          purpose: '【文京区医師会】学術講演会のご案内',
          items: ['name', 'email'],
          format: 'EMAIL',
          rowCount: 3,
        }),
      );
      ids.add(records[0]!.id);
    }
    // one record covering the three members
    expect(ids.size).toBe(1);
    const count = await admin.query(`SELECT count(*)::int AS n FROM consent.provision_record`);
    expect(count.rows[0].n).toBe(1);
    // a former member and another association's member: nothing about them went anywhere
    expect(await provisionsOf(formerId)).toEqual([]);
    expect(await provisionsOf(otherId)).toEqual([]);
  });

  it("the association's staff do not read a member's records of provision (the person's own)", async () => {
    const res = await stack.queryAs<{ person: { emailProvisionRecords: Provision[] | null } | null }>(
      clerkOf(bunkyoId, 'clerk-bunkyo'),
      `query($id: ID!) { person(id: $id) { id emailProvisionRecords { id } } }`,
      { id: members[0] },
    );
    expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(res.body.data?.person?.emailProvisionRecords ?? null).toBeNull();
  });

  it('the send is audited as a write for each recipient', async () => {
    const rows = (
      await admin.query(
        `SELECT person_ids::text[] AS persons, groups, action FROM audit.entry
         WHERE service = 'consent' AND actor = 'clerk-bunkyo' AND action = 'WRITE'`,
      )
    ).rows as { persons: string[]; groups: string[]; action: string }[];
    expect(rows).toHaveLength(1);
    expect([...rows[0]!.persons].sort()).toEqual([...members].sort());
    expect(rows[0]!.groups).toEqual(['CONSENT']);
  });

  it('the handover of names and e-mail addresses to the mail vendor is audited as an export, once', async () => {
    const rows = (
      await admin.query(
        `SELECT person_ids::text[] AS persons, groups FROM audit.entry
         WHERE service = 'consent' AND actor = 'clerk-bunkyo' AND action = 'EXPORT'`,
      )
    ).rows as { persons: string[]; groups: string[] }[];
    expect([...new Set(rows.flatMap((r) => r.persons))].sort()).toEqual([...members].sort());
    expect([...new Set(rows.flatMap((r) => r.groups))].sort()).toEqual(['CONTACT', 'IDENTITY']);
  });

  it('a member marks the notice read in My Page', async () => {
    const [notice] = await noticesOf(members[1]!);
    const res = await stack.queryAs<{ markNotificationRead: { id: string; readAt: string | null } }>(
      physician(members[1]!),
      `mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }`,
      { id: notice!.id },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.markNotificationRead.readAt).not.toBeNull();
  });
});
