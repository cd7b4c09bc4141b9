// Fastmail: settings only (app password, login address); no failure wording is sourced, so no signatures.
import type { ProviderInput } from '../schema.js';

export const fastmail: ProviderInput = {
  id: 'fastmail',
  name: 'Fastmail',
  kind: 'mailbox',
  recognise: {
    hosts: ['smtp.fastmail.com', 'smtp.messagingengine.com'],
    mxHosts: ['*.messagingengine.com'],
    emailDomains: ['fastmail.com', 'fastmail.fm', 'fastmail.net'],
  },
  submission: {
    endpoints: [
      { host: 'smtp.fastmail.com', port: 465, security: 'tls' },
      {
        host: 'smtp.fastmail.com',
        port: 587,
        security: 'starttls',
        note: 'supported, but Fastmail strongly prefers 465',
      },
    ],
    username: {
      form: 'address',
      text: 'your Fastmail login address (the one you registered with), even when sending from an alias',
    },
    secret: 'an app password with access "Mail (IMAP/POP/SMTP)" — not the web login password',
    mechanisms: ['PLAIN', 'LOGIN'],
    notes: ['Use the login address as user name, not an alias or a custom-domain address.'],
    sources: [
      "deltachat/provider-db@5c14381:_providers/fastmail.md (servers from https://www.fastmail.help/hc/en-us/articles/1500000278342; 587 STARTTLS 'technically supported but very strongly discouraged'; app password required; login name for aliases)",
      'nodemailer/nodemailer@9.0.5:lib/well-known/services.json (FastMail: smtp.fastmail.com 465 secure)',
    ],
    verified: '2026-11-24',
  },
  docs: [
    { title: 'Fastmail: server names and ports', url: 'https://www.fastmail.help/hc/en-us/articles/1500000278342' },
  ],
  signatures: [],
};
