import { z } from 'zod';

/** Where a workflow step runs, relative to the agency that received the dossier. */
export const StepAgency = z.union([
  z.literal('receiving'), // the receiving agency itself (its specialised offices)
  z.literal('parent'), // the level above (một cửa liên thông: commune receives, province decides)
  z.strictObject({ code: z.string().trim().min(1).max(40) }), // a named agency (mã định danh)
]);
export type StepAgency = z.infer<typeof StepAgency>;

/** Roles that can hold a processing step. Reception opens and closes the workflow itself. */
export const StepRole = z.enum(['specialist', 'leader']);
export type StepRole = z.infer<typeof StepRole>;

/** One processing step (bước xử lý) of a procedure's workflow. */
export const WorkflowStep = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, 'Mã bước gồm chữ thường không dấu, chữ số, gạch ngang.'),
  name: z.string().trim().min(2, 'Hãy nhập tên bước.').max(200),
  role: StepRole,
  agency: StepAgency.default('receiving'),
  /** Share of the legal processing time allotted to the step (phần trăm thời gian). */
  quotaPercent: z.number().int().min(1).max(100),
  /** The step whose holder decides on the merits (approves or rejects). */
  decides: z.boolean().default(false),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

/**
 * A procedure's workflow (quy trình nội bộ): the processing steps between acceptance at the desk and
 * the result returning to it. Exactly one step decides, and it is the last one; quotas add up to at
 * most 100 % (the rest is the desk's time for reception and return).
 */
export const Workflow = z
  .strictObject({ steps: z.array(WorkflowStep).min(1).max(20) })
  .superRefine((w, ctx) => {
    const keys = new Set<string>();
    for (const s of w.steps) {
      if (keys.has(s.key)) ctx.addIssue({ code: 'custom', message: `Mã bước "${s.key}" bị trùng.` });
      keys.add(s.key);
    }
    const deciding = w.steps.filter((s) => s.decides);
    if (deciding.length !== 1 || !w.steps[w.steps.length - 1]!.decides) {
      ctx.addIssue({
        code: 'custom',
        message: 'Quy trình phải có đúng một bước phê duyệt (lãnh đạo quyết định) và đó là bước cuối.',
      });
    }
    const total = w.steps.reduce((n, s) => n + s.quotaPercent, 0);
    if (total > 100) {
      ctx.addIssue({ code: 'custom', message: `Tổng thời gian các bước là ${total}%, vượt quá 100%.` });
    }
  });
export type Workflow = z.infer<typeof Workflow>;

/** Default workflow of Decree 61/2018 art. 18: the specialist appraises, the leader decides. */
export const DEFAULT_WORKFLOW: Workflow = {
  steps: [
    {
      key: 'tham-dinh',
      name: 'Chuyên viên thẩm định',
      role: 'specialist',
      agency: 'receiving',
      quotaPercent: 60,
      decides: false,
    },
    {
      key: 'phe-duyet',
      name: 'Lãnh đạo phê duyệt',
      role: 'leader',
      agency: 'receiving',
      quotaPercent: 30,
      decides: true,
    },
  ],
};

/**
 * Default một cửa liên thông workflow: the receiving commune checks and forwards, the level above
 * appraises and decides, and the result comes back to the receiving desk for return.
 */
export const INTERCONNECTED_WORKFLOW: Workflow = {
  steps: [
    {
      key: 'xa-xem-xet',
      name: 'Cấp xã xem xét, chuyển hồ sơ',
      role: 'specialist',
      agency: 'receiving',
      quotaPercent: 20,
      decides: false,
    },
    {
      key: 'tinh-tham-dinh',
      name: 'Cấp trên thẩm định',
      role: 'specialist',
      agency: 'parent',
      quotaPercent: 50,
      decides: false,
    },
    {
      key: 'tinh-phe-duyet',
      name: 'Lãnh đạo cấp trên phê duyệt',
      role: 'leader',
      agency: 'parent',
      quotaPercent: 20,
      decides: true,
    },
  ],
};

export function stepIndex(w: Workflow, key: string | null): number {
  return key === null ? -1 : w.steps.findIndex((s) => s.key === key);
}
