// The command a reply answered, from the words a client or server prints around it.
import type { Phase } from '../../model/transcript.js';

/**
 * Postfix's note of the command a relayed reply answered: "(in reply to end of DATA command)"; and a client's words
 * after the reply it quotes: "… in response to AUTH" (Emacs smtpmail's "Sending failed: … in response to AUTH").
 */
export const IN_REPLY_TO =
  /(?:\(in reply to (?:end of )?|\bin response to (?:the )?)(DATA|MAIL FROM|RCPT TO|RCPT|EHLO|HELO|AUTH|STARTTLS|QUIT)\b(?:[^)\n]*\))?/i;

/** What a client says before the reply about the command that failed. */
const COMMAND_BEFORE: readonly [RegExp, Phase][] = [
  // "Message sent: 250 2.0.0 Ok: queued as …": a program logging the reply that accepted its message (end of DATA).
  [/\b(?:DATA END command failed|data not accepted|end of DATA|(?:message|e-?mail|mail) (?:was )?sent)\b/i, 'data'],
  [
    /\b(?:failed to issue MAIL command|MAIL FROM command failed|MAIL FROM:? (?:failed|rejected)|failed to set sender)\b/i,
    'mail',
  ],
  [/\bRCPT TO command failed\b|\brecipients? (?:failed|rejected)\b|\bfailed to add recipient\b/i, 'rcpt'],
  [/\bSTARTTLS command failed\b/i, 'starttls'],
  [
    /\b(?:Authenticator \w+ returned|AUTH command failed|authentication fail(?:ed|ure)|failed authentication|failed to send AUTH|SMTPAuthenticationError|AuthenticationFailedException|Invalid login|could not authenticate|error while logging in|failed to log ?in|login failed)\b/i,
    'auth',
  ],
];

/**
 * Exim's delivery errors name the command the remote server answered (exim src/transports/smtp.c): "SMTP error from
 * remote mail server after RCPT TO:<…>: ", "after pipelined MAIL FROM:<…> SIZE=…: ", "after AUTH PLAIN: ", "after end of
 * data: ", "after initial connection: "; its bounces "SMTP error from remote server for RCPT TO command, host: … reason: ".
 */
const EXIM_AFTER =
  /\bSMTP error from remote (?:mail )?server (?:after (?:pipelined )?|for )(MAIL FROM|RCPT TO|AUTH|EHLO|HELO|STARTTLS|DATA|end of data|initial connection)\b/i;
const EXIM_PHASES: Readonly<Record<string, Phase>> = { 'end of data': 'data', 'initial connection': 'greeting' };

/** A command named as what failed: "DATA error", "RCPT TO command failed", "AUTH rejected". */
const COMMAND_FAILED =
  /\b(MAIL FROM|MAIL|RCPT TO|RCPT|DATA|AUTH|STARTTLS|EHLO|HELO)(?: command)? (?:error|failed|rejected|refused)\b/;

/** The phase the words before a reply (on its line) name, if any. */
export function phaseBefore(line: string): Phase | null {
  const exim = EXIM_AFTER.exec(line)?.[1];
  if (exim !== undefined) return EXIM_PHASES[exim.toLowerCase()] ?? phaseOfCommandName(exim);
  for (const [re, phase] of COMMAND_BEFORE) if (re.test(line)) return phase;
  const failed = COMMAND_FAILED.exec(line);
  return failed ? phaseOfCommandName(failed[1] ?? '') : null;
}

/** The phase of a command as clients and servers name it in their notes: "MAIL FROM", "RCPT", "EHLO". */
export function phaseOfCommandName(command: string): Phase | null {
  switch (command.toUpperCase()) {
    case 'DATA':
      return 'data';
    case 'MAIL FROM':
    case 'MAIL':
      return 'mail';
    case 'RCPT TO':
    case 'RCPT':
      return 'rcpt';
    case 'EHLO':
      return 'ehlo';
    case 'HELO':
      return 'helo';
    case 'AUTH':
      return 'auth';
    case 'STARTTLS':
      return 'starttls';
    default:
      return null;
  }
}
