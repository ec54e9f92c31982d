import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource } from 'typeorm';
import {
  AccountEntity,
  AssistantGrantEntity,
  RecoveryCodeEntity,
  type AccountStatus,
  type StatusCause,
} from '../entities';

export type NewAccount = Omit<
  AccountEntity,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'status'
  | 'statusReason'
  | 'statusChangedAt'
  | 'statusChangedBy'
  | 'statusCause'
  | 'totpLastStep'
  | 'lastSignInAt'
  | 'demo'
> &
  Partial<Pick<AccountEntity, 'id' | 'status' | 'demo'>>;

/** Normalise a login name: NFKC (full-width → ASCII), trimmed, lower case. */
export const normalizeUsername = (username: string): string =>
  username.normalize('NFKC').trim().toLowerCase();

export class AccountRepository {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(AccountEntity);
  }

  byId(id: string): Promise<AccountEntity | null> {
    return this.repo.findOneBy({ id });
  }

  byIds(ids: readonly string[]): Promise<AccountEntity[]> {
    return ids.length ? this.repo.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  byUsername(username: string): Promise<AccountEntity | null> {
    return this.repo.findOneBy({ username: normalizeUsername(username) });
  }

  /** The (one) active PHYSICIAN account of a person. */
  physicianOf(personId: string): Promise<AccountEntity | null> {
    return this.repo.findOne({ where: { personId, kind: 'PHYSICIAN' }, order: { createdAt: 'ASC' } });
  }

  async insert(input: NewAccount): Promise<AccountEntity> {
    const row = this.repo.create({
      ...input,
      id: input.id ?? randomUUID(),
      username: normalizeUsername(input.username),
      status: input.status ?? 'ACTIVE',
    });
    await this.repo.insert(row);
    return (await this.byId(row.id))!;
  }

  async setStatus(
    id: string,
    status: AccountStatus,
    reason: string | null,
    by: string | null,
    cause: StatusCause | null = null,
  ): Promise<void> {
    await this.repo.update(
      { id },
      { status, statusReason: reason, statusChangedAt: new Date(), statusChangedBy: by, statusCause: cause },
    );
  }

  /** PHYSICIAN accounts of these persons. */
  physiciansOf(personIds: readonly string[]): Promise<AccountEntity[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.repo.find({ where: { kind: 'PHYSICIAN', personId: In([...personIds]) } });
  }

  /** The instant of a completed sign-in (not touching updated_at). */
  async recordSignIn(id: string, at: Date): Promise<void> {
    await this.ds.query(`UPDATE account SET last_sign_in_at = $2 WHERE id = $1`, [id, at]);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.repo.update({ id }, { passwordHash });
  }

  async setTotpSecret(id: string, sealed: string | null): Promise<void> {
    await this.repo.update({ id }, { totpSecretSealed: sealed, totpLastStep: null });
  }

  /** Record a used TOTP step; false when that step (or a later one) was already used (replay). */
  async useTotpStep(id: string, step: bigint): Promise<boolean> {
    const res: [unknown[], number] = await this.ds.query(
      `UPDATE account SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
      [id, step.toString()],
    );
    return res[1] === 1;
  }

  async countDemo(): Promise<number> {
    return this.repo.countBy({ demo: true });
  }

  // Recovery codes ------------------------------------------------------------------------------
  async replaceRecoveryCodes(accountId: string, hashes: string[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.delete(RecoveryCodeEntity, { accountId });
      if (hashes.length)
        await m.insert(
          RecoveryCodeEntity,
          hashes.map((codeHash) => ({ id: randomUUID(), accountId, codeHash, usedAt: null })),
        );
    });
  }

  /** Use a recovery code once; true when it was valid and unused. */
  async useRecoveryCode(accountId: string, codeHash: string): Promise<boolean> {
    const res = await this.ds
      .getRepository(RecoveryCodeEntity)
      .update({ accountId, codeHash, usedAt: IsNull() }, { usedAt: new Date() });
    return (res.affected ?? 0) === 1;
  }

  // Assistants ----------------------------------------------------------------------------------
  assistantGrantOf(assistantAccountId: string): Promise<AssistantGrantEntity | null> {
    return this.ds.getRepository(AssistantGrantEntity).findOneBy({ assistantAccountId });
  }

  assistantGrantById(id: string): Promise<AssistantGrantEntity | null> {
    return this.ds.getRepository(AssistantGrantEntity).findOneBy({ id });
  }

  assistantGrantByInvitation(invitationHash: string): Promise<AssistantGrantEntity | null> {
    return this.ds.getRepository(AssistantGrantEntity).findOneBy({ invitationHash });
  }

  assistantsOf(grantorAccountId: string): Promise<AssistantGrantEntity[]> {
    return this.ds
      .getRepository(AssistantGrantEntity)
      .find({ where: { grantorAccountId }, order: { createdAt: 'ASC' } });
  }

  async insertAssistantGrant(row: Omit<AssistantGrantEntity, 'createdAt'>): Promise<void> {
    await this.ds.getRepository(AssistantGrantEntity).insert(row);
  }

  async updateAssistantGrant(
    id: string,
    patch: Partial<Pick<AssistantGrantEntity, 'revokedAt' | 'invitationHash' | 'invitationExpiresAt'>>,
  ): Promise<void> {
    await this.ds.getRepository(AssistantGrantEntity).update({ id }, patch);
  }
}
