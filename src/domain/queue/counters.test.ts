import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CounterDecision, decideClose, decideOpen } from './counters';
import type { DeskCounter } from './tickets';

const A = 'agency-a';
const closed: DeskCounter = {
  id: 'c1',
  agencyId: A,
  number: 1,
  state: 'closed',
  officerId: null,
  active: true,
};
const mine: DeskCounter = { ...closed, state: 'open', officerId: 'u1' };
const taken: DeskCounter = { ...closed, state: 'open', officerId: 'u2' };
const outOfUse: DeskCounter = { ...closed, active: false };

const desk = { id: 'u1', agencyId: A, roles: ['reception'] };
const show = (d: CounterDecision) =>
  d.ok ? (d.changed ? 'ok' : 'unchanged') : `${d.refusal.status} ${d.refusal.code}`;
const open = (c: DeskCounter, over: Partial<Parameters<typeof decideOpen>[1]> = {}) =>
  show(decideOpen(c, { actor: desk, officerName: null, dutyElsewhere: null, ...over }));
const close = (c: DeskCounter, over: Partial<Parameters<typeof decideClose>[1]> = {}) =>
  show(decideClose(c, { actorId: 'u1', manager: false, busyWith: null, ...over }));

describe('opening a counter', () => {
  it('is for a reception officer of its agency', () => assert.equal(open(closed), 'ok'));
  it('is refused to a leader', () =>
    assert.equal(open(closed, { actor: { ...desk, roles: ['leader'] } }), '403 FORBIDDEN'));
  it('is refused to another agency’s officer', () =>
    assert.equal(open(closed, { actor: { ...desk, agencyId: 'agency-b' } }), '403 FORBIDDEN'));
  it('is refused on a counter out of use', () => assert.equal(open(outOfUse), '409 COUNTER_INACTIVE'));
  it('changes nothing when the officer already holds it', () => assert.equal(open(mine), 'unchanged'));
  it('is refused while another officer holds it, naming them', () => {
    assert.equal(open(taken, { officerName: 'Trần Thị B' }), '409 COUNTER_TAKEN');
    const d = decideOpen(taken, { actor: desk, officerName: 'Trần Thị B', dutyElsewhere: null });
    if (!d.ok) assert.match(d.refusal.message, /đang do Trần Thị B trực/);
  });
  it('is refused to an officer on duty at another counter', () =>
    assert.equal(open(closed, { dutyElsewhere: 2 }), '409 ALREADY_AT_COUNTER'));
});

describe('closing a counter', () => {
  it('is for its officer', () => assert.equal(close(mine), 'ok'));
  it('is for a leader or administrator of the agency', () =>
    assert.equal(close(taken, { manager: true }), 'ok'));
  it('is refused to another officer', () => assert.equal(close(taken), '403 FORBIDDEN'));
  it('is refused while a ticket is still at it', () =>
    assert.equal(close(mine, { busyWith: '007' }), '409 COUNTER_BUSY'));
  it('changes nothing on a closed counter', () =>
    assert.equal(close(closed, { manager: true }), 'unchanged'));
});
