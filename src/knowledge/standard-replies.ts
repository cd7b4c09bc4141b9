// Replies servers send whoever logs in — greetings, STARTTLS and closing replies — in their exact wording, with where
// each was seen. Their words are the server's own: a weak password that happens to be one of them ("mail") is no echo.

export interface StandardReply {
  text: string;
  source: string;
}

export const STANDARD_REPLIES: readonly StandardReply[] = [
  {
    text: '220 SY5P282CA0097.outlook.office365.com Microsoft ESMTP MAIL Service ready at Sun, 23 Nov 2025 11:12:20 +0000',
    source:
      'observed:public transcript, search index id 51970297327 (PHP debug against smtp.office365.com:587, the greeting)',
  },
  {
    text: '250 BY3PR04CA0028.outlook.office365.com Hello [134.195.101.47]',
    source: 'observed:public transcript, search index id 25013493813 (EHLO reply of smtp.office365.com)',
  },
  {
    text: '220 mail.example.com ESMTP Postfix (Debian/GNU)',
    source:
      'http://www.postfix.org/postconf.5.html#smtpd_banner (default $myhostname ESMTP $mail_name ($mail_version))',
  },
  {
    text: '220 2.0.0 Ready to start TLS',
    source: 'https://www.rfc-editor.org/rfc/rfc3207#section-4 (220 Ready to start TLS); Postfix adds the enhanced code',
  },
  {
    text: '221 2.0.0 Service closing transmission channel',
    source: 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.2 (221 <domain> Service closing transmission channel)',
  },
  {
    text: '220 mail.example.com Service ready',
    source: 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.2 (220 <domain> Service ready)',
  },
];
