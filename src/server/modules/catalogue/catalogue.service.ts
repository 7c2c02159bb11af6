import { and, asc, count, desc, eq, inArray, max, type SQL, sql } from 'drizzle-orm';
import { viDate } from '../../../domain/calendar/text';
import { diffVersions } from '../../../domain/catalogue/diff';
import { formatProcessingTime, type ProcedureContent } from '../../../domain/catalogue/procedure';
import { foldVietnamese, queryTerms } from '../../../domain/catalogue/search';
import { mayChange, refusalMessage } from '../../../domain/identity/permissions';
import { type Db, queryRows } from '../../db/database';
import {
  agencies,
  agencyProcedures,
  auditLog,
  decisionItems,
  decisions,
  fields,
  files,
  procedures,
  procedureVersions,
} from '../../db/schema';
import { AppError, errors } from '../../errors';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { Decision, DecisionInput, ProcedureDetail, ProcedureSummary } from './catalogue.schema';
import { MINUTES_PER_WORKING_DAY } from '../../../domain/dossier/lifecycle';

type VersionRow = typeof procedureVersions.$inferSelect;
type DecisionRow = typeof decisions.$inferSelect;

/** JSON with keys sorted, so contents compare equal whatever order jsonb stored them in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

export function searchTextOf(code: string, content: Pick<ProcedureContent, 'name'>): string {
  return `${code} ${foldVietnamese(content.name)}`;
}

// ─── Fields ────────────────────────────────────────────────────────────────────────────────

export async function listFields(db: Db, today: string) {
  const rows = await db.select().from(fields);
  const counts = await queryRows<{ field_code: string; n: number }>(
    db,
    sql`
    with cur as (${currentVersionsSql(today)})
    select field_code, count(*)::int as n from cur
    where abolished_on is null or abolished_on > ${today}
    group by field_code`,
  );
  const byCode = new Map(counts.map((r) => [r.field_code, Number(r.n)]));
  const collator = new Intl.Collator('vi');
  return rows
    .map((f) => ({ code: f.code, name: f.name, sector: f.sector, procedureCount: byCode.get(f.code) ?? 0 }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export async function createField(
  db: Db,
  actor: AuthUser,
  now: Date,
  input: { code: string; name: string; sector: string },
) {
  const exists = (await db.select().from(fields).where(eq(fields.code, input.code)))[0];
  if (exists) throw errors.conflict('FIELD_CODE_TAKEN', `Mã lĩnh vực ${input.code} đã có (${exists.name}).`);
  const [row] = await db
    .insert(fields)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning();
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'field.created',
    entity: 'field',
    entityId: input.code,
    data: input,
  });
  return { code: row!.code, name: row!.name, sector: row!.sector, procedureCount: 0 };
}

export async function updateField(
  db: Db,
  actor: AuthUser,
  now: Date,
  code: string,
  patch: { name?: string | undefined; sector?: string | undefined },
) {
  const [row] = await db
    .update(fields)
    .set({ ...patch, updatedAt: now })
    .where(eq(fields.code, code))
    .returning();
  if (!row) throw errors.notFound('lĩnh vực');
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'field.updated',
    entity: 'field',
    entityId: code,
    data: patch,
  });
  return { code: row.code, name: row.name, sector: row.sector, procedureCount: 0 };
}

// ─── Reading procedures ────────────────────────────────────────────────────────────────────

/** The version of each procedure in effect on `today` (latest effective_from ≤ today). */
function currentVersionsSql(today: string): SQL {
  return sql`
    select distinct on (v.procedure_id) v.*, p.code, p.abolished_on
    from procedure_versions v join procedures p on p.id = v.procedure_id
    where v.effective_from <= ${today}
    order by v.procedure_id, v.effective_from desc, v.version_no desc`;
}

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
    source: v.source ?? null,
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

// ─── Publication decisions ─────────────────────────────────────────────────────────────────

function toDecision(
  d: DecisionRow,
  items: (typeof decisionItems.$inferSelect & { procedureName: string | null })[],
): Decision {
  return {
    id: d.id,
    number: d.number,
    signedOn: d.signedOn,
    effectiveOn: d.effectiveOn,
    issuer: d.issuer,
    title: d.title,
    status: d.status,
    createdAt: d.createdAt.toISOString(),
    publishedAt: d.publishedAt?.toISOString() ?? null,
    items: items
      .sort((a, b) => a.position - b.position)
      .map((i) => ({
        action: i.action,
        procedureCode: i.procedureCode,
        procedureName: i.procedureName,
        content: i.content ?? null,
      })),
  };
}

