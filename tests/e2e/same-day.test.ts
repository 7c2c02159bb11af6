import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { sweepLateWarnings } from '../../src/server/modules/dossiers/jobs/warnings';
import { Client } from '../support/http';
import { type E2E, it, signIn, startE2E } from './harness';

type View = {
  id: string;
  acceptedAt: string;
  dueAt: string;
  workflow: { steps: { key: string; deadline: string | null }[] };
};

/**
 * A same-day procedure (issue 25, item 1): a birth registration ("Trong ngày") received on Monday 23/11/2026 at
 * 08:00 and decided within minutes raised a "sắp trễ hạn" warning to the specialist and the leader, a red banner
 * saying the apology was due before the dossier existed, every step's deadline at the instant of reception, the
 * dossier in the "Cần xin lỗi, hẹn lại" tab, and "Quá hạn" for every hand-over on the control slip (Mẫu 06).
 */
describe('a same-day procedure at the desk', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ MOTCUA_CLOCK_START: '2026-11-23T08:00:00+07:00', MOTCUA_SESSION_HOURS: '720' });
  });
  after(() => e?.close());

  it('handles a birth registration in minutes with no late alarm, no past deadline and an on-time control slip', async () => {
    const clock = e.server.clock as ManualClock;
    const minutes = (n: number) => clock.set(new Date(Date.parse('2026-11-23T08:00:00+07:00') + n * 60_000));
    const desk = await new Client(e.server.app).login('tiepnhan', DEMO_PASSWORD);
    const specialist = await new Client(e.server.app).login('chuyenvien', DEMO_PASSWORD);
    const leader = await new Client(e.server.app).login('lanhdao', DEMO_PASSWORD);
    const p = await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
      '/api/v1/procedures/1.001193',
    );
    const r = await desk.post<View>('/api/v1/dossiers', {
      procedureCode: '1.001193',
      applicant: { kind: 'citizen', fullName: 'Hà Văn Khải', idNumber: '079090004321', phone: '0903123456' },
      components: p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true })),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const id = r.body.id;
    assert.equal(r.body.dueAt.slice(0, 10), '2026-11-23', 'due the same day');
    for (const step of r.body.workflow.steps) {
      assert.ok(step.deadline! > r.body.acceptedAt, `${step.key}: due after reception, not at it`);
      assert.ok(step.deadline! <= r.body.dueAt);
    }
    const atRisk = async () =>
      (await leader.get<{ items: { id: string }[] }>('/api/v1/dossiers?list=at-risk')).body.items.map(
        (x) => x.id,
      );
    assert.ok(!(await atRisk()).includes(id), 'not "needs an apology" right after reception');

    const cmd = async (c: Client, body: Record<string, unknown>) =>
      assert.equal((await c.post(`/api/v1/dossiers/${id}/commands`, body)).status, 200);
    minutes(1);
    await cmd(desk, { action: 'forward' });
    await cmd(specialist, { action: 'claim' });
    minutes(2);
    await cmd(specialist, { action: 'forward', note: 'Đủ điều kiện' });
    minutes(3);
    const sweep = () => sweepLateWarnings(e.server.database, e.server.app.calendar, clock.now());
    assert.equal(await sweep(), 0, 'no warning for a dossier three minutes old');
    await cmd(leader, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
    assert.ok(!(await atRisk()).includes(id));

    // What the leader sees: no late banner, the steps' deadlines later in the day.
    const page = await e.newPage();
    await signIn(page, `/desk/ho-so/${id}`, 'lanhdao', DEMO_PASSWORD);
    await page.getByText('Quá trình xử lý').first().waitFor();
    assert.equal(await page.getByText(/nguy cơ trễ hạn|đã trễ hạn mà chưa có thư xin lỗi/).count(), 0);
    await e.shot(page, 'same-day-dossier');

    // The control slip (Mẫu 06) judges every hand-over on time, as the statistics do.
    const slip = await e.server.app.inject({
      url: `/api/v1/dossiers/${id}/forms/control-slip.pdf`,
      headers: { cookie: leader.cookie! },
    });
    assert.equal(slip.statusCode, 200);
    const dir = mkdtempSync(join(tmpdir(), 'motcua-slip-'));
    try {
      writeFileSync(join(dir, 'slip.pdf'), slip.rawPayload);
      const text = execFileSync('pdftotext', [join(dir, 'slip.pdf'), '-']).toString();
      assert.match(text, /Đúng hạn/);
      assert.doesNotMatch(text, /Quá hạn/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
