import { CameraOutlined, DeleteOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Space,
  Spin,
  Steps,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { MyApplicant, SubmitResult } from '../../../contract';
import { componentApplies, missingComponents, requiredFor } from '../../../domain/dossier/intake';
import { type Address, formatAddress } from '../../../domain/geo/division';
import { ApiError, api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import {
  AddressPicker,
  type AddressValue,
  EformFields,
  EformView,
  eformData,
  prefillFromApplicant,
} from '../../shared/eform';
import type { ProcedureDetail } from '../../shared/types';
import { type Draft, type DraftFile, type DraftList, draftsApi, sizeText } from './draft';

const STEPS = ['Cơ quan', 'Người nộp', 'Tờ khai', 'Giấy tờ', 'Nhận kết quả', 'Xem lại'] as const;
const AUTOSAVE_MS = 3000;
const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'application/pdf': 'PDF',
};
const DELIVERY: { value: Delivery; label: string }[] = [
  { value: 'counter', label: 'Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả' },
  { value: 'post', label: 'Gửi qua bưu chính công ích đến địa chỉ' },
  { value: 'home', label: 'Nhận tại nhà' },
  { value: 'online', label: 'Nhận kết quả điện tử trên Cổng dịch vụ công' },
];
type Delivery = 'counter' | 'post' | 'home' | 'online';

interface Values {
  agencyCode?: string;
  onBehalf?: boolean;
  applicant?: {
    fullName?: string;
    idNumber?: string;
    dateOfBirth?: string;
    phone?: string;
    email?: string;
    address?: AddressValue;
  };
  formData?: Record<string, unknown>;
  delivery?: { method?: Delivery; address?: AddressValue };
}

const trimmed = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const isAddress = (a: AddressValue | undefined): a is Address => !!(a?.communeCode && a.provinceCode);
const addressText = (a: AddressValue | undefined) =>
  a
    ? formatAddress({
        detail: a.detail ?? '',
        communeName: a.communeName ?? '',
        provinceName: a.provinceName ?? '',
      })
    : '';

/** What the server's intake reads, from what the form holds (empty answers left out). */
function draftData(p: ProcedureDetail, v: Values, step: number, submitKey: string): Record<string, unknown> {
  const a = v.applicant ?? {};
  const method = v.delivery?.method;
  return {
    step,
    submitKey,
    onBehalf: v.onBehalf ?? false,
    applicant: Object.fromEntries(
      Object.entries({
        kind: 'citizen',
        fullName: trimmed(a.fullName),
        idNumber: trimmed(a.idNumber),
        dateOfBirth: trimmed(a.dateOfBirth),
        phone: trimmed(a.phone),
        email: trimmed(a.email),
        address: addressText(a.address),
      }).filter(([, x]) => x !== undefined),
    ),
    applicantAddress: a.address ?? null,
    formData: eformData(p.eform, v.formData),
    delivery: method
      ? {
          method,
          ...((method === 'post' || method === 'home') && isAddress(v.delivery?.address)
            ? { address: v.delivery!.address }
            : {}),
        }
      : null,
    deliveryAddress: v.delivery?.address ?? null,
  };
}

/** The form's values back from a saved draft. */
function valuesOf(d: Draft): Values {
  const data = d.data as {
    onBehalf?: boolean;
    applicant?: Record<string, string>;
    applicantAddress?: AddressValue | null;
    formData?: Record<string, unknown>;
    delivery?: { method?: Delivery } | null;
    deliveryAddress?: AddressValue | null;
  };
  return {
    agencyCode: d.agencyCode ?? undefined,
    onBehalf: data.onBehalf ?? false,
    applicant: { ...(data.applicant ?? {}), address: data.applicantAddress ?? undefined },
    formData: data.formData ?? {},
    delivery: { method: data.delivery?.method, address: data.deliveryAddress ?? undefined },
  };
}

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/**
 * The applicant as the account knows them: name, phone and e-mail from the account, ID number and date of birth
 * as last given on a dossier the account submitted for itself (the account holds neither).
 */
function ownApplicant(
  user: { fullName: string; phone?: string | null; email?: string | null },
  mine: MyApplicant | null,
): NonNullable<Values['applicant']> {
  return {
    fullName: user.fullName,
    phone: user.phone ?? undefined,
    email: user.email ?? undefined,
    idNumber: mine?.idNumber ?? undefined,
    dateOfBirth: mine?.dateOfBirth ?? undefined,
  };
}

/**
 * Online submission (nộp hồ sơ trực tuyến), phone first: agency, applicant, e-form, components (camera
 * or file), how to receive the result, review, submit. Everything is a draft on the account, saved a
 * few seconds after each change and at each step, so a closed browser loses nothing; the submission
 * key is made once per draft, so a double tap makes one dossier.
 */
export function SubmitPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const { user, loading } = useAuth();
  const [form] = Form.useForm<Values>();
  const onBehalfWatch = Form.useWatch('onBehalf', form) as boolean | undefined;
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [meta, setMeta] = useState<DraftList | null>(null);
  const [mine, setMine] = useState<MyApplicant | null>(null);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [files, setFiles] = useState<DraftFile[]>([]);
  const [step, setStep] = useState(0);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const submitKey = useRef('');
  const dirty = useRef(false);
  /** Set once the submission starts: no more saving (a save after it would bring the draft back). */
  const submitting = useRef(false);
  const inFlight = useRef(false);
  const exists = useRef(false);
  const stepRef = useRef(0);
  stepRef.current = step;
  const here = `/thu-tuc/${code}/nop`;

  useEffect(() => {
    if (!loading && !user) navigate(`/dang-nhap?tiep=${encodeURIComponent(here)}`, { replace: true });
  }, [loading, user, navigate, here]);

  // Load the procedure and the account's latest draft of it (or start one).
  useEffect(() => {
    if (!user?.roles.includes('citizen')) return;
    let live = true;
    void (async () => {
      try {
        const [proc, list, known] = await Promise.all([
          api.get<ProcedureDetail>(`/api/v1/procedures/${code}`),
          draftsApi.list(code),
          // Only a convenience: the form works without it.
          api.get<MyApplicant>('/api/v1/my/applicant').catch(() => null),
        ]);
        if (!live) return;
        setP(proc);
        setMeta(list);
        setMine(known);
        const latest = list.items[0];
        if (latest) {
          const d = await draftsApi.get(latest.id);
          if (!live) return;
          exists.current = true;
          submitKey.current = String(d.data.submitKey ?? crypto.randomUUID());
          form.setFieldsValue(valuesOf(d));
          setFiles(d.files);
          setStep(Math.min(Number(d.data.step ?? 0) || 0, STEPS.length - 1));
          setRestoredAt(d.updatedAt);
          setDraftId(d.id);
        } else {
          submitKey.current = crypto.randomUUID();
          form.setFieldsValue({
            agencyCode: proc.agencies.length === 1 ? proc.agencies[0]!.code : undefined,
            applicant: ownApplicant(user, known),
            delivery: { method: 'online' },
          });
          setDraftId(crypto.randomUUID());
        }
      } catch (e) {
        if (live) setError(message(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [code, user, form]);

  const save = useCallback(
    async (atStep = stepRef.current) => {
      if (!p || !draftId || submitting.current) return;
      dirty.current = false;
      const v = form.getFieldsValue(true) as Values;
      try {
        const d = await draftsApi.save(draftId, {
          procedureCode: p.code,
          agencyCode: v.agencyCode ?? null,
          data: draftData(p, v, atStep, submitKey.current),
        });
        exists.current = true;
        setFiles(d.files);
        setSavedAt(d.updatedAt);
      } catch (e) {
        dirty.current = true;
        setError(`Chưa lưu được bản nháp: ${message(e)}`);
      }
    },
    [p, draftId, form],
  );

  // Auto-save a few seconds after a change.
  useEffect(() => {
    const t = setInterval(() => {
      if (dirty.current) void save();
    }, AUTOSAVE_MS);
    return () => clearInterval(t);
  }, [save]);

  const go = async (to: number) => {
    setError(null);
    if (to > step) {
      try {
        await form.validateFields();
      } catch {
        setError('Hãy sửa các ô được đánh dấu đỏ trước khi sang bước tiếp.');
        return;
      }
      if (step === 1 && p) {
        // The requester's fields of the e-form take the applicant's details.
        const v = form.getFieldsValue(true) as Values;
        const a = v.applicant ?? {};
        const filled = prefillFromApplicant(p.eform, v.formData, {
          fullName: a.fullName,
          idNumber: a.idNumber,
          phone: a.phone,
          email: a.email,
          dateOfBirth: a.dateOfBirth,
          address: isAddress(a.address) ? a.address : undefined,
        });
        form.setFieldsValue({ formData: { ...v.formData, ...filled } });
      }
      if (step === 3 && p) {
        const missing = missingComponents(p, (name) => files.some((f) => f.component === name), 'online');
        if (missing.length > 0) {
          setError(`Hãy chụp hoặc chọn tệp cho: ${missing.map((m) => m.name).join('; ')}.`);
          return;
        }
      }
    }
    setStep(to);
    window.scrollTo({ top: 0 });
    await save(to);
  };

  const upload = async (component: string, list: FileList | null) => {
    if (!list || !draftId || !meta) return;
    setError(null);
    for (const f of Array.from(list)) {
      if (!meta.upload.types.includes(f.type)) {
        setError(`Tệp ${f.name}: chỉ nhận ảnh chụp (JPEG, PNG, WebP, HEIC) hoặc tệp PDF.`);
        return;
      }
      if (f.size > meta.upload.maxBytes) {
        setError(
          `Tệp ${f.name} quá lớn (tối đa ${sizeText(meta.upload.maxBytes)}); hãy chụp lại với độ phân giải thấp hơn.`,
        );
        return;
      }
    }
    setUploading(component);
    try {
      if (!exists.current) await save();
      for (const f of Array.from(list)) {
        const d = await draftsApi.upload(draftId, component, f);
        setFiles(d.files);
      }
    } catch (e) {
      setError(message(e));
    } finally {
      setUploading(null);
    }
  };

  const removeFile = async (fileId: string) => {
    if (!draftId) return;
    try {
      setFiles((await draftsApi.removeFile(draftId, fileId)).files);
    } catch (e) {
      setError(message(e));
    }
  };

  const startOver = async () => {
    if (draftId && exists.current) await draftsApi.remove(draftId).catch(() => {});
    exists.current = false;
    submitKey.current = crypto.randomUUID();
    form.resetFields();
    form.setFieldsValue({
      agencyCode: p && p.agencies.length === 1 ? p.agencies[0]!.code : undefined,
      applicant: user ? ownApplicant(user, mine) : {},
      delivery: { method: 'online' },
    });
    setFiles([]);
    setRestoredAt(null);
    setSavedAt(null);
    setStep(0);
    setDraftId(crypto.randomUUID());
  };

  const submit = async () => {
    if (!draftId || !p || inFlight.current) return;
    // A required paper may be missing although the "Giấy tờ" step was passed: a draft reopened at this step,
    // files removed in another tab, or the procedure's list changed since. Say so; never send it silently.
    const missing = missingComponents(p, (name) => files.some((f) => f.component === name), 'online');
    if (missing.length > 0) {
      setError(
        `Chưa nộp được: còn thiếu giấy tờ bắt buộc — ${missing.map((m) => m.name).join('; ')}. Hãy chụp hoặc chọn tệp ở bước “Giấy tờ”.`,
      );
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await save(STEPS.length - 1);
      submitting.current = true;
      const r = await api.post<SubmitResult>(
        `/api/v1/drafts/${draftId}/submit`,
        {},
        { 'idempotency-key': submitKey.current },
      );
      navigate(`/thu-tuc/${code}/nop/da-nop/${r.dossier.id}`, {
        replace: true,
        state: { dossier: r.dossier },
      });
    } catch (e) {
      // Nothing was created: the same key may be sent again after the applicant fixes the draft.
      submitting.current = false;
      setError(message(e));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (loading || !user) return <Spin />;
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
  const limits = meta
    ? `Nhận ảnh chụp hoặc bản quét: ${meta.upload.types.map((t) => TYPE_NAMES[t] ?? t).join(', ')}; tối đa ${sizeText(meta.upload.maxBytes)} mỗi tệp, ${meta.upload.maxFiles} tệp mỗi hồ sơ.`
    : '';
  const v = form.getFieldsValue(true) as Values;
  const onBehalf = onBehalfWatch ?? v.onBehalf;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={4} style={{ marginTop: 4 }}>
        Nộp hồ sơ trực tuyến
      </Typography.Title>
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
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        Bước {step + 1}/{STEPS.length}: {STEPS[step]}
      </Typography.Title>
      {restoredAt && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Đã mở lại bản nháp lưu lúc ${restoredAt.slice(11, 16)} ngày ${restoredAt.slice(0, 10).split('-').reverse().join('/')}.`}
          action={
            <Button size="small" onClick={() => void startOver()}>
              Bắt đầu lại
            </Button>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        size="large"
        requiredMark="optional"
        onValuesChange={() => {
          dirty.current = true;
        }}
      >
        {step === 0 && (
          <Form.Item
            name="agencyCode"
            label="Cơ quan tiếp nhận hồ sơ"
            rules={[{ required: true, message: 'Hãy chọn cơ quan tiếp nhận hồ sơ.' }]}
          >
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {p.agencies.map((a) => (
                <Radio key={a.code} value={a.code}>
                  {a.name}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        {step === 1 && (
          <>
            {meta?.communityHelper && (
              <Form.Item name="onBehalf" valuePropName="checked" label="Nộp thay cho công dân">
                <Switch
                  aria-label="Nộp thay cho công dân"
                  onChange={(on) => form.setFieldsValue({ applicant: on ? {} : ownApplicant(user, mine) })}
                />
              </Form.Item>
            )}
            <Typography.Paragraph type="secondary">
              {onBehalf
                ? 'Nhập thông tin của công dân mà bạn nộp thay; bạn được ghi nhận là người hỗ trợ nộp hồ sơ.'
                : mine?.idNumber || mine?.dateOfBirth
                  ? 'Thông tin người có yêu cầu, điền sẵn từ tài khoản của bạn (họ tên, điện thoại, thư điện tử) và từ hồ sơ bạn nộp gần nhất (số định danh, ngày sinh). Hãy kiểm tra và sửa nếu có thay đổi.'
                  : 'Thông tin người có yêu cầu, điền sẵn từ tài khoản của bạn. Hãy kiểm tra và sửa nếu có thay đổi.'}
            </Typography.Paragraph>
            <Form.Item
              name={['applicant', 'fullName']}
              label="Họ và tên"
              rules={[{ required: true, min: 2, message: 'Hãy nhập họ và tên người nộp.' }]}
            >
              <Input autoComplete="name" />
            </Form.Item>
            <Form.Item
              name={['applicant', 'idNumber']}
              label="Số định danh cá nhân"
              rules={[{ pattern: /^\d{12}$/, message: 'Số định danh cá nhân gồm đúng 12 chữ số.' }]}
            >
              <Input inputMode="numeric" maxLength={12} />
            </Form.Item>
            <Form.Item
              name={['applicant', 'dateOfBirth']}
              label="Ngày sinh"
              getValueProps={(x: unknown) => ({ value: typeof x === 'string' && x ? dayjs(x) : undefined })}
              normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
            >
              <DatePicker
                format="DD/MM/YYYY"
                style={{ width: '100%' }}
                placeholder="ngày/tháng/năm"
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
            <Form.Item
              name={['applicant', 'phone']}
              label="Điện thoại"
              rules={[
                { required: true, message: 'Hãy nhập số điện thoại để nhận thông báo.' },
                { pattern: /^(\+84|0)\d{9,10}$/, message: 'Số điện thoại không hợp lệ.' },
              ]}
            >
              <Input inputMode="tel" type="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item
              name={['applicant', 'email']}
              label="Thư điện tử"
              rules={[{ type: 'email', message: 'Thư điện tử không hợp lệ.' }]}
            >
              <Input inputMode="email" type="email" autoComplete="email" />
            </Form.Item>
            <Form.Item name={['applicant', 'address']} label="Địa chỉ">
              <AddressPicker label="Địa chỉ" />
            </Form.Item>
          </>
        )}
        {step === 2 &&
          (p.eform.length > 0 ? (
            <EformFields fields={p.eform} name={['formData']} />
          ) : (
            <Alert
              type="info"
              showIcon
              title="Thủ tục này không có tờ khai điện tử; hãy đính kèm giấy tờ ở bước sau."
            />
          ))}
        {step === 4 && (
          <>
            <Form.Item
              name={['delivery', 'method']}
              label="Cách nhận kết quả"
              rules={[{ required: true, message: 'Hãy chọn cách nhận kết quả.' }]}
            >
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {DELIVERY.map((d) => (
                  <Radio key={d.value} value={d.value}>
                    {d.label}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.delivery?.method !== b.delivery?.method}>
              {() => {
                const m = form.getFieldValue(['delivery', 'method']) as Delivery | undefined;
                if (m !== 'post' && m !== 'home') return null;
                return (
                  <Form.Item
                    name={['delivery', 'address']}
                    label={
                      m === 'post' ? 'Địa chỉ nhận kết quả qua bưu chính' : 'Địa chỉ nhận kết quả tại nhà'
                    }
                    rules={[
                      {
                        validator: async (_r, a: AddressValue | undefined) => {
                          if (!isAddress(a))
                            throw new Error('Hãy chọn tỉnh, thành phố và xã, phường nhận kết quả.');
                          if (!a.detail?.trim()) throw new Error('Hãy nhập số nhà, đường, thôn, ấp.');
                        },
                      },
                    ]}
                  >
                    <AddressPicker label="Địa chỉ nhận kết quả" />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </>
        )}
      </Form>
      {step === 3 && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="Trước khi tải lên"
            description={limits}
          />
          <List
            dataSource={p.components.filter((c) => componentApplies(c, 'online'))}
            renderItem={(c, i) => {
              const mine = files.filter((f) => f.component === c.name);
              const slug = `tp-${i}`;
              return (
                <List.Item style={{ display: 'block' }}>
                  <div>
                    <strong>{i + 1}.</strong> {c.name}{' '}
                    {requiredFor(c, 'online') ? (
                      <Tag color="red">bắt buộc</Tag>
                    ) : (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: '0.9em' }}>
                        {c.condition ? `Trường hợp: ${c.condition}` : 'Không bắt buộc'}
                      </Typography.Text>
                    )}
                  </div>
                  <Space wrap style={{ marginTop: 8 }}>
                    <Button
                      icon={<CameraOutlined />}
                      loading={uploading === c.name}
                      onClick={() => document.getElementById(`${slug}-camera`)?.click()}
                    >
                      Chụp ảnh
                    </Button>
                    <input
                      id={`${slug}-camera`}
                      aria-label={`Chụp ảnh: ${c.name}`}
                      type="file"
                      accept="image/*"
                      capture="environment"
                      hidden
                      onChange={(e) => {
                        void upload(c.name, e.target.files);
                        e.target.value = '';
                      }}
                    />
                    <Button
                      icon={<PaperClipOutlined />}
                      onClick={() => document.getElementById(`${slug}-file`)?.click()}
                    >
                      Chọn tệp
                    </Button>
                    <input
                      id={`${slug}-file`}
                      aria-label={`Chọn tệp: ${c.name}`}
                      type="file"
                      accept={meta?.upload.types.join(',')}
                      multiple
                      hidden
                      onChange={(e) => {
                        void upload(c.name, e.target.files);
                        e.target.value = '';
                      }}
                    />
                  </Space>
                  {mine.map((f) => (
                    <div
                      key={f.fileId}
                      style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}
                    >
                      {f.mime.startsWith('image/') && f.mime !== 'image/heic' ? (
                        <img
                          src={draftsApi.fileUrl(draftId, f.fileId)}
                          alt={f.name}
                          width={48}
                          height={48}
                          style={{ objectFit: 'cover', borderRadius: 4 }}
                        />
                      ) : (
                        <FileOutlined style={{ fontSize: 32 }} />
                      )}
                      <span style={{ flex: 1, wordBreak: 'break-all' }}>
                        {f.name} ({sizeText(f.size)})
                      </span>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`Bỏ tệp ${f.name}`}
                        onClick={() => void removeFile(f.fileId)}
                      />
                    </div>
                  ))}
                </List.Item>
              );
            }}
          />
        </>
      )}
      {step === 5 && <Review p={p} v={v} files={files} onFix={() => void go(3)} />}
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
          <Button size="large" type="primary" loading={busy} onClick={() => void submit()}>
            Nộp hồ sơ
          </Button>
        )}
      </div>
    </div>
  );
}

/** Everything entered, as it will be sent. */
function Review({
  p,
  v,
  files,
  onFix,
}: {
  p: ProcedureDetail;
  v: Values;
  files: DraftFile[];
  onFix: () => void;
}) {
  const a = v.applicant ?? {};
  const missing = missingComponents(p, (name) => files.some((f) => f.component === name), 'online');
  const agency = p.agencies.find((x) => x.code === v.agencyCode);
  const method = DELIVERY.find((d) => d.value === v.delivery?.method);
  return (
    <>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="Còn thiếu giấy tờ bắt buộc"
          description={
            <>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {missing.map((m) => (
                  <li key={m.name}>{m.name}</li>
                ))}
              </ul>
              <Button size="small" style={{ marginTop: 8 }} onClick={onFix}>
                Bổ sung giấy tờ
              </Button>
            </>
          }
        />
      )}
      <Descriptions bordered column={1} size="small" title="Người nộp và nơi nộp">
        <Descriptions.Item label="Cơ quan tiếp nhận">{agency?.name ?? '—'}</Descriptions.Item>
        {v.onBehalf && <Descriptions.Item label="Nộp thay">Có (bạn là người hỗ trợ)</Descriptions.Item>}
        <Descriptions.Item label="Họ và tên">{a.fullName}</Descriptions.Item>
        {a.idNumber && <Descriptions.Item label="Số định danh">{a.idNumber}</Descriptions.Item>}
        {a.dateOfBirth && (
          <Descriptions.Item label="Ngày sinh">
            {a.dateOfBirth.split('-').reverse().join('/')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="Điện thoại">{a.phone}</Descriptions.Item>
        {isAddress(a.address) && (
          <Descriptions.Item label="Địa chỉ">{addressText(a.address)}</Descriptions.Item>
        )}
      </Descriptions>
      <div style={{ marginTop: 12 }}>
        <EformView fields={p.eform} data={eformData(p.eform, v.formData)} title="Tờ khai" />
      </div>
      <Card size="small" title="Giấy tờ đính kèm" style={{ marginTop: 12 }}>
        {files.length === 0
          ? 'Không có tệp.'
          : files.map((f) => (
              <div key={f.fileId}>
                {f.component}: {f.name}
              </div>
            ))}
      </Card>
      <Card size="small" title="Nhận kết quả" style={{ marginTop: 12 }}>
        {method?.label ?? '—'}
        {(v.delivery?.method === 'post' || v.delivery?.method === 'home') &&
          `: ${addressText(v.delivery.address)}`}
      </Card>
    </>
  );
}