export interface ItemProblem {
  item: number; // 1-based position in the decision
  procedureCode: string;
  message: string;
}

/** Checks a decision's items against the catalogue as it stands; returns every problem found. */
async function checkItems(
  db: Db,
  items: DecisionInput['items'],
  effectiveOn: string,
): Promise<ItemProblem[]> {
  const problems: ItemProblem[] = [];
  const codes = [...new Set(items.map((i) => i.procedureCode))];
  const existing =
    codes.length > 0 ? await db.select().from(procedures).where(inArray(procedures.code, codes)) : [];
  const byCode = new Map(existing.map((p) => [p.code, p]));
  const fieldCodes = new Set((await db.select({ code: fields.code }).from(fields)).map((f) => f.code));
  const templateIds = [
    ...new Set(
      items.flatMap((i) => (i.action === 'abolish' ? [] : i.content.components.map((c) => c.templateFileId))),
    ),
  ].filter((x): x is string => typeof x === 'string');
  const knownTemplates = new Set(
    templateIds.length > 0
      ? (
          await db
            .select({ id: files.id })
            .from(files)
            .where(and(inArray(files.id, templateIds), eq(files.public, true)))
        ).map((f) => f.id)
      : [],
  );
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = { item: i + 1, procedureCode: item.procedureCode };
    if (seen.has(item.procedureCode)) {
      problems.push({
        ...at,
        message: `Thủ tục ${item.procedureCode} xuất hiện hơn một lần trong quyết định.`,
      });
    }
    seen.add(item.procedureCode);
    const p = byCode.get(item.procedureCode);
    if (item.action === 'add' && p) {
      problems.push({
        ...at,
        message: `Thủ tục ${item.procedureCode} đã có trong danh mục; hãy chọn "sửa đổi, bổ sung".`,
      });
    }
    if (item.action !== 'add') {
      if (!p) problems.push({ ...at, message: `Không có thủ tục mã ${item.procedureCode} trong danh mục.` });
      else if (p.abolishedOn !== null && p.abolishedOn <= effectiveOn) {
        problems.push({
          ...at,
          message: `Thủ tục ${item.procedureCode} đã bị bãi bỏ từ ngày ${viDate(p.abolishedOn)}.`,
        });
      }
    }
    if (item.action !== 'abolish') {
      for (const c of item.content.components) {
        if (c.templateFileId && !knownTemplates.has(c.templateFileId)) {
          problems.push({ ...at, message: `Tệp mẫu của "${c.name}" không tồn tại; hãy tải lại tệp mẫu.` });
        }
      }
    }
    if (item.action !== 'abolish' && !fieldCodes.has(item.content.fieldCode)) {
      problems.push({
        ...at,
        message: `Không có lĩnh vực mã ${item.content.fieldCode}; hãy thêm lĩnh vực trước.`,
      });
    }
  });
  return problems;
}

function problemsError(problems: ItemProblem[]): AppError {
  return new AppError(
    400,
    'DECISION_INVALID',
    `Quyết định có ${problems.length} nội dung chưa hợp lệ: ${problems[0]?.message ?? ''}`,
    problems,
  );
}

async function itemsWithNames(db: Db, decisionId: string) {
  const items = await db.select().from(decisionItems).where(eq(decisionItems.decisionId, decisionId));
  const codes = items.map((i) => i.procedureCode);
  const names = new Map<string, string>();
  if (codes.length > 0) {
    const rows = await db
      .select({
        code: procedures.code,
        name: sql<string>`${procedureVersions.content}->>'name'`,
        no: procedureVersions.versionNo,
      })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
      .where(inArray(procedures.code, codes))
      .orderBy(asc(procedureVersions.versionNo));
    for (const r of rows) names.set(r.code, r.name);
  }
  return items.map((i) => ({ ...i, procedureName: i.content?.name ?? names.get(i.procedureCode) ?? null }));
}

export async function createDecision(
  db: Db,
  actor: AuthUser,
  now: Date,
  input: DecisionInput,
): Promise<Decision> {
  if (input.effectiveOn < input.signedOn) {
    throw errors.invalid('DECISION_DATES', 'Ngày có hiệu lực không thể trước ngày ký quyết định.');
  }
  const problems = await checkItems(db, input.items, input.effectiveOn);
  if (problems.length > 0) throw problemsError(problems);
  const { items, ...head } = input;
  const [d] = await db
    .insert(decisions)
    .values({ ...head, createdBy: actor.id, createdAt: now })
    .returning();
  if (items.length > 0) {
    await db.insert(decisionItems).values(
      items.map((it, i) => ({
        decisionId: d!.id,
        position: i + 1,
        action: it.action,
        procedureCode: it.procedureCode,
        content: it.action === 'abolish' ? null : it.content,
      })),
    );
  }
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'decision.created',
    entity: 'decision',
    entityId: d!.id,
    data: head,
  });
  return toDecision(d!, await itemsWithNames(db, d!.id));
}

