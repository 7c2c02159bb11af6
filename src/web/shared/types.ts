// The API's types, inferred from the server's Zod schemas (type-only imports: no server code ships).
import type { z } from 'zod';
import type { Agency as AgencySchema } from '../../domain/agency/agency';
import type { Me as MeSchema } from '../../server/modules/auth/auth.schema';
import type {
  Decision as DecisionSchema,
  ProcedureDetail as DetailSchema,
  FieldWithCount,
  ProcedureList as ListSchema,
  VersionDiffResponse,
  VersionList,
} from '../../server/modules/catalogue/catalogue.schema';
import type { User as UserSchema } from '../../server/modules/users/users.schema';

export type Me = z.infer<typeof MeSchema>;
export type Agency = z.infer<typeof AgencySchema>;
export type User = z.infer<typeof UserSchema>;
export type FieldItem = z.infer<typeof FieldWithCount>;
export type ProcedureList = z.infer<typeof ListSchema>;
export type ProcedureSummary = ProcedureList['items'][number];
export type ProcedureDetail = z.infer<typeof DetailSchema>;
export type Versions = z.infer<typeof VersionList>;
export type VersionDiff = z.infer<typeof VersionDiffResponse>;
export type Decision = z.infer<typeof DecisionSchema>;
export type { Role } from '../../domain/identity/role';
