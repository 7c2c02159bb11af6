import { eq } from 'drizzle-orm';
import { localDayOf } from '../../../domain/calendar';
import { controlSlip } from '../../../domain/dossier/control-slip';
import type { DossierEvent } from '../../../domain/dossier/events';
import type { Db } from '../../db/database';
import { agencies, auditLog, dossierEvents, dossiers, procedureVersions } from '../../db/schema';
import { AppError } from '../../errors';
import { localDate } from '../../time';
import type { AuthUser } from '../auth/auth.service';
import type { CalendarService } from '../calendar/calendar.service';
import { getDossier } from '../dossiers/read/view';
import { type DossierFormBase, type FormInput, type FormKind, formNumber, type Regime } from './forms';

const RETURN_LABEL = {
  counter: 'Bộ phận Tiếp nhận và Trả kết quả',
  post: 'Địa chỉ của người nộp, qua dịch vụ bưu chính công ích',
  home: 'Tại nhà người nộp',
  online: 'Trực tuyến, trên Cổng dịch vụ công',
} as const;
const RESULT_VI = { early: 'Trước hạn', 'on-time': 'Đúng hạn', late: 'Quá hạn' } as const;

/** The letterhead of an agency's forms: its name, its superior's, the place line; and all agencies by name. */
export async function agencyHeader(db: Db, agencyId: string) {
  const all = await db.select().from(agencies);
  const a = all.find((x) => x.id === agencyId)!;
  const parent = a.parentId ? all.find((x) => x.id === a.parentId) : undefined;
  // The place line names the commune or ward: the agency name without "Ủy ban nhân dân".
  const place = a.name.replace(/^(Ủy ban nhân dân|UBND)\s+/i, '');
  return { agency: { name: a.name, superiorName: parent?.name ?? null, place }, phone: a.phone, names: all };
}

const last = <T extends DossierEvent['type']>(events: DossierEvent[], type: T) =>
  [...events].reverse().find((e) => e.type === type) as Extract<DossierEvent, { type: T }> | undefined;

