import { In, type DataSource } from 'typeorm';
import { AttendanceEntity } from '../entities';
import { onlyUuids } from '@mamis/platform';

export class AttendanceRepository {
  constructor(private readonly ds: DataSource) {}

  byPersonIds(personIds: readonly string[]): Promise<AttendanceEntity[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(AttendanceEntity)
      .find({ where: { personId: In(valid) }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  bySessionIds(sessionIds: readonly string[]): Promise<AttendanceEntity[]> {
    const valid = onlyUuids(sessionIds);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(AttendanceEntity)
      .find({ where: { sessionId: In(valid) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
