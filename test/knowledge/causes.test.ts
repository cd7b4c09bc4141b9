// Cause catalogue: every key defined once, every reference resolves, every template parses, advice shared by key.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalog } from '../../src/knowledge/catalog.js';
import { CAUSE_AREAS, CAUSES, DEAD_ENDS, FIXES, NOTES } from '../../src/knowledge/causes/index.js';
import { CLIENTS, CLIENT_SETTINGS, clientSetting } from '../../src/knowledge/clients.js';
import { templateNames } from '../../src/knowledge/template.js';
import { FINDING_IDS } from '../../src/model/finding.js';

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

describe('cause catalogue', () => {
  test('causes: no key is defined in two areas (the merged tables would hide one)', () => {
    for (const kind of ['causes', 'fixes', 'deadEnds', 'notes'] as const) {
      const seen = new Map<string, string>();
      for (const [area, data] of Object.entries(CAUSE_AREAS))
        for (const key of Object.keys(data[kind] ?? {})) {
          assert.equal(seen.get(key), undefined, `${kind} key ${key} is defined in ${seen.get(key) ?? ''} and ${area}`);
          seen.set(key, area);
        }
    }
  });

  test('causes: keys are lower-case words with dots and hyphens', () => {
    for (const key of [...Object.keys(CAUSES), ...Object.keys(FIXES), ...Object.keys(DEAD_ENDS), ...Object.keys(NOTES)])
      assert.match(key, KEY);
  });

  test('causes: every cause leads to a known finding and lists only fixes and dead ends that exist', () => {
    for (const [key, entry] of Object.entries(CAUSES)) {
      assert.ok(entry.finding in FINDING_IDS, `${key}: unknown finding ${entry.finding}`);
      for (const f of entry.fixes) assert.ok(f in FIXES, `${key}: unknown fix ${f}`);
      for (const d of 'deadEnds' in entry ? entry.deadEnds : [])
        assert.ok(d in DEAD_ENDS, `${key}: unknown dead end ${d}`);
    }
  });

  test('causes: every template parses and names only known client settings', () => {
    const texts: [string, string][] = [
      ...Object.entries(CAUSES).flatMap(([k, c]): [string, string][] => [
        [k, c.title],
        [k, c.summary],
      ]),
      ...Object.entries(FIXES).map(([k, f]): [string, string] => [k, f.text]),
      ...Object.entries(DEAD_ENDS).flatMap(([k, d]): [string, string][] => [
        [k, d.text],
        [k, d.why],
      ]),
      ...Object.entries(NOTES).map(([k, n]): [string, string] => [k, n.text]),
    ];
    for (const [key, text] of texts) {
      const names = templateNames(text);
      for (const s of names.settings)
        assert.ok((CLIENT_SETTINGS as readonly string[]).includes(s), `${key}: {{@${s}}}`);
    }
  });

  test('causes: every fix and dead end is offered by some cause', () => {
    const offered = new Set<string>(
      Object.values(CAUSES).flatMap((c) => [...c.fixes, ...('deadEnds' in c ? c.deadEnds : [])]),
    );
    const unused = [...Object.keys(FIXES), ...Object.keys(DEAD_ENDS)].filter((key) => !offered.has(key));
    assert.deepEqual(unused, []);
  });

  test('causes: dead ends about one attempt share its wording of the attempt', () => {
    const byTopic = new Map<string, Set<string>>();
    for (const d of Object.values(DEAD_ENDS)) {
      const texts = byTopic.get(d.topic) ?? new Set<string>();
      texts.add(d.text);
      byTopic.set(d.topic, texts);
    }
    for (const [topic, texts] of byTopic)
      if (topic !== 'disable-certificate-checks') assert.equal(texts.size, 1, `${topic}: ${[...texts].join(' / ')}`);
  });
});

describe('advice shared across the knowledge base', () => {
  test('knowledge: the same fix text in two signatures carries one id, the same dead end one topic', () => {
    const fixIds = new Map<string, Set<string>>();
    const topics = new Map<string, Set<string>>();
    for (const s of catalog().signatures)
      for (const c of s.data.causes) {
        for (const f of c.fixes) fixIds.set(f.text, (fixIds.get(f.text) ?? new Set()).add(f.id ?? ''));
        for (const d of c.deadEnds) topics.set(d.text, (topics.get(d.text) ?? new Set()).add(d.topic ?? ''));
      }
    for (const [text, ids] of fixIds) assert.equal(ids.size, 1, `"${text}" has ids ${[...ids].join(', ')}`);
    for (const [text, ids] of topics) assert.equal(ids.size, 1, `"${text}" has topics ${[...ids].join(', ')}`);
  });

  test('knowledge: a dead end a rule and a signature both name has one topic', () => {
    const ruleTopics = new Map<string, string>(Object.values(DEAD_ENDS).map((d) => [d.text, d.topic]));
    for (const s of catalog().signatures)
      for (const c of s.data.causes)
        for (const d of c.deadEnds) {
          const topic = ruleTopics.get(d.text);
          if (topic !== undefined) assert.equal(d.topic, topic, `${s.data.id}: "${d.text}"`);
        }
  });
});

describe('client settings', () => {
  test('clients: every client has a source, and each setting renders', () => {
    for (const client of CLIENTS) {
      assert.ok(client.sources.length > 0, client.id);
      for (const setting of CLIENT_SETTINGS) {
        const text = clientSetting(setting, client.id, { mechanism: 'LOGIN' });
        assert.ok(text.length > 0, `${client.id} ${setting}`);
        assert.doesNotMatch(text, /\{\{/);
      }
    }
  });
  test('clients: a known client is named alone, an unknown one by the common clients', () => {
    assert.equal(clientSetting('implicit-tls', 'nodemailer'), 'nodemailer: secure: true');
    assert.equal(clientSetting('implicit-tls', undefined), 'nodemailer: secure: true; Python: SMTP_SSL');
    assert.equal(clientSetting('mechanism', 'phpmailer', { mechanism: 'LOGIN' }), "PHPMailer: AuthType = 'LOGIN'");
  });
  test('clients: a client without the setting falls back to the common clients', () => {
    assert.equal(clientSetting('implicit-tls', 'dotnet'), clientSetting('implicit-tls', undefined));
  });
});
