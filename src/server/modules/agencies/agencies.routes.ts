import type { App } from '../../app';
import { requireRole } from '../auth/auth.plugin';
import { Agency, AgencyInput, AgencyList, AgencyParams, AgencyPatch } from './agencies.schema';
import { createAgency, getAgency, listAgencies, updateAgency } from './agencies.service';
import { retimeOpenDossiers } from '../dossiers/jobs/retime';

const tags = ['Cơ quan, đơn vị'];

export async function agenciesRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;

  app.get(
    '/',
    { schema: { tags, summary: 'Danh sách cơ quan', response: { 200: AgencyList } } },
    async (req) => ({ items: await database.read((db) => listAgencies(db, req.auth?.user ?? null)) }),
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'Thông tin một cơ quan', params: AgencyParams, response: { 200: Agency } } },
    async (req) => database.read((db) => getAgency(db, req.params.id, req.auth?.user ?? null)),
  );

  app.post(
    '/',
    { schema: { tags, summary: 'Thêm cơ quan', body: AgencyInput, response: { 201: Agency } } },
    async (req, reply) => {
      const actor = requireRole(req, ['admin'], 'quản lý cơ quan, đơn vị');
      const created = await database.tx((db) => createAgency(db, actor, clock.now(), req.body));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Sửa thông tin cơ quan',
        params: AgencyParams,
        body: AgencyPatch,
        response: { 200: Agency },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], 'quản lý cơ quan, đơn vị');
      return database.tx(async (db) => {
        const before = await getAgency(db, req.params.id, actor);
        const after = await updateAgency(db, actor, clock.now(), req.params.id, req.body);
        // New office hours or same-day cut-off move the due dates of the agency's open dossiers.
        if (JSON.stringify(before.officeHours) !== JSON.stringify(after.officeHours)) {
          await retimeOpenDossiers(
            db,
            app.calendar,
            actor,
            clock.now(),
            { agencyId: after.id },
            `${after.name} thay đổi giờ làm việc hoặc giờ chốt nhận hồ sơ giải quyết trong ngày.`,
          );
        }
        return after;
      });
    },
  );
}
