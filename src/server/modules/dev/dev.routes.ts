import { z } from 'zod';
import type { App } from '../../app';
import { ManualClock } from '../../clock';
import { errors } from '../../errors';
import { DevSinkChannel } from '../notifications/channels';

const ClockState = z.object({ now: z.iso.datetime({ offset: true }), mode: z.literal('manual') });
const SetClock = z.strictObject({
  now: z.iso.datetime({
    offset: true,
    message: 'Thời điểm phải theo ISO-8601, ví dụ 2026-11-23T09:00:00+07:00.',
  }),
});

/**
 * The controllable clock (MOTCUA_CLOCK=manual): read and set the server's "now" so journeys across
 * days and holidays can be tested. In any other mode these routes answer 404, as if absent.
 */
export async function devRoutes(app: App): Promise<void> {
  const clock = app.deps.clock;
  const manual = () => {
    if (!(clock instanceof ManualClock)) throw errors.notFound('chức năng đồng hồ thử nghiệm');
    return clock;
  };
  app.get(
    '/clock',
    { schema: { tags: ['Thử nghiệm'], summary: 'Đọc đồng hồ thử nghiệm', response: { 200: ClockState } } },
    async () => ({ now: manual().now().toISOString(), mode: 'manual' as const }),
  );
  app.put(
    '/clock',
    {
      schema: {
        tags: ['Thử nghiệm'],
        summary: 'Đặt đồng hồ thử nghiệm',
        body: SetClock,
        response: { 200: ClockState },
      },
    },
    async (req) => {
      const c = manual();
      c.set(new Date(req.body.now));
      return { now: c.now().toISOString(), mode: 'manual' as const };
    },
  );

  // Development messaging sink (MOTCUA_MESSAGES=dev): what was "sent" to a phone or e-mail; 404 otherwise.
  app.get(
    '/messages',
    {
      schema: {
        tags: ['Thử nghiệm'],
        summary: 'Tin nhắn đã gửi tới một số điện thoại hoặc thư điện tử (hộp thư thử nghiệm)',
        querystring: z.object({
          to: z.string().trim().min(1, 'Hãy cho biết số điện thoại hoặc thư điện tử.'),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                at: z.string(),
                topic: z.string(),
                channel: z.enum(['sms', 'email']),
                to: z.string(),
                name: z.string(),
                subject: z.string(),
                text: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const sink = app.messaging;
      if (!(sink instanceof DevSinkChannel)) throw errors.notFound('hộp thư thử nghiệm');
      // Codes are sent after their request is answered: list them once that work is done.
      await app.background.idle();
      const to = req.query.to.includes('@')
        ? req.query.to
        : req.query.to.replace(/\D/g, '').replace(/^84/, '0');
      return { items: await sink.sentTo(to) };
    },
  );
}
