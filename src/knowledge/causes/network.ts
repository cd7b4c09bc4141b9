// Causes of the network rule: the connection never reached SMTP — no such name, a refused port, no answer, no route.
import { NETWORK_ERROR_SOURCES } from '../network-errors.js';
import type { CauseArea } from './types.js';

const EC2_PORT_25 =
  'https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html (Amazon EC2 restricts outbound traffic on port 25 by default)';

/**
 * When smtp-doctor chose the host itself (`check alice@example.com` for a domain no known provider serves, so it
 * tried smtp.<domain>): the user never typed that name, and the finding says so.
 */
const GUESSED =
  '{{#guessed}} smtp-doctor guessed this host from the address: {{domain}} is not served by a provider it knows{{#mx}}, and its mail is received by {{mx}}{{/mx}}, so it tried smtp.{{domain}}.{{/guessed}}';
const QUOTED_HOST = '{{#host}}"{{host}}"{{/host}}';

const OTHER_PORT_FIXES = ['network.use-answering-port', 'network.other-port'] as const;

export const network = {
  causes: {
    'network.dns-not-found': {
      finding: 'dns-not-found',
      title: 'The {{#guessed}}guessed {{/guessed}}host name does not exist',
      summary: `${QUOTED_HOST}{{^host}}The host name{{/host}} does not resolve to any address ({{code}}){{#guessed}}.{{/guessed}}{{^guessed}}: a typo in the host name, a name that does not exist, or no DNS on this machine.{{/guessed}}${GUESSED}`,
      fixes: [
        'network.give-documented-host',
        'network.provider-host',
        'network.check-spelling',
        'network.check-resolver',
      ],
      deadEnds: ['change-password-or-tls-settings.no-connection'],
      sources: NETWORK_ERROR_SOURCES,
    },
    'network.dns-temporary': {
      finding: 'dns-not-found',
      detail: 'temporary',
      title: 'The DNS lookup failed for now',
      summary: `The resolver could not look up ${QUOTED_HOST}{{^host}}the host name{{/host}} right now ({{code}}): no DNS server answered. The name itself may be fine.${GUESSED}`,
      fixes: [
        'network.give-documented-host',
        'network.provider-host',
        'network.check-spelling',
        'network.check-resolver',
      ],
      deadEnds: ['change-password-or-tls-settings.no-connection'],
      sources: NETWORK_ERROR_SOURCES,
    },
    'network.refused': {
      finding: 'connection-refused',
      title: 'Nothing accepts connections on that port',
      summary: `The host answered, but refused the TCP connection{{#port}} on port {{port}}{{/port}}: no mail service listens there, or a firewall rejects it.${GUESSED}`,
      fixes: ['network.give-documented-host', ...OTHER_PORT_FIXES, 'network.provider-host', 'network.check-host-port'],
      deadEnds: ['change-password.connection-never-opened'],
      sources: NETWORK_ERROR_SOURCES,
    },
    'network.refused-every-port': {
      finding: 'connection-refused',
      detail: 'every-port',
      title: 'No port accepts connections on this host',
      summary: `{{#host}}{{host}}{{#dialled}} (dialled at {{dialled}}){{/dialled}}{{/host}}{{^host}}The host{{/host}} refused the TCP connection on every submission port tried ({{ports|and}}). No single setting is at fault: either something between this machine and the server rejects outgoing connections to mail ports (a local firewall, the hosting provider or network, a VPN), or this host runs no mail submission service at all.${GUESSED}`,
      fixes: [
        'network.give-documented-host',
        'network.provider-host',
        'network.check-outbound-block',
        'network.documented-host-blocked-here',
        'network.check-submission-host',
      ],
      deadEnds: ['change-password.connection-never-opened'],
      sources: NETWORK_ERROR_SOURCES,
    },
    'network.no-answer': {
      finding: 'connection-timeout',
      title: 'The connection attempt got no answer',
      summary: `{{#unsure}}The client timed out without saying whether it was connecting or waiting for the server's greeting. {{/unsure}}Nothing answered the connection attempt{{#port}} to port {{port}}{{/port}}{{#ownTimeoutMs}} within your own --timeout of {{ownTimeoutMs|seconds}}{{/ownTimeoutMs}}: a firewall drops the packets, or the host is down.{{#port25}} Many networks and cloud providers block outgoing port 25 (AWS EC2 does by default).{{/port25}}${GUESSED}`,
      fixes: [
        'network.give-documented-host',
        ...OTHER_PORT_FIXES,
        'network.check-outbound-allowed',
        'network.provider-host',
        'deadline.raise-timeout',
      ],
      deadEnds: ['raise-timeout.connection-dropped', 'change-password.connection-never-opened'],
      sources: [...NETWORK_ERROR_SOURCES, EC2_PORT_25],
    },
    'network.unreachable': {
      finding: 'connection-timeout',
      detail: 'unreachable',
      title: 'The host is unreachable',
      summary: 'There is no network route to the host ({{code}}).',
      fixes: [
        'network.give-documented-host',
        ...OTHER_PORT_FIXES,
        'network.check-outbound-allowed',
        'network.provider-host',
      ],
      deadEnds: ['raise-timeout.connection-dropped', 'change-password.connection-never-opened'],
      sources: NETWORK_ERROR_SOURCES,
    },
  },
  fixes: {
    'network.give-documented-host': {
      text: "Give the submission host your mail provider documents (its SMTP settings page, or your mail client's outgoing server): smtp-doctor check <host> --user {{user}}.{{#mx}} The MX host {{mx}} receives mail; it often does not take logins on 587 or 465.{{/mx}}",
    },
    'network.provider-host': {
      text: 'Use {{providerName}}’s submission host {{submissionHost}}, port {{submissionPort}}.',
    },
    'network.check-spelling': { text: 'Check the spelling of the SMTP host (a common slip: smtp.gmial.com).' },
    'network.check-resolver': {
      text: 'Check that this machine can resolve names at all (e.g. `getent hosts smtp.gmail.com`).',
    },
    'network.check-host-port': { text: 'Check the host and port in your settings.' },
    'network.use-answering-port': {
      text: 'Port {{otherPort}} with {{otherSecurity|mode}} works on this host: use it.',
    },
    'network.other-port': {
      text: '{{#first}}Try{{/first}}{{^first}}Or{{/first}} port {{otherPort}} with {{otherSecurity|mode}}{{#documentedBy}}, as {{documentedBy}} documents{{/documentedBy}}.',
    },
    'network.check-outbound-allowed': {
      text: 'Check that outgoing connections to this port are allowed (firewall, hosting provider, corporate network).',
    },
    'network.check-outbound-block': {
      text: 'Check whether outgoing connections to mail ports are blocked here: a local firewall, the hosting or cloud provider (many block 25, some also 465 and 587), a corporate network or VPN. Try from another network to tell.',
      sources: [EC2_PORT_25],
    },
    'network.documented-host-blocked-here': {
      text: '{{host}} is {{providerName}}’s documented submission host, so the block is most likely on this side: ask whoever runs this network or machine to allow outgoing connections to ports 465 and 587.',
    },
    'network.check-submission-host': {
      text: 'Check that the host is your provider’s mail submission server (its SMTP settings page), not a web or MX host.',
    },
  },
  deadEnds: {
    'change-password-or-tls-settings.no-connection': {
      topic: 'change-password-or-tls-settings',
      text: 'Changing the password or TLS settings',
      why: 'no connection was ever made.',
    },
    'raise-timeout.connection-dropped': {
      topic: 'raise-timeout',
      text: 'Raising the timeouts',
      why: 'a dropped connection attempt never completes, however long you wait.',
    },
  },
  notes: {
    'network.dns-error': { text: '{{host}}: {{message}} ({{code}})' },
  },
} as const satisfies CauseArea;
