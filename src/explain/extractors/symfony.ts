// Symfony Mailer / Laravel / SwiftMailer: Expected response code "235" but got code "535", with message "535-…".
import type { Phase } from '../../model/transcript.js';
import { wireLines, type Extractor, type FoundReply } from './types.js';

const EXPECTED =
  /Expected response code "?([\d/]+)"? but got (?:code "?(\d{3})"?)(?:, with message "([\s\S]*?)")?\.?(?=["\s]|$)/g;

function phaseOf(expected: string[]): Phase | null {
  if (expected.includes('235') || expected.includes('334')) return 'auth';
  if (expected.includes('354')) return 'data';
  if (expected.includes('221')) return 'quit';
  return null;
}

/**
 * SwiftMailer's and Symfony Mailer's authenticator loop names the mechanism each message came from: "Authenticator LOGIN
 * returned Expected response code …", "Authenticator "LOGIN" returned "Expected response code …" (swiftmailer
 * lib/classes/Swift/Transport/Esmtp/AuthHandler.php, symfony/mailer Transport/Smtp/EsmtpTransport.php).
 */
const AUTHENTICATOR = /Authenticator "?[\w-]{1,20}"? returned "?$/;

export const symfony: Extractor = {
  id: 'symfony',
  extract(text) {
    const out: FoundReply[] = [];
    for (const m of text.matchAll(EXPECTED)) {
      const [whole, expected = '', code = '', message] = m;
      const body = message ?? code;
      const lines = /^\d{3}[ -]/.test(body)
        ? body
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== '')
        : wireLines(Number(code), body);
      const codes = expected.split('/');
      // A success or go-ahead that is not the one expected answers an earlier command (the session is out of step,
      // e.g. a pipelined 250 read where DATA's 354 belongs): it is not the reply to the command the codes name.
      const outOfStep = Number(code) < 400 && !codes.includes(code);
      out.push({
        lines,
        phase: outOfStep
          ? null
          : (phaseOf(codes) ?? (AUTHENTICATOR.test(text.slice(Math.max(0, m.index - 40), m.index)) ? 'auth' : null)),
        start: m.index,
        end: m.index + whole.length,
        source: 'symfony',
      });
    }
    return out;
  },
};
