// Intake through the HTTP API beside PostgreSQL's own rate for the same rows (issue 17 "Measured").
//
// The server listens on a port as in production (PostgreSQL, sessions, validation, the 201 answer with the
// dossier); a separate process plays 8 reception officers posting counter dossiers that are accepted at once
// (code, due date, events, projection, outbox, audit). Beside it, `pgbench` (PostgreSQL's C client) writes the
// same rows — the dossier, its events, the applicant's message and the audit line, copied from a dossier the
// API made — in one statement per dossier, with as many clients, into the same tables with the same indexes.
// The ratio of the two rates says how much of what PostgreSQL can do the application keeps.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/server/config';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo-data';
import { createServer } from '../src/server/server';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 15);
const PG_ADMIN = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The load generator, in its own process so that its CPU is not counted as the server's. */
const CLIENT = `
const [base, cookie, clients, seconds] = process.argv.slice(1);
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(clients) });
const url = new URL('/api/v1/dossiers', base);
let n = 0, failed = 0, next = 0; const times = [];
const end = Date.now() + Number(seconds) * 1000;
const body = (i) => JSON.stringify({
  procedureCode: '1.004873', channel: 'counter', decision: 'accept',
  applicant: { kind: 'citizen', fullName: 'Người Thử Tải ' + i, idNumber: String(79200000000 + i).padStart(12, '0'),
    phone: '0912345678', address: '12 Lê Lợi, Phường Sài Gòn' },
  formData: {},
  components: [{ name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', received: true, originalSeen: true },
      { name: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (giấy tờ tùy thân) để chứng minh về nhân thân', received: true, originalSeen: true }],
});
function post(payload) {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { cookie, 'content-type': 'application/json' } }, (res) => {
      res.resume(); res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}
(async () => {
  await Promise.all(Array.from({ length: Number(clients) }, async () => {
    while (Date.now() < end) {
      const s = performance.now();
      const status = await post(body(next++));
      times.push(performance.now() - s);
      if (status === 201) n++; else failed++;
    }
  }));
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ n, failed, p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] }));
  agent.destroy();
})();
`;

const lit = (v: unknown) => (v === null ? 'null' : `'${String(v).replaceAll("'", "''")}'`);

export async function benchIntakeHttp(): Promise<void> {
  if (spawnSync('pgbench', ['--version']).status !== 0) {
    console.log('intake through HTTP vs pgbench: pgbench not installed (apt install postgresql-client)');
    return;
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
  } catch {
    console.log('intake through HTTP vs pgbench: PostgreSQL not reachable, skipped');
    return;
  }
  const name = `motcua_bench_http_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-http-'));
  try {
    const server = await createServer(
      loadConfig({
        DATABASE_URL: url.toString(),
        MOTCUA_ADMIN_PASSWORD: 'bench-password-1',
        LOG_LEVEL: 'silent',
        MOTCUA_CLOCK: 'manual',
        MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
      }),
      { logger: false },
    );
    const base = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(new URL('/api/v1/auth/login', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'tiepnhan', password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const runClient = (seconds: number) =>
      new Promise<{ n: number; failed: number; p50: number; p95: number }>((resolve, reject) => {
        const p = spawn(process.execPath, ['-e', CLIENT, base, cookie, String(CLIENTS), String(seconds)]);
        let out = '';
        p.stdout.on('data', (d) => {
          out += d;
        });
        p.on('error', reject);
        p.on('close', () => resolve(JSON.parse(out)));
      });
    await runClient(2); // warm-up: prepared statements, caches, the JIT
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const http = await runClient(SECONDS);
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const httpRate = http.n / elapsed;
    const rss = process.memoryUsage().rss;

    // The rows of one dossier the API made, as pgbench will write them again and again.
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const d = (await db.query(`select * from dossiers where status = 2 order by created_at desc limit 1`))
      .rows[0];
    const events = (await db.query(`select * from dossier_events where dossier_id = $1 order by seq`, [d.id]))
      .rows;
    const msg = (await db.query(`select * from outbox where dossier_id = $1 limit 1`, [d.id])).rows[0];
    const audit = (await db.query(`select * from audit_log where entity_id = $1::text limit 1`, [d.id]))
      .rows[0];
    await db.end();
    const j = (v: unknown) => lit(JSON.stringify(v));
    const ts = (t: Date | null) => (t ? lit(t.toISOString()) : 'null');
    const script = `with
  d as (insert into dossiers (id, code, agency_id, procedure_id, procedure_version_id, channel, applicant,
      applicant_name, submitter, form_data, components, step, step_role, current_agency_id, assignee_id,
      search_text, status, accepted_at, due_at, appointment_at, ended_at, returned_at, event_count, created_at, updated_at)
    values (gen_random_uuid(), 'PGB-' || gen_random_uuid(), ${lit(d.agency_id)}, ${lit(d.procedure_id)},
      ${lit(d.procedure_version_id)}, ${lit(d.channel)}, ${j(d.applicant)}::jsonb, ${lit(d.applicant_name)}, null,
      ${j(d.form_data)}::jsonb, ${j(d.components)}::jsonb, ${lit(d.step)}, ${lit(d.step_role)}, ${lit(d.current_agency_id)},
      null, ${lit(d.search_text)}, ${d.status}, ${ts(d.accepted_at)}, ${ts(d.due_at)}, ${ts(d.appointment_at)}, null, null,
      ${d.event_count}, now(), now()) returning id),
  e as (insert into dossier_events (dossier_id, seq, type, at, actor_id, event)
    select d.id, x.seq, x.e->>'type', (x.e->>'at')::timestamptz, (x.e->'actor'->>'id')::uuid, x.e
    from d, jsonb_array_elements(${j(events.map((e) => e.event))}::jsonb) with ordinality as x(e, seq)),
  o as (insert into outbox (created_at, topic, dossier_id, recipient, message, next_attempt_at)
    select now(), ${lit(msg.topic)}, d.id, ${j(msg.recipient)}::jsonb, ${lit(msg.message)}, now() from d)
insert into audit_log (at, actor_id, action, entity, entity_id, data)
  select now(), ${lit(audit.actor_id)}, ${lit(audit.action)}, 'dossier', d.id::text, ${j(audit.data)}::jsonb from d;
`.replaceAll('\n', ' ');
    const file = join(dir, 'intake.sql');
    writeFileSync(file, `${script}\n`);
    const bench = spawnSync(
      'pgbench',
      ['-n', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-f', file, url.toString()],
      { encoding: 'utf8' },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(bench.stdout)?.[1] ?? Number.NaN);
    if (!Number.isFinite(tps)) throw new Error(`pgbench failed: ${bench.stderr}`);
    console.log(
      `postgres  intake through HTTP (${CLIENTS} clients, ${SECONDS} s)          ${httpRate.toFixed(0)}/s  p50 ${http.p50.toFixed(1)} ms  p95 ${http.p95.toFixed(1)} ms  (${http.failed} not 201; server CPU ${((cpu.user + cpu.system) / 1000 / Math.max(1, http.n)).toFixed(2)} ms each)`,
    );
    console.log(
      `postgres  pgbench writing the same rows (${CLIENTS} clients)            ${tps.toFixed(0)}/s  → ratio ${(httpRate / tps).toFixed(2)} (goal ≥ 0.5)`,
    );
    console.log(
      `postgres  server resident memory after the HTTP intake            ${(rss / 2 ** 20).toFixed(0)} MiB`,
    );
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIntakeHttp();
