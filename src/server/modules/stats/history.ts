import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { WorkingCalendar } from '../../../domain/calendar';
import {
  dayToIso,
  instantOf,
  isoToDay,
  localDayOf,
  localMinuteOf,
  weekdayOf,
} from '../../../domain/calendar/local';
import { tetDay } from '../../../domain/calendar/lunar';
import { type Channel, dossierTimeLimit } from '../../../domain/catalogue/procedure';
import { foldVietnamese } from '../../../domain/catalogue/search';
import { formatDossierCode } from '../../../domain/dossier/code';
import { holderRole } from '../../../domain/dossier/commands';
import type { DossierEvent } from '../../../domain/dossier/events';
import { MINUTES_PER_WORKING_DAY } from '../../../domain/dossier/lifecycle';
import { replay } from '../../../domain/dossier/state';
import { DEFAULT_WORKFLOW } from '../../../domain/dossier/workflow';
import { type Database, queryRows } from '../../db/database';
import { insertHistoryRows } from '../dossiers/store';
import { FAMILY, GIVEN, load, MIDDLE, pick, prng } from './history-inputs';
import { applyHistories, type DossierHistory } from './rollups';

/**
 * A realistic dossier history, generated through the domain (due dates from the working calendar and
 * the procedure's time limit, histories replayed through the lifecycle's checks) and bulk-inserted:
 * a province's communes with their procedure mix (a few procedures dominate), channels shifting
 * online over the years, weekdays busier than Fridays, a lull before Tết and a rush after it, and an
 * on-time mix per commune (a good one ≈ 22 % early, ≈ 75 % on time; others later).
 */
export interface HistoryOptions {
  dossiers: number;
  years: number;
  /** Last local day of the history (default: the day before `now`). */
  until?: string;
  /** "Now": dossiers whose next step would come later stay open. */
  now: Date;
  seed?: number;
  /** Progress callback (dossiers written so far). */
  progress?: (n: number) => void;
  /**
   * Apply each batch to the statistics rollups in the transaction that writes it (default). `false` leaves
   * them to the job (`refreshRollups`), which then reads the events back.
   */
  rollups?: boolean;
  /**
   * Only these agencies (codes; default: every commune). Two generators on disjoint agencies write in
   * parallel without touching the same codes or rollup rows.
   */
  agencies?: string[];
}

