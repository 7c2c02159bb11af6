import { z } from 'zod';
import { Workflow } from '../../../domain/dossier/workflow';

/** A procedure's workflow in force and the history of its versions. */
export const WorkflowView = z.object({
  procedureCode: z.string(),
  agencyCode: z.string().nullable(),
  /** Where the workflow in force comes from: this agency's own, the procedure's general one, or the default. */
  source: z.enum(['agency', 'procedure', 'default']),
  versionNo: z.number().int().nullable(),
  workflow: Workflow,
  history: z.array(
    z.object({
      versionNo: z.number().int(),
      agencyCode: z.string().nullable(),
      note: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
