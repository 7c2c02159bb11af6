/**
 * What deciding a command needs: the actor and the context it comes with, who holds the dossier and may act
 * on it (desk, step holder, leader), and the turn every group of actions' rules read.
 */
import type { Duration, WorkingCalendar } from '../calendar';
import type { Role } from '../identity/role';
import type { Actor, DossierEvent } from './events';
import type { DossierState, Refusal } from './state';
import { stepIndex, type Workflow, type WorkflowStep } from './workflow';

export interface CommandActor extends Actor {
  roles: readonly Role[];
}

export interface CommandContext {
  now: Date;
  actor: CommandActor;
  /** The working calendar of the receiving agency: the dossier's clock. */
  calendar: WorkingCalendar;
  /** Each workflow step's agency, resolved from the agency tree (`receiving`, `parent`, a code). */
  stepAgencies: Readonly<Record<string, string>>;
  /** Present for `accept`: the code the service reserved, the regime, legal time and workflow in force. */
  acceptance?: {
    code: string;
    regime: '2018' | '2025';
    legalTime: Duration;
    workflow: Workflow;
    supplementMode: 'restart' | 'pause';
  };
}

export type Decision =
  | { ok: true; events: DossierEvent[] }
  | { ok: false; status: 403 | 409 | 422; refusal: Refusal };

/** A decision that refuses the command: the HTTP status and the stable code with its message. */
export type Refused = Extract<Decision, { ok: false }>;

export const refuse = (status: 403 | 409 | 422, code: string, message: string): Refused => ({
  ok: false,
  status,
  refusal: { code, message },
});

/** Which role holds the dossier at its current step: the desk around the workflow, the step's role inside. */
export function holderRole(s: DossierState): Role {
  const step = currentStep(s);
  return step ? step.role : 'reception';
}

export function currentStep(s: DossierState): WorkflowStep | null {
  const i = stepIndex(s.workflow, s.step);
  return i >= 0 ? s.workflow.steps[i]! : null;
}

/** At the desk of the agency that received the dossier (reception role). */
export function atDesk(s: DossierState, a: CommandActor): boolean {
  return a.roles.includes('reception') && a.agencyId !== null && a.agencyId === s.receivingAgencyId;
}

/** Holds the current step: the step's role, in the step's agency. */
export function holds(s: DossierState, a: CommandActor): boolean {
  return a.roles.includes(holderRole(s)) && a.agencyId !== null && a.agencyId === s.agencyId;
}

/** A leader of the agency holding the dossier or of the one that received it. */
export function leads(s: DossierState, a: CommandActor): boolean {
  return (
    a.roles.includes('leader') &&
    a.agencyId !== null &&
    (a.agencyId === s.agencyId || a.agencyId === s.receivingAgencyId)
  );
}

/** Holds the step and is its assignee, or it is unassigned (then the command claims it). */
export function mayWork(s: DossierState, a: CommandActor): Refusal | null {
  if (!holds(s, a)) {
    return {
      code: 'NOT_YOUR_STEP',
      message: 'Hồ sơ không ở bước do bạn xử lý (sai vai trò hoặc sai cơ quan).',
    };
  }
  if (s.assigneeId !== null && s.assigneeId !== a.id) {
    return {
      code: 'ASSIGNED_TO_OTHER',
      message: 'Hồ sơ đang được cán bộ khác xử lý; lãnh đạo có thể phân công lại.',
    };
  }
  return null;
}

/** One command being decided: the state, the context, and what every event it causes carries. */
export interface Turn {
  s: DossierState;
  ctx: CommandContext;
  now: Date;
  actor: CommandActor;
  cal: WorkingCalendar;
  /** The instant and the actor of every event. */
  base: { at: string; actor: Actor };
  /** Null at the desk of the receiving agency; otherwise the refusal (DESK_ONLY). */
  deskOnly: () => Refused | null;
}

/** What an action's rules give: its events (none: not possible in this state), or a refusal. */
export type Outcome = DossierEvent[] | Refused;

/** Sets up deciding a command on `s`: the clock, the actor and the desk check every rule uses. */
export function turn(s: DossierState, ctx: CommandContext): Turn {
  const { now, actor, calendar: cal } = ctx;
  const at = now.toISOString();
  const who: Actor = { id: actor.id, name: actor.name, agencyId: actor.agencyId };
  const base = { at, actor: who };
  const deskOnly = () =>
    atDesk(s, actor)
      ? null
      : refuse(
          403,
          'DESK_ONLY',
          'Chỉ cán bộ một cửa của cơ quan tiếp nhận hồ sơ được thực hiện thao tác này.',
        );
  return { s, ctx, now, actor, cal, base, deskOnly };
}

/** The agency resolved for a workflow step (`CommandContext.stepAgencies`). */
export function stepAgency(ctx: CommandContext, key: string): string {
  const id = ctx.stepAgencies[key];
  if (!id) throw new Error(`no agency resolved for step ${key}`);
  return id;
}
