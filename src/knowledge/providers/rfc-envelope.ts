// Generic signatures of the mail transaction (MAIL, RCPT, DATA) and of refused service: words any server uses, by RFC 5321/3463.
import type { ProviderInput } from '../schema.js';

type SignatureInput = ProviderInput['signatures'][number];

const RFC5321_REPLIES = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.2 (reply codes by function)';
const RFC5321_SEQUENCES = 'https://www.rfc-editor.org/rfc/rfc5321#section-4.3.2 (command–reply sequences)';
const RFC5321_DATA = 'https://www.rfc-editor.org/rfc/rfc5321#section-3.3 (DATA without an accepted RCPT: 503 or 554)';
const RFC3463_ADDRESS = 'https://www.rfc-editor.org/rfc/rfc3463#section-3.2 (X.1.x addressing status)';
const RFC3463_MAILBOX = 'https://www.rfc-editor.org/rfc/rfc3463#section-3.3 (X.2.x mailbox status)';
const RFC3463_SYSTEM = 'https://www.rfc-editor.org/rfc/rfc3463#section-3.4 (X.3.x mail system status)';
const POSTFIX_CHECK = 'vdukhovni/postfix@17830e5c1:postfix/src/smtpd/smtpd_check.c';
const POSTFIX_SMTPD = 'vdukhovni/postfix@17830e5c1:postfix/src/smtpd/smtpd.c';
const VERIFIED = '2026-12-07';

const checkRecipient = {
  // The test-send rule's fix (its key): a live check's two readings of one refusal merge into one fix.
  id: 'test-send.check-recipient',
  text: 'Check the recipient address for typos; try a recipient at another domain to tell a bad address from a relay refusal.',
};
const sendAsLogin = {
  id: 'envelope.send-as-login',
  text: 'Send from the address of the account you log in with (or an alias the provider lets it use), as a bare address: user@example.org.',
};
/** Shared with rfc.authentication-required: one piece of advice, one key. */
export const authAfterStarttls = {
  id: 'rfc.auth-after-starttls',
  text: 'If the server offers AUTH only after STARTTLS, turn STARTTLS (or implicit TLS on 465) on.',
};
const notThePassword = {
  topic: 'change-password',
  text: 'Changing the password',
  why: 'the refusal is about the message or its addresses, not the login.',
};

