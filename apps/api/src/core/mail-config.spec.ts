import { ConfigError, DEFAULT_MAIL_FROM, loadConfig } from './config';

const load = (env: Record<string, string>) => loadConfig({ JWT_SECRET: 'x'.repeat(40), GRID_CLUSTER_SECRET: 'grid-secret', ...env }, '/tmp');

describe('loadConfig: SMTP_URL, MAIL_FROM and PUBLIC_URL', () => {
  it('sends no mail unless SMTP_URL is set (PUBLIC_URL alone changes nothing)', () => {
    expect(load({}).mail).toBeNull();
    expect(load({ SMTP_URL: '' }).mail).toBeNull();
    expect(load({ PUBLIC_URL: 'https://diary.example.org' }).mail).toBeNull();
  });

  it('takes smtp:// and smtps:// with PUBLIC_URL, trailing slashes dropped, and a default sender', () => {
    expect(load({ SMTP_URL: 'smtp://user:pa%40ss@mail.example.org:587', PUBLIC_URL: 'https://diary.example.org/' }).mail).toEqual({
      smtpUrl: 'smtp://user:pa%40ss@mail.example.org:587',
      from: DEFAULT_MAIL_FROM,
      publicUrl: 'https://diary.example.org',
    });
    const mail = load({ SMTP_URL: 'smtps://mail.example.org', PUBLIC_URL: 'http://192.168.1.20:3000/diary', MAIL_FROM: 'Diary <diary@example.org>' }).mail;
    expect(mail).toMatchObject({ from: 'Diary <diary@example.org>', publicUrl: 'http://192.168.1.20:3000/diary' });
  });

  it('refuses to start with SMTP_URL but no PUBLIC_URL, saying why', () => {
    expect(() => load({ SMTP_URL: 'smtp://mail.example.org' })).toThrow(ConfigError);
    expect(() => load({ SMTP_URL: 'smtp://mail.example.org' })).toThrow(/PUBLIC_URL must be set when SMTP_URL is/);
  });

  it.each(['https://mail.example.org', 'mail.example.org:587', 'smtp://', 'smtp://user:hunter2-secret@'])(
    'refuses SMTP_URL %j without repeating a password',
    (smtpUrl) => {
      const attempt = () => load({ SMTP_URL: smtpUrl, PUBLIC_URL: 'https://diary.example.org' });
      expect(attempt).toThrow(/SMTP_URL/);
      expect(attempt).not.toThrow(/hunter2/);
    },
  );

  it.each(['diary.example.org', 'ftp://diary.example.org', 'https://diary.example.org/?x=1', 'https://diary.example.org/#top', 'https://u:p@diary.example.org'])(
    'refuses PUBLIC_URL %j',
    (publicUrl) => {
      expect(() => load({ SMTP_URL: 'smtp://mail.example.org', PUBLIC_URL: publicUrl })).toThrow(/PUBLIC_URL/);
    },
  );

  it.each(['no address', 'Diary <diary@example.org>\r\nBcc: x@example.org'])('refuses MAIL_FROM %j', (from) => {
    expect(() => load({ SMTP_URL: 'smtp://mail.example.org', PUBLIC_URL: 'https://diary.example.org', MAIL_FROM: from })).toThrow(/MAIL_FROM/);
  });
});
