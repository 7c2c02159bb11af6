import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { dayToIso, isoToDay } from '../../src/domain/calendar/local';
import { requiredFor } from '../../src/domain/dossier/intake';
import { emptyTotals } from '../../src/domain/stats/report';
import type { ManualClock } from '../../src/server/clock';
import { queryRows } from '../../src/server/db/database';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { seedHistory } from '../../src/server/modules/stats/history';
import { refreshRollups } from '../../src/server/modules/stats/rollups';
import { period, reportScope } from '../../src/server/modules/stats/scope';
import {
  coarseTable,
  coarseTotals,
  prefixSpans,
  rollupTotals,
  type Span,
  spans,
} from '../../src/server/modules/stats/totals';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface Figures {
  carriedOver: number;
  received: number;
  receivedCounter: number;
  receivedOnline: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  inProgress: number;
  inProgressWithinTime: number;
  inProgressOverdue: number;
  paused: number;
  refused: number;
  withdrawn: number;
  toHandle: number;
  onTimeRate: number | null;
}
interface Report {
  agency: { id: string; name: string };
  rows: { key: string; label: string; figures: Figures }[];
  total: Figures;
}
interface Consistency {
  matches: boolean;
  cells: number;
  dossiers: number;
  differences: unknown[];
}

const applicant = {
  kind: 'citizen',
  fullName: 'Trương Văn Bình',
  idNumber: '079085001234',
  phone: '0909123456',
  address: '12 Lê Lợi, Phường Sài Gòn',
};

/**
 * The days whose deltas a span's rows starting in [from, to) hold: a day row its day, a month or year row every
 * day up to the next start.
 */
function daysOf(x: Span, from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d < to; d++) {
    const iso = dayToIso(d);
    if (x.grain === 'month' && iso.slice(8) !== '01') continue;
    if (x.grain === 'year' && iso.slice(5) !== '01-01') continue;
    const end =
      x.grain === 'day'
        ? d + 1
        : isoToDay(
            x.grain === 'month'
              ? new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7), 1)).toISOString().slice(0, 10)
              : `${+iso.slice(0, 4) + 1}-01-01`,
          );
    for (let e = d; e < end; e++) out.push(e);
  }
  return out;
}

describe('coarse spans', () => {
  it('cover every day of a period exactly once, with whole years and months where they fit', () => {
    for (const [a, b] of [
      ['2024-06-15', '2026-11-26'],
      ['2025-01-01', '2026-01-01'],
      ['2025-01-01', '2025-01-02'],
      ['2025-01-31', '2025-03-01'],
      ['1900-01-01', '2026-03-07'],
    ] as const) {
      const list = spans(a, b);
      const seen = new Set<number>();
      for (const x of list) {
        for (const e of daysOf(x, isoToDay(x.lo), isoToDay(x.hi))) {
          assert.ok(!seen.has(e), `${dayToIso(e)} twice in ${a}..${b}`);
          seen.add(e);
        }
      }
      assert.equal(seen.size, isoToDay(b) - isoToDay(a), `${a}..${b}`);
      assert.ok(Math.min(...[...seen]) === isoToDay(a));
      assert.ok(list.filter((x) => x.grain === 'day').length <= 4);
    }
    assert.deepEqual(spans('2025-01-01', '2026-01-01'), [
      { grain: 'year', lo: '2025-01-01', hi: '2026-01-01' },
    ]);
  });

  it('count every day before a date exactly once for a stock, taking away what lies after it, in few rows', () => {
    const lo = isoToDay('2024-01-01');
    const hi = isoToDay('2028-01-01');
    for (let b = isoToDay('2025-01-01'); b < isoToDay('2027-01-01'); b++) {
      const list = prefixSpans(dayToIso(b));
      const covered = new Map<number, number>();
      for (const x of list) {
        const from = Math.max(lo, isoToDay(x.lo));
        const to = Math.min(hi, isoToDay(x.hi));
        for (const e of daysOf(x, from, to)) covered.set(e, (covered.get(e) ?? 0) + (x.sign ?? 1));
      }
      for (let d = lo; d < hi; d++) {
        assert.equal(covered.get(d) ?? 0, d < b ? 1 : 0, `${dayToIso(d)} for a stock at ${dayToIso(b)}`);
      }
      // rows per key for b's year: at most 22 (the sum of its months and days: up to 11 + 30)
      let rows = 0;
      for (const x of list.filter((x) => x.lo >= `${dayToIso(b).slice(0, 4)}-01-01`)) {
        for (let d = isoToDay(x.lo); d < isoToDay(x.hi); d++) {
          const iso = dayToIso(d);
          if (x.grain === 'day' || (x.grain === 'month' && iso.slice(8) === '01') || iso.slice(5) === '01-01')
            rows += 1;
        }
      }
      assert.ok(rows <= 22, `${rows} rows for a stock at ${dayToIso(b)}`);
    }
    assert.deepEqual(prefixSpans('2026-11-28'), [
      { grain: 'year', lo: '1900-01-01', hi: '2026-01-01' },
      { grain: 'year', lo: '2026-01-01', hi: '2027-01-01' },
      { grain: 'month', lo: '2026-12-01', hi: '2027-01-01', sign: -1 },
      { grain: 'day', lo: '2026-11-28', hi: '2026-12-01', sign: -1 },
    ]);
  });
});

