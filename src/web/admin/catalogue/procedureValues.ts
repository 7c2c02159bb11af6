import type {
  Channel,
  FormFieldType,
  OnlineLevel,
  ProcedureContent,
  SelfSource,
} from '../../../domain/catalogue/procedure';

/** What the procedure editor's form holds (a procedure version's content, as the form's fields take it). */
export interface ProcedureFormValues {
  code: string;
  name: string;
  fieldCode: string;
  level: ProcedureContent['level'];
  implementingAgency: string;
  decidingAgency?: string;
  timeAmount: number;
  timeUnit: ProcedureContent['processingTime']['unit'];
  timeText?: string;
  /** The procedure's own same-day cut-off HH:MM (sectoral law), only for "trong ngày". */
  sameDayCutoff?: string;
  channelTimes?: { channel: Channel; amount: number; unit: ProcedureContent['processingTime']['unit'] }[];
  fees: {
    kind: 'phí' | 'lệ phí';
    name: string;
    amountVnd?: number | null;
    rule?: string;
    exemptions?: string;
  }[];
  components: {
    name: string;
    originals: number;
    copies: number;
    required: boolean;
    condition?: string;
    /** The case (trường hợp) the component belongs to, when the procedure's papers are alternatives. */
    case?: string;
    channels?: Channel[];
    formTemplate?: string;
    templateFileId?: string | null;
  }[];
  requirements?: string;
  result?: string;
  legalBasis?: string;
  channels: Channel[];
  onlineLevel: OnlineLevel;
  interconnected?: string;
  supplementMode: 'restart' | 'pause';
  eform: {
    key: string;
    label: string;
    type: FormFieldType;
    required: boolean;
    options?: string;
    help?: string | null;
    self?: SelfSource | null;
  }[];
}

const lines = (s?: string) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function toContent(v: ProcedureFormValues): ProcedureContent {
  return {
    name: v.name.trim(),
    fieldCode: v.fieldCode,
    level: v.level,
    implementingAgency: v.implementingAgency.trim(),
    decidingAgency: v.decidingAgency?.trim() || null,
    processingTime: {
      amount: v.timeAmount,
      unit: v.timeUnit,
      text: v.timeText?.trim() || null,
      sameDayCutoff:
        v.timeUnit === 'working-days' && v.timeAmount === 0 ? v.sameDayCutoff?.trim() || null : null,
    },
    channelTimes: (v.channelTimes ?? []).filter((t) => t?.channel && t.amount !== undefined && t.unit),
    fees: (v.fees ?? []).map((f) => ({
      kind: f.kind,
      name: f.name,
      amountVnd: f.amountVnd ?? null,
      rule: f.rule?.trim() || null,
      exemptions: f.exemptions?.trim() || null,
    })),
    components: (v.components ?? []).map((c) => ({
      name: c.name,
      originals: c.originals ?? 0,
      copies: c.copies ?? 0,
      required: c.required ?? true,
      condition: c.condition?.trim() || null,
      case: c.case?.trim() || null,
      channels: c.channels && c.channels.length > 0 ? c.channels : null,
      formTemplate: c.formTemplate?.trim() || null,
      templateFileId: c.templateFileId ?? null,
    })),
    requirements: lines(v.requirements),
    result: v.result?.trim() ?? '',
    legalBasis: lines(v.legalBasis),
    channels: v.channels,
    onlineLevel: v.onlineLevel,
    interconnected: v.interconnected?.trim()
      ? { with: v.level === 'commune' ? 'province' : 'commune', description: v.interconnected.trim() }
      : null,
    supplementMode: v.supplementMode,
    eform: (v.eform ?? []).map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required ?? false,
      options: lines(f.options),
      help: f.help?.trim() || null,
      self: f.self ?? null,
    })),
  };
}

export function fromContent(code: string, c: ProcedureContent): ProcedureFormValues {
  return {
    code,
    name: c.name,
    fieldCode: c.fieldCode,
    level: c.level,
    implementingAgency: c.implementingAgency,
    decidingAgency: c.decidingAgency ?? '',
    timeAmount: c.processingTime.amount,
    timeUnit: c.processingTime.unit,
    timeText: c.processingTime.text ?? '',
    sameDayCutoff: c.processingTime.sameDayCutoff ?? '',
    channelTimes: c.channelTimes,
    fees: c.fees.map((f) => ({ ...f, rule: f.rule ?? '', exemptions: f.exemptions ?? '' })),
    components: c.components.map((x) => ({
      ...x,
      condition: x.condition ?? '',
      case: x.case ?? '',
      channels: x.channels ?? [],
      formTemplate: x.formTemplate ?? '',
    })),
    requirements: c.requirements.join('\n'),
    result: c.result,
    legalBasis: c.legalBasis.join('\n'),
    channels: c.channels,
    onlineLevel: c.onlineLevel,
    interconnected: c.interconnected?.description ?? '',
    supplementMode: c.supplementMode,
    eform: c.eform.map((f) => ({ ...f, options: f.options.join('\n') })),
  };
}

export const EMPTY_PROCEDURE: Partial<ProcedureFormValues> = {
  level: 'commune',
  implementingAgency: 'Ủy ban nhân dân cấp xã',
  timeAmount: 0,
  timeUnit: 'working-days',
  channels: ['counter'],
  onlineLevel: 'none',
  supplementMode: 'restart',
  fees: [],
  components: [],
  eform: [],
};
