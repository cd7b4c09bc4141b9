// Enhanced status codes (RFC 3463, RFC 2034): recognising "5.7.8 " at the start of a reply line.
import type { EnhancedStatus } from '../model/reply.js';

const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?: +|$)/;

export interface EnhancedMatch {
  status: EnhancedStatus;
  /** Characters taken by the code and the spaces after it. */
  length: number;
}

export function matchEnhanced(text: string): EnhancedMatch | null {
  const m = ENHANCED.exec(text);
  if (!m) return null;
  const [whole, cls, subject, detail] = m as unknown as [string, string, string, string];
  return {
    status: {
      code: `${cls}.${Number(subject)}.${Number(detail)}`,
      class: Number(cls) as 2 | 4 | 5,
      subject: Number(subject),
      detail: Number(detail),
    },
    length: whole.length,
  };
}
