import { Descriptions } from 'antd';
import { eformValueText, isEmptyValue } from '../../../domain/catalogue/eform';
import type { FormField } from '../../../domain/catalogue/procedure';

/**
 * A filled e-form as label/value rows (addresses and dates written as on paper), for review screens
 * and the desk's dossier page. Keys the field list does not know are shown by key, so nothing is hidden.
 */
export function EformView({
  fields,
  data,
  title,
}: {
  fields: readonly FormField[];
  data: Record<string, unknown>;
  title?: string;
}) {
  const known = new Set(fields.map((f) => f.key));
  const rows = [
    ...fields
      .filter((f) => !isEmptyValue(data[f.key]))
      .map((f) => ({ key: f.key, label: f.label, text: eformValueText(f, data[f.key]) })),
    ...Object.keys(data)
      .filter((k) => !known.has(k) && !isEmptyValue(data[k]))
      .map((k) => ({ key: k, label: k, text: eformValueText({ type: 'text' }, data[k]) })),
  ];
  if (rows.length === 0) return null;
  return (
    <Descriptions bordered column={1} size="small" title={title}>
      {rows.map((r) => (
        <Descriptions.Item key={r.key} label={r.label}>
          {r.text}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
