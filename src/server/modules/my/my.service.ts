import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { timeliness, toLocalIso } from '../../../domain/calendar';
import { citizenTimeline } from '../../../domain/dossier/citizen-timeline';
import type { DossierEvent } from '../../../domain/dossier/events';
import { replay } from '../../../domain/dossier/state';
import { DVCQG_STATUS, type StatusCode } from '../../../domain/dossier/status';
import type { Db } from '../../db/database';
import { agencies, auditLog, dossierFiles, dossiers, files, procedureVersions } from '../../db/schema';
import { errors } from '../../errors';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import { submittedBy, submittedByUser, submittedIds } from '../dossiers/access';
import { runCommand } from '../dossiers/commands';
import { type Autonomous, history } from '../dossiers/store';
import { storeFiles } from '../files/store';
import type { StoredUpload } from '../files/uploads';
import { PAUSED_STATUSES, statusIn } from '../../../domain/dossier/lifecycle';

const status = (code: number) => ({ code, name: DVCQG_STATUS[code as StatusCode] });
const local = (d: Date | null) => (d ? toLocalIso(d) : null);

export async function listMyDossiers(db: Db, user: AuthUser, now: Date) {
  const ids = await submittedIds(db, user.id);
  if (ids.length === 0) return { items: [] };
  const rows = await db
    .select({
      d: dossiers,
      procedure: sql<string>`${procedureVersions.content}->>'name'`,
      agency: agencies.name,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    // one array parameter, however many dossiers a community helper handed in
    .where(sql`${dossiers.id} = any(${`{${ids.join(',')}}`}::uuid[])`)
    .orderBy(desc(dossiers.createdAt))
    .limit(200);
  return {
    items: rows.map(({ d, procedure, agency }) => ({
      id: d.id,
      code: d.code,
      procedureName: procedure,
      agencyName: agency,
      applicantName: d.applicantName,
      status: status(d.status),
      submittedAt: toLocalIso(d.createdAt),
      dueAt: local(d.dueAt),
      appointmentAt: local(d.appointmentAt),
      timeliness:
        d.dueAt && !statusIn(PAUSED_STATUSES, d.status) ? timeliness(d.dueAt, d.endedAt, now) : null,
      needsSupplement: d.status === 5,
    })),
  };
}

/** One of the user's dossiers as the applicant reads it: progress in plain words, what is missing. */
export async function myDossier(db: Db, user: AuthUser, id: string, now: Date) {
  const d = (
    await db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.id, id), submittedByUser(user.id)))
  )[0];
  if (!d) throw errors.notFound('hồ sơ');
  const events: DossierEvent[] = await history(db, id);
  const state = replay(events);
  const [v] = await db
    .select({
      name: sql<string>`${procedureVersions.content}->>'name'`,
      code: sql<string>`(select code from procedures where id = ${d.procedureId})`,
    })
    .from(procedureVersions)
    .where(eq(procedureVersions.id, d.procedureVersionId));
  const names = new Map(
    (await db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]),
  );
  const lastRequest = [...events].reverse().find((e) => e.type === 'supplement-requested');
  const attached = await db
    .select({ name: files.name, component: dossierFiles.component, at: dossierFiles.uploadedAt })
    .from(dossierFiles)
    .innerJoin(files, eq(files.id, dossierFiles.fileId))
    .where(and(eq(dossierFiles.dossierId, id), eq(dossierFiles.kind, 'component')))
    .orderBy(dossierFiles.uploadedAt);
  const paused = statusIn(PAUSED_STATUSES, d.status);
  return {
    id: d.id,
    code: d.code,
    procedure: { code: v?.code ?? '', name: v?.name ?? '' },
    agencyName: names.get(d.agencyId) ?? '',
    applicantName: d.applicantName,
    status: status(d.status),
    submittedAt: toLocalIso(d.createdAt),
    acceptedAt: local(d.acceptedAt),
    dueAt: local(d.dueAt),
    appointmentAt: local(d.appointmentAt),
    endedAt: local(d.endedAt),
    returnedAt: local(d.returnedAt),
    timeliness: d.dueAt && !paused ? timeliness(d.dueAt, d.endedAt, now) : null,
    paused,
    timeline: citizenTimeline(events, (a) => names.get(a) ?? 'cơ quan xử lý'),
    supplement:
      state.status === 5 && lastRequest?.type === 'supplement-requested'
        ? {
            items: lastRequest.items,
            reason: lastRequest.reason,
            requestedAt: toLocalIso(new Date(lastRequest.at)),
          }
        : null,
    files: attached.map((f) => ({
      name: f.name,
      component: f.component ?? '',
      uploadedAt: toLocalIso(f.at),
    })),
  };
}

