import type { App } from '../../app';
import { requireRole } from '../auth/auth.plugin';
import { Agency, AgencyInput, AgencyList, AgencyParams, AgencyPatch } from './agencies.schema';
import { createAgency, getAgency, listAgencies, updateAgency } from './agencies.service';

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
      return database.tx((db) => updateAgency(db, actor, clock.now(), req.params.id, req.body));
    },
  );
}
