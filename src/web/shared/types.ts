// The API's types most pages share, from the one contract (src/contract: inferred from the server's Zod schemas,
// type-only, so no server code ships).
export type {
  Agency,
  AgencyList,
  Decision,
  FieldItem,
  FieldList,
  LoginResponse,
  Me,
  ProcedureDetail,
  ProcedureList,
  ProcedureSummary,
  Role,
  User,
  UserList,
  VersionDiff,
  Versions,
} from '../../contract';
