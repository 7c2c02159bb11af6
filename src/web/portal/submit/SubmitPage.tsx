import { Alert, Button, Form, Spin, Steps, Typography } from 'antd';
import { useParams } from 'react-router';
import { PageTitle } from '../../shared/ui';
import { ComponentsStep } from './ComponentsStep';
import { AgencyStep, ApplicantStep, DeliveryStep, EformStep } from './FormSteps';
import { Review } from './Review';
import { useSubmission } from './useSubmission';
import { STEPS, type Values } from './values';

/**
 * Online submission (nộp hồ sơ trực tuyến), phone first: agency, applicant, e-form, components (camera
 * or file), how to receive the result, review, submit. Everything is a draft on the account, saved a
 * few seconds after each change and at each step, so a closed browser loses nothing; the submission
 * key is made once per draft, so a double tap makes one dossier (the state: useSubmission).
 */
export function SubmitPage() {
  const { code = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const onBehalfWatch = Form.useWatch('onBehalf', form) as boolean | undefined;
  const s = useSubmission(code, form);
  const { user, p, meta, draftId, files, step, restoredAt, savedAt, error, busy, go } = s;

  if (s.loading || !user) return <Spin />;
  if (!user.roles.includes('citizen')) {
    return (
      <Alert type="warning" showIcon title="Chỉ tài khoản công dân, tổ chức mới nộp hồ sơ trực tuyến." />
    );
  }
  if (!p || !draftId) return error ? <Alert type="error" showIcon title={error} /> : <Spin />;
  if (!p.channels.includes('online')) {
    return (
      <Alert
        type="warning"
        showIcon
        title="Thủ tục này chưa cung cấp dịch vụ công trực tuyến; hãy nộp trực tiếp hoặc qua bưu chính."
      />
    );
  }
  const v = form.getFieldsValue(true) as Values;
  const onBehalf = onBehalfWatch ?? v.onBehalf;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageTitle style={{ marginTop: 4, fontSize: 20 }}>Nộp hồ sơ trực tuyến</PageTitle>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {p.name}
      </Typography.Paragraph>
      <Steps
        type="dot"
        size="small"
        responsive={false}
        current={step}
        items={STEPS.map((title, i) => ({ title: i === step ? title : '' }))}
        style={{ marginBottom: 8 }}
      />
      <Typography.Title level={2} style={{ marginTop: 8, fontSize: 16 }}>
        Bước {step + 1}/{STEPS.length}: {STEPS[step]}
      </Typography.Title>
      {restoredAt && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Đã mở lại bản nháp lưu lúc ${restoredAt.slice(11, 16)} ngày ${restoredAt.slice(0, 10).split('-').reverse().join('/')}.`}
          action={
            <Button size="small" onClick={() => void s.startOver()}>
              Bắt đầu lại
            </Button>
          }
        />
      )}
      <Form form={form} layout="vertical" size="large" requiredMark="optional" onValuesChange={s.touched}>
        {step === 0 && <AgencyStep p={p} />}
        {step === 1 && (
          <ApplicantStep
            form={form}
            user={user}
            mine={s.mine}
            communityHelper={!!meta?.communityHelper}
            onBehalf={onBehalf}
          />
        )}
        {step === 2 && <EformStep p={p} form={form} />}
        {step === 4 && <DeliveryStep form={form} />}
      </Form>
      {step === 3 && (
        <ComponentsStep
          p={p}
          caseLabel={s.caseLabel}
          onCase={s.chooseCase}
          meta={meta}
          draftId={draftId}
          files={files}
          uploading={s.uploading}
          onUpload={(component, list) => void s.upload(component, list)}
          onRemove={(fileId) => void s.removeFile(fileId)}
        />
      )}
      {step === 5 && <Review p={p} v={v} caseLabel={s.caseLabel} files={files} onFix={() => void go(3)} />}
      {error && <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} />}
      <div
        style={{
          display: 'flex',
          gap: 8,
          justifyContent: 'space-between',
          alignItems: 'center',
          position: 'sticky',
          bottom: 0,
          background: '#fafafa',
          padding: '12px 0',
        }}
      >
        <Button size="large" disabled={step === 0} onClick={() => void go(step - 1)}>
          Quay lại
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
          {savedAt ? `Đã lưu nháp ${savedAt.slice(11, 19)}` : ''}
        </Typography.Text>
        {step < STEPS.length - 1 ? (
          <Button size="large" type="primary" onClick={() => void go(step + 1)}>
            Tiếp tục
          </Button>
        ) : (
          <Button size="large" type="primary" loading={busy} onClick={() => void s.submit()}>
            Nộp hồ sơ
          </Button>
        )}
      </div>
    </div>
  );
}
