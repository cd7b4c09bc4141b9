// Deadline: the overall time budget of a session; each phase gets the smaller of its own timeout and what is left.

export interface PhaseBudget {
  ms: number;
  limit: 'phase' | 'deadline';
}

export class Deadline {
  readonly #end: number;
  readonly #now: () => number;

  constructor(totalMs: number, now: () => number = () => performance.now()) {
    this.#now = now;
    this.#end = now() + totalMs;
  }

  remainingMs(): number {
    return Math.max(0, this.#end - this.#now());
  }

  budget(phaseMs: number): PhaseBudget {
    const left = this.remainingMs();
    return left < phaseMs ? { ms: Math.floor(left), limit: 'deadline' } : { ms: phaseMs, limit: 'phase' };
  }
}
