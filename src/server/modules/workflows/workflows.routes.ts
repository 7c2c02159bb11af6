import { z } from 'zod';
import { Workflow } from '../../../domain/dossier/workflow';
import type { App } from '../../app';
import { requireRole } from '../auth/auth.plugin';
import { WorkflowView } from './workflows.schema';
import { saveWorkflow, workflowView } from './workflows.service';

const tags = ['Quy trình xử lý'];

/** Administrators configure each procedure's workflow (quy trình nội bộ), per agency if needed. */
export async function workflowsRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;

  app.get(
    '/procedures/:code/workflow',
    {
      schema: {
        tags,
        summary: 'Quy trình xử lý đang áp dụng của thủ tục (chung hoặc của một cơ quan)',
        params: z.object({ code: z.string() }),
        querystring: z.object({ agencyCode: z.string().optional() }),
        response: { 200: WorkflowView },
      },
    },
    async (req) => {
      requireRole(req, ['admin', 'reception', 'specialist', 'leader'], 'xem quy trình');
      return database.read((db) => workflowView(db, req.params.code, req.query.agencyCode));
    },
  );

  app.put(
    '/procedures/:code/workflow',
    {
      schema: {
        tags,
        summary: 'Lưu phiên bản mới của quy trình xử lý (áp dụng cho hồ sơ tiếp nhận từ nay)',
        description:
          'Hồ sơ đã tiếp nhận giữ quy trình tại thời điểm tiếp nhận. `agencyCode` bỏ trống: quy trình chung của thủ tục.',
        params: z.object({ code: z.string() }),
        body: z.strictObject({
          agencyCode: z.string().optional(),
          workflow: Workflow,
          note: z.string().trim().max(1000).optional(),
        }),
        response: { 200: WorkflowView },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], 'cấu hình quy trình xử lý');
      const now = clock.now();
      return database.tx((db) => saveWorkflow(db, actor, now, req.params.code, req.body));
    },
  );
}
