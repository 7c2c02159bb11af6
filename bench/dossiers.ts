// Dossier intake throughput (issue 5 "Speed"): dossiers accepted per second through the service layer
// (intake + acceptance with code, due date, events, projection, outbox, audit) with 8 concurrent clients, beside
// plain inserts of the same rows in one run, as a ratio; and p95 latency of a dossier command under load.
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/server/config';
import {
  agencies,
  auditLog,
  dossierEvents,
  dossiers,
  outbox,
  procedures,
  procedureVersions,
  users,
} from '../src/server/db/schema';
import { toMe } from '../src/server/modules/auth/auth.service';
import { runCommand } from '../src/server/modules/dossiers/commands';
import { createDossier } from '../src/server/modules/dossiers/intake';
import { createServer } from '../src/server/server';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8); // BENCH_CLIENTS=1 shows the single-request cost
const PG_ADMIN = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Runs `total` calls of `fn` from `CLIENTS` concurrent loops; returns per-second rate, latencies, and this
 * process's CPU time per call (steadier than the rate when other work shares the machine).
 */
async function load(total: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  const times: number[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        await fn(i);
        times.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return {
    rate: total / seconds,
    p50: pct(times, 50),
    p95: pct(times, 95),
    cpuMs: (cpu.user + cpu.system) / 1000 / total,
  };
}

async function benchOn(kind: 'pglite' | 'postgres', env: Record<string, string>, total: number) {
  const config = loadConfig({
    MOTCUA_ADMIN_PASSWORD: 'bench-password-1',
    LOG_LEVEL: 'silent',
    MOTCUA_CLOCK: 'manual',
    MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
    ...env,
  });
  const server = await createServer(config, { logger: false });
  const { database } = server.app.deps;
  const calendars = server.app.calendar;
  const now = server.app.deps.clock.now();
  const officer = await database.read(async (db) => {
    const u = (await db.select().from(users).where(eq(users.username, 'tiepnhan')))[0]!;
    const a = (await db.select().from(agencies).where(eq(agencies.id, u.agencyId!)))[0]!;
    return toMe(u, a);
  });
  const procedure = await database.read(async (db) => {
    const p = (await db.select().from(procedures).where(eq(procedures.code, '1.004873')))[0]!;
    const v = (await db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, p.id)))[0]!;
    return { p, v };
  });
  const intake = (i: number) => ({
    procedureCode: '1.004873',
    channel: 'counter' as const,
    applicant: {
      kind: 'citizen' as const,
      fullName: `Nguyễn Văn Thử ${i}`,
      idNumber: String(79_000_000_000 + i).padStart(12, '0'),
      address: 'Phường Sài Gòn',
      phone: '0912345678', // so acceptance writes the applicant's message to the outbox, as in real use
    },
    formData: {},
    // The declaration form is the one component the counter must receive for this procedure.
    components: [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', received: true, originalSeen: false },
      {
        name: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (giấy tờ tùy thân) để chứng minh về nhân thân',
        received: true,
        originalSeen: false,
      },
    ],
    decision: 'accept' as const,
  });
  // Warm-up.
  for (let i = 0; i < 20; i++)
    await database.tx((db) => createDossier(db, calendars, officer, now, intake(i)));

  const service = await load(total, (i) =>
    database.tx((db) => createDossier(db, calendars, officer, now, intake(1000 + i), database.autonomous)),
  );
  // The same rows written plainly: dossier, two events, the applicant's message, one audit line, in one transaction each.
  const raw = await load(total, (i) =>
    database.tx(async (db) => {
      const [d] = await db
        .insert(dossiers)
        .values({
          agencyId: officer.agency!.id,
          procedureId: procedure.p.id,
          procedureVersionId: procedure.v.id,
          channel: 'counter',
          code: `RAW-${kind}-${i}`,
          applicant: intake(i).applicant,
          applicantName: intake(i).applicant.fullName,
          searchText: `raw ${i}`,
          status: 2,
          eventCount: 2,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: dossiers.id });
      const at = now.toISOString();
      await db.insert(dossierEvents).values([
        {
          dossierId: d!.id,
          seq: 1,
          type: 'submitted',
          at: now,
          actorId: officer.id,
          event: { type: 'submitted', at, actor: null, channel: 'counter', agencyId: officer.agency!.id },
        },
        {
          dossierId: d!.id,
          seq: 2,
          type: 'accepted',
          at: now,
          actorId: officer.id,
          event: { type: 'submitted', at, actor: null, channel: 'counter', agencyId: officer.agency!.id },
        }, // same size as the real event
      ]);
      await db.insert(outbox).values({
        createdAt: now,
        topic: 'accepted',
        dossierId: d!.id,
        recipient: { name: 'x', phone: '0912345678', email: null },
        message: 'Ủy ban nhân dân Phường Sài Gòn đã tiếp nhận hồ sơ. Hẹn trả kết quả: 09:00 ngày 26/11/2026.',
        nextAttemptAt: now,
      });
      await db
        .insert(auditLog)
        .values({ at: now, actorId: officer.id, action: 'bench', entity: 'dossier', entityId: d!.id });
    }),
  );
  // A command under load: the desk forwards accepted dossiers while intake continues.
  const ids = await database.read(async (db) =>
    (
      await db
        .select({ id: dossiers.id })
        .from(dossiers)
        .where(sql`${dossiers.status} = 2 and ${dossiers.code} not like 'RAW-%'`)
        .limit(total)
    ).map((r) => r.id),
  );
  const commands = await load(ids.length, async (i) => {
    if (i % 2 === 0)
      await database.tx((db) =>
        createDossier(db, calendars, officer, now, intake(5000 + i), database.autonomous),
      );
    await database.tx((db) =>
      runCommand(db, calendars, officer, now, ids[i]!, { action: 'forward' }, database.autonomous),
    );
  });
  console.log(
    `${kind.padEnd(8)} dossiers accepted through the service (${CLIENTS} clients)   ${service.rate.toFixed(0)}/s  p95 ${service.p95.toFixed(1)} ms  (Node CPU ${service.cpuMs.toFixed(2)} ms each)`,
  );
  console.log(
    `${kind.padEnd(8)} plain inserts of the same rows (${CLIENTS} clients)          ${raw.rate.toFixed(0)}/s  → ratio ${(service.rate / raw.rate).toFixed(2)} (goal ≥ 0.5 on PostgreSQL)  (Node CPU ${raw.cpuMs.toFixed(2)} ms each)`,
  );
  console.log(
    `${kind.padEnd(8)} forward command mixed with intake (${CLIENTS} clients)       p50 ${commands.p50.toFixed(1)} ms  p95 ${commands.p95.toFixed(1)} ms`,
  );
  await server.close();
}

export async function benchDossiers(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'motcua-bench-dossiers-'));
  try {
    if (!process.env.BENCH_ONLY_PG) await benchOn('pglite', { MOTCUA_DATA_DIR: dir }, 400);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const name = `motcua_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
  } catch {
    console.log('postgres  (not reachable: PostgreSQL figures skipped)');
    return;
  }
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    await benchOn('postgres', { DATABASE_URL: url.toString() }, 1000);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
