/**
 * The two paths people take most, timed (issue 25 "Measured"): the counter path at a newcomer's pace (procedure →
 * papers → applicant from the citizen ID's QR → accept → slip) and a citizen's online submission from a phone.
 * Each prints the Keystroke-Level Model's estimate of a person's time (tests/e2e/timed-journeys.ts; the browser
 * tests hold them to their budgets) and the wall time the browser took on this machine, system responses included.
 */
import { startE2E } from '../tests/e2e/harness';
import {
  COUNTER_BUDGET_SECONDS,
  counterJourney,
  PHONE_BUDGET_SECONDS,
  phoneJourney,
  type Timing,
} from '../tests/e2e/timed-journeys';

export async function benchJourneys(): Promise<{ counter: Timing; phone: Timing }> {
  const e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' });
  try {
    const counter = await counterJourney(await e.newPage());
    const phone = await phoneJourney(
      await e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true }),
    );
    return { counter, phone };
  } finally {
    await e.close();
  }
}

export function printJourneys({ counter, phone }: { counter: Timing; phone: Timing }): void {
  const line = (name: string, t: Timing, budget: number, what: string) =>
    console.log(
      `${name.padEnd(62)} ${String(t.seconds).padStart(4)} s (budget ${budget} s; ${t.clicks} ${what}, ` +
        `${t.keystrokes} keys; the browser's own run ${t.browserSeconds} s)`,
    );
  line(
    'counter path at a newcomer’s pace, procedure to printed slip',
    counter,
    COUNTER_BUDGET_SECONDS,
    'clicks',
  );
  line(
    'online submission from a phone (1.004873, with its declaration)',
    phone,
    PHONE_BUDGET_SECONDS,
    'taps',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) printJourneys(await benchJourneys());
