import { randomInt } from 'node:crypto';
import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { toLocalIso } from '../../../domain/calendar';
import { maskName } from '../../../domain/dossier/applicant';
import type { Db } from '../../db/database';
import {
  agencies,
  auditLog,
  dossiers,
  feedback,
  outbox,
  procedures,
  procedureVersions,
  users,
} from '../../db/schema';
import { AppError, errors } from '../../errors';
import { localDate } from '../../time';
import { agencyScope, inScope } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import {
  type AnswerBody,
  FEEDBACK_KIND_VI,
  type FeedbackInput,
  type FeedbackItem,
  type FeedbackListQuery,
  type FeedbackReceived,
  type PublicFeedbackQuery,
} from './feedback.schema';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

type Row = typeof feedback.$inferSelect;

async function views(db: Db, rows: Row[], opts: { staff: boolean }): Promise<FeedbackItem[]> {
  if (rows.length === 0) return [];
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  const procIds = [...new Set(rows.map((r) => r.procedureId).filter((x): x is string => x !== null))];
  const dossierIds = [...new Set(rows.map((r) => r.dossierId).filter((x): x is string => x !== null))];
  const userIds = [...new Set(rows.map((r) => r.answeredBy).filter((x): x is string => x !== null))];
  const ag = new Map(
    (await db.select().from(agencies).where(inArray(agencies.id, agencyIds))).map((a) => [a.id, a]),
  );
  const procs = new Map<string, { code: string; name: string; versionNo: number }>();
  if (procIds.length) {
    const vs = await db
      .select({
        id: procedures.id,
        code: procedures.code,
        v: procedureVersions.versionNo,
        c: procedureVersions.content,
      })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
      .where(inArray(procedures.id, procIds));
    for (const v of vs) {
      const seen = procs.get(v.id);
      if (!seen || seen.versionNo < v.v) procs.set(v.id, { code: v.code, name: v.c.name, versionNo: v.v });
    }
  }
  const codes = new Map(
    dossierIds.length
      ? (
          await db
            .select({ id: dossiers.id, code: dossiers.code })
            .from(dossiers)
            .where(inArray(dossiers.id, dossierIds))
        ).map((d) => [d.id, d.code])
      : [],
  );
  const names = new Map(
    opts.staff && userIds.length
      ? (
          await db.select({ id: users.id, n: users.fullName }).from(users).where(inArray(users.id, userIds))
        ).map((u) => [u.id, u.n])
      : [],
  );
  return rows.map((r) => {
    const a = ag.get(r.agencyId)!;
    const p = r.procedureId ? procs.get(r.procedureId) : undefined;
    return {
      id: r.id,
      code: r.code,
      kind: r.kind,
      status: r.published ? 'published' : r.answer ? 'answered' : 'new',
      agency: { code: a.code, name: a.name },
      procedure: p ? { code: p.code, name: p.name } : null,
      dossierCode: opts.staff && r.dossierId ? (codes.get(r.dossierId) ?? null) : null,
      authorName: opts.staff ? r.authorName : maskName(r.authorName),
      contact: opts.staff ? r.contact : null,
      title: r.title,
      content: r.content,
      answer: r.answer,
      answeredBy: r.answeredBy ? (names.get(r.answeredBy) ?? null) : null,
      answeredAt: r.answeredAt ? toLocalIso(r.answeredAt) : null,
      published: r.published,
      createdAt: toLocalIso(r.createdAt),
    };
  });
}

