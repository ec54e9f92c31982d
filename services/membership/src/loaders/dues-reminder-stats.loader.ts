import DataLoader from 'dataloader';
import type { Repositories } from '../repositories';
import { reminderStats, type ReminderStats } from '../repositories/dues.repository';

/** Reminders an association sent a member, keyed `<associationId>:<personId>`: one statement a batch. */
export const duesReminderStatsLoader = (repos: Repositories) =>
  new DataLoader<string, ReminderStats>((keys) =>
    reminderStats(
      repos.dataSource,
      keys.map((k) => {
        const [associationId, personId] = k.split(':') as [string, string];
        return { associationId, personId };
      }),
    ),
  );
