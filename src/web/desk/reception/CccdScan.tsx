import { Form, Input, Space } from 'antd';
import { useState } from 'react';
import { type CccdData, parseCccdQr } from '../../../domain/identity/cccd';
import { CccdCamera } from '../CccdCamera';

/**
 * The CCCD's QR code: a handheld scanner types its string and Enter in the field; a webcam reader fills the same
 * field. A string that is not a CCCD's is said under the field.
 */
export function CccdScan({ onRead }: { onRead: (value: CccdData) => void }) {
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const readCccd = (raw: string) => {
    const r = parseCccdQr(raw);
    if (!r.ok) {
      setScanError(r.message);
      return;
    }
    setScanError(null);
    setScan('');
    onRead(r.value);
  };
  return (
    <Form.Item
      label="Quét mã QR trên căn cước (CCCD)"
      layout="vertical"
      help={scanError ?? 'Dùng máy quét cầm tay: đặt con trỏ vào ô này rồi quét thẻ.'}
      validateStatus={scanError ? 'error' : undefined}
      style={{ marginBottom: 16 }}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Input
          aria-label="Mã QR căn cước"
          value={scan}
          onChange={(e) => setScan(e.target.value)}
          onPressEnter={() => readCccd(scan)}
          placeholder="079190001234||Nguyễn Thị …|15081990|Nữ|…|01072021"
        />
        <CccdCamera onRead={readCccd} />
      </Space.Compact>
    </Form.Item>
  );
}
