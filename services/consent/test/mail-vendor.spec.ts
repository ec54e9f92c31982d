import { consentMailEnv, DEVELOPMENT_OUTBOX_VENDOR, mailVendorOf } from '../src/config';

/** Who the records of provision of a notice's or survey's e-mail name as the recipient. */
describe('consent: the mail delivery vendor (CONSENT_MAIL_VENDOR_NAME)', () => {
  const mail = (env: Record<string, string>) => consentMailEnv.parse(env);

  it('is the setting when given', () => {
    expect(
      mailVendorOf(
        mail({
          CONSENT_MAIL_VENDOR_NAME: ' 株式会社メール配信 ',
          CONSENT_SMTP_URL: 'smtp://relay.example.jp:587',
        }),
        'production',
      ),
    ).toBe('株式会社メール配信');
  });

  it("defaults to the SMTP relay's host (never its credentials)", () => {
    expect(
      mailVendorOf(mail({ CONSENT_SMTP_URL: 'smtps://user:secret@relay.example.jp:465' }), 'production'),
    ).toBe('relay.example.jp');
  });

  it('outside production without a relay: the development outbox; in production without one, nobody (e-mail is off)', () => {
    expect(mailVendorOf(mail({}), 'test')).toBe(DEVELOPMENT_OUTBOX_VENDOR);
    expect(mailVendorOf(mail({ CONSENT_MAIL_VENDOR_NAME: 'x' }), 'production')).toBeNull();
  });

  it('a blank name counts as unset (compose `${CONSENT_MAIL_VENDOR_NAME:-}`); an overlong one is refused', () => {
    const base = { CONSENT_SMTP_URL: 'smtp://relay.example.jp' };
    expect(mailVendorOf(mail({ ...base, CONSENT_MAIL_VENDOR_NAME: '  ' }), 'production')).toBe(
      'relay.example.jp',
    );
    const overlong = consentMailEnv.safeParse({ ...base, CONSENT_MAIL_VENDOR_NAME: 'x'.repeat(201) });
    expect(overlong.success).toBe(false);
    expect(overlong.error?.issues.map((i) => i.path)).toEqual([['CONSENT_MAIL_VENDOR_NAME']]);
  });
});
