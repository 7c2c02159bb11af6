import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { ARTIFACTS, type E2E, it, startE2E } from './harness';
import {
  COUNTER_BUDGET_SECONDS,
  counterJourney,
  PHONE_BUDGET_SECONDS,
  phoneJourney,
  type Timing,
} from './timed-journeys';

/**
 * Issue 6 and issue 25 ("Measured"): the two paths people take most, timed as a newcomer takes them
 * (tests/e2e/timed-journeys.ts: the Keystroke-Level Model, Telex keys for Vietnamese). Each figure goes to
 * test-artifacts and to the user guide; `npm run bench` prints them too.
 */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const explain = (t: Timing) => `estimated ${t.seconds} s: ${t.steps.join(' → ')}`;

describe('a newcomer at the reception desk, a citizen on a phone', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' });
  });
  after(() => e?.close());

  it('takes a citizen’s dossier to a printed slip in under two minutes of clicks and keystrokes', async () => {
    const page = await e.newPage();
    const t = await counterJourney(page);
    assert.equal(t.slipType, 'application/pdf');
    await e.shot(page, 'desk-newcomer-slip');
    writeFileSync(join(ARTIFACTS, 'desk-newcomer-timing.json'), `${JSON.stringify(t, null, 2)}\n`);
    assert.ok(t.seconds < COUNTER_BUDGET_SECONDS, explain(t));
    await page.close();
  });

  it('submits a certificate request with its declaration from a phone in under five minutes of taps and keys', async () => {
    const page = await e.newPage(PHONE);
    const t = await phoneJourney(page);
    assert.match(t.dossierId, /^[0-9a-f-]{36}$/);
    // It is the citizen's, on their account, to follow.
    const r = await page.request.get(`/api/v1/my/dossiers/${t.dossierId}`);
    assert.equal(r.status(), 200);
    writeFileSync(join(ARTIFACTS, 'portal-phone-timing.json'), `${JSON.stringify(t, null, 2)}\n`);
    assert.ok(t.seconds < PHONE_BUDGET_SECONDS, explain(t));
    await page.close();
  });
});
