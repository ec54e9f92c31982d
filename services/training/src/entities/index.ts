import { AttendanceEntity } from './attendance.entity';
import { TrainingSessionEntity } from './training-session.entity';

export { AttendanceEntity, TrainingSessionEntity };
export const entities = [TrainingSessionEntity, AttendanceEntity];
