import { ConfigError } from '@mamis/platform';
import { loadInsurancePensionConfig } from '../src/config';

describe('insurance-pension config', () => {
  const base = { DATABASE_URL: 'postgres://u:p@localhost/db' };

  it('polls the membership event log every few seconds by default, 200 events per batch', () => {
    const c = loadInsurancePensionConfig(base);
    expect(c.INSURANCE_EVENT_POLL_MS).toBe(3000);
    expect(c.INSURANCE_EVENT_BATCH_SIZE).toBe(200);
    expect(c.PORT).toBe(4003);
  });

  it('takes the interval from the environment; 0 turns the loop off', () => {
    expect(
      loadInsurancePensionConfig({ ...base, INSURANCE_EVENT_POLL_MS: '0' }).INSURANCE_EVENT_POLL_MS,
    ).toBe(0);
    expect(
      loadInsurancePensionConfig({ ...base, INSURANCE_EVENT_POLL_MS: '500' }).INSURANCE_EVENT_POLL_MS,
    ).toBe(500);
  });

  it('reports every bad variable at once, by name', () => {
    let error: unknown;
    try {
      loadInsurancePensionConfig({
        ...base,
        INSURANCE_EVENT_POLL_MS: '-1',
        INSURANCE_EVENT_BATCH_SIZE: 'many',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('INSURANCE_EVENT_POLL_MS');
    expect(problems).toContain('INSURANCE_EVENT_BATCH_SIZE');
  });
});