/** Records a feedback under a fresh code (sent to the agency of its dossier, procedure or choice), audited. */
export async function receiveFeedback(
  db: Db,
  user: AuthUser | null,
  now: Date,
  b: z.infer<typeof FeedbackInput>,
  author: { authorName: string; phone: string | null; email: string | null },
): Promise<FeedbackReceived> {
  const { authorName, phone, email } = author;
  let agencyId: string | null = null;
  let procedureId: string | null = null;
  let dossierId: string | null = null;
  if (b.dossierCode) {
    const d = (
      await db.select().from(dossiers).where(eq(dossiers.code, b.dossierCode.trim().toUpperCase()))
    )[0];
    if (!d)
      throw new AppError(
        404,
        'DOSSIER_NOT_FOUND',
        `Không tìm thấy hồ sơ mã ${b.dossierCode}; kiểm tra lại mã trên phiếu hẹn.`,
      );
    agencyId = d.agencyId;
    procedureId = d.procedureId;
    dossierId = d.id;
  }
  if (b.procedureCode && !procedureId) {
    const p = (await db.select().from(procedures).where(eq(procedures.code, b.procedureCode)))[0];
    if (!p) throw new AppError(404, 'PROCEDURE_NOT_FOUND', `Không tìm thấy thủ tục mã ${b.procedureCode}.`);
    procedureId = p.id;
  }
  if (!agencyId) {
    if (!b.agencyCode) {
      throw errors.invalid('AGENCY_REQUIRED', 'Hãy chọn cơ quan nhận phản ánh, kiến nghị.');
    }
    const a = (await db.select().from(agencies).where(eq(agencies.code, b.agencyCode)))[0];
    if (!a?.active) throw new AppError(404, 'AGENCY_NOT_FOUND', `Không tìm thấy cơ quan mã ${b.agencyCode}.`);
    agencyId = a.id;
  }
  const agency = (await db.select().from(agencies).where(eq(agencies.id, agencyId)))[0]!;
  const day = localDate(now).slice(2).replaceAll('-', '');
  for (let attempt = 0; attempt < 5; attempt++) {
    const tail = Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const code = `PAKN-${day}-${tail}`;
    const inserted = await db
      .insert(feedback)
      .values({
        code,
        kind: b.kind,
        agencyId,
        procedureId,
        dossierId,
        authorId: user?.id ?? null,
        authorName,
        contact: { phone, email },
        title: b.title,
        content: b.content,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: feedback.id });
    if (inserted[0]) {
      await db.insert(auditLog).values({
        at: now,
        actorId: user?.id ?? null,
        action: 'feedback.received',
        entity: 'feedback',
        entityId: inserted[0].id,
        data: { code, kind: b.kind, agencyId, procedureId, dossierId },
      });
      return { code, agency: agency.name };
    }
  }
  throw new AppError(503, 'CODE_BUSY', 'Chưa cấp được mã phản ánh; vui lòng gửi lại.');
}

/** The feedback sent to the agencies in the actor's scope, filtered, one page. */
export async function listFeedback(db: Db, actor: AuthUser, q: z.infer<typeof FeedbackListQuery>) {
  const scope = await agencyScope(db, actor);
  const where: SQL[] = [];
  if (scope !== null)
    where.push(
      inArray(feedback.agencyId, scope.size ? [...scope] : ['00000000-0000-0000-0000-000000000000']),
    );
  if (q.status === 'new') where.push(isNull(feedback.answer));
  if (q.status === 'answered') where.push(and(isNotNull(feedback.answer), eq(feedback.published, false))!);
  if (q.status === 'published') where.push(eq(feedback.published, true));
  if (q.kind) where.push(eq(feedback.kind, q.kind));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(feedback.code, like),
        ilike(feedback.title, like),
        ilike(feedback.content, like),
        ilike(feedback.authorName, like),
      )!,
    );
  }
  const cond = where.length ? and(...where) : undefined;
  const total = (await db.select({ n: count() }).from(feedback).where(cond))[0]?.n ?? 0;
  const rows = await db
    .select()
    .from(feedback)
    .where(cond)
    .orderBy(desc(feedback.createdAt), desc(feedback.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await views(db, rows, { staff: true }), total };
}

