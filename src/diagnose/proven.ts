// Proven endpoints as fixes: the ports and TLS modes this run showed to work — what the probe proved outranks a guess.
import { fix, type FixRef } from './cite.js';
import type { DiagnoseContext } from './context.js';
import { provenEndpoints } from './reading/endpoints.js';

/** "Use STARTTLS on port 587: smtp-doctor logged in there." — the best proven endpoints, at most `limit`. */
export function provenFixes(context: DiagnoseContext, limit = 2): FixRef[] {
  return provenEndpoints(context)
    .slice(0, limit)
    .map((s, i) => {
      const { port, security } = s.record.target;
      return fix(
        'proven.use-endpoint',
        { first: i === 0, security, port, loggedIn: s.record.outcome === 'authenticated' },
        { port, security },
      );
    });
}
