/**
 * An officer's or applicant's command on a dossier, decided: `decide` checks it with the rules of its group of
 * actions (command-routing.ts, command-clock.ts, command-ending.ts), then checks every event it causes against
 * the state (state.ts). The schema is in command-schema.ts; who may act, in command-context.ts.
 */
import { decideClock } from './command-clock';
import { type CommandContext, type Decision, type Outcome, refuse, type Turn, turn } from './command-context';
import { decideEnding } from './command-ending';
import { decideRouting } from './command-routing';
import type { DossierCommand } from './command-schema';
import { apply as applyForCheck, canApply, type DossierState } from './state';

export { supplementWindowEnd } from './command-clock';
export {
  atDesk,
  type CommandActor,
  type CommandContext,
  currentStep,
  type Decision,
  holderRole,
  holds,
  leads,
  mayWork,
} from './command-context';
export { ACTION_LABELS_VI, type DossierAction, DossierCommand } from './command-schema';

/**
 * Turns a command into the events it causes, checking who may do it now and whether the law allows
 * it. Pure: the calendar, the resolved step agencies and the reserved code come in the context.
 */
export function decide(s: DossierState, cmd: DossierCommand, ctx: CommandContext): Decision {
  const t = turn(s, ctx);
  const out = rules(t, cmd);
  if (!Array.isArray(out)) return out;
  const events = out;
  if (events.length === 0) {
    return refuse(
      409,
      'INVALID_TRANSITION',
      'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
    );
  }
  // Every event must be a legal transition from the state it follows.
  let cur = s;
  for (const e of events) {
    const r = canApply(cur, e);
    if (r) return { ok: false, status: 409, refusal: r };
    cur = applyForCheck(cur, e);
  }
  return { ok: true, events };
}

/** The rules of the command's group of actions. */
function rules(t: Turn, cmd: DossierCommand): Outcome {
  switch (cmd.action) {
    case 'accept':
    case 'refuse':
    case 'claim':
    case 'assign':
    case 'forward':
    case 'send-back':
      return decideRouting(t, cmd);
    case 'request-supplement':
    case 'receive-supplement':
    case 'submit-supplement':
    case 'request-financial':
    case 'confirm-financial':
    case 'extend':
    case 'apologize':
      return decideClock(t, cmd);
    case 'decide':
    case 'return':
    case 'withdraw':
    case 'stop':
      return decideEnding(t, cmd);
  }
}