async function loadInScope(db: Db, actor: AuthUser, id: string, lock = false) {
  const qy = db.select().from(feedback).where(eq(feedback.id, id));
  const r = (await (lock ? qy.for('update') : qy))[0];
  if (!r || !inScope(await agencyScope(db, actor), r.agencyId)) throw errors.notFound('phản ánh, kiến nghị');
  return r;
}

/** The staff's view of one feedback in scope. */
export async function feedbackView(db: Db, actor: AuthUser, id: string): Promise<FeedbackItem> {
  return (await views(db, [await loadInScope(db, actor, id)], { staff: true }))[0]!;
}

/** Answers a feedback (the sender is told through the outbox), audited. */
export async function answerFeedback(
  db: Db,
  actor: AuthUser,
  now: Date,
  id: string,
  body: z.infer<typeof AnswerBody>,
): Promise<void> {
  const r = await loadInScope(db, actor, id, true);
  if (r.published) {
    throw errors.conflict('ALREADY_PUBLISHED', 'Câu trả lời đã công khai; hãy thôi công khai trước khi sửa.');
  }
  await db
    .update(feedback)
    .set({
      answer: body.answer,
      answeredBy: actor.id,
      answeredAt: now,
      published: body.publish,
    })
    .where(eq(feedback.id, r.id));
  await db.insert(outbox).values({
    createdAt: now,
    topic: 'feedback-answered',
    dossierId: r.dossierId,
    recipient: { name: r.authorName, phone: r.contact.phone, email: r.contact.email },
    message: `${FEEDBACK_KIND_VI[r.kind]} ${r.code} của ông/bà đã được trả lời: ${body.answer}`.slice(
      0,
      1000,
    ),
    nextAttemptAt: now,
  });
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: r.answer ? 'feedback.answer-changed' : 'feedback.answered',
    entity: 'feedback',
    entityId: r.id,
    data: { answer: body.answer, published: body.publish, previous: r.answer },
  });
}

/** Publishes (or withdraws) an answered feedback, audited. */
export async function publishFeedback(
  db: Db,
  actor: AuthUser,
  now: Date,
  id: string,
  published: boolean,
): Promise<void> {
  const r = await loadInScope(db, actor, id, true);
  if (published && !r.answer) {
    throw errors.conflict('NOT_ANSWERED', 'Chỉ công khai được phản ánh, kiến nghị đã có câu trả lời.');
  }
  await db.update(feedback).set({ published: published }).where(eq(feedback.id, r.id));
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: published ? 'feedback.published' : 'feedback.unpublished',
    entity: 'feedback',
    entityId: r.id,
    data: null,
  });
}

/** The published feedback, names masked, one page. */
export async function publicFeedback(db: Db, q: z.infer<typeof PublicFeedbackQuery>) {
  const where: SQL[] = [eq(feedback.published, true)];
  if (q.agencyCode) {
    const a = (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, q.agencyCode)))[0];
    if (!a) return { items: [], total: 0 };
    where.push(eq(feedback.agencyId, a.id));
  }
  if (q.procedureCode) {
    const p = (
      await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, q.procedureCode))
    )[0];
    if (!p) return { items: [], total: 0 };
    where.push(eq(feedback.procedureId, p.id));
  }
  const total =
    (
      await db
        .select({ n: count() })
        .from(feedback)
        .where(and(...where))
    )[0]?.n ?? 0;
  const rows = await db
    .select()
    .from(feedback)
    .where(and(...where))
    .orderBy(desc(feedback.answeredAt), desc(feedback.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await views(db, rows, { staff: false }), total };
}

/** One feedback by its code, as its sender sees it. */
export async function feedbackByCode(db: Db, code: string): Promise<FeedbackItem> {
  const r = (await db.select().from(feedback).where(eq(feedback.code, code.toUpperCase())))[0];
  if (!r) throw errors.notFound(`phản ánh, kiến nghị mã ${code}`);
  return (await views(db, [r], { staff: false }))[0]!;
}
