import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Upload,
} from 'antd';
import { useState } from 'react';
import {
  CHANNEL_LABELS_VI,
  type Channel,
  type FormFieldType,
  ONLINE_LEVEL_LABELS_VI,
  type OnlineLevel,
  type ProcedureContent,
} from '../../../domain/catalogue/procedure';
import { ApiError, api } from '../../shared/api';
import type { FieldItem } from '../../shared/types';

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
  eform: { key: string; label: string; type: FormFieldType; required: boolean; options?: string }[];
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
      help: null,
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

/** Uploads a form template (PDF, Word, ODT, Excel) and holds its file id. */
function TemplateUpload({
  value,
  onChange,
  label,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  label: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Space size={4}>
      <Upload
        showUploadList={false}
        accept=".pdf,.doc,.docx,.odt,.xls,.xlsx"
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          try {
            const fd = new FormData();
            fd.set('file', file as File);
            const r = await api.upload<{ id: string }>('/api/v1/files/templates', fd);
            onChange?.(r.id);
          } catch (e) {
            setError(e instanceof ApiError ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button size="small" icon={<UploadOutlined />} loading={busy} aria-label={label}>
          {value ? 'Thay tệp mẫu' : 'Tải tệp mẫu'}
        </Button>
      </Upload>
      {value && (
        <a href={`/api/v1/files/${value}`} target="_blank" rel="noreferrer">
          Xem
        </a>
      )}
      {value && (
        <Button size="small" type="link" onClick={() => onChange?.(null)}>
          Bỏ
        </Button>
      )}
      {error && <span style={{ color: '#b3261e' }}>{error}</span>}
    </Space>
  );
}

/** Everything a procedure version holds, including its e-form (field list). */
export function ProcedureForm({
  form,
  fields,
  codeLocked,
  onFinish,
}: {
  form: FormInstance<ProcedureFormValues>;
  fields: FieldItem[];
  codeLocked: boolean;
  onFinish: (v: ProcedureFormValues) => void;
}) {
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={EMPTY_PROCEDURE}
      requiredMark="optional"
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item
            name="code"
            label="Mã thủ tục"
            rules={[
              { required: true, pattern: /^\d\.\d{6}$/, message: 'Mã theo CSDL quốc gia, dạng 1.001193.' },
            ]}
          >
            <Input disabled={codeLocked} placeholder="1.001193" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="fieldCode"
            label="Lĩnh vực"
            rules={[{ required: true, message: 'Hãy chọn lĩnh vực.' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={fields.map((f) => ({ value: f.code, label: `${f.name} (${f.code})` }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="name"
        label="Tên thủ tục"
        rules={[{ required: true, message: 'Hãy nhập tên thủ tục.' }]}
      >
        <Input.TextArea autoSize />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="level" label="Cấp thực hiện" rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'province', label: 'Cấp tỉnh' },
                { value: 'district', label: 'Cấp huyện' },
                { value: 'commune', label: 'Cấp xã' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="implementingAgency" label="Cơ quan thực hiện" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="decidingAgency" label="Cơ quan có thẩm quyền quyết định">
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item
            name="timeAmount"
            label="Thời hạn giải quyết"
            tooltip="0 ngày làm việc = trong ngày; nửa ngày = 4 giờ làm việc"
            rules={[{ required: true }]}
          >
            <InputNumber min={0} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="timeUnit" label="Đơn vị thời hạn" rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'working-days', label: 'Ngày làm việc' },
                { value: 'working-hours', label: 'Giờ làm việc' },
                { value: 'calendar-days', label: 'Ngày (tính cả ngày nghỉ)' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="timeText" label="Mô tả thời hạn (nguyên văn công bố)">
        <Input.TextArea autoSize />
      </Form.Item>
      <Form.Item noStyle dependencies={['timeAmount', 'timeUnit']}>
        {({ getFieldValue }) =>
          getFieldValue('timeUnit') === 'working-days' && getFieldValue('timeAmount') === 0 ? (
            <Form.Item
              name="sameDayCutoff"
              label="Giờ chốt riêng của thủ tục (giải quyết trong ngày)"
              tooltip="Chỉ điền khi văn bản chuyên ngành quy định giờ chốt khác giờ chốt của cơ quan (mặc định 15:00). Hồ sơ nhận sau giờ này hẹn trả ngày làm việc tiếp theo."
              rules={[
                { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'Giờ phải có dạng HH:MM, ví dụ 15:00.' },
              ]}
            >
              <Input placeholder="Theo giờ chốt của cơ quan" style={{ maxWidth: 220 }} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Card
        size="small"
        title="Thời hạn riêng theo cách thức thực hiện"
        extra="Ví dụ: nộp trực tuyến giải quyết nhanh hơn nộp trực tiếp"
        style={{ marginBottom: 12 }}
      >
        <Form.List name="channelTimes">
          {(items, { add, remove }) => (
            <>
              {items.map((it) => (
                <Space key={it.key} align="baseline" wrap>
                  <Form.Item
                    name={[it.name, 'channel']}
                    rules={[{ required: true, message: 'Chọn cách thức.' }]}
                  >
                    <Select
                      aria-label="Cách thức"
                      style={{ width: 240 }}
                      options={(Object.keys(CHANNEL_LABELS_VI) as Channel[]).map((c) => ({
                        value: c,
                        label: CHANNEL_LABELS_VI[c],
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[it.name, 'amount']}
                    rules={[{ required: true, message: 'Nhập thời hạn.' }]}
                  >
                    <InputNumber aria-label="Thời hạn" min={0} step={0.5} />
                  </Form.Item>
                  <Form.Item name={[it.name, 'unit']} rules={[{ required: true, message: 'Chọn đơn vị.' }]}>
                    <Select
                      aria-label="Đơn vị"
                      style={{ width: 200 }}
                      options={[
                        { value: 'working-days', label: 'Ngày làm việc' },
                        { value: 'working-hours', label: 'Giờ làm việc' },
                        { value: 'calendar-days', label: 'Ngày (tính cả ngày nghỉ)' },
                      ]}
                    />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="Bỏ thời hạn này" onClick={() => remove(it.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={items.length >= 3}
                onClick={() => add({ channel: 'online', unit: 'working-days' })}
              >
                Thêm thời hạn riêng
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title="Phí, lệ phí" style={{ marginBottom: 12 }}>
        <Form.List name="fees">
          {(items, { add, remove }) => (
            <>
              {items.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      aria-label="Loại"
                      style={{ width: 100 }}
                      options={[
                        { value: 'phí', label: 'Phí' },
                        { value: 'lệ phí', label: 'Lệ phí' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: 'Tên khoản thu' }]}>
                    <Input aria-label="Tên khoản thu" placeholder="Tên khoản thu" style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amountVnd']}>
                    <InputNumber
                      aria-label="Số tiền (đồng)"
                      placeholder="Số tiền (đồng)"
                      min={0}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'rule']}>
                    <Input
                      aria-label="Mức thu theo quy định"
                      placeholder="hoặc mức thu theo quy định"
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="Bỏ khoản thu" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'lệ phí', name: '' })}
              >
                Thêm khoản phí, lệ phí
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title="Thành phần hồ sơ" style={{ marginBottom: 12 }}>
        <Form.List name="components">
          {(items, { add, remove }) => (
            <>
              {items.map((c) => (
                <Space
                  key={c.key}
                  align="baseline"
                  wrap
                  style={{ borderBottom: '1px dashed #eee', marginBottom: 8 }}
                >
                  <Form.Item name={[c.name, 'name']} rules={[{ required: true, message: 'Tên giấy tờ' }]}>
                    <Input aria-label="Tên giấy tờ" placeholder="Tên giấy tờ" style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[c.name, 'originals']} initialValue={1}>
                    <InputNumber
                      aria-label="Bản chính"
                      addonAfter="bản chính"
                      min={0}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                  <Form.Item name={[c.name, 'copies']} initialValue={0}>
                    <InputNumber aria-label="Bản sao" addonAfter="bản sao" min={0} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[c.name, 'required']} valuePropName="checked" initialValue={true}>
                    <Switch checkedChildren="Bắt buộc" unCheckedChildren="Tùy trường hợp" />
                  </Form.Item>
                  <Form.Item name={[c.name, 'condition']}>
                    <Input aria-label="Trường hợp" placeholder="Trường hợp áp dụng" style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[c.name, 'channels']}>
                    <Select
                      mode="multiple"
                      aria-label="Nộp khi"
                      placeholder="Mọi cách thức nộp"
                      style={{ width: 220 }}
                      options={(Object.keys(CHANNEL_LABELS_VI) as Channel[]).map((ch) => ({
                        value: ch,
                        label: CHANNEL_LABELS_VI[ch],
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[c.name, 'formTemplate']}>
                    <Input
                      aria-label="Mẫu đơn, tờ khai"
                      placeholder="Mẫu đơn, tờ khai"
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <Form.Item name={[c.name, 'templateFileId']} noStyle>
                    <TemplateUpload label={`Tệp mẫu ${c.name + 1}`} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="Bỏ giấy tờ" onClick={() => remove(c.name)} />
                </Space>
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', originals: 1, copies: 0, required: true })}
              >
                Thêm thành phần hồ sơ
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Form.Item name="requirements" label="Yêu cầu, điều kiện (mỗi dòng một ý)">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="result" label="Kết quả thực hiện">
        <Input />
      </Form.Item>
      <Form.Item name="legalBasis" label="Căn cứ pháp lý (mỗi dòng một văn bản)">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item
        name="channels"
        label="Cách thức thực hiện"
        rules={[{ required: true, message: 'Chọn ít nhất một cách.' }]}
      >
        <Checkbox.Group
          options={(Object.keys(CHANNEL_LABELS_VI) as Channel[]).map((c) => ({
            value: c,
            label: CHANNEL_LABELS_VI[c],
          }))}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="onlineLevel" label="Dịch vụ công trực tuyến">
            <Select
              options={(Object.keys(ONLINE_LEVEL_LABELS_VI) as OnlineLevel[]).map((o) => ({
                value: o,
                label: ONLINE_LEVEL_LABELS_VI[o],
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="supplementMode"
            label="Khi bổ sung hồ sơ"
            tooltip="Mặc định theo Nghị định: tính lại từ đầu thời hạn."
          >
            <Select
              options={[
                { value: 'restart', label: 'Tính lại từ đầu thời hạn' },
                { value: 'pause', label: 'Tạm dừng, tính tiếp thời gian còn lại' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="interconnected" label="Liên thông (mô tả, nếu có)">
        <Input.TextArea autoSize />
      </Form.Item>

      <Card size="small" title="Biểu mẫu điện tử (các trường công dân, cán bộ nhập)">
        <Form.List name="eform">
          {(items, { add, remove }) => (
            <>
              {items.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'key']}
                    rules={[
                      { required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]*$/, message: 'Khóa không dấu' },
                    ]}
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
    </Form>
  );
}
