/**
 * Taking the dossier in and moving it along the workflow: accept or refuse it at the desk, claim it, assign it,
 * forward it to the next step or send it back to the previous one.
 */
import { holds, leads, mayWork, type Outcome, refuse, stepAgency, type Turn } from './command-context';
import type { DossierCommand } from './command-schema';
import type { DossierEvent } from './events';
import { RECEPTION_STEP } from './state';
import { stepIndex } from './workflow';

type RoutingCommand = Extract<
  DossierCommand,
  { action: 'accept' | 'refuse' | 'claim' | 'assign' | 'forward' | 'send-back' }
>;

/** The events an accept, refuse, claim, assign, forward or send-back causes, or why it is refused. */
export function decideRouting(t: Turn, cmd: RoutingCommand): Outcome {
  const { s, ctx, now, actor, cal, base, deskOnly } = t;
  const events: DossierEvent[] = [];
  switch (cmd.action) {
    case 'accept': {
      const denied = deskOnly();
      if (denied) return denied;
      if (!ctx.acceptance || s.status !== 1) break;
      const { code, regime, legalTime, workflow, supplementMode } = ctx.acceptance;
      events.push({
        ...base,
        type: 'accepted',
        channel: s.channel ?? 'online',
        code,
        regime,
        legalTime,
        dueAt: cal.dueAt(now, legalTime).toISOString(),
        workflow,
        supplementMode,
      });
      break;
    }
    case 'refuse': {
      const denied = deskOnly();
      if (denied) return denied;
      events.push({ ...base, type: 'refused', reason: cmd.reason });
      break;
    }
    case 'claim': {
      if (s.step === RECEPTION_STEP || !holds(s, actor))
        return refuse(403, 'NOT_YOUR_STEP', 'Hồ sơ không ở bước do bạn xử lý.');
      if (actor.id === null) return refuse(403, 'NOT_YOUR_STEP', 'Chỉ cán bộ được nhận xử lý hồ sơ.');
      if (s.assigneeId === actor.id) return refuse(409, 'ALREADY_CLAIMED', 'Bạn đang xử lý hồ sơ này.');
      if (s.assigneeId !== null && !leads(s, actor)) {
        return refuse(409, 'ASSIGNED_TO_OTHER', 'Hồ sơ đang được cán bộ khác xử lý.');
      }
      events.push({ ...base, type: 'claimed', assigneeId: actor.id });
      break;
    }
    case 'assign': {
      if (!leads(s, actor)) {
        return refuse(403, 'LEADER_ONLY', 'Chỉ lãnh đạo cơ quan đang xử lý hồ sơ được phân công.');
      }
      events.push({ ...base, type: 'claimed', assigneeId: cmd.assigneeId });
      break;
    }
    case 'forward': {
      const denied = mayWork(s, actor);
      if (denied) return { ok: false, status: 403, refusal: denied };
      const i = stepIndex(s.workflow, s.step);
      if (s.step !== RECEPTION_STEP && i < 0) break;
      const cur = i >= 0 ? s.workflow.steps[i]! : null;
      if (cur?.decides) {
        return refuse(409, 'DECISION_STEP', 'Đây là bước phê duyệt: hãy phê duyệt hoặc từ chối giải quyết.');
      }
      const next = s.workflow.steps[i + 1]!;
      events.push({
        ...base,
        type: 'routed',
        step: next.key,
        agencyId: stepAgency(ctx, next.key),
        assigneeId: cmd.assigneeId ?? null,
        note: cmd.note ?? null,
        back: false,
      });
      break;
    }
    case 'send-back': {
      const denied = mayWork(s, actor);
      if (denied) return { ok: false, status: 403, refusal: denied };
      const i = stepIndex(s.workflow, s.step);
      if (i < 0) return refuse(409, 'NO_PREVIOUS_STEP', 'Hồ sơ đang ở bộ phận một cửa, không có bước trước.');
      const prev = i === 0 ? null : s.workflow.steps[i - 1]!;
      events.push({
        ...base,
        type: 'routed',
        step: prev ? prev.key : RECEPTION_STEP,
        agencyId: prev ? stepAgency(ctx, prev.key) : s.receivingAgencyId!,
        assigneeId: null,
        note: cmd.reason,
        back: true,
      });
      break;
    }
  }
  return events;
}