export async function getDecision(db: Db, id: string): Promise<Decision> {
  const d = (await db.select().from(decisions).where(eq(decisions.id, id)))[0];
  if (!d) throw errors.notFound('quyết định công bố');
  return toDecision(d, await itemsWithNames(db, id));
}

export async function listDecisions(db: Db) {
  const rows = await db.select().from(decisions).orderBy(desc(decisions.signedOn), desc(decisions.createdAt));
  const counts = await db
    .select({ id: decisionItems.decisionId, n: count() })
    .from(decisionItems)
    .groupBy(decisionItems.decisionId);
  const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return {
    items: rows.map((d) => {
      const { items: _items, ...rest } = toDecision(d, []);
      return { ...rest, itemCount: byId.get(d.id) ?? 0 };
    }),
  };
}

/** Applies a draft decision: adds procedures, adds new versions, abolishes — all in one transaction. */
export async function publishDecision(db: Db, actor: AuthUser, now: Date, id: string): Promise<Decision> {
  const d = (await db.select().from(decisions).where(eq(decisions.id, id)))[0];
  if (!d) throw errors.notFound('quyết định công bố');
  if (d.status === 'published') {
    throw errors.conflict('DECISION_ALREADY_PUBLISHED', `Quyết định ${d.number} đã được công bố.`);
  }
  const items = (await db.select().from(decisionItems).where(eq(decisionItems.decisionId, id))).sort(
    (a, b) => a.position - b.position,
  );
  if (items.length === 0) {
    throw errors.invalid(
      'DECISION_EMPTY',
      'Quyết định chưa có thủ tục nào; hãy thêm thủ tục trước khi công bố.',
    );
  }
  const asInput = items.map((i) =>
    i.action === 'abolish'
      ? { action: 'abolish' as const, procedureCode: i.procedureCode }
      : { action: i.action, procedureCode: i.procedureCode, content: i.content! },
  ) as DecisionInput['items'];
  const problems = await checkItems(db, asInput, d.effectiveOn);
  if (problems.length > 0) throw problemsError(problems);
  for (const item of asInput) {
    if (item.action === 'abolish') {
      await db
        .update(procedures)
        .set({ abolishedOn: d.effectiveOn, abolishedBy: d.id })
        .where(eq(procedures.code, item.procedureCode));
      continue;
    }
    const source = { decision: d.number };
    if (item.action === 'add') {
      await insertProcedure(db, now, item.procedureCode, item.content, {
        effectiveFrom: d.effectiveOn,
        decisionId: d.id,
        source,
      });
    } else {
      const p = (await db.select().from(procedures).where(eq(procedures.code, item.procedureCode)))[0]!;
      await addVersion(db, now, p.id, item.procedureCode, item.content, {
        effectiveFrom: d.effectiveOn,
        decisionId: d.id,
        source,
      });
    }
  }
  await db.update(decisions).set({ status: 'published', publishedAt: now }).where(eq(decisions.id, id));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'decision.published',
    entity: 'decision',
    entityId: id,
    data: { number: d.number, items: items.map((i) => `${i.action} ${i.procedureCode}`) },
  });
  return getDecision(db, id);
}

export async function deleteDraftDecision(db: Db, actor: AuthUser, now: Date, id: string): Promise<void> {
  const d = (await db.select().from(decisions).where(eq(decisions.id, id)))[0];
  if (!d) throw errors.notFound('quyết định công bố');
  if (d.status !== 'draft') {
    throw errors.conflict('DECISION_ALREADY_PUBLISHED', 'Quyết định đã công bố không thể xóa.');
  }
  await db.delete(decisions).where(eq(decisions.id, id));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'decision.deleted',
    entity: 'decision',
    entityId: id,
    data: { number: d.number },
  });
}

interface VersionMeta {
  effectiveFrom: string;
  decisionId: string | null;
  source: unknown;
}

