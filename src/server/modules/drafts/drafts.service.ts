import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { toLocalIso } from '../../../domain/calendar';
import { validateEform } from '../../../domain/catalogue/eform';
import { formatAddress } from '../../../domain/geo/division';
import type { Db } from '../../db/database';
import { auditLog, dossierDrafts, dossierFiles, files, users } from '../../db/schema';
import { AppError, errors, validationError } from '../../errors';
import { localDate } from '../../time';
import { dropUnusedFiles, storeFiles } from '../files/store';
import type { StoredUpload } from '../files/uploads';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import { getProcedure } from '../catalogue/procedures';
import { DossierIntake } from '../dossiers/dossiers.schema';
import { createDossier } from '../dossiers/intake';
import type { Autonomous } from '../dossiers/store';
import {
  DELIVERY_LABELS_VI,
  type DraftBody,
  type DraftFile,
  DraftSubmission,
  type DraftView,
} from './drafts.schema';

type DraftRow = typeof dossierDrafts.$inferSelect;

const FILES_KEY = 'files';
const MAX_DRAFT_JSON = 200_000;

function filesOf(row: DraftRow): DraftFile[] {
  const f = row.data[FILES_KEY];
  return Array.isArray(f) ? (f as DraftFile[]) : [];
}

export function draftView(row: DraftRow): DraftView {
  const { [FILES_KEY]: _files, ...data } = row.data;
  return {
    id: row.id,
    procedureCode: row.procedureCode,
    agencyCode: row.agencyCode,
    data,
    files: filesOf(row),
    createdAt: toLocalIso(row.createdAt),
    updatedAt: toLocalIso(row.updatedAt),
  };
}

/** The caller's own draft (404 for anyone else's, so drafts cannot be probed); `lock` serializes submits. */
export async function ownDraft(db: Db, user: AuthUser, id: string, lock = false): Promise<DraftRow> {
  const q = db
    .select()
    .from(dossierDrafts)
    .where(and(eq(dossierDrafts.id, id), eq(dossierDrafts.userId, user.id)));
  const row = (await (lock ? q.for('update') : q))[0];
  if (!row) {
    throw new AppError(
      404,
      'DRAFT_NOT_FOUND',
      'Không tìm thấy bản nháp; có thể hồ sơ đã được nộp hoặc bản nháp đã bị xóa.',
    );
  }
  return row;
}

export async function listDrafts(db: Db, user: AuthUser, procedureCode?: string) {
  const rows = await db
    .select()
    .from(dossierDrafts)
    .where(
      procedureCode
        ? and(eq(dossierDrafts.userId, user.id), eq(dossierDrafts.procedureCode, procedureCode))
        : eq(dossierDrafts.userId, user.id),
    )
    .orderBy(desc(dossierDrafts.updatedAt));
  const me = (await db.select({ h: users.communityHelper }).from(users).where(eq(users.id, user.id)))[0];
  return {
    items: rows.map((r) => ({
      id: r.id,
      procedureCode: r.procedureCode,
      agencyCode: r.agencyCode,
      updatedAt: toLocalIso(r.updatedAt),
    })),
    communityHelper: me?.h ?? false,
  };
}

/**
 * Saves a draft (auto-save): creates it under the client's id or replaces what was entered. The
 * uploaded files are the server's record and survive whatever the client sends.
 */
