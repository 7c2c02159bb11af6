import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HolidayCalendar, WorkingCalendar } from '../calendar';
import type { Role } from '../identity/role';
import { type CommandActor, type CommandContext, type DossierCommand, decide } from './commands';
import { type DossierState, INITIAL_STATE, RECEPTION_STEP, RETURN_STEP } from './state';
import { DEFAULT_WORKFLOW } from './workflow';

const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b2';
const OTHER = '00000000-0000-4000-8000-0000000000ff';
const cal = new WorkingCalendar(new HolidayCalendar());
const NOW = new Date('2026-11-24T10:00:00+07:00');

const person = (n: number, roles: Role[], agencyId: string | null = A): CommandActor => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  name: `Người ${n}`,
  agencyId,
  roles,
});
const desk = person(1, ['reception']);
const specialist = person(2, ['specialist']);
const leader = person(3, ['leader']);
const citizen = person(4, ['citizen'], null);
const otherDesk = person(5, ['reception'], B);

const at = (s: Partial<DossierState>): DossierState => ({
  ...INITIAL_STATE,
  receivingAgencyId: A,
  agencyId: A,
  step: RECEPTION_STEP,
  ...s,
});
const accepted = {
  acceptedAt: '2026-11-23T02:00:00.000Z',
  dueAt: '2026-11-30T02:00:00.000Z',
  appointmentAt: '2026-11-30T02:00:00.000Z',
  legalTime: { amount: 5, unit: 'working-days' as const },
  workflow: DEFAULT_WORKFLOW,
};
const S = {
  submitted: at({ status: 1 }),
  atDesk: at({ status: 2, ...accepted }),
  appraisal: at({ status: 4, ...accepted, step: 'tham-dinh' }),
  appraisalOther: at({ status: 4, ...accepted, step: 'tham-dinh', assigneeId: OTHER }),
  appraisalMine: at({ status: 4, ...accepted, step: 'tham-dinh', assigneeId: specialist.id }),
  approval: at({ status: 4, ...accepted, step: 'phe-duyet' }),
  supplement: at({
    status: 5,
    ...accepted,
    step: 'tham-dinh',
    supplementRequestsAfterAcceptance: 1,
    supplementItems: ['Bản sao giấy khai sinh', 'Giấy chứng sinh'],
  }),
  financial: at({ status: 6, ...accepted, step: 'tham-dinh', remainingAtPause: 600 }),
  resultReady: at({ status: 9, ...accepted, step: RETURN_STEP, decision: 'approved' }),
  returned: at({ status: 10, ...accepted, step: RETURN_STEP, decision: 'approved' }),
};

const ctx = (actor: CommandActor, now = NOW): CommandContext => ({
  now,
  actor,
  calendar: cal,
  stepAgencies: { 'tham-dinh': A, 'phe-duyet': A },
  acceptance: {
    code: '000.23.41.H29-261124-0001',
    regime: '2025',
    legalTime: { amount: 5, unit: 'working-days' },
    workflow: DEFAULT_WORKFLOW,
    supplementMode: 'restart',
  },
});

const reason = 'Lý do kiểm tra';
const C = {
  accept: { action: 'accept' },
  refuse: { action: 'refuse', reason },
  claim: { action: 'claim' },
  assign: { action: 'assign', assigneeId: specialist.id! },
  forward: { action: 'forward' },
  sendBack: { action: 'send-back', reason },
  requestSupplement: { action: 'request-supplement', items: ['Bản sao giấy khai sinh'], reason },
  receiveSupplement: { action: 'receive-supplement', components: ['Bản sao giấy khai sinh'] },
  receiveSupplementUnticked: { action: 'receive-supplement', note: 'Đã nhận' },
  receiveSupplementNotAsked: { action: 'receive-supplement', components: ['Sổ hộ khẩu'] },
  submitSupplement: { action: 'submit-supplement' },
  requestFinancial: { action: 'request-financial', amountVnd: 50_000, description: reason },
  confirmFinancial: { action: 'confirm-financial' },
  extend: { action: 'extend', amount: 2, unit: 'working-days', reason },
  apologize: { action: 'apologize', reason, newAppointmentAt: '2026-12-10T09:00:00+07:00' },
  apologizeEarlier: { action: 'apologize', reason, newAppointmentAt: '2026-11-27T09:00:00+07:00' },
  approve: { action: 'decide', outcome: 'approved', comment: '', documents: [] },
  rejectSilently: { action: 'decide', outcome: 'rejected', comment: '', documents: [] },
  returnAtCounter: {
    action: 'return',
    method: 'counter',
    receiver: 'Đặng Thị Mai',
    earlyNotice: 'Đã gọi điện',
  },
  returnNoReceiver: { action: 'return', method: 'counter', earlyNotice: 'Đã gọi điện' },
  returnByPostBare: { action: 'return', method: 'post', earlyNotice: 'Đã gọi điện' },
  returnEarlySilently: { action: 'return', method: 'online' },
  returnAtCounterEarly: { action: 'return', method: 'counter', receiver: 'Đặng Thị Mai' },
  withdraw: { action: 'withdraw', reason },
  stop: { action: 'stop', reason },
} satisfies Record<string, DossierCommand>;

