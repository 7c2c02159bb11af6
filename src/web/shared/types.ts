// The API's types most pages share, from the one contract (src/contract: inferred from the server's Zod schemas,
// type-only, so no server code ships).
export type {
  Agency,
  Decision,
  FieldItem,
  Me,
  ProcedureDetail,
  ProcedureList,
  ProcedureSummary,
  Role,
  User,
  VersionDiff,
  Versions,
} from '../../contract';
