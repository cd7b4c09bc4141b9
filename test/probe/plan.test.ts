import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoCandidates, defaultSecurity, planProbes } from '../../src/probe/plan.js';

const short = (specs: { port: number; security: string; role?: string }[]) =>
  specs.map((s) => `${s.port}/${s.security}${s.role === 'configured' ? '*' : ''}`);

test('plan: the configured endpoint comes first, then the standard ones without duplicates', () => {
  assert.deepEqual(short(planProbes({ port: 587, security: 'starttls' })), [
    '587/starttls*',
    '465/tls',
    '2525/starttls',
    '25/starttls',
    '587/tls',
  ]);
  assert.deepEqual(short(planProbes({ port: 465, security: 'starttls' })), [
    '465/starttls*',
    '465/tls',
    '587/starttls',
    '2525/starttls',
    '25/starttls',
  ]);
});

test('plan: a custom port is also tried with the other TLS mode', () => {
  assert.deepEqual(short(planProbes({ port: 2465, security: 'tls' }, [])), ['2465/tls*']);
  assert.deepEqual(short(planProbes({ port: 2465, security: 'tls' }, [{ port: 2587, security: 'starttls' }])), [
    '2465/tls*',
    '2587/starttls',
    '2465/starttls',
  ]);
});

test('plan: a plaintext setting is also tried with STARTTLS and implicit TLS on the same port', () => {
  assert.deepEqual(short(planProbes({ port: 2525, security: 'none' }, [{ port: 465, security: 'tls' }])), [
    '2525/none*',
    '465/tls',
    '2525/starttls',
    '2525/tls',
  ]);
});

test('plan: default security is implicit TLS on 465 only', () => {
  assert.equal(defaultSecurity(465), 'tls');
  assert.equal(defaultSecurity(587), 'starttls');
  assert.equal(defaultSecurity(25), 'starttls');
});

test('plan: auto tries both modes on a given port, then the alternatives; without a port every standard endpoint', () => {
  assert.deepEqual(short(autoCandidates(587, [])), ['587/starttls', '587/tls']);
  assert.deepEqual(short(autoCandidates(587)), ['587/starttls', '587/tls', '465/tls', '2525/starttls', '25/starttls']);
  assert.deepEqual(short(autoCandidates(20990, [{ port: 20991, security: 'tls' }])), [
    '20990/starttls',
    '20990/tls',
    '20991/tls',
  ]);
  assert.deepEqual(short(autoCandidates(undefined)), ['465/tls', '587/starttls', '2525/starttls', '25/starttls']);
});
