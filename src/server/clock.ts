/**
 * The one source of "now" for the server. Production reads the system clock; with MOTCUA_CLOCK=manual
 * tests and demos set the time through /api/v1/dev/clock, so journeys across days and holidays can
 * be replayed. Domain code never reads a clock: it receives instants from here.
 */
export interface Clock {
  readonly mode: 'system' | 'manual';
  now(): Date;
}

export class SystemClock implements Clock {
  readonly mode = 'system' as const;
  now(): Date {
    return new Date();
  }
}

export class ManualClock implements Clock {
  readonly mode = 'manual' as const;
  #now: number;
  constructor(start: Date = new Date()) {
    this.#now = start.getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(instant: Date): void {
    this.#now = instant.getTime();
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
