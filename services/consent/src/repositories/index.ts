import type { DataSource } from 'typeorm';
import { TermsRepository } from './terms.repository';

export { TermsRepository };

export interface Repositories {
  terms: TermsRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({ terms: new TermsRepository(ds) });
