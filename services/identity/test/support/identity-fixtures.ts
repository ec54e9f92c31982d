import { type DataSource } from 'typeorm';
import { AccountService, type NewAccountInput } from '../../src/auth/account.service';
import { ClientService } from '../../src/auth/client.service';
import { SecretBox } from '../../src/auth/secret-box';
import { makeDataSource } from '../../src/data-source';
import { createRepositories } from '../../src/repositories';
import { InterimPgTermsGateway } from '../../src/terms/terms-gateway';
import type { TestDatabase } from '../../../../test/support/database';

/** Arrange identity data directly (as the identity role), with the running service's data key. */
export class IdentityFixtures {
  readonly accounts: AccountService;
  readonly clients: ClientService;
  readonly terms: InterimPgTermsGateway;

  private constructor(
    readonly ds: DataSource,
    dataKey: Buffer,
  ) {
    const repos = createRepositories(ds);
    this.terms = new InterimPgTermsGateway(ds);
    this.accounts = new AccountService(repos, new SecretBox(dataKey), this.terms, {
      threshold: 5,
      baseSeconds: 2,
      maxSeconds: 900,
    });
    this.clients = new ClientService(repos);
  }

  static async open(db: TestDatabase, dataKey: Buffer): Promise<IdentityFixtures> {
    const { dataSource } = makeDataSource(db.urlFor('identity'), { poolSize: 2 });
    await dataSource.initialize();
    return new IdentityFixtures(dataSource, dataKey);
  }

  async account(input: Partial<NewAccountInput> & Pick<NewAccountInput, 'username' | 'kind'>) {
    return this.accounts.createAccount({
      password: 'correct horse battery staple',
      displayName: input.username,
      ...input,
    });
  }

  close() {
    return this.ds.destroy();
  }
}
