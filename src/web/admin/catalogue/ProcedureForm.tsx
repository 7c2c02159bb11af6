import { Checkbox, Col, Form, type FormInstance, Input, InputNumber, Row, Select } from 'antd';
import {
  CHANNEL_LABELS_VI,
  type Channel,
  ONLINE_LEVEL_LABELS_VI,
  type OnlineLevel,
} from '../../../domain/catalogue/procedure';
import type { FieldItem, ProcedureDetail } from '../../shared/types';
import { EformCard } from './EformCard';
import { ChannelTimesCard, ComponentsCard, FeesCard } from './ProcedureLists';
import { EMPTY_PROCEDURE, type ProcedureFormValues } from './procedureValues';
import { SourceNote } from './SourceNote';

/** Everything a procedure version holds, including its e-form (field list). */
export function ProcedureForm({
  form,
  fields,
  codeLocked,
  onFinish,
  source = null,
}: {
  form: FormInstance<ProcedureFormValues>;
  fields: FieldItem[];
  codeLocked: boolean;
  onFinish: (v: ProcedureFormValues) => void;
  /** Where the amended procedure's current text came from (none for a new one). */
  source?: ProcedureDetail['source'];
}) {
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={EMPTY_PROCEDURE}
      requiredMark="optional"
    >
      {source ? <SourceNote source={source} /> : null}
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
      <ChannelTimesCard />
      <FeesCard />
      <ComponentsCard />

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

      <EformCard />
    </Form>
  );
}
