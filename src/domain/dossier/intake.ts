/**
 * The intake rules (tiếp nhận hồ sơ), pure: who may hand in a dossier through which channel, which agency
 * receives it, and whether what was handed in may become a dossier — the procedure in force and implemented by
 * the agency, the channel offered, the e-form valid, every required component received before an acceptance,
 * the supplement list (Mẫu 02) or the refusal reason (Mẫu 03) given. The server reads what these rules need in
 * one round trip and writes what they decide (`src/server/modules/dossiers/intake.ts`); the desk and the portal
 * use `missingComponents` to say the same thing before anything is sent.
 */
import { validateEform } from '../catalogue/eform';
import type { Channel, Component, ProcedureContent } from '../catalogue/procedure';
import { idNumberAgrees } from '../identity/cccd';
import type { Role } from '../identity/role';

export type IntakeChannel = 'counter' | 'online' | 'postal';
/** What the intake turns into: a dossier waiting for the desk's check, or the desk's decision at once. */
export type IntakeDecision = 'submit' | 'accept' | 'supplement' | 'refuse';

export interface IntakeActor {
  roles: readonly Role[];
  agencyId: string | null;
}

export interface IntakeRequest {
  procedureCode: string;
  channel: IntakeChannel;
  agencyCode?: string;
  formData: Record<string, unknown>;
  components: readonly { name: string; received: boolean }[];
  /** The case (trường hợp) of a procedure with cases (`procedureCases`); none otherwise. */
  case?: string | null;
  decision: 'accept' | 'supplement' | 'refuse';
  supplement?: { items: string[]; reason: string };
  refusal?: { reason: string };
  /** The applicant as given: a citizen's ID number and date of birth (ISO) are checked against each other. */
  applicant?: { kind: string; idNumber?: string; dateOfBirth?: string };
}

/** A refused intake: the HTTP status, a stable code and a message the person can act on. */
export interface IntakeRefusal {
  ok: false;
  status: 400 | 403 | 422;
  code: string;
  message: string;
  details?: unknown;
}

const refused = (
  status: 400 | 403 | 422,
  code: string,
  message: string,
  details?: unknown,
): IntakeRefusal => ({
  ok: false,
  status,
  code,
  message,
  ...(details === undefined ? {} : { details }),
});
const forbidden = (what: string) => refused(403, 'FORBIDDEN', `Tài khoản của bạn không có quyền ${what}.`);

/**
 * Who may use the channel, and the receiving agency: staff at the counter receive for their own agency, postal
 * staff for the agency named (their own when none is), citizens and helpers online for the agency they chose.
 */
export function intakeReceiver(
  actor: IntakeActor,
  req: Pick<IntakeRequest, 'channel' | 'agencyCode'>,
): IntakeRefusal | { ok: true; agency: { id: string } | { code: string } } {
  const { roles } = actor;
  if (req.channel === 'counter' && !roles.includes('reception')) {
    return forbidden('tiếp nhận hồ sơ trực tiếp (cần vai trò cán bộ một cửa)');
  }
  if (req.channel === 'postal' && !roles.includes('postal') && !roles.includes('reception')) {
    return forbidden('bàn giao hồ sơ qua bưu chính');
  }
  if (req.channel === 'online' && !roles.includes('citizen')) {
    return refused(
      400,
      'ONLINE_FOR_CITIZENS',
      'Hồ sơ trực tuyến do công dân hoặc người hỗ trợ nộp trên Cổng dịch vụ công.',
    );
  }
  const own = req.channel === 'counter' || (req.channel === 'postal' && !req.agencyCode);
  if (own) {
    if (!actor.agencyId) return forbidden('tiếp nhận hồ sơ khi không thuộc cơ quan nào');
    return { ok: true, agency: { id: actor.agencyId } };
  }
  if (!req.agencyCode) return refused(400, 'AGENCY_REQUIRED', 'Hãy chọn cơ quan tiếp nhận hồ sơ.');
  return { ok: true, agency: { code: req.agencyCode } };
}