export const envelopeSignatures: SignatureInput[] = [
  {
    id: 'rfc.sender-address-refused',
    phases: ['mail', 'rcpt', 'data'],
    match: {
      codes: [550, 450, 451, 501, 504, 553, 554, 555],
      text: 'sender address rejected|sender verify\\s+failed|sender (?:address )?(?:syntax|verification failed)|bad sender|invalid sender|sender .{0,40}(?:not (?:allowed|permitted)|denied)|(?:mail from|sender) address must (?:be (?:the )?same as|match) (?:the )?(?:authori[sz]ation|authenticated|login) user|mail from"? (?:must (?:equal|match)|doesn\'t conform with|does not (?:conform with|match))',
    },
    // A server's words that the envelope sender must be the logged-in account: no other meaning, also without a code.
    standalone:
      'MAIL FROM"? (?:must (?:equal|match)|doesn\'t conform with|does not (?:conform with|match)) (?:the )?(?:authenticat|authori[sz]ed user|logged[ -]in)',
    causes: [
      {
        finding: 'sender-rejected',
        title: 'The server refused the sender address',
        summary:
          'The reply says the sender (MAIL FROM) address was refused: its syntax, its domain (not found, cannot receive replies), or a policy that ties the sender to the login. Servers such as Postfix check the sender only when the recipient comes, so the refusal may answer RCPT.',
        confidence: 'medium',
        fixes: [
          sendAsLogin,
          { text: 'Check that the sender’s domain exists and has DNS records (MX or A) that accept mail.' },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['450 4.1.8 <bounce@example.invalid>: Sender address rejected: Domain not found'],
    sources: [
      `${POSTFIX_CHECK} ("<%s>: %s rejected: Domain not found", "need fully-qualified address", checked at RCPT by default)`,
      'https://docs.mxroute.com/docs/troubleshooting/sender-verify-failed.html (Exim\'s "Sender verify failed": the callout to the sender\'s domain failed)',
      "observed:https://github.com/bitnami/bitnami-docker-redmine/issues/100 (\"501 mail from address must be same as authorization user\": Tencent's QQ Mail and Exmail refuse a MAIL FROM other than the login's address; fixed by sending from the login's address)",
      'observed:https://github.com/matomo-org/matomo/issues/12426 ("Mail from must equal authorized user" when the envelope sender was not the SMTP login)',
      "observed:https://github.com/PHPMailer/PHPMailer/issues/885 ('\"MAIL FROM\" doesn't conform with authentication' when From differed from the user name)",
      RFC3463_ADDRESS,
      RFC5321_SEQUENCES,
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.recipient-address-refused',
    phases: ['rcpt', 'data'],
    match: {
      codes: [550, 450, 451, 501, 551, 552, 553, 554],
      text: 'recipient address rejected|bad recipient|invalid recipient|recipient (?:address )?(?:reserved|unknown|not found|invalid)|user unknown|unknown user|no such (?:user|mailbox|recipient)|mailbox (?:not found|does not exist|unknown)|(?:account|address|mailbox) (?:that you tried to reach )?does not exist',
    },
    causes: [
      {
        finding: 'recipient-rejected',
        title: 'The server refused the recipient address',
        summary:
          'The reply says the recipient (RCPT TO) address was refused: the mailbox does not exist there, the address is malformed or reserved, or a policy refuses it. The login is not what was refused.',
        confidence: 'medium',
        fixes: [checkRecipient],
        deadEnds: [notThePassword],
      },
    ],
    // Postfix's words for a recipient its tables do not hold: no other meaning, also without the code.
    standalone:
      'Recipient address rejected: User unknown in (?:local recipient|virtual mailbox|virtual alias|relay recipient) table',
    samples: ['550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in local recipient table'],
    sources: [
      `${POSTFIX_CHECK} ("<%s>: %s rejected: User unknown%s"; "in local recipient table", "in virtual mailbox table", "in virtual alias table", "in relay recipient table")`,
      RFC3463_ADDRESS,
      RFC5321_SEQUENCES,
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.no-valid-recipients',
    phases: ['data'],
    match: {
      codes: [503, 554, 550],
      text: 'no valid recipients|need RCPT|RCPT (?:TO )?(?:command )?(?:expected|first)',
    },
    causes: [
      {
        finding: 'recipient-rejected',
        detail: 'none-accepted',
        title: 'No recipient was accepted before DATA',
        summary:
          'The server refused DATA because it accepted none of the recipients (RFC 5321 §3.3: 503 or 554 "no valid recipients"): every RCPT was refused earlier, or the client never sent one. The earlier refusal of the recipients says why.',
        confidence: 'medium',
        fixes: [
          checkRecipient,
          {
            text: 'Look for the reply to RCPT TO earlier in the log (or turn the client’s debug output on): it names the reason each recipient was refused.',
          },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['554 5.5.1 Error: no valid recipients'],
    sources: [`${POSTFIX_SMTPD} ("554 5.5.1 Error: no valid recipients")`, RFC5321_DATA],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.bad-sequence',
    phases: ['mail', 'rcpt', 'data'],
    match: { codes: [503], requirePhase: true },
    causes: [
      {
        finding: 'protocol-violation',
        detail: 'bad-sequence',
        title: 'The client sent a command out of order',
        summary:
          'The server answered 503 "Bad sequence of commands" to a command of the mail transaction: the client sent MAIL inside an open transaction, RCPT before MAIL, or DATA before RCPT — typically a reused (pooled) connection that was not reset, or a client that went on after an earlier refusal.',
        confidence: 'medium',
        fixes: [
          {
            text: 'Read the reply before this one: a refused MAIL or RCPT often makes the next command out of order.',
          },
          {
            text: 'If the client keeps connections open (a pool), make it send RSET (or open a new connection) between messages.',
          },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['503 5.5.1 Error: nested MAIL command'],
    sources: [`${POSTFIX_SMTPD} ("503 5.5.1 Error: nested MAIL command", "need MAIL command")`, RFC5321_REPLIES],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.message-refused',
    phases: ['data'],
    match: { codes: [550, 551, 553, 554], requirePhase: true },
    causes: [
      {
        finding: 'sender-rejected',
        detail: 'message-refused',
        title: 'The server refused the message after the login',
        summary:
          'The server accepted the login, the sender and the recipients, then refused the message itself after its data: a content or spam filter, or a policy about the sender (its domain’s SPF, DKIM or DMARC, its reputation). The login works.',
        confidence: 'medium',
        fixes: [
          {
            text: 'Read the reply text and the URL it gives: it names the filter or policy that refused the message.',
          },
          {
            text: 'Send a short plain-text test message from the login’s own address: if it goes through, the content or the From address of the refused one is the cause.',
          },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['550 5.7.1 Error: message content rejected'],
    sources: [
      'vdukhovni/postfix@17830e5c1:postfix/src/global/cleanup_strerror.c (CLEANUP_STAT_CONT: 550 5.7.1 "message content rejected", sent after the message data by smtpd.c)',
      RFC5321_SEQUENCES,
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.storage-exceeded',
    phases: ['data'],
    match: { codes: [552], requirePhase: true },
    causes: [
      {
        finding: 'quota-exceeded',
        title: 'The message exceeded a storage allocation',
        summary:
          'After the message data the server answered 552 "Requested mail action aborted: exceeded storage allocation" (RFC 5321): the message is larger than the server accepts, or a mailbox or sending quota is used up.',
        confidence: 'medium',
        fixes: [
          { text: 'Send a smaller message: link large files instead of attaching them.' },
          { text: 'Read the reply text: it says whether a size limit or a quota was exceeded.' },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['552 Requested mail action aborted: exceeded storage allocation'],
    sources: [RFC5321_REPLIES, RFC5321_SEQUENCES],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.quota-words',
    phases: ['data', 'rcpt', 'mail', 'auth'],
    match: {
      codes: [550, 421, 450, 451, 452, 454, 552, 554],
      text: '(?:sending|send|message|daily|hourly|relay) (?:quota|limit)s? (?:exceeded|reached)|exceeded (?:its|your|the)? ?.{0,30}(?:quota|sending limit)|over (?:your|its|the) .{0,20}quota|quota (?:exceeded|reached)|would take you over|reached (?:its|your|the) [\\w ]{0,30}quota|(?:messages?|e-?mails?|mails|recipients) ?(?:per|/|a) ?day\\b|limit on the number of (?:allowed )?outgoing (?:e-?mail )?messages (?:was|has been) exceeded',
    },
    // A sending limit named as used up says what was refused even where a client printed the words without the code
    // ("User … has exceeded its 24-hour sending limit"; Gmail's "Daily user sending quota exceeded").
    standalone:
      'has exceeded (?:its|your|the) [\\w -]{0,30}sending (?:limit|quota)|(?:daily|hourly) (?:user )?sending (?:quota|limit) exceeded',
    causes: [
      {
        finding: 'quota-exceeded',
        title: 'A sending or storage quota is used up',
        summary:
          'The reply says a quota or sending limit was reached: the account sent as many messages as its plan allows in a period, or the recipient’s mailbox is full. The login and the addresses are not what was refused.',
        confidence: 'medium',
        fixes: [
          {
            text: 'Wait for the period to reset (often 24 hours), or raise the limit with the provider; send large batches through a service made for bulk mail.',
          },
          { text: 'If the reply names a recipient’s mailbox as full, the recipient has to make room.' },
        ],
        deadEnds: [
          notThePassword,
          {
            topic: 'retry',
            text: 'Retrying at once',
            why: 'every attempt counts against the same quota until it resets.',
          },
        ],
      },
    ],
    samples: ['552 5.2.2 <bob@example.org> Quota exceeded (mailbox for user is full)'],
    sources: [
      RFC3463_MAILBOX,
      'dovecot/core@2.3.19.1:src/plugins/quota/quota.c (DEFAULT_QUOTA_EXCEEDED_MSG "Quota exceeded (mailbox for user is full)")',
      'observed:https://github.com/PHPMailer/PHPMailer/issues/2113 (Gmail: 550 5.4.5 Daily user sending quota exceeded)',
      "observed:https://github.com/nodemailer/nodemailer/issues/1137 ('User … has exceeded its 24-hour sending limit', printed without the code; maintainer: the provider's daily limit)",
      "https://support.plesk.com/hc/en-us/articles/213389069-How-outgoing-messages-limit-works (Plesk's outgoing mail limit: '5.7.0 Your message could not be sent. The limit on the number of allowed outgoing messages was exceeded. Try again later.')",
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.message-too-big',
    phases: ['data', 'mail'],
    match: {
      codes: [552, 554, 550, 452],
      text: 'message (?:size )?(?:exceeds|exceeded|is too (?:big|large)|too (?:big|large))|(?:maximum|max) (?:message )?size (?:exceeded|limit)|size (?:limit )?exceeded',
    },
    // Postfix's "Message size exceeds fixed limit", Exchange's "Message size exceeds maximum size limit": the size limit,
    // named in words no other refusal uses, also where a client printed them without the code.
    standalone: 'message size exceeds (?:the )?(?:fixed |maximum |max )*(?:message )?(?:size )?limit',
    causes: [
      {
        finding: 'quota-exceeded',
        detail: 'message-size',
        title: 'The message is larger than the server accepts',
        summary:
          'The reply says the message exceeds the server’s size limit (RFC 3463 X.3.4 "message too big for system", X.2.3 "message length exceeds administrative limit"). Attachments grow by about a third when encoded for mail.',
        confidence: 'medium',
        fixes: [
          { text: 'Send a smaller message: link large files instead of attaching them, or compress them.' },
          {
            text: 'The server’s EHLO reply states its limit (SIZE followed by a number of bytes): keep messages below it.',
          },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['552 5.3.4 Message size exceeds fixed limit'],
    sources: [
      `${POSTFIX_CHECK} (552 5.3.4 "Message size exceeds fixed limit")`,
      RFC3463_SYSTEM,
      'https://www.rfc-editor.org/rfc/rfc1870 (SIZE: the limit the server advertises)',
      "observed:https://github.com/pankleks/pm2-health/issues/52 (Exchange Online: 'MapiExceptionMaxSubmissionExceeded; Message size exceeds maximum size limit.'; fixed by sending without the attachments)",
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.insufficient-storage',
    phases: ['mail', 'rcpt', 'data'],
    match: { codes: [452, 451, 421], text: 'insufficient (?:system )?storage' },
    causes: [
      {
        finding: 'service-unavailable',
        detail: 'storage',
        title: 'The server is out of storage for now',
        summary:
          'The server refused the transaction because its own disk or queue is full (RFC 3463 X.3.1 "mail system full"). A temporary problem of the server, not of the client, the login or the message.',
        confidence: 'medium',
        fixes: [
          { text: 'Try again later: the client usually retries a 4xx by itself.' },
          { text: 'If you run the server: free disk space where the mail queue lives.' },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['452 4.3.1 Insufficient system storage'],
    sources: [`${POSTFIX_CHECK} (smtpd_check_queue: 452 4.3.1 "Insufficient system storage")`, RFC3463_SYSTEM],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.client-blocked',
    phases: ['rcpt', 'greeting', 'ehlo', 'mail', 'data'],
    match: {
      codes: [421, 450, 451, 550, 553, 554],
      text: 'client host (?:\\[[^\\]]*\\] )?(?:blocked|rejected)|blocked (?:using|by) |\\b(?:spamhaus|spamcop|barracudacentral|sorbs)\\b|\\b(?:RBL|DNSBL)\\b|(?:black|block)list(?:ed)?\\b|(?:IP|address) .{0,40}(?:is )?(?:blocked|listed)\\b',
    },
    causes: [
      {
        finding: 'ip-not-allowed',
        detail: 'blocklisted',
        title: 'The server refuses mail from this IP address',
        summary:
          'The reply says the client’s IP address or host is blocked: it is on a DNS blocklist (Spamhaus and others), has a poor reputation, or has no proper reverse DNS. Nothing in the login changes it; the address you send from does.',
        confidence: 'medium',
        fixes: [
          {
            text: 'Send through your provider’s submission server (port 587 or 465, with a login) instead of delivering straight to the recipient’s server.',
          },
          {
            text: 'Look the sending IP up on the blocklist the reply names, and follow its removal procedure (fix the cause first: an open relay, a compromised account, missing reverse DNS).',
          },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org'],
    sources: [
      'vdukhovni/postfix@17830e5c1:postfix/src/global/mail_params.h (DEF_DEF_RBL_REPLY "$rbl_code Service unavailable; $rbl_class [$rbl_what] blocked using $rbl_domain")',
      'observed:https://github.com/ActiveCampaign/smtp-field-manual/pull/60 (Orange: 550 … Client host blocked for spamming issues)',
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.service-not-available',
    phases: ['ehlo', 'mail', 'rcpt', 'data'],
    match: {
      codes: [421, 450, 451, 550, 554],
      text: 'no SMTP service|service not (?:available|active)|service (?:is )?(?:temporarily )?unavailable(?!;? *client host)|not accepting (?:mail|messages|connections)',
    },
    causes: [
      {
        finding: 'service-unavailable',
        title: 'The server refused service',
        summary:
          'The reply says the server will not provide service to this client now (RFC 5321: 421 "Service not available", 554 "No SMTP service here"): it is overloaded or shutting down, or it refuses this client (its address, its reverse DNS) before any login.',
        confidence: 'medium',
        fixes: [
          { text: 'Read the reply text for the reason (a blocklist, too many connections, missing reverse DNS).' },
          {
            text: 'Try the provider’s submission host and port (587 or 465, with a login) rather than a receiving (MX) host on port 25.',
          },
        ],
        deadEnds: [notThePassword],
      },
    ],
    samples: ['421 mail.example.org Service not available, closing transmission channel'],
    sources: [
      'https://www.rfc-editor.org/rfc/rfc5321#section-3.8 (421 Service not available)',
      'https://www.rfc-editor.org/rfc/rfc5321#section-3.1 (554 No SMTP service here)',
      'observed:https://github.com/OpenSMTPD/OpenSMTPD/issues/446 (GMX: 554-… Service not available / 554-No SMTP service)',
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
    notes: 'At the greeting the code alone says as much: rfc.greeting-refused reads it there.',
  },
  {
    id: 'rfc.authentication-required-words',
    phases: ['mail', 'rcpt', 'data'],
    // Not 530: that code says "authentication required" by itself (rfc.authentication-required).
    match: {
      codes: [550, 553, 554, 503, 502, 505, 451, 454],
      text: 'authentication (?:is )?required|(?:client|sender|user|session) (?:was |is )?not authenticated|unauthenticated (?:senders?|users?|mail|relay)|must (?:first )?authenticate|authenticate first|send AUTH command first|SMTP AUTH(?:entication)? (?:is )?required|please (?:log ?in|authenticate)',
    },
    causes: [
      {
        finding: 'credentials-missing',
        title: 'The server wants a login before it takes mail',
        summary:
          'The reply says the session is not authenticated: the client never logged in (no credentials configured, AUTH switched off, or AUTH not offered before TLS), or it went on after a refused login.',
        confidence: 'medium',
        fixes: [
          {
            text: 'Configure the user name and password and turn authentication on in the client; check that an AUTH command appears before MAIL FROM.',
          },
          authAfterStarttls,
        ],
        deadEnds: [{ topic: 'change-password', text: 'Changing the password', why: 'no login was in force.' }],
      },
    ],
    samples: ['550 Authentication is required for relay'],
    sources: [
      'https://www.rfc-editor.org/rfc/rfc4954#section-6 (530 5.7.0 Authentication required; servers word it under other codes)',
      'observed:https://github.com/4IceG/luci-app-sms-tool-js/issues/45 (MAIL FROM failed: 550 Authentication is required for relay)',
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
  {
    id: 'rfc.message-queued',
    phases: ['data'],
    match: { codes: [250], text: '\\bqueued\\b|accepted for delivery|message accepted' },
    causes: [
      {
        finding: 'message-accepted',
        title: 'The message was accepted',
        summary:
          'The server accepted the message and queued it for delivery (250 after the message data): login and submission work. A message that never arrives went missing after this point — in the recipient’s spam folder, a later bounce, or the recipient’s filters.',
        confidence: 'high',
        fixes: [
          {
            text: 'Look for the message in the recipient’s spam folder, and for a bounce in the sender’s mailbox; the queue id in the reply finds it in the server’s log.',
          },
        ],
      },
    ],
    samples: ['250 2.0.0 Ok: queued as 4Yz1Xq2Kp9z3'],
    sources: [
      `${POSTFIX_SMTPD} ("250 2.0.0 Ok: queued as %s" after the message data)`,
      'https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.4',
    ],
    verified: VERIFIED,
    certainty: 'confirmed',
  },
];
