import type { DataSource } from 'typeorm';
import { TermsRepository } from './terms.repository';
import { JointUseNoticeRepository } from './joint-use-notice.repository';
import { NotificationRepository } from './notification.repository';
import { PrivacyRequestRepository } from './privacy-request.repository';

export { TermsRepository };
export { JointUseNoticeRepository, NotificationRepository };
export { PrivacyRequestRepository };

export interface Repositories {
  terms: TermsRepository;
  jointUseNotices: JointUseNoticeRepository;
  notifications: NotificationRepository;
  privacyRequests: PrivacyRequestRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({
  terms: new TermsRepository(ds),
  jointUseNotices: new JointUseNoticeRepository(ds),
  notifications: new NotificationRepository(ds),
  privacyRequests: new PrivacyRequestRepository(ds),
});
