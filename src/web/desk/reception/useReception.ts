import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ApplicantLookup, DossierView, QueueTicket } from '../../../contract';
import { componentInCase, missingComponents, procedureCases } from '../../../domain/dossier/intake';
import type { CccdData } from '../../../domain/identity/cccd';
import { ApiError, api } from '../../shared/api';
import { eformData } from '../../shared/eform';
import type { ProcedureDetail } from '../../shared/types';

/** The answer of POST /dossiers. */
export type Accepted = DossierView;

export type Decision = 'accept' | 'supplement' | 'refuse';

/** What the officer enters about the applicant (the reception's form). */
export interface ApplicantValues {
  fullName: string;
  idNumber?: string;
  dateOfBirth?: { format(f: string): string };
  phone?: string;
  address?: string;
  formData?: Record<string, unknown>;
}

/**
 * The state of a counter reception: the queue ticket it was opened from, the procedure, the components received
 * and checked against their originals, a returning applicant's earlier documents chosen for reuse, the officer's
 * decision (accept, ask for a supplement, refuse) and the dossier it made.
 */
export function useReception(form: FormInstance) {
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  /** The case (trường hợp) of a procedure whose papers are alternatives, chosen before the checklist. */
  const [caseLabel, setCaseLabel] = useState<string | null>(null);
  const [received, setReceived] = useState<Set<string>>(new Set());
  /** Copies checked against the original at the desk (đối chiếu bản chính). */
  const [seen, setSeen] = useState<Set<string>>(new Set());
  /** Earlier digitised documents of a returning applicant, chosen for reuse. */
  const [reuse, setReuse] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Accepted | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  /** "Công dân không viết": the officer types the procedure's e-form for the applicant. */
  const [typing, setTyping] = useState(false);
  const [decisionText, setDecisionText] = useState({ items: '', reason: '' });
  const [returning, setReturning] = useState<ApplicantLookup | null>(null);

  /** A returning applicant: their earlier details prefill what is still empty. */
  const lookup = async (idNumber: string | undefined) => {
    setReturning(null);
    if (!idNumber || !/^\d{12}$/.test(idNumber)) return;
    try {
      // The ID number goes in the body, never in the URL (access logs; decision 0012).
      const r = await api.post<ApplicantLookup>('/api/v1/applicants/lookup', { idNumber });
      setReturning(r);
      const current = form.getFieldsValue();
      // The applicant's details as last recorded (a free-form record on the wire): only text is used.
      const given = (k: string) =>
        typeof r.applicant[k] === 'string' ? (r.applicant[k] as string) : undefined;
      const born = given('dateOfBirth');
      form.setFieldsValue({
        fullName: current.fullName || given('fullName'),
        phone: current.phone || given('phone'),
        address: current.address || given('address'),
        dateOfBirth: current.dateOfBirth || (born ? dayjs(born) : undefined),
      });
    } catch {
      // Not found: a first-time applicant.
    }
  };
  const key = useRef(crypto.randomUUID());
  // Opened from a queue ticket (/desk/tiep-nhan?ticket=…): its field narrows the procedures.
  const ticketId = useSearchParams()[0].get('ticket');
  const [ticket, setTicket] = useState<QueueTicket | null>(null);
  useEffect(() => {
    if (ticketId) void api.get<QueueTicket>(`/api/v1/queue/tickets/${ticketId}`).then(setTicket);
  }, [ticketId]);

  const choose = async (code: string) => {
    setProcedure(await api.get<ProcedureDetail>(`/api/v1/procedures/${code}`));
    setCaseLabel(null);
    setReceived(new Set());
    setSeen(new Set());
    setReuse(new Set());
    setError(null);
    setTyping(false);
  };

  /** The applicant read from their CCCD's QR code. */
  const readCccd = (value: CccdData) => {
    form.setFieldsValue({
      fullName: value.fullName,
      idNumber: value.idNumber,
      dateOfBirth: dayjs(value.dateOfBirth),
      address: value.address,
    });
    void lookup(value.idNumber);
  };

  const cases = procedure ? procedureCases(procedure) : [];
  /** A procedure with cases waits for the officer's choice before it can be accepted (CASE_REQUIRED). */
  const caseMissing = cases.length > 0 && caseLabel === null;
  const missing = procedure
    ? missingComponents(procedure, (name) => received.has(name), 'counter', caseLabel).map((c) => c.name)
    : [];

  const submit = async (v: ApplicantValues, how: Decision) => {
    if (!procedure) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Accepted>(
        '/api/v1/dossiers',
        {
          procedureCode: procedure.code,
          applicant: {
            kind: 'citizen',
            fullName: v.fullName,
            ...(v.idNumber ? { idNumber: v.idNumber } : {}),
            ...(v.dateOfBirth ? { dateOfBirth: v.dateOfBirth.format('YYYY-MM-DD') } : {}),
            ...(v.phone ? { phone: v.phone } : {}),
            address: v.address ?? '',
          },
          ...(typing ? { formData: eformData(procedure.eform, v.formData) } : {}),
          // The papers of the chosen case (and those of every case); a paper ticked under another case is not sent.
          components: procedure.components
            .filter((c) => componentInCase(c, caseLabel))
            .map((c) => ({
              name: c.name,
              received: received.has(c.name),
              originalSeen: seen.has(c.name),
            })),
          ...(caseLabel ? { case: caseLabel } : {}),
          decision: how,
          ...(how === 'supplement'
            ? {
                supplement: {
                  items: decisionText.items
                    .split('\n')
                    .map((x) => x.trim())
                    .filter(Boolean),
                  reason: decisionText.reason,
                },
              }
            : {}),
          ...(how === 'refuse' ? { refusal: { reason: decisionText.reason } } : {}),
        },
        { 'idempotency-key': key.current },
      );
      if (ticketId) {
        // The ticket records the dossier; a ticket already holding another one keeps it.
        await api
          .post(`/api/v1/queue/tickets/${ticketId}/dossier`, { dossierId: r.id })
          .catch(() => undefined);
      }
      if (how === 'accept' && reuse.size > 0) {
        await api.post(`/api/v1/dossiers/${r.id}/files/reuse`, { fileIds: [...reuse] });
      }
      setDone(r);
      setDecision(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  /** The supplement request (Mẫu 02), prefilled with what is missing. */
  const askSupplement = () => {
    setDecisionText({
      items: missing.join('\n'),
      reason: 'Hồ sơ chưa đầy đủ thành phần theo quy định.',
    });
    setDecision('supplement');
  };

  /** The refusal (Mẫu 03), its reason to be written. */
  const refuse = () => {
    setDecisionText({ items: '', reason: '' });
    setDecision('refuse');
  };

  const reset = () => {
    setDone(null);
    setProcedure(null);
    setCaseLabel(null);
    setReceived(new Set());
    setSeen(new Set());
    setReuse(new Set());
    setTyping(false);
    form.resetFields();
    key.current = crypto.randomUUID();
  };

  return {
    ticket,
    procedure,
    choose,
    cases,
    caseLabel,
    setCaseLabel,
    caseMissing,
    received,
    setReceived,
    seen,
    setSeen,
    reuse,
    setReuse,
    returning,
    lookup,
    readCccd,
    typing,
    setTyping,
    missing,
    error,
    busy,
    done,
    decision,
    setDecision,
    decisionText,
    setDecisionText,
    submit,
    askSupplement,
    refuse,
    reset,
  };
}

export type Reception = ReturnType<typeof useReception>;
