// The real-server matrix: every family × port × TLS mode × mechanism × credentials, checked as a user runs `check`, and
// judged by the report (first finding, working settings, exit code) and by the server's own log (logins it judged).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateLabCertificates, type LabCertificates } from '../../src/lab/certificates.js';
import { skipWithout } from './servers/common.js';
import { FAMILIES, type RunningFamily } from './matrix/families.js';
import { KNOWN_FAILURES } from './matrix/known-failures.js';
import { judge, runScenario } from './matrix/run.js';
import { scenariosOf } from './matrix/scenarios.js';
import type { Logins } from './matrix/server-logs.js';
import { settleServer } from './matrix/settle.js';

/** Set to a file name to get every scenario's problems as JSON (for the known-failure list and docs/accuracy.md). */
const RESULTS_FILE = process.env.SMTP_DOCTOR_MATRIX_RESULTS;
const results: Record<string, { problems: string[]; logins: Logins; exit: number; first: string | null; ms: number }> =
  {};

describe('real-server matrix', { concurrency: FAMILIES.length }, () => {
  let certs: LabCertificates;
  const dir = mkdtempSync(join(tmpdir(), 'smtp-doctor-matrix-'));
  before(async () => {
    // Dovecot submission listens on 127.0.0.2 (see servers/dovecot-submission.ts): its certificate names it too.
    certs = await generateLabCertificates(['localhost', '127.0.0.1', '127.0.0.2', '::1']);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    if (RESULTS_FILE) writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2));
  });

  for (const family of FAMILIES) {
    // One scenario at a time per server: its log tells each scenario's logins apart by when they happened.
    describe(
      `matrix: ${family.title}`,
      { concurrency: 1, skip: skipWithout(family.available(), family.missing) },
      () => {
        let server: RunningFamily;
        let caFile: string;
        let ports: Set<number>;
        before(async () => {
          server = await family.start(certs);
          caFile = join(dir, `${family.id}-ca.pem`);
          writeFileSync(caFile, server.ca.join(''));
          ports = new Set(family.endpoints.map((e) => server.port(e.key)));
        });
        after(() => server.stop());

        for (const scenario of scenariosOf(family)) {
          const known = KNOWN_FAILURES[scenario.id];
          test(`matrix: ${scenario.id}${known ? ' (known failure)' : ''}`, async () => {
            const outcome = await runScenario(family, server, scenario, caFile, (mark) =>
              settleServer(server, ports, mark),
            );
            const problems = judge(family, server, scenario, outcome);
            results[scenario.id] = {
              problems,
              logins: outcome.logins,
              exit: outcome.code,
              first: outcome.report?.findings[0]?.id ?? null,
              ms: Math.round(outcome.ms),
            };
            if (known === undefined) assert.deepEqual(problems, [], `${scenario.id} (${Math.round(outcome.ms)} ms)`);
            else
              assert.notDeepEqual(
                problems,
                [],
                `${scenario.id} is right now: remove it from KNOWN_FAILURES (test/interop/matrix/known-failures.ts)`,
              );
          });
        }
      },
    );
  }
});
