import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { foldVietnamese } from '../../../domain/catalogue/search';
import { type CommandContext, type DossierCommand, decide } from '../../../domain/dossier/commands';
import type { DossierEvent } from '../../../domain/dossier/events';
import { decideIntake, type IntakeRefusal, intakeReceiver } from '../../../domain/dossier/intake';
import { replay } from '../../../domain/dossier/state';
import type { Db } from '../../db/database';
import { agencies } from '../../db/schema';
import { AppError, errors } from '../../errors';
import { localDate } from '../../time';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { DossierIntake } from './dossiers.schema';
import { actorOf } from './access';
import { acceptedCode } from './commands';
import { type IntakeLookup, acceptance, currentVersion, intakeLookup, versionContent } from './context';
import type { DossierRow } from './read/view';
import { type Autonomous, appendEvents, asJsonb, hot, nextCode, projection } from './store';

/**
 * A dossier handed in through any channel (domain.md "Channels"). At the counter the reception
 * officer decides at once — accept with code and due date, or record the supplement request (Mẫu 02)
 * or the refusal (Mẫu 03); online (citizen, helper) and postal (postal staff) dossiers arrive as
 * "submitted" and wait for the receiving desk's check.
 */
export async function createDossier(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  input: DossierIntake,
  autonomous: Autonomous = null,
): Promise<string> {
  return (await receive(db, calendars, actor, now, input, autonomous)).id;
}

/**
 * `createDossier`, also giving what the new dossier's view is made of, as `getDossier` would read it back once
 * committed (`row`; null when the intake cannot tell, and the caller reads it back).
 *
 * Its only write is one statement (`appendEvents` of a new dossier: dossier, events, messages and audit line
 * together), after reads; the day's code is taken apart (`nextCode`). It may therefore run as its own
 * transaction (`Database.single`); keep it so.
 */
export async function receive(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  now: Date,
  input: DossierIntake,
  autonomous: Autonomous = null,
): Promise<{ id: string; row: DossierRow | null }> {
  const channel = input.channel;
  const receiver = intakeReceiver({ roles: actor.roles, agencyId: actor.agency?.id ?? null }, input);
  if (!receiver.ok) throw refusal(receiver);
  const byId = 'id' in receiver.agency;
  const today = localDate(now);
  // One round trip: the agency, the procedure version in force, whether the agency implements it, and
  // the workflow it would follow (the agency's own, else the procedure's general one).
  const found = (
    await hot<IntakeLookup>(
      db,
      byId ? 'motcua_intake_lookup_id' : 'motcua_intake_lookup_code',
      intakeLookup(byId),
      [byId ? actor.agency!.id : input.agencyCode!, input.procedureCode, today],
    )
  )[0];
  if (!found) {
    // Say precisely what is missing.
    const a = byId
      ? (await db.select().from(agencies).where(eq(agencies.id, actor.agency!.id)))[0]
      : (await db.select().from(agencies).where(eq(agencies.code, input.agencyCode!)))[0];
    if (!a) throw errors.invalid('AGENCY_NOT_FOUND', `Không có cơ quan mã ${input.agencyCode}.`);
    await currentVersion(db, input.procedureCode, today); // throws PROCEDURE_NOT_AVAILABLE
  }
  const { agency, procedureId, versionId } = found!;
  const content = await versionContent(db, versionId);
  const decided = decideIntake(input, { ...found!, content, today });
  if (!decided.ok) throw refusal(decided);
  const { decision } = decided;
  const idNumber =
    input.applicant.kind === 'citizen' ? (input.applicant.idNumber ?? '') : (input.applicant.taxCode ?? '');
  const id = randomUUID();
  const who = { id: actor.id, name: actor.fullName, agencyId: actor.agency?.id ?? null };
  const submitted: DossierEvent = {
    type: 'submitted',
    at: now.toISOString(),
    actor: who,
    channel,
    agencyId: agency.id,
    ...(input.case ? { case: input.case } : {}),
  };
  const added: DossierEvent[] = [submitted];
  const cal = await calendars.forOfficeHours(agency.officeHours, db);
  if (decision !== 'submit') {
    const cmd: DossierCommand =
      decision === 'accept'
        ? { action: 'accept', note: input.note }
        : decision === 'supplement'
          ? { action: 'request-supplement', items: input.supplement!.items, reason: input.supplement!.reason }
          : { action: 'refuse', reason: input.refusal!.reason };
    const ctx: CommandContext = { now, actor: actorOf(actor), calendar: cal, stepAgencies: {} };
    if (decision === 'accept') {
      // The day's sequence row is the one contended lock: take it as late as possible.
      const code = await nextCode(db, autonomous, agency.id, agency.code, now);
      ctx.acceptance = acceptance(content, channel, found!.committed, found!.workflow, code, now);
    }
    const r = decide(replay(added), cmd, ctx);
    if (!r.ok) throw new AppError(r.status, r.refusal.code, r.refusal.message);
    added.push(...r.events);
  }
  const code = acceptedCode(added);
  const state = await appendEvents(
    db,
    id,
    [],
    added,
    now,
    {
      agencyId: agency.id,
      procedureId,
      procedureVersionId: versionId,
      channel,
      applicant: input.applicant,
      applicantName: input.applicant.fullName,
      submitter: input.submitter ?? null,
      formData: decided.formData,
      components: input.components,
      searchText: foldVietnamese(`${code ?? ''} ${input.applicant.fullName} ${idNumber}`),
      createdAt: now,
    },
    {
      audit: {
        at: now,
        actorId: actor.id,
        action: `dossier.${{ submit: 'submitted', accept: 'accepted', supplement: 'supplement-requested', refuse: 'refused' }[decision]}`,
        entity: 'dossier',
        entityId: id,
        data: {
          channel,
          components: input.components,
          ...(input.case ? { case: input.case } : {}),
          note: input.note ?? null,
        },
      },
      names: { agencyName: agency.name, procedureName: content.name },
    },
  );
  // The row as written, read back the way PostgreSQL gives it (jsonb), without the round trip. Every name in it
  // is the actor's (the only one acting at intake); otherwise the caller reads the dossier back.
  const p = projection(state, added.length, now);
  const others = added.some((e) => e.actor?.id !== actor.id) || (p.assigneeId ?? actor.id) !== actor.id;
  const row: DossierRow | null = others
    ? null
    : {
        d: {
          id,
          code: p.code,
          agencyId: agency.id,
          currentAgencyId: p.currentAgencyId,
          channel,
          applicant: asJsonb(input.applicant),
          submitter: asJsonb(input.submitter ?? null),
          formData: asJsonb(decided.formData),
          components: asJsonb(input.components),
          status: p.status,
          acceptedAt: p.acceptedAt,
          dueAt: p.dueAt,
          appointmentAt: p.appointmentAt,
          endedAt: p.endedAt,
          returnedAt: p.returnedAt,
        },
        a: { id: agency.id, code: agency.code, name: agency.name, officeHours: agency.officeHours },
        v: { content, versionNo: found!.versionNo },
        p: { code: input.procedureCode },
        events: added.map((e, i) => ({
          seq: i + 1,
          type: e.type,
          at: e.at,
          actorId: e.actor?.id ?? null,
          event: asJsonb(e),
        })),
        files: [],
        names: { [actor.id]: actor.fullName },
        tree: found!.tree,
      };
  return { id, row };
}

const refusal = (r: IntakeRefusal) => new AppError(r.status, r.code, r.message, r.details);
