import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { diffVersions } from '../../../domain/catalogue/diff';
import {
  formatProcessingTime,
  type ProcedureContent,
  ProcedureSource,
} from '../../../domain/catalogue/procedure';
import { queryTerms } from '../../../domain/catalogue/search';
import { type Db, queryRows } from '../../db/database';
import {
  agencies,
  agencyProcedures,
  decisions,
  fields,
  procedures,
  procedureVersions,
} from '../../db/schema';
import { errors } from '../../errors';
import type { ProcedureDetail, ProcedureSummary } from './catalogue.schema';
import { currentVersionsSql } from './versions';

/** Reading procedures: the search, one procedure at a version, its versions and what changed between two. */

type VersionRow = typeof procedureVersions.$inferSelect;
type DecisionRow = typeof decisions.$inferSelect;

interface CurrentRow {
  procedure_id: string;
  code: string;
  content: ProcedureContent;
  field_code: string;
  field_name: string;
  level: ProcedureContent['level'];
  total: number | string;
}

function toSummary(r: CurrentRow): ProcedureSummary {
  const c = r.content;
  return {
    id: r.procedure_id,
    code: r.code,
    name: c.name,
    field: { code: r.field_code, name: r.field_name },
    level: c.level,
    processingTime: c.processingTime,
    processingTimeText: formatProcessingTime(c.processingTime),
    onlineLevel: c.onlineLevel,
    channels: c.channels,
    hasFees: c.fees.length > 0,
  };
}

export interface ProcedureFilter {
  q?: string | undefined;
  field?: string | undefined;
  level?: ProcedureContent['level'] | undefined;
  agency?: string | undefined;
  onlineLevel?: ProcedureContent['onlineLevel'] | undefined;
  page: number;
  pageSize: number;
}

/**
 * Procedures in effect today, filtered; with `q`, ranked best first: the code, then names
 * containing the whole phrase, then all its words, then close spellings (trigram similarity),
 * all without diacritics or case.
 */