/** Everything a form needs, read from the dossier, its events and the catalogue version it was received under. */
export async function formInput(
  db: Db,
  calendars: CalendarService,
  actor: AuthUser,
  id: string,
  kind: FormKind,
  now: Date,
  baseUrl: string,
): Promise<FormInput> {
  const v = await getDossier(db, calendars, actor, id, now);
  const events = (await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, id)))
    .sort((a, b) => a.seq - b.seq)
    .map((e) => e.event);
  const { agency, phone, names } = await agencyHeader(db, v.agency.id);
  const regime: Regime = v.regime ?? (localDate(now) >= '2025-07-01' ? '2025' : '2018');
  const a = v.applicant as { fullName?: string; address?: string; phone?: string; email?: string };
  const officerEvent = (t: DossierEvent['type']) => last(events, t)?.actor?.name ?? actor.fullName;
  const base: DossierFormBase = {
    regime,
    agency,
    printedAt: now.toISOString(),
    code: v.code,
    trackingUrl: v.code ? `${baseUrl}/tra-cuu/${encodeURIComponent(v.code)}` : null,
    procedure: v.procedure,
    applicant: {
      name: a.fullName ?? '',
      address: a.address ?? '',
      phone: a.phone ?? '',
      email: a.email ?? '',
    },
    officer: { name: actor.fullName, phone },
  };
  const missing = (what: string) =>
    new AppError(409, 'FORM_NOT_APPLICABLE', `Hồ sơ chưa có ${what} nên chưa in được phiếu này.`);
  switch (kind) {
    case 'receipt': {
      if (!v.acceptedAt || !v.dueAt) throw missing('thông tin tiếp nhận');
      // Counts of originals and copies come from the catalogue version the dossier was received under.
      const pv = (
        await db
          .select({ content: procedureVersions.content })
          .from(dossiers)
          .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
          .where(eq(dossiers.id, id))
      )[0];
      const catalogue = new Map(
        (pv?.content.components ?? []).map((c) => [c.name, { originals: c.originals, copies: c.copies }]),
      );
      const received = (v.components as { name?: string; received?: boolean }[]).filter((c) => c.received);
      const returned = last(events, 'returned');
      return {
        kind,
        data: {
          ...base,
          officer: { name: officerEvent('accepted'), phone },
          components: received.map((c) => ({
            name: c.name ?? '',
            originals: catalogue.get(c.name ?? '')?.originals ?? 1,
            copies: catalogue.get(c.name ?? '')?.copies ?? 0,
          })),
          sets: 1,
          legalTimeText: v.legalTime?.text ?? '',
          receivedAt: v.acceptedAt,
          appointmentAt: v.appointmentAt ?? v.dueAt,
          returnAt: RETURN_LABEL[returned?.method ?? (v.channel === 'online' ? 'online' : 'counter')],
        },
      };
    }
    case 'supplementRequest': {
      const e = last(events, 'supplement-requested');
      if (!e) throw missing('yêu cầu bổ sung');
      return {
        kind,
        data: {
          ...base,
          officer: { name: e.actor?.name ?? actor.fullName, phone },
          items: e.items,
          reason: e.reason,
        },
      };
    }
    case 'refusal': {
      const e = last(events, 'refused');
      if (!e) throw missing('quyết định từ chối tiếp nhận');
      return {
        kind,
        data: { ...base, officer: { name: e.actor?.name ?? actor.fullName, phone }, reason: e.reason },
      };
    }
    case 'apology': {
      const e = last(events, 'apologized');
      if (!e || !v.acceptedAt || !v.dueAt) throw missing('văn bản xin lỗi, hẹn lại');
      return {
        kind,
        data: {
          ...base,
          receivedAt: v.acceptedAt,
          appointmentAt: v.dueAt,
          newAppointmentAt: e.newAppointmentAt,
          reason: e.reason,
          signer: e.actor?.name ?? actor.fullName,
        },
      };
    }
    case 'stopNotice': {
      const e = last(events, 'stopped');
      if (!e) throw missing('quyết định dừng xử lý');
      if (!formNumber('stopNotice', regime)) {
        throw new AppError(
          409,
          'FORM_NOT_IN_REGIME',
          'Thông báo dừng giải quyết chỉ có từ ngày 01/7/2025 (Thông tư 03/2025/TT-VPCP).',
        );
      }
      return { kind, data: { ...base, reason: e.reason, signer: e.actor?.name ?? actor.fullName } };
    }
    case 'controlSlip': {
      if (!v.acceptedAt || !v.dueAt) throw missing('thông tin tiếp nhận');
      const cal = await calendars.forOfficeHours(names.find((x) => x.id === v.agency.id)?.officeHours, db);
      const slip = controlSlip(events, cal, localDayOf);
      const agencyName = (id: string | null) => (id ? (names.find((x) => x.id === id)?.name ?? '') : '');
      const stepLabel = (step: string, agencyId: string | null) =>
        [slip.stepName(step), agencyName(agencyId)].filter(Boolean).join(' — ');
      return {
        kind,
        data: {
          ...base,
          receivedAt: v.acceptedAt,
          appointmentAt: v.appointmentAt ?? v.dueAt,
          processingAgencies: [...new Set(v.workflow.steps.map((s) => s.agencyName).filter(Boolean))],
          rows: slip.rows.map((r) => ({
            from: `${slip.stepName(r.from.step)} (${r.from.name})`,
            to: `${stepLabel(r.to.step, r.to.agencyId)}${r.to.assignee ? ` (${r.to.assignee})` : ''}`,
            at: r.at,
            result: r.result ? RESULT_VI[r.result] : '',
            note: r.note ?? '',
          })),
        },
      };
    }
    case 'register':
      throw new Error('the register is printed from its own route');
  }
}

/** A printed form, logged. */
export async function logFormPrinted(db: Db, actor: AuthUser, now: Date, dossierId: string, form: FormKind) {
  await db.insert(auditLog).values({
    at: now,
    actorId: actor.id,
    action: 'dossier.form-printed',
    entity: 'dossier',
    entityId: dossierId,
    data: { form },
  });
}
