import {
  atDesk,
  type CommandActor,
  type CommandContext,
  currentStep,
  type DossierAction,
  holds,
  leads,
  mayWork,
  supplementWindowEnd,
} from './commands';
import { IN_PROCESSING, OPEN_STATUSES, PAUSED_STATUSES } from './lifecycle';
import type { DossierState } from './state';
import { RECEPTION_STEP } from './state';
import type { StatusCode } from './status';
import { stepIndex } from './workflow';

export type ActionContext = Omit<CommandContext, 'acceptance'>;
type Check = (s: DossierState, a: CommandActor, ctx: ActionContext) => boolean;

/** One row of the table: from which statuses, who (role and agency), and what else must hold now. */
export interface ActionRule {
  from: readonly StatusCode[];
  who: Check;
  when?: Check;
}

const desk: Check = (s, a) => atDesk(s, a);
const leader: Check = (s, a) => leads(s, a);
const worker: Check = (s, a) => mayWork(s, a) === null;
const resolved = (ctx: ActionContext, key: string) => Boolean(ctx.stepAgencies[key]);

/**
 * Which actions are possible when (thao tác được phép): the declarative counterpart of `decide`, which
 * remains the authority on the events and refusals. `actions.test.ts` proves, for every action × status ×
 * role, that an action is listed exactly when `decide` accepts a well-formed command for it.
 */
export const ACTION_RULES: Readonly<Record<DossierAction, ActionRule>> = {
  accept: { from: [1], who: desk },
  refuse: { from: [1], who: desk },
  claim: {
    from: IN_PROCESSING,
    who: (s, a) =>
      s.step !== RECEPTION_STEP &&
      holds(s, a) &&
      a.id !== null &&
      s.assigneeId !== a.id &&
      (s.assigneeId === null || leads(s, a)),
  },
  assign: { from: IN_PROCESSING, who: leader },
  forward: {
    from: IN_PROCESSING,
    who: worker,
    // Onward from the desk or a step that does not decide, to a next step whose agency is known.
    when: (s, _a, ctx) => {
      const i = stepIndex(s.workflow, s.step);
      if (s.step !== RECEPTION_STEP && i < 0) return false;
      if (i >= 0 && s.workflow.steps[i]!.decides) return false;
      const next = s.workflow.steps[i + 1];
      return next !== undefined && resolved(ctx, next.key);
    },
  },
  'send-back': {
    from: IN_PROCESSING,
    who: worker,
    // Back from a workflow step to the previous one (or the desk), whose agency is known.
    when: (s, _a, ctx) => {
      const i = stepIndex(s.workflow, s.step);
      return i === 0 || (i > 0 && resolved(ctx, s.workflow.steps[i - 1]!.key));
    },
  },
  'request-supplement': {
    from: [1, ...IN_PROCESSING],
    // At reception by the desk; after acceptance by the desk or the appraising (not deciding) step.
    who: (s, a) =>
      s.status === 1 || s.step === RECEPTION_STEP
        ? atDesk(s, a)
        : mayWork(s, a) === null && !currentStep(s)?.decides,
    // After acceptance: once, within 3 working days of acceptance.
    when: (s, _a, ctx) =>
      s.status === 1
        ? s.acceptedAt === null || s.supplementRequestsAfterAcceptance === 0
        : s.supplementRequestsAfterAcceptance === 0 &&
          !(
            s.acceptedAt &&
            ctx.now.getTime() > supplementWindowEnd(ctx.calendar, new Date(s.acceptedAt)).getTime()
          ),
  },
  'receive-supplement': { from: [5], who: desk },
  'submit-supplement': { from: [5], who: (_s, a) => a.roles.includes('citizen') },
  'request-financial': {
    from: IN_PROCESSING,
    who: (s, a) => (s.step === RECEPTION_STEP ? atDesk(s, a) : holds(s, a)),
  },
  'confirm-financial': { from: [6], who: desk, when: (s) => s.legalTime !== null },
  extend: { from: IN_PROCESSING, who: leader, when: (s) => s.dueAt !== null },
  apologize: {
    from: [...IN_PROCESSING, ...PAUSED_STATUSES],
    who: (s, a) => holds(s, a) || leads(s, a) || atDesk(s, a),
    // Once per dossier, and only when there is a due date to move.
    when: (s) => s.dueAt !== null && !s.apologized,
  },
  decide: { from: [4], who: worker, when: (s) => Boolean(currentStep(s)?.decides) },
  return: { from: [9], who: desk },
  withdraw: { from: OPEN_STATUSES, who: desk },
  stop: { from: [...IN_PROCESSING, ...PAUSED_STATUSES], who: leader },
};

/** Whether `action` is possible now for the actor (the desk shows exactly the possible ones). */
export function isAvailable(action: DossierAction, s: DossierState, ctx: ActionContext): boolean {
  const rule = ACTION_RULES[action];
  return (
    rule.from.includes(s.status) &&
    rule.who(s, ctx.actor, ctx) &&
    (rule.when === undefined || rule.when(s, ctx.actor, ctx))
  );
}

/** The actions the actor may take now, in the table's order. */
export function availableActions(s: DossierState, ctx: ActionContext): DossierAction[] {
  return (Object.keys(ACTION_RULES) as DossierAction[]).filter((a) => isAvailable(a, s, ctx));
}
