import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BookingAction, type BookingStatus, decideBooking } from './bookings';
import type { TicketStatus } from './queue';
import {
  ALL_TICKET_STATUSES,
  type DeskCounter,
  decideCall,
  decideTicket,
  TICKET_RULES,
  type TicketActor,
  type TicketCommand,
  type TicketSnapshot,
} from './tickets';

const A = 'agency-a';
const B = 'agency-b';
const officer: TicketActor = { id: 'u1', agencyId: A, roles: ['reception'], inScope: true };
const colleague: TicketActor = { id: 'u2', agencyId: A, roles: ['reception'], inScope: true };
const outsider: TicketActor = { id: 'u3', agencyId: B, roles: ['reception'], inScope: false };
const leader: TicketActor = { id: 'u4', agencyId: A, roles: ['leader'], inScope: true };

const counter = (over: Partial<DeskCounter> = {}): DeskCounter => ({
  id: 'c1',
  agencyId: A,
  number: 1,
  state: 'open',
  officerId: officer.id,
  active: true,
  ...over,
});
const c1 = counter();
const c2 = counter({ id: 'c2', number: 2, officerId: colleague.id });
const closedC1 = counter({ state: 'closed', officerId: null });

const ticket = (status: TicketStatus, over: Partial<TicketSnapshot> = {}): TicketSnapshot => ({
  agencyId: A,
  label: '007',
  status,
  counterId: status === 'waiting' ? null : 'c1',
  dossierId: null,
  dossierCode: null,
  ...over,
});

const C = {
  recall: { action: 'recall' },
  serve: { action: 'serve' },
  finish: { action: 'finish' },
  skip: { action: 'skip' },
  transfer: { action: 'transfer', toCounterId: 'c2', target: c2 },
  transferHere: { action: 'transfer', toCounterId: 'c1', target: c1 },
  transferNowhere: { action: 'transfer', toCounterId: 'c9', target: null },
  transferInactive: { action: 'transfer', toCounterId: 'c2', target: { ...c2, active: false } },
  transferAbroad: { action: 'transfer', toCounterId: 'c2', target: { ...c2, agencyId: B } },
  link: { action: 'link-dossier', dossier: { id: 'd1', code: 'HS-1', agencyId: A } },
  linkAbroad: { action: 'link-dossier', dossier: { id: 'd1', code: 'HS-1', agencyId: B } },
  linkMissing: { action: 'link-dossier', dossier: null },
} satisfies Record<string, TicketCommand>;

