import type { MailMessage } from '../mail/mailer';

/**
 * The mails a registration sends. Plain text with nothing the registering person typed besides the
 * address (a name could carry someone else's words into the owner's inbox), and nothing loaded
 * from elsewhere when opened.
 */

/** To a new address: the link that activates the account. */
export function activationMail(to: string, link: string, validHours: number): MailMessage {
  return {
    to,
    subject: 'Activate your GlucoDiary account',
    text: [
      'Hello,',
      '',
      'someone, hopefully you, has just created a GlucoDiary account with this email address.',
      'To activate it, open this link:',
      '',
      link,
      '',
      `The link works once, for ${validHours} hours. Until then the account cannot be signed in to.`,
      '',
      'If you did not create an account, ignore this email: without the link the account is never',
      'activated, and it is deleted once the link has expired.',
      '',
      'GlucoDiary',
    ].join('\r\n'),
  };
}

/** To the owner of an address that already has an account: someone tried to register it again. */
export function registrationAttemptMail(to: string, signInUrl: string): MailMessage {
  return {
    to,
    subject: 'Someone tried to create a GlucoDiary account with your address',
    text: [
      'Hello,',
      '',
      'someone has just tried to create a GlucoDiary account with this email address. It already has',
      'an account, so nothing was created and nothing about your account has changed.',
      '',
      'If it was you, sign in with your existing account instead:',
      '',
      signInUrl,
      '',
      'If you no longer know its password: where you are still signed in, you can change it on the',
      'Sessions page; otherwise ask whoever runs this GlucoDiary for help.',
      '',
      'If it was not you, you can ignore this email: nobody got access to your account or your diary.',
      '',
      'GlucoDiary',
    ].join('\r\n'),
  };
}
