// Templates: the small language knowledge writes its sentences in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTemplate, render, templateNames, TemplateError } from '../../src/knowledge/template.js';

describe('templates', () => {
  test('template: fills a value', () => {
    assert.equal(render('Port {{port}} expects STARTTLS', { port: 587 }), 'Port 587 expects STARTTLS');
  });
  test('template: a missing value is an error, never an empty hole', () => {
    assert.throws(() => render('Port {{port}}', {}), TemplateError);
  });
  test('template: a section shows only when its value is true, non-empty or non-zero', () => {
    const t = 'A{{#x}} B{{/x}}.';
    assert.equal(render(t, { x: true }), 'A B.');
    assert.equal(render(t, { x: 'yes' }), 'A B.');
    assert.equal(render(t, { x: ['a'] }), 'A B.');
    for (const x of [false, '', 0, [], undefined, null]) assert.equal(render(t, { x }), 'A.');
  });
  test('template: an inverted section shows when the value is false or absent', () => {
    assert.equal(render('{{^x}}none{{/x}}{{#x}}{{x}}{{/x}}', {}), 'none');
    assert.equal(render('{{^x}}none{{/x}}{{#x}}{{x}}{{/x}}', { x: 3 }), '3');
  });
  test('template: sections nest', () => {
    assert.equal(render('{{#a}}[{{#b}}b{{/b}}{{^b}}not b{{/b}}]{{/a}}', { a: 1, b: false }), '[not b]');
  });
  test('template: formats lists, modes, capitals and seconds', () => {
    assert.equal(render('{{x|and}}', { x: ['465', '587', '25'] }), '465, 587 and 25');
    assert.equal(render('{{x|or}}', { x: ['PLAIN', 'LOGIN'] }), 'PLAIN or LOGIN');
    assert.equal(render('{{x|and}}', { x: ['one'] }), 'one');
    assert.equal(render('{{x|spaces}}', { x: ['PLAIN', 'LOGIN'] }), 'PLAIN LOGIN');
    assert.equal(render('{{x|list}}', { x: ['a', 'b'] }), 'a, b');
    assert.equal(render('{{x|mode}}', { x: 'tls' }), 'implicit TLS');
    assert.equal(render('{{x|mode}}', { x: 'starttls' }), 'STARTTLS');
    assert.equal(render('{{x|mode}}', { x: 'none' }), 'no TLS');
    assert.equal(render('{{x|capital}}', { x: 'the server' }), 'The server');
    assert.equal(render('{{x|seconds}}', { x: 30000 }), '30 s');
    assert.equal(render('{{x|seconds}}', { x: 1500 }), '1.5 s');
    // Under a second in milliseconds: "0.0 s" would hide a 30 ms limit (issue 14).
    assert.equal(render('{{x|seconds}}', { x: 30 }), '30 ms');
    assert.equal(render('{{x|seconds}}', { x: 0 }), '0 ms');
    assert.equal(render('{{x|seconds}}', { x: 999 }), '999 ms');
    assert.equal(render('{{x|seconds}}', { x: 1999 }), '2 s');
  });
  test('template: single braces are text', () => {
    assert.equal(
      render('pass auth: { user, pass } to {{f}}', { f: 'createTransport' }),
      'pass auth: { user, pass } to createTransport',
    );
  });
  test('template: a client setting is resolved by the caller', () => {
    assert.equal(
      render('Use implicit TLS ({{@implicit-tls}}).', {}, { setting: (name) => `<${name}>` }),
      'Use implicit TLS (<implicit-tls>).',
    );
    assert.throws(() => render('{{@starttls}}', {}), TemplateError);
  });
  test('template: unbalanced sections and unknown formats are errors', () => {
    assert.throws(() => parseTemplate('{{#a}}open'), TemplateError);
    assert.throws(() => parseTemplate('close{{/a}}'), TemplateError);
    assert.throws(() => parseTemplate('{{#a}}x{{/b}}'), TemplateError);
    assert.throws(() => parseTemplate('{{a|shout}}'), TemplateError);
  });
  test('template: lists the names it reads', () => {
    const names = templateNames('{{#a}}{{b}}{{/a}}{{^c}}{{@debug}}{{/c}}');
    assert.deepEqual([...names.params].sort(), ['a', 'b', 'c']);
    assert.deepEqual([...names.settings], ['debug']);
  });
});