export async function saveDraft(
  db: Db,
  user: AuthUser,
  now: Date,
  id: string,
  body: z.infer<typeof DraftBody>,
): Promise<{ view: DraftView; created: boolean }> {
  const { [FILES_KEY]: _ignored, ...data } = body.data;
  if (JSON.stringify(data).length > MAX_DRAFT_JSON) {
    throw new AppError(413, 'DRAFT_TOO_LARGE', 'Bản nháp quá lớn; hãy rút gọn nội dung đã nhập.');
  }
  const existing = (await db.select().from(dossierDrafts).where(eq(dossierDrafts.id, id)).for('update'))[0];
  if (existing && existing.userId !== user.id) throw errors.notFound('bản nháp');
  if (!existing) {
    const [row] = await db
      .insert(dossierDrafts)
      .values({
        id,
        userId: user.id,
        procedureCode: body.procedureCode,
        agencyCode: body.agencyCode,
        data: { ...data, [FILES_KEY]: [] },
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { view: draftView(row!), created: true };
  }
  if (existing.procedureCode !== body.procedureCode) {
    throw errors.conflict(
      'DRAFT_PROCEDURE_MISMATCH',
      'Bản nháp này thuộc thủ tục khác; hãy tạo bản nháp mới.',
    );
  }
  const [row] = await db
    .update(dossierDrafts)
    .set({ agencyCode: body.agencyCode, data: { ...data, [FILES_KEY]: filesOf(existing) }, updatedAt: now })
    .where(eq(dossierDrafts.id, id))
    .returning();
  return { view: draftView(row!), created: false };
}

/** Deletes the stored files of a draft that no dossier uses. */
async function dropFiles(db: Db, user: AuthUser, now: Date, fileIds: string[]) {
  await dropUnusedFiles(db, fileIds, user.id, now);
}

export async function deleteDraft(db: Db, user: AuthUser, now: Date, id: string) {
  const row = await ownDraft(db, user, id, true);
  await db.delete(dossierDrafts).where(eq(dossierDrafts.id, id));
  await dropFiles(
    db,
    user,
    now,
    filesOf(row).map((f) => f.fileId),
  );
  await db.insert(auditLog).values({
    at: now,
    actorId: user.id,
    action: 'draft.deleted',
    entity: 'draft',
    entityId: id,
    data: { procedureCode: row.procedureCode },
  });
}

export async function addDraftFiles(
  db: Db,
  user: AuthUser,
  now: Date,
  id: string,
  component: string,
  uploads: StoredUpload[],
  maxFiles: number,
): Promise<DraftView> {
  const row = await ownDraft(db, user, id, true);
  const list = filesOf(row);
  if (list.length + uploads.length > maxFiles) {
    throw errors.invalid('TOO_MANY_FILES', `Mỗi hồ sơ đính kèm tối đa ${maxFiles} tệp.`);
  }
  for (const u of uploads) {
    const [f] = await storeFiles(db, [u], { userId: user.id, now });
    list.push({ fileId: f!.id, component, name: u.name, mime: u.mime, size: u.size });
  }
  const [next] = await db
    .update(dossierDrafts)
    .set({ data: { ...row.data, [FILES_KEY]: list }, updatedAt: now })
    .where(eq(dossierDrafts.id, id))
    .returning();
  return draftView(next!);
}

export async function removeDraftFile(db: Db, user: AuthUser, now: Date, id: string, fileId: string) {
  const row = await ownDraft(db, user, id, true);
  const list = filesOf(row);
  if (!list.some((f) => f.fileId === fileId)) throw errors.notFound('tệp');
  const [next] = await db
    .update(dossierDrafts)
    .set({ data: { ...row.data, [FILES_KEY]: list.filter((f) => f.fileId !== fileId) }, updatedAt: now })
    .where(eq(dossierDrafts.id, id))
    .returning();
  await dropFiles(db, user, now, [fileId]);
  return draftView(next!);
}

export async function draftFile(db: Db, user: AuthUser, id: string, fileId: string) {
  const row = await ownDraft(db, user, id);
  if (!filesOf(row).some((f) => f.fileId === fileId)) throw errors.notFound('tệp');
  const f = (await db.select().from(files).where(eq(files.id, fileId)))[0];
  if (!f) throw errors.notFound('tệp');
  return f;
}

/**
 * Submits a draft as an online dossier, in the caller's transaction: the e-form must be filled
 * (it replaces the paper declaration), the uploaded files become the dossier's component scans, how
 * the result is wanted goes into the submission note, a community helper is recorded as submitter
 * (kind 'helper'), and the draft is deleted — all or nothing.
 */
export async function submitDraft(
  db: Db,
  calendars: CalendarService,
  user: AuthUser,
  now: Date,
  id: string,
  autonomous: Autonomous,
): Promise<string> {
  const row = await ownDraft(db, user, id, true);
  const parsed = DraftSubmission.safeParse(row.data);
  if (!parsed.success) throw validationError(parsed.error.issues, 'Hồ sơ chưa đủ thông tin');
  const input = parsed.data;
  if (!row.agencyCode) throw errors.invalid('AGENCY_REQUIRED', 'Hãy chọn cơ quan tiếp nhận hồ sơ.');
  const p = await getProcedure(db, localDate(now), row.procedureCode);
  const eform = validateEform(p.eform, input.formData, { requireFilled: true });
  if (!eform.ok) {
    throw errors.invalid('EFORM_INVALID', `Tờ khai chưa hợp lệ: ${eform.issues[0]!.message}`, eform.issues);
  }
  const me = (await db.select().from(users).where(eq(users.id, user.id)))[0]!;
  if (input.onBehalf && !me.communityHelper) {
    throw new AppError(
      403,
      'NOT_COMMUNITY_HELPER',
      'Chỉ tài khoản người hỗ trợ cộng đồng mới được nộp hồ sơ thay công dân.',
    );
  }
  const delivery = input.delivery;
  if (!delivery) throw errors.invalid('DELIVERY_REQUIRED', 'Hãy chọn cách nhận kết quả.');
  let deliveryText: string = DELIVERY_LABELS_VI[delivery.method];
  if (delivery.method === 'post' || delivery.method === 'home') {
    const a = delivery.address;
    const text = typeof a === 'object' ? formatAddress(a) : (a ?? '').trim();
    if (!text) {
      throw errors.invalid(
        'DELIVERY_ADDRESS_REQUIRED',
        'Hãy chọn địa chỉ nhận kết quả (số nhà, xã/phường, tỉnh/thành phố).',
      );
    }
    deliveryText = `${deliveryText}: ${text}`;
  }
  const uploaded = filesOf(row);
  const intake = DossierIntake.safeParse({
    procedureCode: row.procedureCode,
    channel: 'online',
    agencyCode: row.agencyCode,
    applicant: input.applicant,
    ...(input.onBehalf
      ? {
          submitter: {
            kind: 'helper',
            fullName: me.fullName,
            ...(me.phone ? { phone: me.phone } : {}),
            organisation: 'Người hỗ trợ cộng đồng',
          },
        }
      : {}),
    formData: eform.value,
    components: p.components.map((c) => ({
      name: c.name,
      received: uploaded.some((f) => f.component === c.name),
    })),
    case: input.case ?? null,
    note: `Cách nhận kết quả: ${deliveryText}.`,
  });
  if (!intake.success) throw validationError(intake.error.issues, 'Thông tin người nộp chưa hợp lệ');
  const dossierId = await createDossier(db, calendars, user, now, intake.data, autonomous);
  if (uploaded.length > 0) {
    await db.insert(dossierFiles).values(
      uploaded.map((f) => ({
        id: randomUUID(),
        dossierId,
        fileId: f.fileId,
        kind: 'component' as const,
        component: f.component,
        uploadedBy: user.id,
        uploadedAt: now,
      })),
    );
  }
  await db.delete(dossierDrafts).where(eq(dossierDrafts.id, id));
  await db.insert(auditLog).values({
    at: now,
    actorId: user.id,
    action: 'draft.submitted',
    entity: 'dossier',
    entityId: dossierId,
    data: { draftId: id, files: uploaded.length, onBehalf: input.onBehalf, delivery: delivery.method },
  });
  return dossierId;
}