export async function insertProcedure(
  db: Db,
  now: Date,
  code: string,
  content: ProcedureContent,
  meta: VersionMeta,
) {
  const [p] = await db.insert(procedures).values({ code, createdAt: now }).returning();
  await addVersion(db, now, p!.id, code, content, meta);
  return p!;
}

async function addVersion(
  db: Db,
  now: Date,
  procedureId: string,
  code: string,
  content: ProcedureContent,
  meta: VersionMeta,
) {
  const last = await db
    .select({ n: max(procedureVersions.versionNo) })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId));
  await db.insert(procedureVersions).values({
    procedureId,
    versionNo: (last[0]?.n ?? 0) + 1,
    effectiveFrom: meta.effectiveFrom,
    decisionId: meta.decisionId,
    fieldCode: content.fieldCode,
    level: content.level,
    content,
    searchText: searchTextOf(code, content),
    source: meta.source ?? null,
    createdAt: now,
  });
}

// ─── Per-agency adoption ───────────────────────────────────────────────────────────────────

const MINUTES = { 'working-days': MINUTES_PER_WORKING_DAY, 'working-hours': 60 } as const;

export async function listAdoption(db: Db, today: string, agencyId: string) {
  const rows = await queryRows<{
    code: string;
    content: ProcedureContent;
    committed_time: { amount: number; unit: ProcedureContent['processingTime']['unit'] } | null;
  }>(
    db,
    sql`
    with cur as (${currentVersionsSql(today)})
    select cur.code, cur.content, ap.committed_time
    from agency_procedures ap join cur on cur.procedure_id = ap.procedure_id
    where ap.agency_id = ${agencyId} and (cur.abolished_on is null or cur.abolished_on > ${today})
    order by cur.search_text`,
  );
  return {
    items: rows.map((r) => ({
      procedureCode: r.code,
      procedureName: r.content.name,
      committedTime: r.committed_time ?? null,
      legalTime: r.content.processingTime,
    })),
  };
}

/** Sets the procedures an agency implements; a committed time may only be shorter than the legal one. */
export async function setAdoption(
  db: Db,
  actor: AuthUser,
  now: Date,
  today: string,
  agencyId: string,
  items: {
    procedureCode: string;
    committedTime: { amount: number; unit: ProcedureContent['processingTime']['unit'] } | null;
  }[],
) {
  const scope = await agencyScope(db, actor);
  if (!inScope(scope, agencyId)) throw errors.outOfScope();
  const a = (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0];
  if (!a) throw errors.notFound('cơ quan');
  const codes = items.map((i) => i.procedureCode);
  const found =
    codes.length > 0
      ? await queryRows<{ procedure_id: string; code: string; content: ProcedureContent }>(
          db,
          sql`
          with cur as (${currentVersionsSql(today)})
          select procedure_id, code, content from cur
          where code in (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )})`,
        )
      : [];
  const byCode = new Map(found.map((r) => [r.code, r]));
  const problems: ItemProblem[] = [];
  items.forEach((it, i) => {
    const p = byCode.get(it.procedureCode);
    if (!p) {
      problems.push({
        item: i + 1,
        procedureCode: it.procedureCode,
        message: `Không có thủ tục mã ${it.procedureCode} đang có hiệu lực.`,
      });
      return;
    }
    const legal = p.content.processingTime;
    const c = it.committedTime;
    if (c) {
      const comparable = (c.unit === 'calendar-days') === (legal.unit === 'calendar-days');
      const longer =
        !comparable ||
        (c.unit === 'calendar-days'
          ? c.amount > legal.amount
          : c.amount * MINUTES[c.unit as keyof typeof MINUTES] >
            legal.amount * MINUTES[legal.unit as keyof typeof MINUTES]);
      if (longer) {
        problems.push({
          item: i + 1,
          procedureCode: it.procedureCode,
          message: `Thời hạn cam kết của thủ tục ${it.procedureCode} phải ngắn hơn hoặc bằng thời hạn luật định (${formatProcessingTime(legal)}).`,
        });
      }
    }
  });
  if (problems.length > 0) {
    throw new AppError(400, 'ADOPTION_INVALID', problems[0]!.message, problems);
  }
  await db.delete(agencyProcedures).where(eq(agencyProcedures.agencyId, agencyId));
  if (items.length > 0) {
    await db.insert(agencyProcedures).values(
      items.map((it) => ({
        agencyId,
        procedureId: byCode.get(it.procedureCode)!.procedure_id,
        committedTime: it.committedTime,
        createdAt: now,
      })),
    );
  }
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'agency.procedures_set',
    entity: 'agency',
    entityId: agencyId,
    data: { count: items.length },
  });
  return listAdoption(db, today, agencyId);
}

