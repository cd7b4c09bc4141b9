// install.sh puts back the machine's own policy-rc.d (or none) whatever happens, and denies service starts meanwhile.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const SCRIPT = new URL('./servers/install.sh', import.meta.url).pathname;

/**
 * Stand-ins for the package tools: apt-get notes what policy was in force while packages were installed (and
 * fails when told to), dpkg-deb unpacks a fake exim4; the rest only succeed.
 */
const STUBS: Readonly<Record<string, string>> = {
  'apt-get': `#!/bin/sh
case "$1" in
  download) touch exim4-base.deb exim4-daemon-light.deb ;;
  install) cat "$SMTP_DOCTOR_POLICY_RC_D" > "$STUB_LOG"; [ -z "$STUB_APT_FAILS" ] || exit 100 ;;
esac
exit 0
`,
  'dpkg-deb': `#!/bin/sh
mkdir -p "$3/usr/sbin" && printf '#!/bin/sh\\necho "Exim version 4.96 (stub)"\\n' > "$3/usr/sbin/exim4" && chmod +x "$3/usr/sbin/exim4"
`,
  'debconf-set-selections': '#!/bin/sh\ncat >/dev/null\n',
  getent: '#!/bin/sh\nexit 0\n',
  postconf: '#!/bin/sh\necho mail_version = 3.7.11\n',
  dovecot: '#!/bin/sh\necho 2.3.19.1\n',
};

const DENY = '#!/bin/sh\nexit 101\n';

describe('interop install.sh and policy-rc.d', () => {
  const root = mkdtempSync(join(tmpdir(), 'smtp-doctor-install-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  let n = 0;
  /** A sandbox: stub tools first on PATH (the real postfix, in /usr/sbin, is not), and paths of its own. */
  function sandbox() {
    const dir = join(root, String(++n));
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    for (const [name, body] of Object.entries(STUBS)) {
      writeFileSync(join(bin, name), body);
      chmodSync(join(bin, name), 0o755);
    }
    const policy = join(dir, 'policy-rc.d');
    const run = (env: Record<string, string> = {}) =>
      spawnSync('bash', [SCRIPT], {
        encoding: 'utf8',
        env: {
          PATH: `${bin}:/usr/bin:/bin`,
          SMTP_DOCTOR_POLICY_RC_D: policy,
          SMTP_DOCTOR_EXIM_PREFIX: join(dir, 'exim'),
          SMTP_DOCTOR_OPENSMTPD_PREFIX: join(dir, 'opensmtpd'),
          STUB_LOG: join(dir, 'policy-during-install'),
          ...env,
        },
      });
    const duringInstall = () => readFileSync(join(dir, 'policy-during-install'), 'utf8');
    return { dir, policy, run, duringInstall };
  }

  test("install.sh: the machine's own policy-rc.d is put back byte for byte, mode included", () => {
    const box = sandbox();
    writeFileSync(box.policy, "#!/bin/sh\n# the container image's own policy\nexit 0\n");
    chmodSync(box.policy, 0o750);
    const r = box.run();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(box.duringInstall(), DENY, 'service starts are denied while packages install');
    assert.equal(readFileSync(box.policy, 'utf8'), "#!/bin/sh\n# the container image's own policy\nexit 0\n");
    assert.equal(statSync(box.policy).mode & 0o777, 0o750);
  });

  test('install.sh: without a policy-rc.d before, none is left after', () => {
    const box = sandbox();
    const r = box.run();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(box.duringInstall(), DENY);
    assert.equal(existsSync(box.policy), false);
  });

  test('install.sh: when the install fails, the policy is put back all the same', () => {
    const box = sandbox();
    writeFileSync(box.policy, 'original\n');
    const r = box.run({ STUB_APT_FAILS: '1' });
    assert.notEqual(r.status, 0);
    assert.equal(box.duringInstall(), DENY);
    assert.equal(readFileSync(box.policy, 'utf8'), 'original\n');
  });

  test('install.sh: a policy-rc.d that is a symlink stays that symlink, and its target is not written through', () => {
    const box = sandbox();
    const target = join(box.dir, 'shared-policy');
    writeFileSync(target, 'shared\n');
    symlinkSync(target, box.policy);
    const r = box.run();
    assert.equal(r.status, 0, r.stderr);
    assert.ok(lstatSync(box.policy).isSymbolicLink());
    assert.equal(readlinkSync(box.policy), target);
    assert.equal(readFileSync(target, 'utf8'), 'shared\n');
  });
});