/**
 * The cases (trường hợp) of a procedure whose components are alternatives: the distinct `case` labels of its
 * components, in the order they first appear; empty when no component names one (every procedure before cases).
 * Derived rather than listed apart, so a label cannot be listed without papers nor a paper name an unlisted case.
 */
export function procedureCases(content: {
  components: readonly { name: string; case?: string | null }[];
}): string[] {
  const seen: string[] = [];
  for (const c of content.components) if (c.case && !seen.includes(c.case)) seen.push(c.case);
  return seen;
}

/** Whether the component is asked for in the chosen case: it names no case, or that one. */
export function componentInCase(c: { case?: string | null }, caseLabel: string | null | undefined): boolean {
  return !c.case || c.case === caseLabel;
}

/**
 * Required components that were not received, in the chosen case (`requiredFor`; for a procedure without cases
 * the case is ignored). A component of another case is never asked for.
 */
export function missingComponents<C extends ComponentRule>(
  content: { components: readonly C[] },
  received: (name: string) => boolean,
  channel: Channel,
  caseLabel: string | null = null,
): C[] {
  return content.components.filter(
    (c) => componentInCase(c, caseLabel) && requiredFor(c, channel) && !received(c.name),
  );
}

type ComponentRule = Pick<Component, 'name' | 'required' | 'condition'> & {
  channels?: Channel[] | null;
  case?: string | null;
};

/**
 * Whether the case chosen for a dossier fits the procedure: one of its cases, required when the procedure has
 * cases and `needed` (an acceptance, a submission — a supplement request or a refusal may come before the case
 * is known), none for a procedure without cases. Null when it fits.
 */
export function caseRefusal(
  content: { components: readonly { name: string; case?: string | null }[] },
  caseLabel: string | null | undefined,
  needed: boolean,
): IntakeRefusal | null {
  const cases = procedureCases(content);
  const list = cases.map((c) => `“${c}”`).join('; ');
  if (caseLabel == null) {
    if (cases.length === 0 || !needed) return null;
    return refused(
      422,
      'CASE_REQUIRED',
      `Thủ tục này có ${cases.length} trường hợp với giấy tờ khác nhau; hãy chọn trường hợp của hồ sơ: ${list}.`,
      cases,
    );
  }
  if (cases.includes(caseLabel)) return null;
  return refused(
    422,
    'CASE_UNKNOWN',
    cases.length === 0
      ? 'Thủ tục này không chia trường hợp; hãy bỏ trường hợp đã chọn.'
      : `Thủ tục này không có trường hợp “${caseLabel}”; hãy chọn một trong: ${list}.`,
    cases,
  );
}

/** Whether a dossier submitted this way is asked for the component at all (the e-form online, the paper form otherwise). */
export function componentApplies(c: Pick<ComponentRule, 'channels'>, channel: Channel): boolean {
  return !c.channels || c.channels.includes(channel);
}

/**
 * Whether the component must be in a dossier submitted this way (in its case, `componentInCase`): required,
 * asked for on this channel, and not conditional on a case the officer judges ("trường hợp …") — a condition
 * that only names channels is not such a case, nor is one on a component that names its `case` (the case chosen
 * says it applies).
 */
export function requiredFor(
  c: { required: boolean; condition?: unknown; channels?: Channel[] | null; case?: string | null },
  channel: Channel,
): boolean {
  return c.required && componentApplies(c, channel) && (!c.condition || !!c.channels || !!c.case);
}

/** What the server found for the request: the receiving agency and the procedure version in force. */
export interface IntakeFound {
  agency: { name: string; active: boolean };
  /** ISO date of the procedure's abolition, or null. */
  abolishedOn: string | null;
  /** Whether the agency implements the procedure (danh mục thủ tục của cơ quan). */
  adopted: boolean;
  content: ProcedureContent;
  /** The local date of the intake. */
  today: string;
}

