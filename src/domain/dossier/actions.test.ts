import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HolidayCalendar, WorkingCalendar } from '../calendar';
import { Role } from '../identity/role';
import { ACTION_RULES, type ActionContext, availableActions } from './actions';
import { type CommandActor, type DossierAction, type DossierCommand, decide } from './commands';
import { INITIAL_STATE, RECEPTION_STEP, RETURN_STEP, type DossierState } from './state';
import type { StatusCode } from './status';
import { DEFAULT_WORKFLOW, INTERCONNECTED_WORKFLOW } from './workflow';

const cal = new WorkingCalendar(new HolidayCalendar());
const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b2';
const ME = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

/** A well-formed command for each action (what the desk would send), as `decide` is asked. */
function probe(action: DossierAction, s: DossierState, ctx: ActionContext): DossierCommand {
  const commands: Record<DossierAction, DossierCommand> = {
    accept: { action: 'accept' },
    refuse: { action: 'refuse', reason: 'kiểm tra' },
    claim: { action: 'claim' },
    assign: { action: 'assign', assigneeId: ctx.actor.id ?? OTHER },
    forward: { action: 'forward' },
    'send-back': { action: 'send-back', reason: 'kiểm tra' },
    'request-supplement': { action: 'request-supplement', items: ['kiểm tra'], reason: 'kiểm tra' },
    'receive-supplement': { action: 'receive-supplement', components: s.supplementItems.slice(0, 1) },
    'submit-supplement': { action: 'submit-supplement' },
    'request-financial': { action: 'request-financial', amountVnd: 0, description: 'kiểm tra' },
    'confirm-financial': { action: 'confirm-financial' },
    extend: { action: 'extend', amount: 1, unit: 'working-days', reason: 'kiểm tra' },
    apologize: {
      action: 'apologize',
      reason: 'kiểm tra',
      newAppointmentAt: new Date(
        Math.max(ctx.now.getTime(), s.dueAt ? Date.parse(s.dueAt) : 0) + 86_400_000 * 30,
      ).toISOString(),
    },
    decide: { action: 'decide', outcome: 'approved', comment: '', documents: [] },
    return: { action: 'return', method: 'online', earlyNotice: 'kiểm tra' },
    withdraw: { action: 'withdraw', reason: 'kiểm tra' },
    stop: { action: 'stop', reason: 'kiểm tra' },
  };
  return commands[action];
}

/** Whether `decide` accepts the action now (an unresolved step agency counts as refused). */
function decideAccepts(action: DossierAction, s: DossierState, ctx: ActionContext): boolean {
  try {
    return decide(s, probe(action, s, ctx), {
      ...ctx,
      acceptance: {
        code: '000.23.41.H29-261123-0001',
        regime: '2025',
        legalTime: { amount: 1, unit: 'working-days' },
        workflow: DEFAULT_WORKFLOW,
        supplementMode: 'restart',
      },
    }).ok;
  } catch {
    return false;
  }
}

const instant = fc
  .integer({ min: Date.parse('2026-11-02T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const agency = orNull(fc.constantFrom(A, B));

const state: fc.Arbitrary<DossierState> = fc
  .record({
    status: fc.integer({ min: 1, max: 10 }) as fc.Arbitrary<StatusCode>,
    workflow: fc.constantFrom(DEFAULT_WORKFLOW, INTERCONNECTED_WORKFLOW),
    stepPick: fc.constantFrom('reception', 'return', 'unknown', 0, 1, 2),
    assigneeId: orNull(fc.constantFrom(ME, OTHER)),
    agencyId: agency,
    receivingAgencyId: agency,
    acceptedAt: orNull(instant),
    dueAt: orNull(instant),
    appointmentAt: orNull(instant),
    apologized: fc.boolean(),
    decision: fc.constantFrom(null, 'approved' as const, 'rejected' as const),
    supplementRequestsAfterAcceptance: fc.integer({ min: 0, max: 1 }),
    legalTime: fc.constantFrom(null, { amount: 2, unit: 'working-days' as const }),
    supplementMode: fc.constantFrom('restart' as const, 'pause' as const),
    remainingAtPause: orNull(fc.integer({ min: 0, max: 2000 })),
  })
  .map(({ stepPick, ...r }) => {
    const step =
      stepPick === 'reception'
        ? RECEPTION_STEP
        : stepPick === 'return'
          ? RETURN_STEP
          : stepPick === 'unknown'
            ? 'khong-co'
            : (r.workflow.steps[stepPick as number]?.key ?? RECEPTION_STEP);
    // A pending request always names what it asks for (Mẫu 02).
    return { ...INITIAL_STATE, ...r, step, supplementItems: r.status === 5 ? ['kiểm tra'] : [] };
  });

const actor: fc.Arbitrary<CommandActor> = fc.record({
  id: orNull(fc.constantFrom(ME, OTHER)),
  name: fc.constant('Cán bộ'),
  agencyId: agency,
  roles: fc.subarray([...Role.options]),
});

const context: fc.Arbitrary<ActionContext> = fc.record({
  now: instant.map((i) => new Date(i)),
  actor,
  calendar: fc.constant(cal),
  // Step agencies resolved, or one of them missing (an agency removed from the tree).
  stepAgencies: fc.constantFrom<Readonly<Record<string, string>>>(
    { 'tham-dinh': A, 'phe-duyet': A, 'xa-xem-xet': A, 'tinh-tham-dinh': B, 'tinh-phe-duyet': B },
    { 'tham-dinh': A, 'xa-xem-xet': A, 'tinh-phe-duyet': B },
    {},
  ),
});

describe('available actions (the declarative table)', () => {
  it('lists an action exactly when decide accepts it, for every action × state × actor', () => {
    const seen = new Set<DossierAction>();
    fc.assert(
      fc.property(state, context, (s, ctx) => {
        const expected = (Object.keys(ACTION_RULES) as DossierAction[]).filter((a) =>
          decideAccepts(a, s, ctx),
        );
        const listed = availableActions(s, ctx);
        assert.deepEqual(listed, expected);
        for (const a of listed) seen.add(a);
      }),
      { numRuns: 5_000 },
    );
    // Not vacuous: every action was possible in some generated case.
    assert.deepEqual([...seen].sort(), Object.keys(ACTION_RULES).sort());
  });
});
