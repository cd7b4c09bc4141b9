// Templates: the sentences of knowledge with holes for what a rule saw — {{port}}, {{#proven}}…{{/proven}}, {{@starttls}}.
import { describeSecurity, type Security } from '../model/session.js';

/*
 * The language, kept small on purpose (it is read by people who write advice, not by programmers):
 *   {{name}}            the value of a parameter; a missing one is an error, never an empty hole in a sentence
 *   {{name|format}}     the value, formatted: and, or, list, spaces (arrays), mode (a security mode in words),
 *                       capital (first letter upper case), seconds (milliseconds as "30 s",
 *                       or "30 ms" under a second: never "0.0 s")
 *   {{#name}}…{{/name}} the text inside only when the parameter is present and true, non-empty or non-zero
 *   {{^name}}…{{/name}} the text inside only when it is not
 *   {{@setting}}        how the user's client does it (knowledge/clients.ts): the renderer's `setting` callback
 * Single braces are ordinary text ("auth: { user, pass }").
 */

export type ParamValue = string | number | boolean | readonly string[] | undefined | null;
export type Params = Readonly<Record<string, ParamValue>>;

export interface RenderOptions {
  /** Resolves {{@name}}: a client setting in words. */
  setting?: (name: string, params: Params) => string;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string; format: string | undefined }
  | { kind: 'setting'; name: string }
  | { kind: 'section'; name: string; inverted: boolean; body: Node[] };

const FORMATS = ['and', 'or', 'list', 'spaces', 'mode', 'capital', 'seconds'] as const;
type Format = (typeof FORMATS)[number];

const TAG = /\{\{([#^/@]?)([a-zA-Z][\w-]*)(?:\|([a-z]+))?\}\}/g;

const cache = new Map<string, Node[]>();

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** The parsed form of a template; throws TemplateError for unbalanced sections or an unknown format. */
export function parseTemplate(template: string): Node[] {
  const known = cache.get(template);
  if (known) return known;
  const root: Node[] = [];
  const stack: { name: string; body: Node[] }[] = [{ name: '', body: root }];
  let last = 0;
  for (const m of template.matchAll(TAG)) {
    const [whole, sigil, name = '', format] = m;
    const body = stack[stack.length - 1]?.body ?? root;
    if (m.index > last) body.push({ kind: 'text', text: template.slice(last, m.index) });
    last = m.index + whole.length;
    if (format !== undefined && (sigil !== '' || !(FORMATS as readonly string[]).includes(format)))
      throw new TemplateError(`unknown format "${format}" in ${whole} of "${template}"`);
    if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', name, inverted: sigil === '^', body: [] };
      body.push(section);
      stack.push({ name, body: section.body });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0)
        throw new TemplateError(`{{/${name}}} closes nothing open in "${template}"`);
    } else if (sigil === '@') body.push({ kind: 'setting', name });
    else body.push({ kind: 'value', name, format });
  }
  if (stack.length !== 1)
    throw new TemplateError(`{{#${stack[stack.length - 1]?.name ?? ''}}} is never closed in "${template}"`);
  if (last < template.length) root.push({ kind: 'text', text: template.slice(last) });
  cache.set(template, root);
  return root;
}

/** Every parameter and setting a template reads (sections included), for the knowledge tests. */
export function templateNames(template: string): { params: Set<string>; settings: Set<string> } {
  const params = new Set<string>();
  const settings = new Set<string>();
  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'value') params.add(n.name);
      else if (n.kind === 'setting') settings.add(n.name);
      else if (n.kind === 'section') {
        params.add(n.name);
        walk(n.body);
      }
    }
  };
  walk(parseTemplate(template));
  return { params, settings };
}

export function render(template: string, params: Params = {}, options: RenderOptions = {}): string {
  return renderNodes(parseTemplate(template), params, options, template);
}

function renderNodes(nodes: Node[], params: Params, options: RenderOptions, template: string): string {
  let out = '';
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out += n.text;
        break;
      case 'value': {
        const value = params[n.name];
        if (value === undefined || value === null)
          throw new TemplateError(`parameter "${n.name}" is missing for "${template}"`);
        out += format(value, n.format as Format | undefined);
        break;
      }
      case 'setting':
        if (!options.setting) throw new TemplateError(`no client settings to render {{@${n.name}}} in "${template}"`);
        out += options.setting(n.name, params);
        break;
      case 'section':
        if (truthy(params[n.name]) !== n.inverted) out += renderNodes(n.body, params, options, template);
        break;
    }
  }
  return out;
}

function truthy(value: ParamValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

function format(value: NonNullable<ParamValue>, how: Format | undefined): string {
  const list = (Array.isArray(value) ? value : [String(value)]) as readonly string[];
  switch (how) {
    case 'and':
    case 'or':
      return list.length <= 1
        ? (list[0] ?? '')
        : `${list.slice(0, -1).join(', ')} ${how} ${list[list.length - 1] ?? ''}`;
    case 'list':
      return list.join(', ');
    case 'spaces':
      return list.join(' ');
    case 'mode':
      return describeSecurity(String(value) as Security);
    case 'capital': {
      const text = String(value);
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    case 'seconds':
      return duration(Number(value));
    case undefined:
      return Array.isArray(value) ? list.join(', ') : String(value);
  }
}

/** A duration in milliseconds for people: "30 ms" under a second (rounding 30 ms to "0.0 s" hides it), else "1.5 s". */
function duration(ms: number): string {
  if (!Number.isFinite(ms)) return `${String(ms)} ms`;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100) / 10;
  return `${Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1)} s`;
}
