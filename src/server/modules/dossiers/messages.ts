import { eq } from 'drizzle-orm';
import { toLocalIso } from '../../../domain/calendar';
import type { DossierEvent } from '../../../domain/dossier/events';
import { applicantMessage } from '../../../domain/dossier/notifications';
import type { Db } from '../../db/database';
import { agencies, dossiers, outbox } from '../../db/schema';
import { versionContent } from './context';

/** The applicant's messages for these events (the outbox rows, written with them). */
export async function messagesFor(
  db: Db,
  dossierId: string,
  added: DossierEvent[],
  now: Date,
  inserted: Partial<typeof dossiers.$inferInsert>,
  names?: { agencyName: string; procedureName: string },
): Promise<(typeof outbox.$inferInsert)[]> {
  if (!added.some((e) => NOTIFYING.has(e.type))) return [];
  const row =
    inserted.applicant && inserted.agencyId && inserted.procedureVersionId
      ? {
          applicant: inserted.applicant,
          agencyId: inserted.agencyId,
          versionId: inserted.procedureVersionId,
          code: null,
        }
      : await db
          .select({
            applicant: dossiers.applicant,
            agencyId: dossiers.agencyId,
            versionId: dossiers.procedureVersionId,
            code: dossiers.code,
          })
          .from(dossiers)
          .where(eq(dossiers.id, dossierId))
          .then((r) => r[0]!);
  const a = row.applicant as { fullName?: string; phone?: string; email?: string };
  if (!a.phone && !a.email) return []; // nobody to tell: the desk tells them at the counter
  const agencyName =
    names?.agencyName ??
    (await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, row.agencyId)))[0]!.name;
  const procedureName = names?.procedureName ?? (await versionContent(db, row.versionId)).name;
  let code = row.code;
  const values: (typeof outbox.$inferInsert)[] = [];
  for (const e of added) {
    if (e.type === 'accepted') code = e.code;
    const m = applicantMessage(e, { code, procedureName, agencyName });
    if (!m) continue;
    values.push({
      createdAt: now,
      topic: m.topic,
      dossierId,
      recipient: { name: a.fullName ?? '', phone: a.phone ?? null, email: a.email ?? null },
      message: m.text,
      nextAttemptAt: now,
    });
  }
  return values;
}

const NOTIFYING = new Set([
  'accepted',
  'supplement-requested',
  'refused',
  'apologized',
  'result-ready',
  'stopped',
]);

/** The messages sent (or to be sent) to the applicant of a dossier, oldest first, with their delivery state. */
export async function sentMessages(db: Db, dossierId: string) {
  const rows = await db.select().from(outbox).where(eq(outbox.dossierId, dossierId)).orderBy(outbox.id);
  return rows.map((r) => ({
    topic: r.topic,
    message: r.message,
    to: [r.recipient.phone, r.recipient.email].filter(Boolean).join(', '),
    status: r.status,
    createdAt: toLocalIso(r.createdAt),
    sentAt: r.sentAt ? toLocalIso(r.sentAt) : null,
  }));
}
