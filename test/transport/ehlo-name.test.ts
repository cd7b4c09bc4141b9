import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { defaultEhloName } from '../../src/transport/ehlo-name.js';

const FQDN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(hostname());

test('ehlo name: an address literal for IPv4, IPv6 and IPv4-mapped local addresses when the host name is no FQDN', (t) => {
  if (FQDN) {
    t.skip('this machine has a fully qualified host name: it is used instead');
    return;
  }
  assert.equal(defaultEhloName('127.0.0.1'), '[127.0.0.1]');
  assert.equal(defaultEhloName('::1'), '[IPv6:::1]');
  assert.equal(defaultEhloName('fe80::1'), '[IPv6:fe80::1]');
  assert.equal(defaultEhloName('::ffff:10.0.0.5'), '[10.0.0.5]');
  assert.equal(defaultEhloName(undefined), '[127.0.0.1]');
});

test('ehlo name: a fully qualified host name is used as it is', (t) => {
  if (!FQDN) {
    t.skip('this machine has no fully qualified host name');
    return;
  }
  assert.equal(defaultEhloName('127.0.0.1'), hostname());
});