/**
 * The intake's decision: at the counter the officer's (accept, supplement, refuse), through the other channels
 * `submit` (the desk checks later); with the e-form's cleaned values. Checked in the order a person fixes them.
 */
export function decideIntake(
  req: IntakeRequest,
  found: IntakeFound,
): IntakeRefusal | { ok: true; decision: IntakeDecision; formData: Record<string, unknown> } {
  const { agency, content } = found;
  if (!agency.active) return refused(400, 'AGENCY_NOT_FOUND', `Cơ quan ${agency.name} không còn hoạt động.`);
  if (found.abolishedOn !== null && found.abolishedOn <= found.today) {
    return refused(
      400,
      'PROCEDURE_NOT_AVAILABLE',
      `Thủ tục ${req.procedureCode} không có hoặc không còn hiệu lực.`,
    );
  }
  if (!found.adopted) {
    return refused(
      400,
      'PROCEDURE_NOT_ADOPTED',
      `${agency.name} chưa được giao thực hiện thủ tục ${req.procedureCode}; kiểm tra danh mục thủ tục của cơ quan.`,
    );
  }
  if (req.channel !== 'counter' && !content.channels.includes(req.channel)) {
    return refused(
      400,
      'CHANNEL_NOT_OFFERED',
      req.channel === 'online'
        ? 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến; hãy nộp trực tiếp hoặc qua bưu chính.'
        : 'Thủ tục này không thực hiện qua dịch vụ bưu chính công ích.',
    );
  }
  const dob = req.applicant?.dateOfBirth;
  if (dob && dob > found.today) {
    return refused(
      400,
      'BIRTH_DATE_IN_FUTURE',
      'Ngày sinh của người nộp không thể sau ngày hôm nay; hãy kiểm tra lại.',
    );
  }
  const idNumber = req.applicant?.idNumber;
  if (dob && idNumber && !idNumberAgrees(idNumber, dob)) {
    return refused(
      400,
      'ID_NUMBER_MISMATCH',
      'Số định danh cá nhân không khớp với năm sinh (chữ số thứ 4 cho thế kỷ, chữ số thứ 5–6 là hai số cuối năm sinh); hãy kiểm tra lại thẻ căn cước.',
    );
  }
  const eform = validateEform(content.eform, req.formData);
  if (!eform.ok) {
    return refused(400, 'EFORM_INVALID', `Tờ khai chưa hợp lệ: ${eform.issues[0]!.message}`, eform.issues);
  }
  const decision: IntakeDecision = req.channel === 'counter' ? req.decision : 'submit';
  const badCase = caseRefusal(content, req.case, decision === 'accept' || decision === 'submit');
  if (badCase) return badCase;
  if (decision === 'accept') {
    const missing = missingComponents(
      content,
      (name) => req.components.some((x) => x.name === name && x.received),
      req.channel,
      req.case ?? null,
    );
    if (missing.length > 0) {
      return refused(
        400,
        'COMPONENTS_MISSING',
        `Hồ sơ chưa đủ thành phần bắt buộc: ${missing.map((m) => m.name).join('; ')}. Hãy hướng dẫn bổ sung (Mẫu 02) thay vì tiếp nhận.`,
        missing.map((m) => m.name),
      );
    }
  }
  if (decision === 'supplement' && !req.supplement) {
    return refused(
      400,
      'SUPPLEMENT_ITEMS_REQUIRED',
      'Hãy liệt kê đầy đủ giấy tờ cần bổ sung, hoàn thiện và lý do.',
    );
  }
  if (decision === 'refuse' && !req.refusal) {
    return refused(400, 'REFUSAL_REASON_REQUIRED', 'Hãy ghi rõ lý do từ chối tiếp nhận hồ sơ.');
  }
  return { ok: true, decision, formData: eform.value };
}
