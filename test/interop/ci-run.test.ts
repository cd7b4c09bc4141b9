// .ci/run refuses a Node.js older than package.json's engines with one clear line, before installing anything.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const CI_RUN = new URL('../../.ci/run', import.meta.url).pathname;
const ENGINES = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

/** What a fake npm prints: the version check passed and the script went on (it stops here, installing nothing). */
const WENT_ON = 'npm reached';

describe('.ci/run checks the Node.js version first', () => {
  const root = mkdtempSync(join(tmpdir(), 'smtp-doctor-ci-run-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  let n = 0;
  /** Runs .ci/run with only a fake node (printing `version`, or none at all) and a fake npm on PATH. */
  function runWith(version: string | null) {
    const bin = join(root, String(++n));
    mkdirSync(bin);
    symlinkSync('/usr/bin/dirname', join(bin, 'dirname'));
    if (version !== null) {
      writeFileSync(join(bin, 'node'), `#!/bin/sh\necho ${version}\n`);
      chmodSync(join(bin, 'node'), 0o755);
    }
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho ${WENT_ON}\nexit 3\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    return spawnSync('/bin/bash', [CI_RUN], { encoding: 'utf8', env: { PATH: bin } });
  }

  test('.ci/run: package.json still asks for >= 20.19, the version the check enforces', () => {
    assert.equal(ENGINES, '>=20.19');
  });

  const refused: [string | null, RegExp][] = [
    ['v20.18.3', /^\.ci\/run: Node\.js >= 20\.19 is required \(package\.json engines\); this machine has v20\.18\.3$/],
    ['v18.20.4', /this machine has v18\.20\.4$/],
    ['v9.99.0', /this machine has v9\.99\.0$/],
    ['not a version', /this machine has not a version$/],
    [null, /^\.ci\/run: Node\.js >= 20\.19 is required, and node is not on PATH$/],
  ];
  for (const [version, message] of refused) {
    test(`.ci/run: node ${version ?? '(missing)'} is refused with one line, before anything is installed`, () => {
      const r = runWith(version);
      assert.equal(r.status, 1);
      assert.match(r.stderr.trim(), message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.ok(!r.stdout.includes(WENT_ON));
    });
  }

  for (const version of ['v20.19.0', 'v20.20.2', 'v22.1.0', 'v24.0.0']) {
    test(`.ci/run: node ${version} passes the check`, () => {
      const r = runWith(version);
      assert.ok(r.stdout.includes(WENT_ON), r.stderr);
      assert.ok(!r.stderr.includes('is required'), r.stderr);
    });
  }
});