function awaitingSupplement(d: { status: number }): void {
  if (d.status !== 5) {
    throw errors.conflict(
      'NO_SUPPLEMENT_REQUESTED',
      'Hồ sơ không ở trạng thái chờ bổ sung; không cần nộp thêm giấy tờ.',
    );
  }
}

/**
 * Whether the applicant may send a supplement to this dossier now (theirs, and awaiting one), checked before
 * the upload is read; submitSupplement checks again under the lock.
 */
export async function checkSupplement(db: Db, user: AuthUser, id: string): Promise<void> {
  const d = (
    await db
      .select({ status: dossiers.status })
      .from(dossiers)
      .where(and(eq(dossiers.id, id), submittedByUser(user.id)))
  )[0];
  if (!d) throw errors.notFound('hồ sơ');
  awaitingSupplement(d);
}

/**
 * The applicant sends what was asked for (nộp bổ sung): the files join the dossier and, in the same
 * transaction, the supplement is received — the clock resumes now (restart or pause, per procedure).
 */
export async function submitSupplement(
  db: Db,
  calendars: CalendarService,
  user: AuthUser,
  now: Date,
  id: string,
  note: string | undefined,
  uploads: StoredUpload[],
  autonomous: Autonomous = null,
) {
  awaitingSupplement(await submittedBy(db, user, id));
  await runCommand(db, calendars, user, now, id, { action: 'submit-supplement', note }, autonomous);
  if (uploads.length > 0) {
    const inserted = await storeFiles(db, uploads, { userId: user.id, now });
    await db.insert(dossierFiles).values(
      inserted.map((f) => ({
        id: randomUUID(),
        dossierId: id,
        fileId: f.id,
        kind: 'component' as const,
        component: 'Hồ sơ bổ sung',
        uploadedBy: user.id,
        uploadedAt: now,
      })),
    );
  }
  await db.insert(auditLog).values({
    at: now,
    actorId: user.id,
    action: 'dossier.supplement-uploaded',
    entity: 'dossier',
    entityId: id,
    data: { files: uploads.map((u) => ({ name: u.name, size: u.size })) },
  });
}

/**
 * The ID number and date of birth the user last gave for themselves, from their latest own dossier (one submitted
 * on someone's behalf names that person, not the user): the account holds neither.
 */
export async function myApplicant(
  db: Db,
  user: AuthUser,
): Promise<{ idNumber: string | null; dateOfBirth: string | null }> {
  const ids = await submittedIds(db, user.id);
  if (ids.length === 0) return { idNumber: null, dateOfBirth: null };
  const rows = await db
    .select({ applicant: dossiers.applicant })
    .from(dossiers)
    .where(and(inArray(dossiers.id, ids), isNull(dossiers.submitter)))
    .orderBy(desc(dossiers.createdAt));
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  let idNumber: string | null = null;
  let dateOfBirth: string | null = null;
  for (const r of rows) {
    if (r.applicant.kind !== 'citizen') continue;
    idNumber ??= text(r.applicant.idNumber);
    dateOfBirth ??= text(r.applicant.dateOfBirth);
    if (idNumber && dateOfBirth) break;
  }
  return { idNumber, dateOfBirth };
}
