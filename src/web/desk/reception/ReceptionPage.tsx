import { Alert, App, Card, Col, Form, Row } from 'antd';
import { PageTitle } from '../../shared/ui';
import { ApplicantForm } from './ApplicantForm';
import { CccdScan } from './CccdScan';
import { ComponentsChecklist } from './ComponentsChecklist';
import { DecisionModal } from './DecisionModal';
import { ProcedurePicker } from './ProcedurePicker';
import { ReceptionDone } from './ReceptionDone';
import { useReception } from './useReception';

/** Counter reception (tiếp nhận trực tiếp): pick the procedure, tick the components, enter the applicant, accept. */
export function ReceptionPage() {
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const r = useReception(form);
  const { procedure, missing, decision } = r;

  /**
   * "Tiếp nhận hồ sơ": a dossier missing a component the procedure requires is not accepted (the server refuses
   * it, COMPONENTS_MISSING): the officer is told which, before anything is sent, and led to the supplement
   * request instead.
   */
  const accept = () => {
    if (r.caseMissing) {
      modal.warning({
        title: 'Chưa chọn trường hợp',
        content:
          'Giấy tờ của thủ tục này khác nhau theo từng trường hợp. Hãy chọn trường hợp của người nộp ở mục “Thành phần hồ sơ”, rồi kiểm tra các giấy tờ của trường hợp đó.',
        okText: 'Chọn trường hợp',
      });
      return;
    }
    if (missing.length === 0) {
      form.submit();
      return;
    }
    modal.confirm({
      title: 'Hồ sơ chưa đủ thành phần bắt buộc',
      content: (
        <div>
          <p>Chưa nhận:</p>
          <ul style={{ paddingLeft: 18 }}>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <p>
            Hồ sơ thiếu thành phần bắt buộc không được tiếp nhận. Đánh dấu giấy tờ đã nhận nếu người nộp có
            đủ, hoặc hướng dẫn người nộp bổ sung, hoàn thiện hồ sơ (Mẫu 02).
          </p>
        </div>
      ),
      okText: 'Hướng dẫn bổ sung',
      cancelText: 'Quay lại kiểm tra',
      width: 560,
      onOk: r.askSupplement,
    });
  };

  if (r.done) return <ReceptionDone done={r.done} onNext={r.reset} />;

  return (
    <div>
      <PageTitle>Tiếp nhận hồ sơ</PageTitle>
      {r.ticket && (
        <Alert
          type="info"
          showIcon
          title={`Số thứ tự ${r.ticket.label} — lĩnh vực ${r.ticket.fieldName}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <ProcedurePicker
        fieldCode={r.ticket?.fieldCode}
        value={procedure?.code}
        onChoose={(code) => void r.choose(code)}
      />
      {procedure && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <ComponentsChecklist
              procedure={procedure}
              caseLabel={r.caseLabel}
              onCase={r.setCaseLabel}
              received={r.received}
              onReceived={r.setReceived}
              seen={r.seen}
              onSeen={r.setSeen}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="Người nộp hồ sơ">
              <CccdScan onRead={r.readCccd} />
              <ApplicantForm form={form} procedure={procedure} r={r} onAccept={accept} />
              <DecisionModal
                decision={decision}
                text={r.decisionText}
                onText={r.setDecisionText}
                error={r.error}
                busy={r.busy}
                onCancel={() => r.setDecision(null)}
                onOk={() =>
                  // The applicant's details are checked first; their messages show under the fields.
                  form.validateFields().then(
                    (v) => r.submit(v, decision!),
                    () => r.setDecision(null),
                  )
                }
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
