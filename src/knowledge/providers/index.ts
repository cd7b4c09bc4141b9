// Provider registry: every knowledge file, in the order they are matched when nothing else decides.
import type { ProviderInput } from '../schema.js';
import { brevo } from './brevo.js';
import { dovecot } from './dovecot.js';
import { exchange } from './exchange.js';
import { exim } from './exim.js';
import { fastmail } from './fastmail.js';
import { gmx } from './gmx.js';
import { goSmtp } from './go-smtp.js';
import { google } from './google.js';
import { haraka } from './haraka.js';
import { icloud } from './icloud.js';
import { mailgun } from './mailgun.js';
import { mailjet } from './mailjet.js';
import { microsoft365 } from './microsoft365.js';
import { opensmtpd } from './opensmtpd.js';
import { postfix } from './postfix.js';
import { postmark } from './postmark.js';
import { proton } from './proton.js';
import { rfc } from './rfc.js';
import { sendgrid } from './sendgrid.js';
import { ses } from './ses.js';
import { smtpServer } from './smtp-server.js';
import { sparkpost } from './sparkpost.js';
import { yahoo } from './yahoo.js';
import { zoho } from './zoho.js';

/** Mailbox providers, then transactional services, then server software; the generic RFC meanings last. */
export const PROVIDER_FILES: readonly ProviderInput[] = [
  google,
  microsoft365,
  yahoo,
  icloud,
  zoho,
  fastmail,
  gmx,
  proton,
  ses,
  sendgrid,
  mailgun,
  postmark,
  brevo,
  mailjet,
  sparkpost,
  postfix,
  dovecot,
  exim,
  exchange,
  smtpServer,
  haraka,
  opensmtpd,
  goSmtp,
  rfc,
];