for (const backend of BACKENDS) {
  describe(`statistics on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let desk: Client;
    let specialist: Client;
    let leader: Client;
    let admin: Client;
    let components: { name: string; received: boolean }[];
    const setNow = (iso: string) => (s.clock as ManualClock).set(new Date(iso));
    const ok = async (c: Client, id: string, body: Record<string, unknown>) => {
      const r = await c.post<ApiError>(`/api/v1/dossiers/${id}/commands`, body);
      assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
    };
    const receive = async () => {
      const r = await desk.post<{ id: string; code: string; dueAt: string }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant,
        components,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const report = async (q: string) => {
      const r = await leader.get<Report>(`/api/v1/stats/processing?${q}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    before(async () => {
      s = await startTestServer(backend, {
        MOTCUA_CLOCK_START: '2026-11-20T09:00:00+07:00',
        MOTCUA_SESSION_HOURS: '720',
      });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      leader = await new Client(s.app).login('lanhdao', DEMO_PASSWORD);
      admin = await new Client(s.app).login('admin', 'quantri-he-thong-2026');
      const p = await desk.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>('/api/v1/procedures/1.004194');
      components = p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
    });
    after(() => s?.close());

    it('counts dossiers handled through the desk in the report, and lists the dossiers behind each number', async () => {
      // Friday 20/11 09:00, 3 working days: due Wednesday 25/11 09:00 (Culture Day 24/11 skipped).
      const early = await receive();
      const late = await receive();
      const open = await receive();
      for (const d of [early, late, open]) {
        await ok(desk, d.id, { action: 'forward' });
        await ok(specialist, d.id, { action: 'claim' });
      }
      for (const d of [early, late]) await ok(specialist, d.id, { action: 'forward', note: 'Trình ký' });
      setNow('2026-11-23T10:00:00+07:00');
      await ok(leader, early.id, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
      setNow('2026-11-26T10:00:00+07:00');
      await ok(leader, late.id, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });

      const nov = await report('from=2026-11-01&to=2026-11-30&by=none');
      assert.equal(nov.total.received, 3);
      assert.equal(nov.total.receivedCounter, 3);
      assert.equal(nov.total.resolvedEarly, 1);
      assert.equal(nov.total.resolvedLate, 1);
      assert.equal(nov.total.inProgress, 1);
      assert.equal(nov.total.inProgressOverdue, 1, 'due 25/11, still open on 26/11');
      assert.equal(nov.total.onTimeRate, 0.5);

      // Up to 24/11 the open one was still within time, and both others were in progress.
      const before = await report('from=2026-11-20&to=2026-11-22&by=none');
      assert.equal(before.total.inProgressWithinTime, 3);
      assert.equal(before.total.resolved, 0);

      const behind = await leader.get<{ total: number; items: { code: string }[] }>(
        '/api/v1/stats/processing/dossiers?from=2026-11-01&to=2026-11-30&by=none&cell=resolvedLate',
      );
      assert.equal(behind.status, 200);
      assert.deepEqual(
        behind.body.items.map((i) => i.code),
        [late.code],
      );
      const overdue = await leader.get<{ total: number; items: { code: string }[] }>(
        '/api/v1/stats/processing/dossiers?from=2026-11-01&to=2026-11-30&by=none&cell=inProgressOverdue',
      );
      assert.deepEqual(
        overdue.body.items.map((i) => i.code),
        [open.code],
      );
    });

    it('rolls the communes up into the province and keeps other communes out of a commune report', async () => {
      const province = await admin.get<Report>(
        '/api/v1/stats/processing?from=2026-11-01&to=2026-11-30&by=agency',
      );
      assert.equal(province.status, 200);
      const saiGon = province.body.rows.find((r) => r.label.includes('Sài Gòn'));
      assert.ok(saiGon, JSON.stringify(province.body.rows.map((r) => r.label)));
      assert.equal(saiGon.figures.received, 3);
      assert.equal(province.body.total.received, 3);
      const other = province.body.rows.find((r) => r.label.includes('Bến Thành'));
      const benThanh = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      const own = await benThanh.get<Report>(
        '/api/v1/stats/processing?from=2026-11-01&to=2026-11-30&by=none',
      );
      assert.equal(own.body.total.received, 0);
      const denied = await benThanh.get<ApiError>(
        `/api/v1/stats/processing?from=2026-11-01&to=2026-11-30&agencyId=${saiGon.key}`,
      );
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.code, 'OUT_OF_SCOPE');
      assert.ok(other);
    });

    it('refuses a period that ends before it starts, and citizens', async () => {
      const r = await leader.get<ApiError>('/api/v1/stats/processing?from=2026-11-30&to=2026-11-01');
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 'RANGE_INVALID');
      const anon = await new Client(s.app).get<ApiError>(
        '/api/v1/stats/processing?from=2026-11-01&to=2026-11-30',
      );
      assert.equal(anon.status, 401);
    });

    it('exports the report as an .xlsx with Vietnamese headers and as a PDF', async () => {
      const x = await s.app.inject({
        method: 'GET',
        url: '/api/v1/stats/processing.xlsx?from=2026-11-01&to=2026-11-30&by=none',
        headers: { cookie: leader.cookie! },
      });
      assert.equal(x.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Báo cáo')!;
      assert.equal(ws.getCell(2, 1).value, 'Báo cáo tình hình, kết quả giải quyết thủ tục hành chính');
      const headers = [...Array(ws.columnCount).keys()].map((c) => String(ws.getCell(6, c + 1).value ?? ''));
      assert.ok(headers.includes('Kỳ trước chuyển qua'));
      assert.ok(headers.includes('Trước hạn'));
      assert.equal(String(ws.getCell(5, 3).value), 'Số hồ sơ nhận giải quyết');
      const total = ws.getRow(ws.rowCount - 2);
      assert.equal(total.getCell(2).value, 'Tổng cộng');
      assert.equal(total.getCell(3).value, 3);
      const pdf = await s.app.inject({
        method: 'GET',
        url: '/api/v1/stats/processing.pdf?from=2026-11-01&to=2026-11-30&by=agency',
        headers: { cookie: leader.cookie! },
      });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    });

    it('scores the Decision 766 scorecard from its own data and entered figures, attributed', async () => {
      const q = 'from=2026-11-01&to=2026-11-30';
      const r = await leader.get<{
        total: number;
        max: number;
        groups: {
          code: string;
          max: number;
          indicators: {
            code: string;
            score: number;
            inputs: { key: string; source: string; note: string | null }[];
          }[];
        }[];
      }>(`/api/v1/stats/scorecard?${q}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.max, 100);
      assert.equal(r.body.groups.length, 6);
      const ind = (code: string) => r.body.groups.flatMap((g) => g.indicators).find((i) => i.code === code)!;
      // 1 early + 0 within time of 3 to handle: 20 × 1/3
      assert.equal(ind('2.1').score, 6.67);
      const agencyId = (await report(`${q}&by=none`)).agency.id;
      const put = await leader.put('/api/v1/stats/scorecard/inputs', {
        agencyId,
        from: '2026-11-01',
        to: '2026-11-30',
        key: 'dossiersSynced',
        value: 3,
        note: 'Trang báo cáo Cổng DVCQG ngày 01/12/2026',
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const computed = await leader.put<ApiError>('/api/v1/stats/scorecard/inputs', {
        agencyId,
        from: '2026-11-01',
        to: '2026-11-30',
        key: 'received',
        value: 3,
        note: 'thử nhập',
      });
      assert.equal(computed.status, 422);
      assert.equal(computed.body.error.code, 'INPUT_COMPUTED');
      const again = await leader.get<typeof r.body>(`/api/v1/stats/scorecard?${q}`);
      const synced = again.body.groups[0]!.indicators.find((i) => i.code === '1.4')!;
      const input = synced.inputs.find((i) => i.key === 'dossiersSynced')!;
      assert.equal(input.source, 'entered');
      assert.match(input.note!, /Cổng DVCQG/);
    });

    it('publishes each agency’s figures without login on the transparency endpoint', async () => {
      const r = await new Client(s.app).get<{
        agencies: { name: string; figures: Figures; score: number | null; subAgencies: number }[];
      }>('/api/v1/public/transparency?from=2026-11-01&to=2026-11-30');
      assert.equal(r.status, 200);
      const saiGon = r.body.agencies.find((a) => a.name.includes('Sài Gòn'))!;
      assert.equal(saiGon.figures.received, 3);
      assert.ok((saiGon.score ?? 0) > 0);
      // No dossier to handle is "no data", not a score (issue 25); a parent says it sums its children.
      const quiet = r.body.agencies.filter((a) => a.figures.toHandle === 0);
      assert.ok(quiet.length > 0, 'a demo agency without dossiers');
      for (const a of quiet) assert.equal(a.score, null, a.name);
      const city = r.body.agencies.find((a) => a.name.includes('Thành phố'))!;
      assert.equal(city.subAgencies, r.body.agencies.length - 1);
    });

    it('matches a recomputation from the event log exactly for a seeded history, and never counts twice', async () => {
      const cal = await s.app.calendar.forOfficeHours();
      const history = { years: 1, until: '2026-11-19', now: new Date('2026-11-26T10:00:00+07:00') };
      // The reports are read at the history's "now": none of its events lies in the server's future (a stock
      // read before a resolution the flows already count would not balance). Set here, not by an earlier test.
      setNow('2026-11-26T10:00:00+07:00');
      const seeded = await seedHistory(s.database, cal, { ...history, dossiers: 200, seed: 42 });
      // a second history over the same days, for one commune: its day numbering goes on from the first's
      const more = await seedHistory(s.database, cal, {
        ...history,
        dossiers: 100,
        seed: 43,
        agencies: ['000.01.30.H29'],
      });
      assert.equal(seeded.dossiers + more.dossiers, 300);
      // the generator applied its dossiers to the rollups in the transactions that wrote them
      const afterSeed = await refreshRollups(s.database, () => s.clock.now());
      assert.equal(afterSeed.dossiers, 0, 'the job had nothing left to apply');
      const periods = [
        'from=2026-01-01&to=2026-11-30',
        'from=2026-02-10&to=2026-03-15',
        'from=2025-12-01&to=2026-11-25',
        // whole year 2025 read at the year grain, months and days around it
        'from=2024-06-15&to=2026-11-25',
        'from=2026-03-07&to=2026-03-07',
      ];
      const first: Report[] = [];
      for (const q of periods) {
        const c = await admin.get<Consistency>(`/api/v1/stats/consistency?${q}`);
        assert.equal(c.status, 200, JSON.stringify(c.body));
        assert.ok(c.body.matches, JSON.stringify(c.body.differences));
        assert.ok(c.body.dossiers >= 300);
        first.push((await admin.get<Report>(`/api/v1/stats/processing?${q}&by=procedure`)).body);
      }
      // The coarse rollups give the fine one's figures for any period and grouping they can answer.
      const scope = await s.database.read((db) => reportScope(db, null, undefined));
      const today = isoToDay('2026-11-26');
      for (const [from, to] of [
        ['2025-11-01', '2026-11-30'],
        ['2025-11-17', '2026-01-01'],
        ['2025-12-31', '2026-12-31'],
        ['2024-01-01', '2026-11-25'],
        ['2026-07-05', '2026-07-06'],
      ] as const) {
        const p = period(from, to, today);
        const [top] = await s.database.read((db) =>
          queryRows<{ procedureId: string; fieldCode: string; officerId: string }>(
            db,
            // The most frequent procedure, field and officer within the period, so each filtered view has figures
            // to compare (the most frequent overall once had nothing in the two-day period: a tie, broken by row
            // order, picked it now and then).
            sql`select (select procedure_id from stats_daily where day between ${from} and ${to} group by 1 order by count(*) desc, 1 limit 1) as "procedureId",
                  (select field_code from stats_daily where day between ${from} and ${to} group by 1 order by count(*) desc, 1 limit 1) as "fieldCode",
                  (select officer_id from stats_daily where day between ${from} and ${to} group by 1 order by count(*) desc, 1 limit 1)::text as "officerId"`,
          ),
        );
        const { procedureId, fieldCode, officerId } = top!;
        for (const [by, f] of [
          ['agency', {}],
          ['channel', {}],
          ['none', {}],
          ['procedure', {}],
          ['agency', { procedureId }],
          ['agency', { channel: 'online' }],
          ['officer', {}],
          ['field', {}],
          ['agency', { fieldCode }],
          ['officer', { fieldCode }],
          ['field', { officerId }],
        ] as const) {
          assert.ok(coarseTable(by, f), `${by} ${JSON.stringify(f)} is read from a coarse rollup`);
          const [coarse, fine] = await s.database.read(async (db) => [
            await coarseTotals(db, scope.ids, p, by, f),
            await rollupTotals(db, scope.ids, p, by, f),
          ]);
          const zero = JSON.stringify(emptyTotals());
          const strip = (m: Map<string, unknown>) =>
            new Map(
              [...m].filter(([, t]) => JSON.stringify(t) !== zero).sort(([a], [b]) => a.localeCompare(b)),
            );
          assert.deepEqual(strip(coarse), strip(fine), `${from}..${to} by ${by} ${JSON.stringify(f)}`);
          assert.ok(coarse.size > 0, `${from}..${to} by ${by} ${JSON.stringify(f)} has figures`);
        }
        // a view mixing both sides (officers of one procedure) is answered by the fine rollup
        assert.equal(coarseTable('officer', { procedureId }), null);
      }
      const year = first[0]!.total;
      assert.equal(year.carriedOver + year.received, year.resolved + year.inProgress);
      assert.ok(year.resolvedOnTime > year.resolvedLate, JSON.stringify(year));

      // A crash after the rollups committed but before the watermark did: the rerun re-reads every
      // event and must change nothing.
      await s.database.tx((db) => db.execute(sql`update stats_watermark set consumed_below = '0'::xid8`));
      const rerun = await refreshRollups(s.database, () => s.clock.now());
      assert.equal(rerun.dossiers, 0, 'no dossier contribution changed');
      // ... and with every contribution forced to be recomputed, the differences are all zero
      await s.database.tx(async (db) => {
        await db.execute(sql`update stats_watermark set consumed_below = '0'::xid8`);
        await db.execute(sql`update stats_contributions set event_count = -1`);
      });
      const forced = await refreshRollups(s.database, () => s.clock.now());
      assert.ok(forced.dossiers >= 300, `${forced.dossiers} dossiers recomputed`);
      for (const [i, q] of periods.entries()) {
        const again = await admin.get<Report>(`/api/v1/stats/processing?${q}&by=procedure`);
        assert.deepEqual(again.body.total, first[i]!.total);
        const c = await admin.get<Consistency>(`/api/v1/stats/consistency?${q}`);
        assert.ok(c.body.matches, JSON.stringify(c.body.differences));
      }
    });

    it('follows new commands incrementally: a dossier resolved now moves from overdue to resolved late', async () => {
      const q = 'from=2026-11-01&to=2026-11-30&by=none';
      const beforeR = await report(q);
      const open = (
        await leader.get<{ items: { id: string }[] }>(
          '/api/v1/stats/processing/dossiers?from=2026-11-20&to=2026-11-30&by=none&cell=inProgressOverdue&limit=500',
        )
      ).body.items;
      const id = open.find(Boolean)!.id;
      // On PostgreSQL, a writing transaction left open elsewhere holds the snapshot's xmin back: the
      // report must still include the commands committed after it started.
      let release = () => {};
      const held =
        backend === 'postgres'
          ? s.database.tx(async (t) => {
              await t.execute(sql`select pg_current_xact_id()`);
              await new Promise<void>((r) => {
                release = r;
              });
            })
          : Promise.resolve();
      await ok(specialist, id, { action: 'forward', note: 'Trình ký' });
      await ok(leader, id, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
      const afterR = await report(q);
      release();
      await held;
      assert.equal(afterR.total.resolvedLate, beforeR.total.resolvedLate + 1);
      assert.equal(afterR.total.inProgressOverdue, beforeR.total.inProgressOverdue - 1);
      const c = await admin.get<Consistency>('/api/v1/stats/consistency?from=2026-11-01&to=2026-11-30');
      assert.ok(c.body.matches, JSON.stringify(c.body.differences));
    });
  });
}
