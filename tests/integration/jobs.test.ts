// The server's periodic jobs on their one runner (issue 17): what is registered, that a failure reaches the log
// with the job's name and the administrators' status view, and that closing the server waits for a running job.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import {
  DISPATCH_JOB,
  FILES_COLLECT_JOB,
  FILES_MOVE_JOB,
  PURGE_JOB,
  ROLLUPS_JOB,
} from '../../src/server/jobs/jobs';
import { Client } from '../support/http';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  skipUnlessPostgres,
  startTestServer,
  type TestServer,
} from '../support/server';

interface JobsView {
  started: boolean;
  jobs: { name: string; runs: number; failures: number; lastError: { message: string } | null }[];
}

for (const backend of BACKENDS) {
  describe(`periodic jobs on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    const logged: Record<string, unknown>[] = [];
    before(async () => {
      s = await startTestServer(
        backend,
        // No gateway listens there: the dispatcher is registered, and nothing is queued for it to send.
        { MOTCUA_NOTIFY_WEBHOOK: 'http://127.0.0.1:9/sms' },
        {
          logger: {
            level: 'error',
            stream: {
              write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>),
            },
          },
        },
      );
    });
    after(() => s?.close());

    it('registers every periodic job on one runner, started with the server', async () => {
      const admin = await new Client(s.app).login('admin', ADMIN_PASSWORD);
      const r = await admin.get<JobsView>('/api/v1/health/jobs');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.started, true);
      // The late-warning sweeper is not scheduled with the manual test clock: tests sweep when they choose.
      assert.deepEqual(
        r.body.jobs.map((j) => j.name).sort(),
        [DISPATCH_JOB, FILES_COLLECT_JOB, FILES_MOVE_JOB, PURGE_JOB, ROLLUPS_JOB].sort(),
      );
    });

    it('runs the rollup refresh behind a report, and counts it', async () => {
      const admin = await new Client(s.app).login('admin', ADMIN_PASSWORD);
      const before = (await admin.get<JobsView>('/api/v1/health/jobs')).body.jobs.find(
        (j) => j.name === ROLLUPS_JOB,
      );
      const refreshed = await admin.post('/api/v1/stats/refresh', {});
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      const now = (await admin.get<JobsView>('/api/v1/health/jobs')).body.jobs.find(
        (j) => j.name === ROLLUPS_JOB,
      );
      assert.ok(before && now);
      assert.ok(now.runs > before.runs, `${now.runs} runs after ${before.runs}`);
      assert.equal(now.failures, 0);
    });

    it('logs a failing job with its name at level error and shows the error to administrators', async () => {
      s.app.jobs.register({
        name: 'test.failing',
        everyMs: 3_600_000,
        run: async () => {
          throw new Error('the gateway refused');
        },
      });
      await assert.rejects(s.app.jobs.runNow('test.failing'), /the gateway refused/);
      const line = logged.find((l) => l.job === 'test.failing');
      assert.ok(line, JSON.stringify(logged));
      assert.equal(line.level, 50);
      assert.match(String(line.msg), /test\.failing/);
      const admin = await new Client(s.app).login('admin', ADMIN_PASSWORD);
      const view = (await admin.get<JobsView>('/api/v1/health/jobs')).body.jobs.find(
        (j) => j.name === 'test.failing',
      );
      assert.equal(view?.failures, 1);
      assert.equal(view?.lastError?.message, 'the gateway refused');
    });

    it('shows the jobs to administrators only', async () => {
      const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      assert.equal((await desk.get('/api/v1/health/jobs')).status, 403);
      assert.equal((await new Client(s.app).get('/api/v1/health/jobs')).status, 401);
    });

    it('waits for a running job when the server closes', async () => {
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let finished = false;
      s.app.jobs.register({
        name: 'test.long',
        everyMs: 3_600_000,
        run: async () => {
          await held;
          finished = true;
        },
      });
      const running = s.app.jobs.runNow('test.long');
      let closed = false;
      const closing = s.close().then(() => {
        closed = true;
      });
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(closed, false, 'the server is still closing while the job runs');
      release();
      await closing;
      await running;
      assert.equal(finished, true);
    });
  });
}
