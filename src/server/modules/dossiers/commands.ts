import { and, eq, inArray, sql } from 'drizzle-orm';
import { foldVietnamese } from '../../../domain/catalogue/search';
import {
  type CommandContext,
  type DossierCommand,
  decide,
  holderRole,
} from '../../../domain/dossier/commands';
import type { DossierEvent } from '../../../domain/dossier/events';
import { apply as applyEvent, type DossierState, replay } from '../../../domain/dossier/state';
import type { Db } from '../../db/database';
import { agencies, auditLog, dossierEvents, dossierFiles, dossiers, users } from '../../db/schema';
import { AppError, errors } from '../../errors';
import { agencyScope, scopeIn } from '../agencies/scope';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import { actorOf, visible, visibleDossier } from './access';
import {
  acceptance,
  acceptanceLookup,
  agencyTreeColumn,
  defaultWorkflow,
  resolveStepAgencies,
} from './context';
import { type Autonomous, appendEvents, history, nextCode } from './store';

export function acceptedCode(events: DossierEvent[]): string | null {
  const a = events.find((e) => e.type === 'accepted');
  return a?.type === 'accepted' ? a.code : null;
}

/**
 * One command on one dossier, in the caller's transaction: lock the dossier row (concurrent commands
 * serialize), check access, let the domain decide, append the events, refresh the projection, audit.
 */
export async function runCommand(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  id: string,
  cmd: DossierCommand,
  autonomous: Autonomous = null,
): Promise<DossierEvent[]> {
  // One statement: the dossier row, locked (concurrent commands on it serialize), its events, its agency's
  // office hours and the agency tree (the caller's scope, each step's agency).
  const load = async () =>
    (
      await db
        .select({
          d: dossiers,
          officeHours: agencies.officeHours,
          events: sql<DossierEvent[]>`(select coalesce(json_agg(e.event order by e.seq), '[]'::json)
          from ${dossierEvents} e where e.dossier_id = ${dossiers.id})`,
          firstActor: sql<string | null>`(select e.actor_id from ${dossierEvents} e
          where e.dossier_id = ${dossiers.id} and e.seq = 1)`,
          tree: agencyTreeColumn(),
        })
        .from(dossiers)
        .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
        .where(eq(dossiers.id, id))
        .for('update', { of: dossiers })
    )[0];
  const first = await load();
  // A command that waited for the lock gets the dossier row as the other command left it, but the subqueries
  // (its events) still read the statement's snapshot, taken before the wait (READ COMMITTED): read again, now
  // that the lock is held, so the new events are numbered after the other command's and not over them.
  const row = first && first.d.eventCount !== first.events.length ? await load() : first;
  // The applicant sends the supplement for the dossier they handed in; staff act on dossiers of their scope.
  const allowed =
    row &&
    (cmd.action === 'submit-supplement'
      ? row.firstActor === actor.id
      : visible(scopeIn(row.tree ?? [], actor), row.d));
  if (!allowed) throw errors.notFound('hồ sơ');
  const { d, events } = row;
  const state = replay(events);
  const cal = await calendars.forOfficeHours(row.officeHours, db);
  const ctx: CommandContext = {
    now,
    actor: actorOf(actor),
    calendar: cal,
    stepAgencies: await resolveStepAgencies(db, d.agencyId, state.workflow, row.tree ?? []),
  };
  if (cmd.action === 'accept' && state.status === 1) {
    const found = await acceptanceLookup(db, d);
    const workflow = found.workflow ?? defaultWorkflow(found.content);
    ctx.stepAgencies = await resolveStepAgencies(db, d.agencyId, workflow, row.tree ?? []);
    // The day's sequence row is the one contended lock: take it last.
    const code = await nextCode(db, autonomous, d.agencyId, found.agencyCode, now);
    ctx.acceptance = acceptance(found.content, d.channel, found.committed, workflow, code, now);
  }
  if (cmd.action === 'assign' || (cmd.action === 'forward' && cmd.assigneeId)) {
    const assigneeId = cmd.assigneeId!;
    // The assignee must hold the step the dossier is at (or goes to, when forwarding).
    const target = cmd.action === 'assign' ? state : nextState(state, ctx);
    await checkAssignee(db, assigneeId, target);
  }
  if (cmd.action === 'decide' && cmd.documents.length > 0) {
    const found = await db
      .select({ id: dossierFiles.fileId })
      .from(dossierFiles)
      .where(
        and(
          eq(dossierFiles.dossierId, id),
          eq(dossierFiles.kind, 'result'),
          inArray(dossierFiles.fileId, cmd.documents),
        ),
      );
    if (found.length !== new Set(cmd.documents).size) {
      throw errors.invalid('DOCUMENT_NOT_FOUND', 'Tệp kết quả đính kèm không tồn tại; hãy tải lên lại.');
    }
  }
  const r = decide(state, cmd, ctx);
  if (!r.ok) throw new AppError(r.status, r.refusal.code, r.refusal.message);
  const code = acceptedCode(r.events);
  // The events, the projection and the audit line in one statement (as the intake writes them).
  await appendEvents(
    db,
    id,
    events,
    r.events,
    now,
    code ? { searchText: foldVietnamese(`${code} ${d.searchText}`) } : {},
    {
      audit: {
        at: now,
        actorId: actor.id,
        action: `dossier.${cmd.action}`,
        entity: 'dossier',
        entityId: id,
        data: { command: cmd, events: r.events.map((e) => e.type) },
      },
    },
  );
  return r.events;
}

