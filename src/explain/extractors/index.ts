// Extractor registry: every client format explain understands, most specific first (the table of contents).
import { anywhere } from './anywhere.js';
import { commandPrefix } from './command-prefix.js';
import { dotnet } from './dotnet.js';
import { embedded } from './embedded.js';
import { java } from './java.js';
import { labelled } from './labelled.js';
import { mailkit } from './mailkit.js';
import { nodemailer } from './nodemailer.js';
import { phpmailer } from './phpmailer.js';
import { python } from './python.js';
import { ruby } from './ruby.js';
import { symfony } from './symfony.js';
import { transcript } from './transcript.js';
import type { Extractor } from './types.js';

export const EXTRACTORS: readonly Extractor[] = [
  python,
  nodemailer,
  phpmailer,
  symfony,
  dotnet,
  mailkit,
  java,
  ruby,
  commandPrefix,
  embedded,
  labelled,
  transcript,
  anywhere,
];
export type { Extractor, FoundReply } from './types.js';
