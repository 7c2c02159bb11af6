import { Card, Checkbox, Tag, Typography } from 'antd';
import {
  componentApplies,
  componentInCase,
  procedureCases,
  requiredFor,
} from '../../../domain/dossier/intake';
import { CasePicker } from '../../shared/CasePicker';
import type { ProcedureDetail } from '../../shared/types';

/** One more, or one fewer, in a set of names (a ticked or unticked checkbox). */
export function toggled(set: Set<string>, name: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(name);
  else next.delete(name);
  return next;
}

/**
 * The procedure's components at the counter: each received or not, a copy checked against its original. When the
 * procedure's papers are alternatives, the officer first picks the case (trường hợp); the list then shows that
 * case's papers and those of every case.
 */
export function ComponentsChecklist({
  procedure,
  caseLabel,
  onCase,
  received,
  onReceived,
  seen,
  onSeen,
}: {
  procedure: ProcedureDetail;
  caseLabel: string | null;
  onCase: (next: string) => void;
  received: Set<string>;
  onReceived: (next: Set<string>) => void;
  /** Copies checked against the original at the desk (đối chiếu bản chính). */
  seen: Set<string>;
  onSeen: (next: Set<string>) => void;
}) {
  const cases = procedureCases(procedure);
  return (
    <Card
      size="small"
      title="Thành phần hồ sơ"
      extra={<Tag color="gold">Thời hạn: {procedure.processingTimeText}</Tag>}
      style={{ marginBottom: 16 }}
    >
      {cases.length > 0 && (
        <CasePicker
          id="reception-case-label"
          cases={cases}
          value={caseLabel}
          onChange={onCase}
          hint="Giấy tờ của thủ tục này khác nhau theo từng trường hợp; hãy chọn trường hợp của người nộp để thấy các giấy tờ cần có."
        />
      )}
      {procedure.components
        .filter((c) => componentApplies(c, 'counter') && componentInCase(c, caseLabel))
        .map((c) => (
          <div key={c.name} style={{ marginBottom: 8 }}>
            <Checkbox
              checked={received.has(c.name)}
              onChange={(e) => onReceived(toggled(received, c.name, e.target.checked))}
            >
              {c.name}{' '}
              <Typography.Text type="secondary">
                ({c.originals} bản chính, {c.copies} bản sao
                {requiredFor(c, 'counter') ? ', bắt buộc' : c.condition ? `, trường hợp: ${c.condition}` : ''}
                )
              </Typography.Text>
            </Checkbox>
            {received.has(c.name) && c.copies > 0 && (
              <div style={{ marginLeft: 24 }}>
                <Checkbox
                  checked={seen.has(c.name)}
                  onChange={(e) => onSeen(toggled(seen, c.name, e.target.checked))}
                >
                  <Typography.Text type="secondary">Đã đối chiếu bản sao với bản chính</Typography.Text>
                </Checkbox>
              </div>
            )}
          </div>
        ))}
    </Card>
  );
}