export async function searchProcedures(db: Db, today: string, f: ProcedureFilter) {
  const where: SQL[] = [sql`(cur.abolished_on is null or cur.abolished_on > ${today})`];
  if (f.field) where.push(sql`cur.field_code = ${f.field}`);
  if (f.level) where.push(sql`cur.level = ${f.level}`);
  if (f.onlineLevel) where.push(sql`cur.content->>'onlineLevel' = ${f.onlineLevel}`);
  if (f.agency) {
    where.push(
      sql`exists (select 1 from agency_procedures ap where ap.procedure_id = cur.procedure_id and ap.agency_id = ${f.agency})`,
    );
  }
  let order: SQL = sql`cur.search_text asc`;
  const terms = f.q ? queryTerms(f.q) : [];
  if (terms.length > 0) {
    const phrase = terms.join(' ');
    const all = sql.join(
      terms.map((t) => sql`cur.search_text like ${`%${t}%`}`),
      sql` and `,
    );
    where.push(sql`((${all}) or word_similarity(${phrase}, cur.search_text) >= 0.45)`);
    order = sql`(case when cur.code = ${phrase} then 100 when cur.code like ${`${phrase}%`} then 50 else 0 end)
      + (case when cur.search_text like ${`%${phrase}%`} then 10 else 0 end)
      + (case when ${all} then 5 else 0 end)
      + word_similarity(${phrase}, cur.search_text) * 4
      - length(cur.search_text) / 1000.0 desc, cur.search_text asc`;
  }
  const rows = await queryRows<CurrentRow>(
    db,
    sql`
    with cur as (${currentVersionsSql(today)})
    select cur.procedure_id, cur.code, cur.content, cur.field_code, cur.level, f.name as field_name,
           count(*) over () as total
    from cur join fields f on f.code = cur.field_code
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
  );
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { items: rows.map(toSummary), total, page: f.page, pageSize: f.pageSize };
}

async function decisionRefs(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, DecisionRow>();
  const rows = await db.select().from(decisions).where(inArray(decisions.id, wanted));
  return new Map(rows.map((d) => [d.id, d]));
}

function versionInfo(v: VersionRow, refs: Map<string, DecisionRow>) {
  const d = v.decisionId ? refs.get(v.decisionId) : undefined;
  return {
    versionNo: v.versionNo,
    effectiveFrom: v.effectiveFrom,
    decision: d
      ? { id: d.id, number: d.number, signedOn: d.signedOn, effectiveOn: d.effectiveOn, issuer: d.issuer }
      : null,
    createdAt: v.createdAt.toISOString(),
  };
}

async function procedureByCode(db: Db, code: string) {
  const p = (await db.select().from(procedures).where(eq(procedures.code, code)))[0];
  if (!p) throw errors.notFound(`thủ tục mã ${code}`);
  return p;
}

/** A procedure at the version in effect today (or a given version), with its agencies. */
export async function getProcedure(
  db: Db,
  today: string,
  code: string,
  versionNo?: number,
): Promise<ProcedureDetail> {
  const p = await procedureByCode(db, code);
  const versions = await db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, p.id))
    .orderBy(asc(procedureVersions.effectiveFrom), asc(procedureVersions.versionNo));
  const inEffect = versions.filter((v) => v.effectiveFrom <= today);
  let v: VersionRow | undefined;
  if (versionNo !== undefined) {
    v = versions.find((x) => x.versionNo === versionNo);
    if (!v) throw errors.notFound(`phiên bản ${versionNo} của thủ tục ${code}`);
  } else {
    v = inEffect[inEffect.length - 1] ?? versions[0];
  }
  if (!v) throw errors.notFound(`thủ tục mã ${code}`);
  const refs = await decisionRefs(
    db,
    versions.map((x) => x.decisionId),
  );
  const field = (await db.select().from(fields).where(eq(fields.code, v.fieldCode)))[0]!;
  const adopted = await db
    .select({ a: agencies, committedTime: agencyProcedures.committedTime })
    .from(agencyProcedures)
    .innerJoin(agencies, eq(agencies.id, agencyProcedures.agencyId))
    .where(and(eq(agencyProcedures.procedureId, p.id), eq(agencies.active, true)));
  const collator = new Intl.Collator('vi');
  const status =
    p.abolishedOn !== null && p.abolishedOn <= today
      ? 'abolished'
      : inEffect.length === 0
        ? 'pending'
        : 'active';
  return {
    ...v.content,
    id: p.id,
    code: p.code,
    field: { code: field.code, name: field.name, sector: field.sector },
    processingTimeText: formatProcessingTime(v.content.processingTime),
    status,
    abolishedOn: p.abolishedOn,
    version: versionInfo(v, refs),
    upcoming: versions.filter((x) => x.effectiveFrom > today).map((x) => versionInfo(x, refs)),
    agencies: adopted
      .map((r) => ({ id: r.a.id, code: r.a.code, name: r.a.name, committedTime: r.committedTime ?? null }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    // Sources written before this schema, or by hand, are shown only where they fit it.
    source: ProcedureSource.nullable()
      .catch(null)
      .parse(v.source ?? null),
  };
}

export async function listVersions(db: Db, code: string) {
  const p = await procedureByCode(db, code);
  const versions = await db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, p.id))
    .orderBy(desc(procedureVersions.versionNo));
  const refs = await decisionRefs(
    db,
    versions.map((x) => x.decisionId),
  );
  return { items: versions.map((v) => ({ ...versionInfo(v, refs), name: v.content.name })) };
}

export async function compareVersions(db: Db, code: string, from: number, to: number) {
  const p = await procedureByCode(db, code);
  const versions = await db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, p.id));
  const a = versions.find((v) => v.versionNo === from);
  const b = versions.find((v) => v.versionNo === to);
  if (!a || !b) throw errors.notFound(`phiên bản cần so sánh của thủ tục ${code}`);
  const refs = await decisionRefs(db, [a.decisionId, b.decisionId]);
  return { from: versionInfo(a, refs), to: versionInfo(b, refs), ...diffVersions(a.content, b.content) };
}
