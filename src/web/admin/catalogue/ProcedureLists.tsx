import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { CHANNEL_LABELS_VI, type Channel } from '../../../domain/catalogue/procedure';
import { TemplateUpload } from './TemplateUpload';

// The lists of a procedure's form, rendered inside its <Form>: time per channel, fees, components.

/** Processing times of their own for some channels ("Thời hạn riêng theo cách thức thực hiện"). */
export function ChannelTimesCard() {
  return (
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
                <Form.Item name={[it.name, 'amount']} rules={[{ required: true, message: 'Nhập thời hạn.' }]}>
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
  );
}

/** The procedure's fees and charges ("Phí, lệ phí"). */
export function FeesCard() {
  return (
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
  );
}

/** The procedure's components ("Thành phần hồ sơ"), each with its form template. */
export function ComponentsCard() {
  return (
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
                  <InputNumber aria-label="Bản chính" addonAfter="bản chính" min={0} style={{ width: 140 }} />
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
                <Form.Item name={[c.name, 'case']}>
                  <Input
                    aria-label="Thuộc trường hợp"
                    title="Khi giấy tờ của thủ tục là các phương án khác nhau: cùng một nhãn ngắn cho mọi giấy tờ của một trường hợp; người nộp chọn trường hợp và chỉ phải nộp giấy tờ của trường hợp đó (cùng các giấy tờ không thuộc trường hợp nào)."
                    placeholder="Mọi trường hợp"
                    style={{ width: 220 }}
                  />
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
  );
}
