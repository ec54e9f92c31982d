import type { DataSource } from 'typeorm';
import { AttendanceRepository } from './attendance.repository';
import { TrainingSessionRepository } from './training-session.repository';

export { AttendanceRepository, TrainingSessionRepository };

export interface Repositories {
  sessions: TrainingSessionRepository;
  attendances: AttendanceRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({
  sessions: new TrainingSessionRepository(ds),
  attendances: new AttendanceRepository(ds),
});
