// The applicant's own dossiers on the portal (issue 17: every route has a response schema).
import { z } from 'zod';
import { Timeliness } from '../../../domain/calendar/schemas';

const Status = z.object({ code: z.number().int(), name: z.string() });
const LocalInstant = z.string().describe('Giờ Việt Nam, +07:00');

export const MyDossierItem = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  procedureName: z.string(),
  agencyName: z.string(),
  applicantName: z.string(),
  status: Status,
  submittedAt: LocalInstant,
  dueAt: LocalInstant.nullable(),
  appointmentAt: LocalInstant.nullable(),
  timeliness: Timeliness.nullable(),
  needsSupplement: z.boolean(),
});
export type MyDossierItem = z.infer<typeof MyDossierItem>;

export const MyDossierList = z.object({ items: z.array(MyDossierItem) });
export type MyDossierList = z.infer<typeof MyDossierList>;

/** One dossier as its applicant reads it: progress in plain words, what is missing, what they sent. */
export const MyDossier = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  agencyName: z.string(),
  applicantName: z.string(),
  status: Status,
  submittedAt: LocalInstant,
  acceptedAt: LocalInstant.nullable(),
  dueAt: LocalInstant.nullable(),
  appointmentAt: LocalInstant.nullable(),
  endedAt: LocalInstant.nullable(),
  returnedAt: LocalInstant.nullable(),
  timeliness: Timeliness.nullable(),
  paused: z.boolean(),
  timeline: z.array(z.object({ at: LocalInstant, text: z.string() })),
  supplement: z
    .object({ items: z.array(z.string()), reason: z.string(), requestedAt: LocalInstant })
    .nullable(),
  files: z.array(z.object({ name: z.string(), component: z.string(), uploadedAt: LocalInstant })),
});
export type MyDossier = z.infer<typeof MyDossier>;

/**
 * What the account's holder last gave about themselves on a dossier they submitted for themselves (not as a
 * helper for someone else): the portal pre-fills the next submission with it. Null where never given.
 */
export const MyApplicant = z.object({
  idNumber: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
});
export type MyApplicant = z.infer<typeof MyApplicant>;