type Row = [
  what: string,
  state: DossierState,
  actor: CommandActor,
  cmd: DossierCommand,
  expect: string,
  now?: Date,
];
/** `expect`: the event types produced ("accepted", "decided+result-ready"), or "<HTTP status> <refusal code>". */
const ROWS: Row[] = [
  ['the desk accepts a submitted dossier', S.submitted, desk, C.accept, 'accepted'],
  ['a specialist may not accept', S.submitted, specialist, C.accept, '403 DESK_ONLY'],
  ['another agency’s desk may not accept', S.submitted, otherDesk, C.accept, '403 DESK_ONLY'],
  ['an accepted dossier is not accepted again', S.atDesk, desk, C.accept, '409 INVALID_TRANSITION'],
  ['the desk refuses a submitted dossier', S.submitted, desk, C.refuse, 'refused'],
  ['a leader may not refuse at reception', S.submitted, leader, C.refuse, '403 DESK_ONLY'],
  ['a dossier in processing is not refused', S.appraisal, desk, C.refuse, '409 INVALID_TRANSITION'],
  ['the step’s specialist claims it', S.appraisal, specialist, C.claim, 'claimed'],
  ['nobody claims at the desk', S.atDesk, desk, C.claim, '403 NOT_YOUR_STEP'],
  [
    'a specialist does not take another’s dossier',
    S.appraisalOther,
    specialist,
    C.claim,
    '409 ASSIGNED_TO_OTHER',
  ],
  ['claiming one’s own dossier again', S.appraisalMine, specialist, C.claim, '409 ALREADY_CLAIMED'],
  ['the leader assigns', S.appraisal, leader, C.assign, 'claimed'],
  ['a specialist may not assign', S.appraisal, specialist, C.assign, '403 LEADER_ONLY'],
  ['a returned dossier is not assigned', S.returned, leader, C.assign, '409 INVALID_TRANSITION'],
  ['the desk forwards to the first step', S.atDesk, desk, C.forward, 'routed'],
  ['the specialist forwards to the leader', S.appraisal, specialist, C.forward, 'routed'],
  ['the deciding step does not forward', S.approval, leader, C.forward, '409 DECISION_STEP'],
  ['a specialist does not hold the leader’s step', S.approval, specialist, C.forward, '403 NOT_YOUR_STEP'],
  ['another’s dossier is not forwarded', S.appraisalOther, specialist, C.forward, '403 ASSIGNED_TO_OTHER'],
  ['the specialist sends back to the desk', S.appraisal, specialist, C.sendBack, 'routed'],
  ['the desk has no previous step', S.atDesk, desk, C.sendBack, '409 NO_PREVIOUS_STEP'],
  [
    'the desk asks a submitted dossier for supplements',
    S.submitted,
    desk,
    C.requestSupplement,
    'supplement-requested',
  ],
  ['a specialist may not ask at reception', S.submitted, specialist, C.requestSupplement, '403 DESK_ONLY'],
  [
    'the appraiser asks within 3 working days',
    S.appraisal,
    specialist,
    C.requestSupplement,
    'supplement-requested',
  ],
  ['the deciding step does not ask', S.approval, leader, C.requestSupplement, '409 APPRAISAL_ONLY'],
  [
    'only once after acceptance',
    { ...S.appraisal, supplementRequestsAfterAcceptance: 1 },
    specialist,
    C.requestSupplement,
    '409 SUPPLEMENT_ALREADY_REQUESTED',
  ],
  [
    'not after 3 working days',
    S.appraisal,
    specialist,
    C.requestSupplement,
    '409 SUPPLEMENT_WINDOW_CLOSED',
    new Date('2026-11-27T10:00:00+07:00'),
  ],
  ['the desk receives the supplement', S.supplement, desk, C.receiveSupplement, 'supplement-received'],
  ['a specialist does not receive it', S.supplement, specialist, C.receiveSupplement, '403 DESK_ONLY'],
  [
    'the desk ticks what arrived',
    S.supplement,
    desk,
    C.receiveSupplementUnticked,
    '422 SUPPLEMENT_COMPONENTS_REQUIRED',
  ],
  [
    'what arrived was asked for',
    S.supplement,
    desk,
    C.receiveSupplementNotAsked,
    '422 SUPPLEMENT_COMPONENT_NOT_REQUESTED',
  ],
  ['nothing to receive in processing', S.appraisal, desk, C.receiveSupplement, '409 INVALID_TRANSITION'],
  ['the applicant submits it online', S.supplement, citizen, C.submitSupplement, 'supplement-received'],
  [
    'the desk does not submit for the applicant',
    S.supplement,
    desk,
    C.submitSupplement,
    '403 APPLICANT_ONLY',
  ],
  [
    'the step asks for a financial obligation',
    S.appraisal,
    specialist,
    C.requestFinancial,
    'financial-requested',
  ],
  ['the desk does not hold the step', S.appraisal, desk, C.requestFinancial, '403 NOT_YOUR_STEP'],
  ['not before acceptance', S.submitted, desk, C.requestFinancial, '409 INVALID_TRANSITION'],
  ['the desk confirms the payment', S.financial, desk, C.confirmFinancial, 'financial-met'],
  ['a specialist does not confirm it', S.financial, specialist, C.confirmFinancial, '403 DESK_ONLY'],
  ['nothing owed, nothing confirmed', S.appraisal, desk, C.confirmFinancial, '409 INVALID_TRANSITION'],
  ['the leader extends', S.appraisal, leader, C.extend, 'extended'],
  ['a specialist may not extend', S.appraisal, specialist, C.extend, '403 LEADER_ONLY'],
  ['a paused dossier is not extended', S.supplement, leader, C.extend, '409 INVALID_TRANSITION'],
  ['the step apologizes with a later date', S.appraisal, specialist, C.apologize, 'apologized'],
  ['the applicant does not apologize', S.appraisal, citizen, C.apologize, '403 NOT_YOUR_STEP'],
  [
    'the new date must be later than the due date',
    S.appraisal,
    leader,
    C.apologizeEarlier,
    '422 APPOINTMENT_NOT_LATER',
  ],
  [
    'once per dossier',
    { ...S.appraisal, apologized: true },
    leader,
    C.apologize,
    '409 APOLOGY_ALREADY_ISSUED',
  ],
  ['the deciding leader approves', S.approval, leader, C.approve, 'decided+result-ready'],
  ['a rejection needs its reason', S.approval, leader, C.rejectSilently, '422 REASON_REQUIRED'],
  ['the appraisal step does not decide', S.appraisal, specialist, C.approve, '409 NOT_DECISION_STEP'],
  ['a specialist does not hold the deciding step', S.approval, specialist, C.approve, '403 NOT_YOUR_STEP'],
  ['the desk returns the result at the counter', S.resultReady, desk, C.returnAtCounter, 'returned'],
  ['at the counter, the receiver is named', S.resultReady, desk, C.returnNoReceiver, '422 RECEIVER_REQUIRED'],
  [
    'by post, the postal details are given',
    S.resultReady,
    desk,
    C.returnByPostBare,
    '422 POSTAL_DETAILS_REQUIRED',
  ],
  ['early, the applicant was told', S.resultReady, desk, C.returnEarlySilently, '409 EARLY_NOTICE_REQUIRED'],
  ['early at the counter, the applicant is there', S.resultReady, desk, C.returnAtCounterEarly, 'returned'],
  ['a specialist does not return results', S.resultReady, specialist, C.returnAtCounter, '403 DESK_ONLY'],
  ['no result, nothing returned', S.appraisal, desk, C.returnAtCounter, '409 INVALID_TRANSITION'],
  ['the desk records a withdrawal', S.appraisal, desk, C.withdraw, 'withdrawn'],
  ['a leader does not withdraw for the applicant', S.appraisal, leader, C.withdraw, '403 DESK_ONLY'],
  ['a returned dossier is not withdrawn', S.returned, desk, C.withdraw, '409 INVALID_TRANSITION'],
  ['the leader stops a paused dossier', S.supplement, leader, C.stop, 'stopped'],
  ['a specialist may not stop', S.appraisal, specialist, C.stop, '403 LEADER_ONLY'],
  ['a submitted dossier is refused, not stopped', S.submitted, leader, C.stop, '409 INVALID_TRANSITION'],
];

describe('decide: who may do what, from which state, and why not', () => {
  for (const [what, state, actor, cmd, expect, now] of ROWS) {
    it(`${cmd.action}: ${what} → ${expect}`, () => {
      const d = decide(state, cmd, ctx(actor, now));
      const got = d.ok ? d.events.map((e) => e.type).join('+') : `${d.status} ${d.refusal.code}`;
      assert.equal(got, expect);
      if (!d.ok) assert.match(d.refusal.message, /[àáảãạăâđêôơưộệếềốớờợứừựửữ]/i, 'a Vietnamese message');
    });
  }

  it('covers every command', () => {
    const covered = new Set(ROWS.map((r) => r[3].action));
    const all = [...new Set(Object.values(C).map((c) => c.action))].sort();
    assert.deepEqual([...covered].sort(), all);
    assert.equal(all.length, 17);
  });
});
