import type { DataSource } from 'typeorm';
import { AttendanceRepository } from './attendance.repository';
import { CreditLedgerRepository } from './credit-ledger.repository';
import { CertificationRepository } from './certification.repository';
import { TrainingRuleRepository } from './training-rule.repository';
import { TrainingSummaryRepository } from './training-summary.repository';
import { TrainingSessionRepository } from './training-session.repository';
import { TrainingStatisticsRepository } from './training-statistics.repository';

export { AttendanceRepository, TrainingSessionRepository };
export { CreditLedgerRepository, CertificationRepository, TrainingRuleRepository, TrainingSummaryRepository };
export type { CreditEntryRow } from './credit-ledger.repository';

export interface Repositories {
  /** The service's DataSource, for write transactions (withIdempotency, dataSource.transaction). */
  dataSource: DataSource;
  sessions: TrainingSessionRepository;
  attendances: AttendanceRepository;
  /** The append-only credit ledger (its rules: services/credit-ledger.service.ts). */
  creditLedger: CreditLedgerRepository;
  trainingRules: TrainingRuleRepository;
  trainingSummaries: TrainingSummaryRepository;
  certification: CertificationRepository;
  /** Aggregates for `Statistics`. */
  trainingStatistics: TrainingStatisticsRepository;
}

/** `analyticsReads`: the pool of the `Statistics` aggregates (subgraph.ts), the primary's by default. */
export const createRepositories = (ds: DataSource, analyticsReads: DataSource = ds): Repositories => ({
  dataSource: ds,
  sessions: new TrainingSessionRepository(ds),
  attendances: new AttendanceRepository(ds),
  creditLedger: new CreditLedgerRepository(ds),
  trainingRules: new TrainingRuleRepository(ds),
  trainingSummaries: new TrainingSummaryRepository(ds),
  certification: new CertificationRepository(ds),
  trainingStatistics: new TrainingStatisticsRepository(ds, analyticsReads),
});
