import { z } from 'zod';
import { ProcedureCode } from '../../../domain/catalogue/procedure';
import { Address } from '../../../domain/geo/division';
import { DossierView } from '../dossiers/dossiers.schema';

export { UPLOAD_MAX_BYTES, UPLOAD_TYPES } from '../files/uploads';
export const UPLOAD_MAX_FILES = 30;

/** How the applicant wants the result (Decree 61/2018 art. 18; domain.md "Result"). */
export const DeliveryMethod = z.enum(['counter', 'post', 'home', 'online']);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;
export const DELIVERY_LABELS_VI: Record<DeliveryMethod, string> = {
  counter: 'Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả',
  post: 'Nhận qua dịch vụ bưu chính công ích',
  home: 'Nhận tại nhà',
  online: 'Nhận kết quả điện tử trên Cổng dịch vụ công',
};

/** A file uploaded to a draft: which component it is for. The server keeps this list, not the client. */
export const DraftFile = z.object({
  fileId: z.uuid(),
  component: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
});
export type DraftFile = z.infer<typeof DraftFile>;

/** Everything entered so far. Drafts are incomplete by nature: only sizes are checked until submission. */
export const DraftData = z.record(z.string(), z.unknown());

export const DraftBody = z.strictObject({
  procedureCode: ProcedureCode,
  agencyCode: z.string().trim().max(40).nullable().default(null),
  data: DraftData.default({}),
});

export const DraftView = z.object({
  id: z.uuid(),
  procedureCode: z.string(),
  agencyCode: z.string().nullable(),
  data: DraftData,
  files: z.array(DraftFile),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DraftView = z.infer<typeof DraftView>;

export const DraftList = z.object({
  items: z.array(DraftView.pick({ id: true, procedureCode: true, agencyCode: true, updatedAt: true })),
  /** The account may submit on citizens' behalf (người hỗ trợ cộng đồng). */
  communityHelper: z.boolean(),
  upload: z.object({ types: z.array(z.string()), maxBytes: z.number().int(), maxFiles: z.number().int() }),
});

/** The parts of a draft that submission reads (checked when the applicant presses "Nộp hồ sơ"). */
export const DraftSubmission = z.object({
  applicant: z.record(z.string(), z.unknown(), { error: 'Hãy nhập thông tin người nộp hồ sơ.' }),
  formData: z.record(z.string(), z.unknown()).default({}),
  onBehalf: z.boolean().default(false),
  /** The case (trường hợp) the applicant chose, for a procedure with cases (`DossierIntake.case`). */
  case: z.string().trim().min(1).max(300).nullable().optional(),
  delivery: z
    .object({
      method: DeliveryMethod,
      /** For post and home delivery: the address picked (or typed). */
      address: z.union([z.string().trim().max(300), Address]).optional(),
    })
    .optional(),
});

export const SubmitResult = z.object({ dossier: DossierView });
