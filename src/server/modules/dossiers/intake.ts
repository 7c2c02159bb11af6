import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { validateEform } from '../../../domain/catalogue/eform';
import { dossierTimeLimit } from '../../../domain/catalogue/procedure';
import { foldVietnamese } from '../../../domain/catalogue/search';
import { type CommandContext, type DossierCommand, decide } from '../../../domain/dossier/commands';
import type { DossierEvent } from '../../../domain/dossier/events';
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
import {
  type IntakeLookup,
  currentVersion,
  defaultWorkflow,
  intakeLookup,
  regimeAt,
  versionContent,
} from './context';
import { type Autonomous, appendEvents, hot, nextCode } from './store';

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
  const roles = actor.roles;
  const channel = input.channel;
  if (channel === 'counter' && !roles.includes('reception')) {
    throw errors.forbidden('tiếp nhận hồ sơ trực tiếp (cần vai trò cán bộ một cửa)');
  }
  if (channel === 'postal' && !roles.includes('postal') && !roles.includes('reception')) {
    throw errors.forbidden('bàn giao hồ sơ qua bưu chính');
  }
  if (channel === 'online' && !roles.includes('citizen')) {
    throw errors.invalid(
      'ONLINE_FOR_CITIZENS',
      'Hồ sơ trực tuyến do công dân hoặc người hỗ trợ nộp trên Cổng dịch vụ công.',
    );
  }
  // The receiving agency: staff receive for their own agency (postal staff for the one named).
  const byId = channel === 'counter' || (channel === 'postal' && !input.agencyCode);
  if (byId && !actor.agency) throw errors.forbidden('tiếp nhận hồ sơ khi không thuộc cơ quan nào');
  if (!byId && !input.agencyCode)
    throw errors.invalid('AGENCY_REQUIRED', 'Hãy chọn cơ quan tiếp nhận hồ sơ.');
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
  const { agency, adopted, procedureId, versionId } = found!;
  if (!agency.active) throw errors.invalid('AGENCY_NOT_FOUND', `Cơ quan ${agency.name} không còn hoạt động.`);
  if (found!.abolishedOn !== null && found!.abolishedOn <= today) {
    throw errors.invalid(
      'PROCEDURE_NOT_AVAILABLE',
      `Thủ tục ${input.procedureCode} không có hoặc không còn hiệu lực.`,
    );
  }
  const content = await versionContent(db, versionId);
  if (!adopted) {
    throw errors.invalid(
      'PROCEDURE_NOT_ADOPTED',
      `${agency.name} chưa được giao thực hiện thủ tục ${input.procedureCode}; kiểm tra danh mục thủ tục của cơ quan.`,
    );
  }
  if (channel !== 'counter' && !content.channels.includes(channel)) {
    throw errors.invalid(
      'CHANNEL_NOT_OFFERED',
      channel === 'online'
        ? 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến; hãy nộp trực tiếp hoặc qua bưu chính.'
        : 'Thủ tục này không thực hiện qua dịch vụ bưu chính công ích.',
    );
  }
  const eform = validateEform(content.eform, input.formData);
  if (!eform.ok) {
    throw errors.invalid('EFORM_INVALID', `Tờ khai chưa hợp lệ: ${eform.issues[0]!.message}`, eform.issues);
  }
  const decision = channel === 'counter' ? input.decision : 'submit';
  if (decision === 'accept') {
    const missing = content.components.filter(
      (c) => c.required && !c.condition && !input.components.some((x) => x.name === c.name && x.received),
    );
    if (missing.length > 0) {
      throw errors.invalid(
        'COMPONENTS_MISSING',
        `Hồ sơ chưa đủ thành phần bắt buộc: ${missing.map((m) => m.name).join('; ')}. Hãy hướng dẫn bổ sung (Mẫu 02) thay vì tiếp nhận.`,
        missing.map((m) => m.name),
      );
    }
  }
  if (decision === 'supplement' && !input.supplement) {
    throw errors.invalid(
      'SUPPLEMENT_ITEMS_REQUIRED',
      'Hãy liệt kê đầy đủ giấy tờ cần bổ sung, hoàn thiện và lý do.',
    );
  }
  if (decision === 'refuse' && !input.refusal) {
    throw errors.invalid('REFUSAL_REASON_REQUIRED', 'Hãy ghi rõ lý do từ chối tiếp nhận hồ sơ.');
  }
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
  };
  const added: DossierEvent[] = [submitted];
  const cal = await calendars.forOfficeHours(agency.officeHours, db);
  const workflow = decision === 'accept' ? (found!.workflow ?? defaultWorkflow(content)) : null;
  if (decision !== 'submit') {
    const cmd: DossierCommand =
      decision === 'accept'
        ? { action: 'accept', note: input.note }
        : decision === 'supplement'
          ? { action: 'request-supplement', items: input.supplement!.items, reason: input.supplement!.reason }
          : { action: 'refuse', reason: input.refusal!.reason };
    const ctx: CommandContext = { now, actor: actorOf(actor), calendar: cal, stepAgencies: {} };
    if (workflow) {
      ctx.acceptance = {
        // The day's sequence row is the one contended lock: take it as late as possible.
        code: await nextCode(db, autonomous, agency.id, agency.code, now),
        regime: regimeAt(now),
        legalTime: dossierTimeLimit(content, channel, found!.committed),
        workflow,
        supplementMode: content.supplementMode,
      };
    }
    const r = decide(replay(added), cmd, ctx);
    if (!r.ok) throw new AppError(r.status, r.refusal.code, r.refusal.message);
    added.push(...r.events);
  }
  const code = acceptedCode(added);
  await appendEvents(
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
      formData: eform.value,
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
        data: { channel, components: input.components, note: input.note ?? null },
      },
      names: { agencyName: agency.name, procedureName: content.name },
    },
  );
  return id;
}