// ─── Spreadsheet import and export ─────────────────────────────────────────────────────────

/** Fields and the procedures in effect today, for the spreadsheet export. */
export async function currentCatalogue(db: Db, today: string) {
  const f = await db.select().from(fields).orderBy(asc(fields.code));
  const rows = await queryRows<{ code: string; content: ProcedureContent }>(
    db,
    sql`with cur as (${currentVersionsSql(today)})
        select code, content from cur where abolished_on is null or abolished_on > ${today} order by code`,
  );
  return { fields: f.map((x) => ({ code: x.code, name: x.name, sector: x.sector })), procedures: rows };
}

/**
 * Turns a parsed spreadsheet into a draft publication decision: new codes are added, changed ones
 * amended (keeping their e-form and templates, which the sheet does not carry), unchanged ones
 * skipped. New fields from the sheet are created when the actor may change the national list of
 * fields (the system administrator); for anyone else a procedure in a field not yet listed is a
 * problem of its row. Any problem → nothing is written.
 */
export async function importCatalogue(
  db: Db,
  actor: AuthUser,
  now: Date,
  today: string,
  parsed: {
    fields: { code: string; name: string; sector: string }[];
    procedures: { row: number; code: string; content: ProcedureContent }[];
  },
  head: Omit<DecisionInput, 'items'>,
): Promise<Decision & { skipped: number }> {
  const known = new Set((await db.select({ code: fields.code }).from(fields)).map((f) => f.code));
  const sheetFields = new Map(parsed.fields.map((f) => [f.code, f]));
  const mayAddFields = mayChange(actor, 'fields');
  const problems: { row: number; column: string; reason: string }[] = [];
  for (const p of parsed.procedures) {
    const code = p.content.fieldCode;
    if (known.has(code)) continue;
    if (!sheetFields.has(code)) {
      problems.push({
        row: p.row,
        column: 'Mã lĩnh vực',
        reason: `Lĩnh vực ${code} chưa có trong danh mục cũng như trang "Lĩnh vực".`,
      });
    } else if (!mayAddFields) {
      problems.push({
        row: p.row,
        column: 'Mã lĩnh vực',
        reason: `Lĩnh vực ${code} chưa có trong danh mục lĩnh vực. ${refusalMessage('fields')}`,
      });
    }
  }
  const current = new Map((await currentCatalogue(db, today)).procedures.map((p) => [p.code, p.content]));
  const all = await db.select().from(procedures);
  const byCode = new Map(all.map((p) => [p.code, p]));
  const items: DecisionInput['items'] = [];
  let skipped = 0;
  for (const p of parsed.procedures) {
    const existing = byCode.get(p.code);
    if (existing?.abolishedOn && existing.abolishedOn <= today) {
      problems.push({
        row: p.row,
        column: 'Mã thủ tục',
        reason: `Thủ tục ${p.code} đã bị bãi bỏ; không thể sửa đổi.`,
      });
      continue;
    }
    const before = current.get(p.code);
    if (!existing || !before) {
      items.push({ action: 'add', procedureCode: p.code, content: p.content });
      continue;
    }
    const templates = new Map(before.components.map((c) => [c.name, c.templateFileId]));
    const merged: ProcedureContent = {
      ...p.content,
      eform: before.eform,
      supplementMode: before.supplementMode,
      components: p.content.components.map((c) => ({ ...c, templateFileId: templates.get(c.name) ?? null })),
    };
    if (canonical(merged) === canonical(before)) skipped++;
    else items.push({ action: 'amend', procedureCode: p.code, content: merged });
  }
  if (problems.length > 0) {
    throw new AppError(
      400,
      'IMPORT_INVALID',
      `Bảng tính có ${problems.length} lỗi; chưa nhập dữ liệu nào. Lỗi đầu tiên: dòng ${problems[0]!.row}, cột "${problems[0]!.column}": ${problems[0]!.reason}`,
      problems,
    );
  }
  if (items.length === 0) {
    throw errors.invalid(
      'IMPORT_NOTHING',
      'Bảng tính không có thủ tục mới hoặc thay đổi nào so với danh mục hiện hành.',
    );
  }
  for (const f of mayAddFields ? sheetFields.values() : []) {
    if (!known.has(f.code)) await db.insert(fields).values({ ...f, createdAt: now, updatedAt: now });
  }
  const decision = await createDecision(db, actor, now, { ...head, items });
  return { ...decision, skipped };
}