/** Writes the history; returns the number of dossiers and events written. */
export async function seedHistory(
  database: Database,
  cal: WorkingCalendar,
  opts: HistoryOptions,
): Promise<{ dossiers: number; events: number }> {
  const rnd = prng(opts.seed ?? 766);
  const { agencies, procs } = await load(database, rnd, opts.agencies);
  if (agencies.length === 0 || procs.length === 0)
    throw new Error('seed-history needs agencies and commune procedures');
  const totalWeight = procs.reduce((n, p) => n + p.weight, 0);
  const pickProc = () => {
    let x = rnd() * totalWeight;
    for (const p of procs) {
      x -= p.weight;
      if (x <= 0) return p;
    }
    return procs[procs.length - 1]!;
  };
  const nowMs = opts.now.getTime();
  const lastDay = opts.until ? isoToDay(opts.until) : localDayOf(opts.now) - 1;
  const firstDay = lastDay - Math.round(opts.years * 365.25) + 1;
  const tets = new Map<number, number>();
  const tetOf = (day: number) => {
    const y = Number(dayToIso(day).slice(0, 4));
    for (const yy of [y, y + 1]) if (!tets.has(yy)) tets.set(yy, tetDay(yy));
    return [tets.get(y)!, tets.get(y + 1)!];
  };
  const WEEKDAY = [0, 1.15, 1.05, 1, 1, 0.85, 0];
  /** A working day with the week's and Tết's seasonality. */
  const pickDay = (): number => {
    for (;;) {
      const d = firstDay + Math.floor(rnd() * (lastDay - firstDay + 1));
      if (!cal.days.isWorking(d)) continue;
      let w = WEEKDAY[weekdayOf(d)] || 0.5;
      for (const t of tetOf(d)) {
        if (d < t && t - d <= 10) w *= 0.6;
        if (d > t && d - t <= 15) w *= 1.3;
      }
      if (rnd() * 1.5 < w) return d;
    }
  };
  const inSession = (day: number) => {
    const s = pick(rnd, cal.sessions);
    return instantOf(day, s.start + Math.floor(rnd() * (s.end - s.start - 5)));
  };
  /** A random working instant strictly between a and b (or null). */
  const between = (a: number, b: number): number | null => {
    if (b - a < 120_000) return null;
    for (let i = 0; i < 8; i++) {
      const t = a + 60_000 + Math.floor(rnd() * (b - a - 120_000));
      const m = localMinuteOf(t);
      if (cal.days.isWorking(localDayOf(t)) && cal.sessions.some((s) => m >= s.start && m < s.end)) return t;
    }
    return a + Math.floor((b - a) / 2);
  };
  // Each agency's day numbering goes on from the codes already given (a history added to an existing one,
  // or live intake on a seeded day): codes are unique per agency and day.
  const seqs = await database.read(async (db) => {
    const ids = agencies.map((a) => a.id);
    const rows = await queryRows<{ key: string; last: number }>(
      db,
      sql`select key, max(last)::int as last from (
            select split_part(code, '-', 1) || '|20' || substr(split_part(code, '-', 2), 1, 2) || '-'
                   || substr(split_part(code, '-', 2), 3, 2) || '-' || substr(split_part(code, '-', 2), 5, 2) as key,
                   split_part(code, '-', 3)::int as last
              from dossiers where code is not null and agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
            union all
            select a.code || '|' || s.day::text, s.last from dossier_sequences s join agencies a on a.id = s.agency_id
              where s.agency_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
          ) x group by key`,
    );
    return new Map(rows.map((r) => [r.key, Number(r.last)]));
  });
  let written = 0;
  let events = 0;
  // The embedded database runs its queries on this thread: smaller chunks, and a turn of the event loop between
  // them, so a long history never starves the process's timers and requests (issue 26).
  const CHUNK = database.kind === 'pglite' ? 100 : 500;
  for (let start = 0; start < opts.dossiers; start += CHUNK) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const dossierRows: Record<string, unknown>[] = [];
    const eventRows: Record<string, unknown>[] = [];
    const histories: DossierHistory[] = [];
    for (let i = start; i < Math.min(opts.dossiers, start + CHUNK); i++) {
      const ag = pick(rnd, agencies);
      const proc = pickProc();
      const day = pickDay();
      const share = (day - firstDay) / Math.max(1, lastDay - firstDay);
      const r = rnd();
      const allowed = proc.content.channels;
      let channel: Channel = r < 0.2 + 0.3 * share ? 'online' : r > 0.97 ? 'postal' : 'counter';
      if (!allowed.includes(channel)) channel = allowed.includes('counter') ? 'counter' : allowed[0]!;
      const acceptAt = inSession(day).getTime();
      if (acceptAt >= nowMs) continue;
      const desk = pick(rnd, ag.reception);
      const spec = pick(rnd, ag.specialists);
      const lead = pick(rnd, ag.leaders);
      const iso = (t: number) => new Date(t).toISOString();
      const ev: DossierEvent[] = [];
      const submittedAt =
        channel === 'counter' ? acceptAt : acceptAt - Math.floor((2 + rnd() * 40) * 3_600_000);
      ev.push({
        type: 'submitted',
        at: iso(submittedAt),
        actor: channel === 'counter' ? desk : null,
        channel,
        agencyId: ag.id,
      });
      const fate = rnd();
      if (fate < 0.015) {
        ev.push({
          type: 'refused',
          at: iso(acceptAt),
          actor: desk,
          reason: 'Hồ sơ không thuộc thẩm quyền giải quyết',
        });
      } else {
        const localDate = dayToIso(localDayOf(acceptAt));
        const seqKey = `${ag.code}|${localDate}`;
        const seq = (seqs.get(seqKey) ?? 0) + 1;
        seqs.set(seqKey, seq);
        const limit = dossierTimeLimit(proc.content, channel);
        let due = cal.dueAt(new Date(acceptAt), limit).getTime();
        ev.push({
          type: 'accepted',
          at: iso(acceptAt),
          actor: desk,
          channel,
          code: formatDossierCode(ag.code, localDate, seq),
          regime: '2025',
          legalTime: limit,
          dueAt: iso(due),
          workflow: DEFAULT_WORKFLOW,
          supplementMode: proc.content.supplementMode ?? 'restart',
        });
        let t = acceptAt + (5 + Math.floor(rnd() * 55)) * 60_000;
        const push = (e: DossierEvent) => {
          if (new Date(e.at).getTime() < nowMs) ev.push(e);
          return new Date(e.at).getTime() < nowMs;
        };
        let alive = push({
          type: 'routed',
          at: iso(t),
          actor: desk,
          step: 'tham-dinh',
          agencyId: ag.id,
          assigneeId: spec.id,
          note: null,
          back: false,
        });
        if (alive && fate < 0.025) {
          push({
            type: 'withdrawn',
            at: iso(t + Math.floor(rnd() * 3 * 86_400_000)),
            actor: desk,
            reason: 'Người nộp xin rút hồ sơ',
          });
          alive = false;
        }
        if (alive && fate > 0.94) {
          const reqAt = cal.addWorkingMinutes(new Date(t), 60 + Math.floor(rnd() * 900)).getTime();
          const mode = proc.content.supplementMode ?? 'restart';
          alive = push({
            type: 'supplement-requested',
            at: iso(reqAt),
            actor: spec,
            items: ['Bản sao giấy tờ còn thiếu'],
            reason: 'Thành phần hồ sơ chưa đầy đủ',
            mode,
            remainingMinutes: cal.remainingMinutes(new Date(due), new Date(reqAt)),
          });
          if (alive) {
            const back = cal
              .nextOpening(new Date(reqAt + (1 + Math.floor(rnd() * 10)) * 86_400_000))
              .getTime();
            const remaining = cal.remainingMinutes(new Date(due), new Date(reqAt));
            const newDue =
              mode === 'restart'
                ? cal.dueAt(new Date(back), limit).getTime()
                : cal.addWorkingMinutes(new Date(back), remaining).getTime();
            alive = push({ type: 'supplement-received', at: iso(back), actor: desk, dueAt: iso(newDue) });
            if (alive) {
              due = newDue;
              t = back;
            }
          }
        }
        if (alive) {
          // the result: early, on time or late in the commune's mix
          const x = rnd();
          const dueDay = localDayOf(due);
          let end: number | null = null;
          if (x < ag.lateShare)
            end = cal
              .addWorkingMinutes(new Date(due), 30 + Math.floor(rnd() * MINUTES_PER_WORKING_DAY * 6))
              .getTime();
          else if (x < ag.lateShare + ag.earlyShare && dueDay > localDayOf(t) + 0)
            end = between(t, instantOf(dueDay, 0).getTime());
          if (end === null) end = between(Math.max(t, instantOf(dueDay, 0).getTime()), due) ?? due;
          const decideAt = Math.max(t + 60_000, end - Math.floor(rnd() * 90) * 60_000);
          alive =
            push({
              type: 'routed',
              at: iso(Math.max(t + 30_000, decideAt - 30 * 60_000)),
              actor: spec,
              step: 'phe-duyet',
              agencyId: ag.id,
              assigneeId: lead.id,
              note: 'Trình lãnh đạo',
              back: false,
            }) &&
            push({
              type: 'decided',
              at: iso(Math.max(decideAt, end - 1000)),
              actor: lead,
              outcome: 'approved',
              comment: 'Đồng ý',
            }) &&
            push({
              type: 'result-ready',
              at: iso(end),
              actor: lead,
              documents: rnd() < 0.6 ? [randomUUID()] : [],
            });
          if (alive) {
            const ret = cal
              .addWorkingMinutes(
                new Date(Math.max(end, due - 60_000)),
                Math.floor(rnd() * MINUTES_PER_WORKING_DAY * 3),
              )
              .getTime();
            push({
              type: 'returned',
              at: iso(Math.max(ret, end + 60_000)),
              actor: desk,
              method:
                channel === 'postal' ? 'counter' : channel === 'online' && rnd() < 0.5 ? 'online' : 'counter',
              receiver: 'Người nộp hồ sơ',
              receiverIdNumber: null,
              earlyNotice: ret < due ? 'Đã nhắn tin báo người nộp' : null,
              postal: null,
            });
          }
        }
      }
      const state = replay(ev);
      const id = randomUUID();
      const name = `${pick(rnd, FAMILY)} ${pick(rnd, MIDDLE)} ${pick(rnd, GIVEN)}`;
      const idNumber = `0790${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
      const created = new Date(ev[0]!.at);
      const updated = new Date(ev[ev.length - 1]!.at);
      dossierRows.push({
        id,
        code: state.code,
        agencyId: ag.id,
        procedureId: proc.id,
        procedureVersionId: proc.versionId,
        channel,
        applicant: { kind: 'citizen', fullName: name, idNumber, phone: null, address: '' },
        applicantName: name,
        searchText: foldVietnamese(`${state.code ?? ''} ${name} ${idNumber}`),
        status: state.status,
        acceptedAt: state.acceptedAt,
        dueAt: state.dueAt,
        appointmentAt: state.appointmentAt,
        endedAt: state.endedAt,
        returnedAt: state.returnedAt,
        step: state.step,
        stepRole: holderRole(state),
        currentAgencyId: state.agencyId,
        assigneeId: state.assigneeId,
        eventCount: ev.length,
        createdAt: created.toISOString(),
        updatedAt: updated.toISOString(),
      });
      histories.push({
        id,
        agencyId: ag.id,
        procedureId: proc.id,
        fieldCode: proc.fieldCode,
        channel,
        // as the event log returns them (JSON), so the rollups are those the job would compute
        events: JSON.parse(JSON.stringify(ev)),
        eventCount: ev.length,
      });
      ev.forEach((e, seq) => {
        eventRows.push({
          dossierId: id,
          seq: seq + 1,
          type: e.type,
          at: e.at,
          actorId: e.actor?.id ?? null,
          event: e,
        });
      });
    }
    await database.tx(async (db) => {
      await insertHistoryRows(db, dossierRows, eventRows);
      // the statistics rollups in the same transaction as the events (issue 8): one pass, no re-reading
      if (opts.rollups !== false) await applyHistories(db, histories);
    });
    written += dossierRows.length;
    events += eventRows.length;
    opts.progress?.(written);
  }
  // keep the day counters ahead of the codes used, so a real intake on a seeded day never collides
  const counters = [...seqs].map(([k, last]) => {
    const [code, day] = k.split('|');
    return { code, day, last };
  });
  for (let i = 0; i < counters.length; i += 5000) {
    await database.tx((db) =>
      db.execute(sql`
        insert into dossier_sequences (agency_id, day, last)
        select a.id, x.day, x.last from jsonb_to_recordset(${JSON.stringify(counters.slice(i, i + 5000))}::jsonb)
          as x(code text, day date, last int) join agencies a on a.code = x.code
        on conflict (agency_id, day) do update set last = greatest(dossier_sequences.last, excluded.last)`),
    );
  }
  return { dossiers: written, events };
}
