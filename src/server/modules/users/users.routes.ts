import type { App } from '../../app';
import { requireRole } from '../auth/auth.plugin';
import { hashPassword } from '../auth/password';
import { User, UserInput, UserList, UserParams, UserPatch, UserQuery } from './users.schema';
import { createUser, getUser, listUsers, toUser, updateUser } from './users.service';

const tags = ['Người dùng'];
const what = 'quản lý người dùng';

export async function usersRoutes(app: App): Promise<void> {
  const { database, clock } = app.deps;

  app.get(
    '/',
    {
      schema: { tags, summary: 'Danh sách người dùng', querystring: UserQuery, response: { 200: UserList } },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], what);
      return database.read((db) => listUsers(db, actor, req.query));
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'Thông tin người dùng', params: UserParams, response: { 200: User } } },
    async (req) => {
      const actor = requireRole(req, ['admin'], what);
      return toUser(await database.read((db) => getUser(db, actor, req.params.id)));
    },
  );

  app.post(
    '/',
    { schema: { tags, summary: 'Thêm người dùng', body: UserInput, response: { 201: User } } },
    async (req, reply) => {
      const actor = requireRole(req, ['admin'], what);
      const { password, ...input } = req.body;
      const hash = await hashPassword(password);
      const created = await database.tx((db) => createUser(db, actor, clock.now(), input, hash));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Sửa người dùng',
        params: UserParams,
        body: UserPatch,
        response: { 200: User },
      },
    },
    async (req) => {
      const actor = requireRole(req, ['admin'], what);
      const { password, ...patch } = req.body;
      const hash = password ? await hashPassword(password) : undefined;
      return database.tx((db) => updateUser(db, actor, clock.now(), req.params.id, patch, hash));
    },
  );
}
