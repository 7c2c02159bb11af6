import { feeLabel } from './labels';
import { type Component, describeProcessingTime, type Fee, type ProcedureContent } from './procedure';

export interface FieldChange {
  field:
    | 'name'
    | 'processingTime'
    | 'fees'
    | 'components'
    | 'channels'
    | 'onlineLevel'
    | 'legalBasis'
    | 'requirements';
  label: string; // Vietnamese, for the comparison screen
  before: string;
  after: string;
}

export interface ComponentChange {
  change: 'added' | 'removed' | 'changed';
  name: string;
  before: string | null;
  after: string | null;
}

export interface VersionDiff {
  changes: FieldChange[];
  components: ComponentChange[];
}

function feeText(fees: Fee[]): string {
  if (fees.length === 0) return 'Không thu phí, lệ phí';
  return fees
    .map(
      (f) =>
        `${feeLabel(f)}: ${
          f.amountVnd === null ? (f.rule ?? 'theo quy định') : `${f.amountVnd.toLocaleString('vi-VN')} đồng`
        }`,
    )
    .join('; ');
}

function componentText(c: Component): string {
  const parts = [
    `${c.originals} bản chính`,
    `${c.copies} bản sao`,
    c.required ? 'bắt buộc' : 'không bắt buộc',
  ];
  if (c.condition) parts.push(`trường hợp: ${c.condition}`);
  if (c.case) parts.push(`thuộc trường hợp: ${c.case}`);
  if (c.formTemplate) parts.push(`mẫu: ${c.formTemplate}`);
  return parts.join(', ');
}

const LABELS: Record<FieldChange['field'], string> = {
  name: 'Tên thủ tục',
  processingTime: 'Thời hạn giải quyết',
  fees: 'Phí, lệ phí',
  components: 'Thành phần hồ sơ',
  channels: 'Cách thức thực hiện',
  onlineLevel: 'Mức độ dịch vụ công trực tuyến',
  legalBasis: 'Căn cứ pháp lý',
  requirements: 'Yêu cầu, điều kiện',
};

/** What changed between two versions of a procedure: time, fees, components and the rest. */
export function diffVersions(a: ProcedureContent, b: ProcedureContent): VersionDiff {
  const changes: FieldChange[] = [];
  const push = (field: FieldChange['field'], before: string, after: string) => {
    if (before !== after) changes.push({ field, label: LABELS[field], before, after });
  };
  push('name', a.name, b.name);
  push('processingTime', describeProcessingTime(a), describeProcessingTime(b));
  push('fees', feeText(a.fees), feeText(b.fees));
  push('channels', [...a.channels].sort().join(', '), [...b.channels].sort().join(', '));
  push('onlineLevel', a.onlineLevel, b.onlineLevel);
  push('legalBasis', a.legalBasis.join('; '), b.legalBasis.join('; '));
  push('requirements', a.requirements.join('; '), b.requirements.join('; '));

  const before = new Map(a.components.map((c) => [c.name, c]));
  const after = new Map(b.components.map((c) => [c.name, c]));
  const components: ComponentChange[] = [];
  for (const [name, c] of before) {
    const n = after.get(name);
    if (!n) components.push({ change: 'removed', name, before: componentText(c), after: null });
    else if (componentText(c) !== componentText(n)) {
      components.push({ change: 'changed', name, before: componentText(c), after: componentText(n) });
    }
  }
  for (const [name, c] of after) {
    if (!before.has(name)) components.push({ change: 'added', name, before: null, after: componentText(c) });
  }
  if (components.length > 0) {
    changes.push({
      field: 'components',
      label: LABELS.components,
      before: `${a.components.length} thành phần`,
      after: `${b.components.length} thành phần (${components.length} thay đổi)`,
    });
  }
  return { changes, components };
}
