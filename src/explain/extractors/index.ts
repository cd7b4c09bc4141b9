// Extractor registry: every client format explain understands, most specific first (the table of contents).
import { anywhere } from './anywhere.js';
import { commandPrefix } from './command-prefix.js';
import { dotnet } from './dotnet.js';
import { embedded } from './embedded.js';
import { enhancedFirst } from './enhanced-first.js';
import { expectedCode } from './expected-code.js';
import { java } from './java.js';
import { labelled } from './labelled.js';
import { lettre } from './lettre.js';
import { mailkit } from './mailkit.js';
import { nodemailer } from './nodemailer.js';
import { pear } from './pear.js';
import { phpmailer } from './phpmailer.js';
import { python } from './python.js';
import { ruby } from './ruby.js';
import { symfony } from './symfony.js';
import { transcript } from './transcript.js';
import type { Extractor } from './types.js';

/** Client-specific readers first; the fallbacks last (anywhere, then the ones that rebuild a code: least sure). */
export const EXTRACTORS: readonly Extractor[] = [
  python,
  nodemailer,
  phpmailer,
  pear,
  symfony,
  dotnet,
  mailkit,
  java,
  ruby,
  lettre,
  commandPrefix,
  embedded,
  labelled,
  transcript,
  anywhere,
  expectedCode,
  enhancedFirst,
];
export type { Extractor, FoundReply } from './types.js';
