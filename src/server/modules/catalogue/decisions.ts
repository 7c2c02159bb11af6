import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { viDate } from '../../../domain/calendar/text';
import type { Db } from '../../db/database';
import {
  auditLog,
  decisionItems,
  decisions,
  fields,
  files,
  procedures,
  procedureVersions,
} from '../../db/schema';
import { AppError, errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import type { Decision, DecisionInput } from './catalogue.schema';
import { addVersion, insertProcedure } from './versions';

/**
 * Publication decisions (quyết định công bố): a draft is created with its items checked against the
 * catalogue, read, listed, deleted while a draft, and published — which adds, amends and abolishes.
 */

type DecisionRow = typeof decisions.$inferSelect;

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
