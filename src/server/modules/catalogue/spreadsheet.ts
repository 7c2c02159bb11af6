import { asc, sql } from 'drizzle-orm';
import type { ProcedureContent } from '../../../domain/catalogue/procedure';
import { mayChange, refusalMessage } from '../../../domain/identity/permissions';
import { type Db, queryRows } from '../../db/database';
import { fields, procedures } from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import type { Decision, DecisionInput } from './catalogue.schema';
import { createDecision } from './decisions';
import { currentVersionsSql } from './versions';

/**
 * The catalogue as a spreadsheet carries it: the current catalogue for the export, and a parsed sheet
 * turned into a draft publication decision (the workbook format itself is `catalogue.xlsx.ts`).
 */

/** JSON with keys sorted, so contents compare equal whatever order jsonb stored them in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

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
