import type { DataSource } from 'typeorm';
import { TermsRepository } from './terms.repository';
import { JointUseNoticeRepository } from './joint-use-notice.repository';
import { NotificationRepository } from './notification.repository';
import { PrivacyRequestRepository } from './privacy-request.repository';
import { ServiceDisclosureRepository } from './service-disclosure.repository';
import { SurveyRepository } from './survey.repository';
import { ProvisionRecordRepository } from './provision-record.repository';

export { TermsRepository };
export { JointUseNoticeRepository, NotificationRepository };
export { PrivacyRequestRepository, ServiceDisclosureRepository, SurveyRepository };
export { ProvisionRecordRepository };

export interface Repositories {
  /** For the feature services' transactions (src/services/). */
  dataSource: DataSource;
  terms: TermsRepository;
  jointUseNotices: JointUseNoticeRepository;
  notifications: NotificationRepository;
  privacyRequests: PrivacyRequestRepository;
  serviceDisclosures: ServiceDisclosureRepository;
  surveys: SurveyRepository;
  provisionRecords: ProvisionRecordRepository;
}

/**
 * `mailVendor`: who notification e-mail is handed to (config.ts `mailVendorOf`), the recipient of
 * the records of provision written when a notice or survey is sent; null when e-mail is off.
 */
export const createRepositories = (ds: DataSource, mailVendor: string | null = null): Repositories => {
  const provisionRecords = new ProvisionRecordRepository(ds, mailVendor);
  return {
    dataSource: ds,
    terms: new TermsRepository(ds),
    jointUseNotices: new JointUseNoticeRepository(ds),
    notifications: new NotificationRepository(ds),
    privacyRequests: new PrivacyRequestRepository(ds),
    serviceDisclosures: new ServiceDisclosureRepository(ds),
    surveys: new SurveyRepository(ds),
    provisionRecords,
  };
};
