import type { DataSource } from 'typeorm';
import { TermsRepository } from './terms.repository';
import { JointUseNoticeRepository } from './joint-use-notice.repository';
import { NotificationRepository } from './notification.repository';
import { PrivacyRequestRepository } from './privacy-request.repository';
import { ServiceDisclosureRepository } from './service-disclosure.repository';
import { SurveyRepository } from './survey.repository';

export { TermsRepository };
export { JointUseNoticeRepository, NotificationRepository };
export { PrivacyRequestRepository, ServiceDisclosureRepository, SurveyRepository };

export interface Repositories {
  terms: TermsRepository;
  jointUseNotices: JointUseNoticeRepository;
  notifications: NotificationRepository;
  privacyRequests: PrivacyRequestRepository;
  serviceDisclosures: ServiceDisclosureRepository;
  surveys: SurveyRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({
  terms: new TermsRepository(ds),
  jointUseNotices: new JointUseNoticeRepository(ds),
  notifications: new NotificationRepository(ds),
  privacyRequests: new PrivacyRequestRepository(ds),
  serviceDisclosures: new ServiceDisclosureRepository(ds),
  surveys: new SurveyRepository(ds),
});
