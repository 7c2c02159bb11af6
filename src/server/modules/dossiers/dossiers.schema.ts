import { z } from 'zod';
import { ProcedureCode } from '../../../domain/catalogue/procedure';
import { Applicant } from '../../../domain/dossier/applicant';

export const CounterIntake = z.strictObject({
  procedureCode: ProcedureCode,
  applicant: Applicant,
  /** Components the officer checked as received (thành phần hồ sơ đã nhận). */
  components: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(1000),
        received: z.boolean(),
        originalSeen: z.boolean().default(false),
      }),
    )
    .max(100)
    .default([]),
  note: z.string().trim().max(2000).optional(),
});
export type CounterIntake = z.infer<typeof CounterIntake>;

const Instant = z.string().nullable();

export const DossierView = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  agency: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  procedure: z.object({ code: z.string(), name: z.string(), versionNo: z.number().int() }),
  channel: z.enum(['counter', 'online', 'postal']),
  applicant: z.record(z.string(), z.unknown()),
  status: z.object({ code: z.number().int(), name: z.string() }),
  acceptedAt: Instant,
  dueAt: Instant,
  appointmentAt: Instant,
  endedAt: Instant,
  timeliness: z.enum(['early', 'on-time', 'late', 'overdue']).nullable(),
  remainingMinutes: z.number().nullable(),
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      at: z.string(),
      actor: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type DossierView = z.infer<typeof DossierView>;

export const DossierListQuery = z.object({
  status: z.coerce.number().int().min(1).max(10).optional(),
  q: z.string().trim().max(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DossierListItem = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.object({ code: z.number().int(), name: z.string() }),
  acceptedAt: Instant,
  dueAt: Instant,
  timeliness: z.enum(['early', 'on-time', 'late', 'overdue']).nullable(),
});

export const PublicDossier = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  applicant: z.string(),
  status: z.object({ code: z.number().int(), name: z.string() }),
  acceptedAt: Instant,
  dueAt: Instant,
  endedAt: Instant,
  timeliness: z.enum(['early', 'on-time', 'late', 'overdue']).nullable(),
});
export type PublicDossier = z.infer<typeof PublicDossier>;
