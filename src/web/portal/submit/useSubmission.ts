import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { MyApplicant, SubmitResult } from '../../../contract';
import { missingComponents, procedureCases } from '../../../domain/dossier/intake';
import { api } from '../../shared/api';
import { useAuth } from '../../shared/auth';
import { prefillFromApplicant } from '../../shared/eform';
import type { ProcedureDetail } from '../../shared/types';
import { type DraftFile, type DraftList, draftsApi, sizeText } from './draft';
import { draftData, isAddress, message, ownApplicant, STEPS, type Values, valuesOf } from './values';

const AUTOSAVE_MS = 3000;
const CHOOSE_CASE = 'hãy chọn trường hợp của bạn ở bước “Giấy tờ” để biết cần những giấy tờ nào.';

/**
 * The state of an online submission: the procedure, the account's draft of it (loaded, or started), the step,
 * auto-saving, the uploads and the submission itself. Everything is a draft on the account, saved a few seconds
 * after each change and at each step; the submission key is made once per draft, so a double tap makes one
 * dossier.
 */
export function useSubmission(code: string, form: FormInstance<Values>) {
  const navigate = useNavigate();
  const { user, loading } = useAuth();
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
  /** The case (trường hợp) chosen, for a procedure whose papers are alternatives; kept in the draft. */
  const [caseLabel, setCaseLabel] = useState<string | null>(null);
  const caseRef = useRef<string | null>(null);
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
          caseRef.current = typeof d.data.case === 'string' ? d.data.case : null;
          setCaseLabel(caseRef.current);
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
          data: { ...draftData(p, v, atStep, submitKey.current), case: caseRef.current },
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

  /** The form changed: saved at the next tick of the auto-save. */
  const touched = () => {
    dirty.current = true;
  };

  /** The applicant's case: its papers are the ones asked for. */
  const chooseCase = (label: string) => {
    caseRef.current = label;
    setCaseLabel(label);
    setError(null);
    dirty.current = true;
  };
  /** Whether the procedure's papers wait for the applicant's case (a procedure with cases, none chosen yet). */
  const caseMissing = (p: ProcedureDetail) => procedureCases(p).length > 0 && caseRef.current === null;
  /** The required papers of the chosen case not attached yet, by name. */
  const missingPapers = (p: ProcedureDetail) =>
    missingComponents(p, (name) => files.some((f) => f.component === name), 'online', caseRef.current)
      .map((m) => m.name)
      .join('; ');

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
        if (caseMissing(p)) {
          setError('Hãy chọn trường hợp của bạn ở đầu bước này để biết cần những giấy tờ nào.');
          return;
        }
        const missing = missingPapers(p);
        if (missing) {
          setError(`Hãy chụp hoặc chọn tệp cho: ${missing}.`);
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
    caseRef.current = null;
    setCaseLabel(null);
    setRestoredAt(null);
    setSavedAt(null);
    setStep(0);
    setDraftId(crypto.randomUUID());
  };

  const submit = async () => {
    if (!draftId || !p || inFlight.current) return;
    // A required paper may be missing although the "Giấy tờ" step was passed: a draft reopened at this step,
    // files removed in another tab, or the procedure's list changed since. Say so; never send it silently.
    if (caseMissing(p)) {
      setError(`Chưa nộp được: ${CHOOSE_CASE}`);
      return;
    }
    const missing = missingPapers(p);
    if (missing) {
      setError(
        `Chưa nộp được: còn thiếu giấy tờ bắt buộc — ${missing}. Hãy chụp hoặc chọn tệp ở bước “Giấy tờ”.`,
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

  return {
    user,
    loading,
    p,
    meta,
    mine,
    draftId,
    files,
    step,
    restoredAt,
    savedAt,
    error,
    busy,
    uploading,
    caseLabel,
    chooseCase,
    touched,
    go,
    upload,
    removeFile,
    startOver,
    submit,
  };
}
