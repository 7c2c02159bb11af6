import { z } from 'zod';
import {
  Channel,
  DecisionAction,
  Field,
  FieldCode,
  OnlineLevel,
  ProcedureCode,
  ProcedureContent,
  ProcedureSource,
  ProcedureLevel,
  ProcessingTime,
  PublicationDecision,
  TimeUnit,
} from '../../../domain/catalogue/procedure';

export const FieldWithCount = Field.extend({ procedureCount: z.number().int() });
export const FieldList = z.object({ items: z.array(FieldWithCount) });
export const FieldInput = z.strictObject({
  code: FieldCode,
  name: Field.shape.name,
  sector: Field.shape.sector,
});
export const FieldPatch = z.strictObject({
  name: Field.shape.name.optional(),
  sector: Field.shape.sector.optional(),
});
export const FieldParams = z.object({ code: FieldCode });

/** One line of a procedure list: enough to choose. */
export const ProcedureSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  field: z.object({ code: z.string(), name: z.string() }),
  level: ProcedureLevel,
  processingTime: ProcessingTime,
  processingTimeText: z.string(), // "05 ngày làm việc", "Trong ngày"
  onlineLevel: OnlineLevel,
  channels: z.array(Channel),
  hasFees: z.boolean(),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ProcedureQuery = z.object({
  q: z.string().trim().max(200).optional(),
  field: FieldCode.optional(),
  level: ProcedureLevel.optional(),
  agency: z.uuid().optional(),
  onlineLevel: OnlineLevel.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ProcedureList = z.object({
  items: z.array(ProcedureSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const DecisionRef = z.object({
  id: z.uuid(),
  number: z.string(),
  signedOn: z.string(),
  effectiveOn: z.string(),
  issuer: z.string(),
});

export const VersionInfo = z.object({
  versionNo: z.number().int(),
  effectiveFrom: z.string(),
  decision: DecisionRef.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});

/** A procedure as published at one version, in full. */
export const ProcedureDetail = ProcedureContent.extend({
  id: z.uuid(),
  code: z.string(),
  field: z.object({ code: z.string(), name: z.string(), sector: z.string() }),
  processingTimeText: z.string(),
  status: z.enum(['active', 'abolished', 'pending']),
  abolishedOn: z.string().nullable(),
  version: VersionInfo,
  /** Versions published but not yet in effect. */
  upcoming: z.array(VersionInfo),
  agencies: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      committedTime: z.object({ amount: z.number(), unit: TimeUnit }).nullable(),
    }),
  ),
  source: ProcedureSource.nullable(),
});
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

export const ProcedureParams = z.object({ code: ProcedureCode });
export const VersionParams = z.object({ code: ProcedureCode, versionNo: z.coerce.number().int().min(1) });
export const VersionList = z.object({ items: z.array(VersionInfo.extend({ name: z.string() })) });
export const CompareQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const VersionDiffResponse = z.object({
  from: VersionInfo,
  to: VersionInfo,
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
  components: z.array(
    z.object({
      change: z.enum(['added', 'removed', 'changed']),
      name: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
});

export const DecisionItemInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('add'), procedureCode: ProcedureCode, content: ProcedureContent }),
  z.strictObject({ action: z.literal('amend'), procedureCode: ProcedureCode, content: ProcedureContent }),
  z.strictObject({ action: z.literal('abolish'), procedureCode: ProcedureCode }),
]);
export type DecisionItemInput = z.infer<typeof DecisionItemInput>;

export const DecisionInput = z.strictObject({
  ...PublicationDecision.shape,
  items: z.array(DecisionItemInput).max(2000).default([]),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const Decision = PublicationDecision.extend({
  id: z.uuid(),
  status: z.enum(['draft', 'published']),
  createdAt: z.iso.datetime({ offset: true }),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  items: z.array(
    z.object({
      action: DecisionAction,
      procedureCode: z.string(),
      procedureName: z.string().nullable(),
      content: ProcedureContent.nullable(),
    }),
  ),
});
export type Decision = z.infer<typeof Decision>;
/** A draft decision made from an imported workbook; `skipped` rows were already current (nothing to publish). */
export const DecisionImported = Decision.extend({ skipped: z.number().int() });
export const DecisionList = z.object({
  items: z.array(Decision.omit({ items: true }).extend({ itemCount: z.number() })),
});
export const DecisionParams = z.object({ id: z.uuid() });

export const AdoptionInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        procedureCode: ProcedureCode,
        committedTime: z
          .object({ amount: z.number().min(0), unit: TimeUnit })
          .nullable()
          .default(null),
      }),
    )
    .max(5000),
});
export const AdoptionList = z.object({
  items: z.array(
    z.object({
      procedureCode: z.string(),
      procedureName: z.string(),
      committedTime: z.object({ amount: z.number(), unit: TimeUnit }).nullable(),
      legalTime: ProcessingTime,
    }),
  ),
});
export const AgencyParams = z.object({ id: z.uuid() });
