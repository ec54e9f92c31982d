import { createLogger, createSubgraphService, runAsSystem, type ServiceHandle } from '@mamis/platform';
import {
  consentMailEnv,
  consentSettingsOf,
  loadConsentConfig,
  mailVendorOf,
  type ConsentConfig,
} from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { createMailer } from './mail/mailer';
import { NotificationDispatcher } from './notifications/dispatcher';
import { createRepositories } from './repositories';
import { resolvers } from './resolvers';

/**
 * Build the consent subgraph (connects to PostgreSQL, does not listen). Also installs terms ver 1.01
 * and the joint-use notice on a fresh installation (not in tests), and runs the notification
 * e-mail dispatcher while the service is up.
 */
export const createServer = async (config: ConsentConfig = loadConsentConfig()): Promise<ServiceHandle> => {
  // the consent settings have defaults: a config parsed with another service's schema still works
  const mail = consentMailEnv.parse(config);
  let repos: ReturnType<typeof createRepositories> | undefined;
  // who the notification e-mail goes to: the recipient of the records of provision of a send
  const mailVendor = mailVendorOf(mail, config.NODE_ENV);
  const settings = consentSettingsOf(config);
  const handle = await createSubgraphService({
    name: 'consent',
    config,
    resolvers,
    makeDataSource,
    createServices: (ds) => ({ ...(repos = createRepositories(ds, mailVendor)), settings }),
    createLoaders,
  });
  const log = createLogger('consent', config.LOG_LEVEL);
  const install =
    mail.CONSENT_INSTALL_DEFAULTS === 'yes' ||
    (mail.CONSENT_INSTALL_DEFAULTS === 'auto' && config.NODE_ENV !== 'test');
  if (install && repos) {
    const r = repos;
    await runAsSystem(async () => {
      if (await r.terms.installDefault()) log.info('installed the terms of use ver 1.01');
      if (await r.jointUseNotices.installDefault()) log.info('installed the joint-use notice');
    });
  }
  const mailer = createMailer({ ...mail, NODE_ENV: config.NODE_ENV });
  if (!mailer) log.warn('notification e-mail is switched off: no CONSENT_SMTP_URL in production');
  const dispatcher = new NotificationDispatcher(
    handle.dataSource,
    mailer,
    {
      maxAttempts: mail.CONSENT_MAIL_MAX_ATTEMPTS,
      retryBaseMs: mail.CONSENT_MAIL_RETRY_BASE_MS,
      retryMaxMs: mail.CONSENT_MAIL_RETRY_MAX_MS,
    },
    log,
  );
  return {
    ...handle,
    async listen(port, host) {
      const listening = await handle.listen(port, host);
      dispatcher.start(mail.CONSENT_DISPATCH_INTERVAL_MS ?? (config.NODE_ENV === 'test' ? 0 : 10_000));
      return listening;
    },
    async close() {
      await dispatcher.stop();
      await handle.close();
    },
  };
};
