// Persona registry: the table of contents of the lab's providers, and lookup by id or common alias.
import { InputError } from '../../model/errors.js';
import { exchange } from './exchange.js';
import { exim } from './exim.js';
import { gmail } from './gmail.js';
import { haraka } from './haraka.js';
import { icloud } from './icloud.js';
import { mailgun } from './mailgun.js';
import { microsoft365 } from './microsoft365.js';
import { opensmtpd } from './opensmtpd.js';
import { plain } from './plain.js';
import { postfixDovecot } from './postfix-dovecot.js';
import { postmark } from './postmark.js';
import { sendgrid } from './sendgrid.js';
import { ses } from './ses.js';
import type { Persona } from './types.js';
import { yahoo } from './yahoo.js';

export const PERSONAS: readonly Persona[] = [
  plain,
  gmail,
  microsoft365,
  yahoo,
  icloud,
  ses,
  sendgrid,
  mailgun,
  postmark,
  postfixDovecot,
  exim,
  exchange,
  haraka,
  opensmtpd,
];

const ALIASES: Readonly<Record<string, string>> = {
  google: 'gmail',
  m365: 'microsoft365',
  office365: 'microsoft365',
  outlook: 'microsoft365',
  microsoft: 'microsoft365',
  aol: 'yahoo',
  'amazon-ses': 'ses',
  postfix: 'postfix-dovecot',
  dovecot: 'postfix-dovecot',
  'exchange-onprem': 'exchange',
  smtp: 'plain',
  permissive: 'plain',
};

export function findPersona(name: string): Persona {
  const key = name.trim().toLowerCase();
  const id = ALIASES[key] ?? key;
  const persona = PERSONAS.find((p) => p.id === id);
  if (!persona)
    throw new InputError(`unknown persona ${JSON.stringify(name)} (personas: ${PERSONAS.map((p) => p.id).join(', ')})`);
  return persona;
}

/** The persona that imitates a knowledge provider, if the lab has one. */
export function personaForProvider(providerId: string): Persona | undefined {
  return PERSONAS.find((p) => p.providers.includes(providerId));
}
