import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import type { FormFieldType, SelfSource } from '../../../domain/catalogue/procedure';

const FIELD_TYPES: { value: FormFieldType; label: string }[] = [
  { value: 'text', label: 'Chữ' },
  { value: 'textarea', label: 'Đoạn văn' },
  { value: 'number', label: 'Số' },
  { value: 'date', label: 'Ngày' },
  { value: 'select', label: 'Chọn từ danh sách' },
  { value: 'national-id', label: 'Số định danh cá nhân' },
  { value: 'phone', label: 'Số điện thoại' },
  { value: 'email', label: 'Thư điện tử' },
  { value: 'address', label: 'Địa chỉ (tỉnh, xã)' },
  { value: 'file', label: 'Tệp đính kèm' },
];

/** What a field takes when the requester asks for themselves (`FormField.self`). */
const SELF_SOURCES: { value: SelfSource; label: string }[] = [
  { value: 'fullName', label: 'Họ tên người yêu cầu' },
  { value: 'idNumber', label: 'Số định danh người yêu cầu' },
  { value: 'dateOfBirth', label: 'Ngày sinh người yêu cầu' },
  { value: 'address', label: 'Địa chỉ người yêu cầu' },
  { value: 'relation', label: '"Bản thân" (quan hệ)' },
];

/** The procedure's e-form: the fields citizens and officers fill ("Biểu mẫu điện tử"). */
export function EformCard() {
  return (
    <Card size="small" title="Biểu mẫu điện tử (các trường công dân, cán bộ nhập)">
      <Form.List name="eform">
        {(items, { add, remove }) => (
          <>
            {items.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item
                  name={[f.name, 'key']}
                  rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]*$/, message: 'Khóa không dấu' }]}
                >
                  <Input aria-label="Khóa" placeholder="khoa_truong" style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: 'Nhãn' }]}>
                  <Input aria-label="Nhãn" placeholder="Nhãn hiển thị" style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'type']} initialValue="text">
                  <Select aria-label="Kiểu" options={FIELD_TYPES} style={{ width: 190 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'required']} valuePropName="checked" initialValue={false}>
                  <Checkbox>Bắt buộc</Checkbox>
                </Form.Item>
                <Form.Item name={[f.name, 'options']}>
                  <Input.TextArea
                    aria-label="Lựa chọn"
                    placeholder="Lựa chọn (mỗi dòng một)"
                    autoSize
                    style={{ width: 180 }}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'help']}>
                  <Input
                    aria-label="Hướng dẫn"
                    placeholder="Hướng dẫn điền (nếu cần)"
                    style={{ width: 200 }}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'self']}>
                  <Select
                    aria-label="Khi xin cấp cho chính mình"
                    placeholder="Khi xin cấp cho chính mình: lấy…"
                    allowClear
                    options={SELF_SOURCES}
                    style={{ width: 250 }}
                  />
                </Form.Item>
                <MinusCircleOutlined aria-label="Bỏ trường" onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ key: '', label: '', type: 'text', required: false })}
            >
              Thêm trường
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