type Row = [
  what: string,
  t: TicketSnapshot,
  cmd: TicketCommand,
  actor: TicketActor,
  counter: DeskCounter | null,
  expect: string,
];
/** `expect`: "<new status> <event>" ("serving -" when nothing changes), or "<HTTP status> <refusal code>". */
const ROWS: Row[] = [
  // recall
  ['the officer recalls a called ticket', ticket('called'), C.recall, officer, c1, 'called recalled'],
  [
    'a ticket being served is not recalled',
    ticket('serving'),
    C.recall,
    officer,
    c1,
    '409 TICKET_BEING_SERVED',
  ],
  [
    'a waiting ticket is not recalled',
    ticket('waiting'),
    C.recall,
    officer,
    null,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  ['a finished ticket is not recalled', ticket('done'), C.recall, officer, c1, '409 TICKET_NOT_AT_COUNTER'],
  [
    'another officer does not recall at my counter',
    ticket('called'),
    C.recall,
    colleague,
    c1,
    '409 NOT_ON_DUTY',
  ],
  ['nobody recalls at a closed counter', ticket('called'), C.recall, officer, closedC1, '409 NOT_ON_DUTY'],
  ['another agency does not recall', ticket('called'), C.recall, outsider, c1, '403 OUT_OF_SCOPE'],
  // serve
  ['the officer starts serving a called ticket', ticket('called'), C.serve, officer, c1, 'serving serving'],
  ['serving a ticket already served changes nothing', ticket('serving'), C.serve, officer, c1, 'serving -'],
  [
    'a transferred ticket is not served before it is called',
    ticket('transferred'),
    C.serve,
    officer,
    c1,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  ['a no-show is not served', ticket('no_show'), C.serve, officer, c1, '409 TICKET_NOT_AT_COUNTER'],
  ['a leader not on duty does not serve', ticket('called'), C.serve, leader, c1, '409 NOT_ON_DUTY'],
  ['another agency does not serve', ticket('called'), C.serve, outsider, c1, '403 OUT_OF_SCOPE'],
  // finish
  ['the officer finishes a ticket being served', ticket('serving'), C.finish, officer, c1, 'done done'],
  ['the officer finishes a called ticket', ticket('called'), C.finish, officer, c1, 'done done'],
  [
    'a finished ticket is not finished again',
    ticket('done'),
    C.finish,
    officer,
    c1,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  [
    'a waiting ticket is not finished',
    ticket('waiting'),
    C.finish,
    officer,
    null,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  [
    'another officer does not finish at my counter',
    ticket('serving'),
    C.finish,
    colleague,
    c1,
    '409 NOT_ON_DUTY',
  ],
  // skip (no-show)
  ['the officer marks a called citizen absent', ticket('called'), C.skip, officer, c1, 'no_show no_show'],
  [
    'a citizen being served is not marked absent',
    ticket('serving'),
    C.skip,
    officer,
    c1,
    '409 TICKET_BEING_SERVED',
  ],
  [
    'a no-show is not marked absent again',
    ticket('no_show'),
    C.skip,
    officer,
    c1,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  [
    'a waiting ticket is not marked absent',
    ticket('waiting'),
    C.skip,
    officer,
    null,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  ['another agency does not mark absent', ticket('called'), C.skip, outsider, c1, '403 OUT_OF_SCOPE'],
  // transfer
  [
    'the officer transfers a called ticket',
    ticket('called'),
    C.transfer,
    officer,
    c1,
    'transferred transferred',
  ],
  [
    'the officer transfers a ticket being served',
    ticket('serving'),
    C.transfer,
    officer,
    c1,
    'transferred transferred',
  ],
  [
    'a ticket is not transferred to its own counter',
    ticket('called'),
    C.transferHere,
    officer,
    c1,
    '400 SAME_COUNTER',
  ],
  [
    'a ticket is not transferred to an unknown counter',
    ticket('called'),
    C.transferNowhere,
    officer,
    c1,
    '404 NOT_FOUND',
  ],
  [
    'a ticket is not transferred to a counter out of use',
    ticket('called'),
    C.transferInactive,
    officer,
    c1,
    '404 NOT_FOUND',
  ],
  [
    'a ticket is not transferred to another agency',
    ticket('called'),
    C.transferAbroad,
    officer,
    c1,
    '404 NOT_FOUND',
  ],
  [
    'a transferred ticket is not transferred again before its call',
    ticket('transferred', { counterId: 'c2' }),
    C.transfer,
    colleague,
    c2,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  [
    'a waiting ticket is not transferred',
    ticket('waiting'),
    C.transfer,
    officer,
    null,
    '409 TICKET_NOT_AT_COUNTER',
  ],
  [
    'another officer does not transfer from my counter',
    ticket('called'),
    C.transfer,
    colleague,
    c1,
    '409 NOT_ON_DUTY',
  ],
  ['another agency does not transfer', ticket('serving'), C.transfer, outsider, c1, '403 OUT_OF_SCOPE'],
  // link a dossier
  [
    'linking a dossier to a called ticket starts its service',
    ticket('called'),
    C.link,
    officer,
    c1,
    'serving dossier',
  ],
  [
    'linking a dossier to a ticket being served keeps it served',
    ticket('serving'),
    C.link,
    colleague,
    c1,
    'serving dossier',
  ],
  ['a finished ticket still records its dossier', ticket('done'), C.link, officer, c1, 'done dossier'],
  [
    'a waiting ticket records a dossier and keeps waiting',
    ticket('waiting'),
    C.link,
    officer,
    null,
    'waiting dossier',
  ],
  [
    'the same dossier is linked again',
    ticket('serving', { dossierId: 'd1', dossierCode: 'HS-1' }),
    C.link,
    officer,
    c1,
    'serving dossier',
  ],
  [
    'a ticket keeps the dossier it has',
    ticket('serving', { dossierId: 'd0', dossierCode: 'HS-0' }),
    C.link,
    officer,
    c1,
    '409 TICKET_HAS_DOSSIER',
  ],
  ['a dossier of another agency is not linked', ticket('called'), C.linkAbroad, officer, c1, '404 NOT_FOUND'],
  ['an unknown dossier is not linked', ticket('called'), C.linkMissing, officer, c1, '404 NOT_FOUND'],
  ['only reception links a dossier', ticket('called'), C.link, leader, c1, '403 OUT_OF_SCOPE'],
  [
    'another agency’s reception does not link',
    ticket('called'),
    C.link,
    { ...outsider, inScope: true },
    c1,
    '403 OUT_OF_SCOPE',
  ],
];

const outcome = (...args: Parameters<typeof decideTicket>): string => {
  const d = decideTicket(...args);
  return d.ok ? `${d.to} ${d.event ?? '-'}` : `${d.refusal.status} ${d.refusal.code}`;
};

describe('ticket transitions: who may do what, from which status', () => {
  for (const [what, t, cmd, actor, c, expect] of ROWS) {
    it(what, () => assert.equal(outcome(t, cmd, actor, c), expect));
  }

  it('covers every action of the table', () => {
    const tried = new Set(ROWS.map((r) => r[2].action));
    for (const a of Object.keys(TICKET_RULES)) if (a !== 'call') assert.ok(tried.has(a as never), a);
  });

  it('accepts a counter action exactly from the statuses its rule lists (on duty, in scope)', () => {
    const target = { action: 'transfer', toCounterId: 'c2', target: c2 } as const;
    for (const cmd of [C.recall, C.serve, C.finish, C.skip, target] as TicketCommand[]) {
      for (const s of ALL_TICKET_STATUSES) {
        const d = decideTicket(ticket(s, { counterId: 'c1' }), cmd, officer, c1);
        const noOp = cmd.action === 'serve' && s === 'serving';
        assert.equal(d.ok, TICKET_RULES[cmd.action].from.includes(s) || noOp, `${cmd.action} from ${s}`);
      }
    }
  });

  it('names the ticket and its status in the refusal the officer reads', () => {
    const d = decideTicket(ticket('done', { label: '105' }), C.finish, officer, c1);
    assert.equal(d.ok, false);
    if (!d.ok) assert.equal(d.refusal.message, 'Số 105 không ở quầy nào lúc này (đã phục vụ xong).');
    const off = decideTicket(ticket('called'), C.finish, colleague, c1);
    if (!off.ok) assert.equal(off.refusal.message, 'Bạn không trực quầy số 1; mở quầy trước khi gọi số.');
  });

  it('refuses another agency before telling whether the ticket is at a counter', () => {
    assert.equal(outcome(ticket('done'), C.finish, outsider, c1), '403 OUT_OF_SCOPE');
  });
});

describe('calling the next ticket', () => {
  it('is for the officer on duty at the counter', () => assert.equal(decideCall(c1, officer), null));
  it('is refused to another officer of the agency', () =>
    assert.equal(decideCall(c1, colleague)?.code, 'NOT_ON_DUTY'));
  it('is refused at a closed counter', () =>
    assert.equal(decideCall(closedC1, officer)?.code, 'NOT_ON_DUTY'));
  it('is refused to another agency as such, before its duty is told', () =>
    assert.equal(decideCall(closedC1, outsider)?.code, 'OUT_OF_SCOPE'));
  it('takes waiting and transferred tickets', () =>
    assert.deepEqual([...TICKET_RULES.call.from], ['waiting', 'transferred']));
});

describe('booking transitions', () => {
  const TODAY = '2026-11-24';
  const rows: [string, BookingStatus, string, BookingAction, string][] = [
    ['a booking is checked in on its day', 'booked', TODAY, 'check-in', 'checked_in'],
    [
      'a booking is not checked in on another day',
      'booked',
      '2026-11-25',
      'check-in',
      '409 BOOKING_NOT_TODAY',
    ],
    ['a used booking is not checked in again', 'checked_in', TODAY, 'check-in', '409 BOOKING_USED'],
    ['a cancelled booking is not checked in', 'cancelled', TODAY, 'check-in', '409 BOOKING_CANCELLED'],
    ['a booking is cancelled', 'booked', '2026-11-25', 'cancel', 'cancelled'],
    ['cancelling a cancelled booking changes nothing', 'cancelled', TODAY, 'cancel', 'cancelled unchanged'],
    ['a used booking is not cancelled', 'checked_in', TODAY, 'cancel', '409 BOOKING_USED'],
  ];
  for (const [what, status, day, action, expect] of rows) {
    it(what, () => {
      const d = decideBooking({ status, day }, action, TODAY);
      assert.equal(
        d.ok ? `${d.to}${d.changed ? '' : ' unchanged'}` : `${d.refusal.status} ${d.refusal.code}`,
        expect,
      );
    });
  }

  it('tells the booked day in the refusal', () => {
    const d = decideBooking({ status: 'booked', day: '2026-11-25' }, 'check-in', TODAY);
    if (!d.ok) assert.match(d.refusal.message, /ngày 25\/11\/2026, không phải hôm nay/);
  });
});
