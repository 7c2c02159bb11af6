import { Radio, Typography } from 'antd';

/**
 * The case (trường hợp) of a procedure whose papers differ by situation: one radio per case, labelled "Trường hợp",
 * with a hint shown before the choices (`hintFirst`) or while none is chosen. The counter and the portal use it.
 */
export function CasePicker({
  id,
  cases,
  value,
  onChange,
  hint,
  hintFirst = false,
}: {
  id: string;
  cases: string[];
  value: string | null;
  onChange: (label: string) => void;
  hint: string;
  hintFirst?: boolean;
}) {
  const note = (
    <Typography.Paragraph type="secondary" style={{ margin: hintFirst ? 0 : '4px 0 0' }}>
      {hint}
    </Typography.Paragraph>
  );
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong id={id}>
        Trường hợp
      </Typography.Text>
      {hintFirst && note}
      <div role="radiogroup" aria-labelledby={id} aria-required="true">
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value as string)}>
          {cases.map((label) => (
            <div key={label} style={{ marginTop: hintFirst ? 6 : 4 }}>
              <Radio value={label}>{label}</Radio>
            </div>
          ))}
        </Radio.Group>
      </div>
      {!hintFirst && value === null && note}
    </div>
  );
}
