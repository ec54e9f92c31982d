import type { DataSource } from 'typeorm';
import { OAuthClientEntity } from '../entities';

export class ClientRepository {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(OAuthClientEntity);
  }

  byId(clientId: string): Promise<OAuthClientEntity | null> {
    return this.repo.findOneBy({ clientId });
  }

  all(): Promise<OAuthClientEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC' } });
  }

  async insert(
    row: Omit<OAuthClientEntity, 'createdAt' | 'disabledAt' | 'demo'> &
      Partial<Pick<OAuthClientEntity, 'demo'>>,
  ): Promise<void> {
    await this.repo.insert({ ...row, disabledAt: null, demo: row.demo ?? false });
  }

  async setDisabled(clientId: string, disabled: boolean): Promise<boolean> {
    const res = await this.repo.update({ clientId }, { disabledAt: disabled ? new Date() : null });
    return (res.affected ?? 0) === 1;
  }

  countDemo(): Promise<number> {
    return this.repo.countBy({ demo: true });
  }
}