/** The state right after forwarding (to check the chosen assignee against the next step). */
function nextState(s: DossierState, ctx: CommandContext): DossierState {
  const r = decide(s, { action: 'forward' }, ctx);
  if (!r.ok) return s;
  return r.events.reduce((acc, e) => applyEvent(acc, e), s);
}

/** Officers who may be given the dossier at its current step (for the leader's assignment list). */
export async function eligibleAssignees(db: Db, actor: AuthUser, id: string) {
  await visibleDossier(db, actor, id);
  const state = replay(await history(db, id));
  if (!state.agencyId) return [];
  const role = holderRole(state);
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, roles: users.roles })
    .from(users)
    .where(and(eq(users.agencyId, state.agencyId), eq(users.active, true)));
  return rows.filter((u) => u.roles.includes(role)).map((u) => ({ id: u.id, fullName: u.fullName }));
}

async function checkAssignee(db: Db, userId: string, s: DossierState): Promise<void> {
  const u = (await db.select().from(users).where(eq(users.id, userId)))[0];
  const role = holderRole(s);
  if (!u?.active || u.agencyId !== s.agencyId || !u.roles.includes(role)) {
    throw errors.invalid(
      'ASSIGNEE_NOT_ELIGIBLE',
      'Người được phân công phải là cán bộ đang hoạt động của cơ quan giữ hồ sơ, đúng vai trò của bước xử lý.',
    );
  }
}

/**
 * Attaches documents already digitised for the same person (same ID number) to this dossier, instead
 * of scanning them again. Only files of that person's dossiers within the caller's scope qualify.
 */
export async function reuseDocuments(db: Db, actor: AuthUser, id: string, fileIds: string[], now: Date) {
  const scope = await agencyScope(db, actor);
  const d = await visibleDossier(db, actor, id);
  const idNumber = (d.applicant as { idNumber?: string }).idNumber;
  if (!idNumber)
    throw errors.invalid(
      'NO_ID_NUMBER',
      'Hồ sơ chưa có số định danh của người nộp nên không dùng lại giấy tờ được.',
    );
  const allowed = await db
    .select({ fileId: dossierFiles.fileId, kind: dossierFiles.kind, component: dossierFiles.component })
    .from(dossierFiles)
    .innerJoin(dossiers, eq(dossiers.id, dossierFiles.dossierId))
    .where(
      and(
        inArray(dossierFiles.fileId, fileIds),
        sql`${dossiers.applicant}->>'idNumber' = ${idNumber}`,
        scope === null ? undefined : inArray(dossiers.agencyId, [...scope]),
      ),
    );
  const ok = new Map(allowed.map((a) => [a.fileId, a]));
  const refused = fileIds.filter((f) => !ok.has(f));
  if (refused.length > 0) {
    throw errors.invalid(
      'DOCUMENT_NOT_REUSABLE',
      'Chỉ dùng lại được giấy tờ đã số hóa của chính người nộp này.',
      refused,
    );
  }
  for (const f of ok.values()) {
    await db.insert(dossierFiles).values({
      dossierId: id,
      fileId: f.fileId,
      kind: 'component',
      component: f.component,
      uploadedBy: actor.id,
      uploadedAt: now,
    });
  }
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'dossier.documents-reused',
    entity: 'dossier',
    entityId: id,
    data: { fileIds },
  });
}
