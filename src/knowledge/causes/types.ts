// Cause catalogue types: the sentences of every finding a rule (not a reply signature) can report, keyed and sourced.
import type { DocLink, FindingId } from '../../model/finding.js';

/**
 * One cause a rule can name: the finding it leads to, its title and summary (templates over what the rule saw), and
 * every fix and dead end it may offer. A rule picks among those by key and fills the templates; it writes no words.
 */
export interface CauseEntry {
  finding: FindingId;
  /** The finding's detail, when the cause always has the same one. */
  detail?: string;
  title: string;
  summary: string;
  /** Keys of FIXES this cause may offer (the rule decides which apply, in which order). */
  fixes: readonly string[];
  /** Keys of DEAD_ENDS this cause may name. */
  deadEnds?: readonly string[];
  docs?: readonly DocLink[];
  /** Where the facts in these sentences come from (an RFC, a vendor page, a library's source). */
  sources?: readonly string[];
}

export interface FixEntry {
  text: string;
  sources?: readonly string[];
}

/**
 * A dead end: something users try that will not help, and why. `topic` names the thing tried ("change-password"): two
 * dead ends with one topic are one piece of advice (the first reason stays). `untilJudged`: the reason holds only while
 * no server judged the credentials in this run ("the session never reached AUTH"); once a login was refused, the
 * password may well be part of the problem, and the dead end is dropped.
 */
export interface DeadEndEntry {
  topic: string;
  text: string;
  why: string;
  untilJudged?: boolean;
  sources?: readonly string[];
}

/** A line of evidence smtp-doctor writes itself, for a fact it proved rather than a reply it quotes. */
export interface NoteEntry {
  text: string;
}

/** One area's part of the catalogue (one file per rule or family of rules). */
export interface CauseArea {
  causes: Readonly<Record<string, CauseEntry>>;
  fixes?: Readonly<Record<string, FixEntry>>;
  deadEnds?: Readonly<Record<string, DeadEndEntry>>;
  notes?: Readonly<Record<string, NoteEntry>>;
}
