import { desc, eq, lte } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { devMessages } from '../../db/schema';

/**
 * One interface for sending a message to a person: SMS to a phone, e-mail to an address. Adapters:
 * the province's combined gateway (MOTCUA_NOTIFY_WEBHOOK, the outbox's JSON format), a dedicated SMS
 * gateway (MOTCUA_SMS_URL), a dedicated e-mail gateway (MOTCUA_EMAIL_URL), and the development sink,
 * which keeps messages in the database so tests and demos read them at GET /api/v1/dev/messages.
 * The configuration chooses (MOTCUA_MESSAGES); the development sink never runs with NODE_ENV=production.
 */
export type Address = { kind: 'sms'; phone: string } | { kind: 'email'; email: string };

export interface OutgoingMessage {
  /** Stable id, sent as the idempotency key so a gateway can drop duplicates. */
  id: string;
  topic: string;
  to: Address;
  /** The recipient's name (greeting, gateway logs). */
  name: string;
  /** E-mail subject; SMS ignores it. */
  subject: string;
  text: string;
}

export interface MessageChannel {
  /** Short name for logs and the outbox record. */
  readonly name: string;
  /** Resolves once the channel accepted the message; throws when it could not. */
  send(message: OutgoingMessage): Promise<void>;
}

export class ChannelUnavailableError extends Error {}

async function postJson(url: string, id: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `motcua-${id}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`gateway answered ${res.status}`);
}

/** A dedicated SMS gateway: POST `{id, to: "0912345678", text}`. */
export class SmsGatewayChannel implements MessageChannel {
  readonly name = 'sms-gateway';
  constructor(readonly url: string) {}
  async send(m: OutgoingMessage): Promise<void> {
    if (m.to.kind !== 'sms') throw new ChannelUnavailableError('SMS gateway cannot send e-mail');
    await postJson(this.url, m.id, { id: m.id, topic: m.topic, to: m.to.phone, text: m.text });
  }
}

/** A dedicated e-mail gateway: POST `{id, to: "a@b.vn", name, subject, text}`. */
export class EmailGatewayChannel implements MessageChannel {
  readonly name = 'email-gateway';
  constructor(readonly url: string) {}
  async send(m: OutgoingMessage): Promise<void> {
    if (m.to.kind !== 'email') throw new ChannelUnavailableError('e-mail gateway cannot send SMS');
    await postJson(this.url, m.id, {
      id: m.id,
      topic: m.topic,
      to: m.to.email,
      name: m.name,
      subject: m.subject,
      text: m.text,
    });
  }
}

/**
 * The province's combined messaging gateway, in the format the outbox dispatcher already uses:
 * `{id, topic, dossierId, to: {name, phone, email}, text}` with only the chosen address filled.
 */
export class ProvinceGatewayChannel implements MessageChannel {
  readonly name = 'province-gateway';
  constructor(readonly url: string) {}
  async send(m: OutgoingMessage): Promise<void> {
    await postJson(this.url, m.id, {
      id: m.id,
      topic: m.topic,
      dossierId: null,
      to: {
        name: m.name,
        phone: m.to.kind === 'sms' ? m.to.phone : null,
        email: m.to.kind === 'email' ? m.to.email : null,
      },
      text: m.text,
    });
  }
}

export interface SinkMessage {
  id: string;
  at: string;
  topic: string;
  channel: 'sms' | 'email';
  to: string;
  name: string;
  subject: string;
  text: string;
}

/**
 * Development sink: keeps the last messages in the database (table `dev_messages`, the newest 500) and shows them
 * through GET /api/v1/dev/messages?to=… — on every instance of a development cluster, whichever one sent them
 * (issue 18). Selected by MOTCUA_MESSAGES=dev, the default under NODE_ENV development or test; refused at start-up
 * under NODE_ENV=production. Messages are sent outside any transaction (accounts/messages.ts, the dispatcher), so
 * its own statements never wait on a caller's.
 */
export class DevSinkChannel implements MessageChannel {
  readonly name = 'dev-sink';
  constructor(
    readonly database: Database,
    readonly now: () => Date,
    readonly keep = 500,
  ) {}
  async send(m: OutgoingMessage): Promise<void> {
    const row = {
      id: m.id,
      at: this.now(),
      topic: m.topic,
      channel: m.to.kind,
      to: m.to.kind === 'sms' ? m.to.phone : m.to.email.toLowerCase(),
      name: m.name,
      subject: m.subject,
      text: m.text,
    };
    await this.database.single(async (db) => {
      const [made] = await db.insert(devMessages).values(row).returning({ seq: devMessages.seq });
      const seq = made?.seq ?? 0;
      if (seq % 50 === 0) await db.delete(devMessages).where(lte(devMessages.seq, seq - this.keep));
    });
  }
  /** Messages sent to a phone number or an e-mail address, newest first. */
  async sentTo(to: string): Promise<SinkMessage[]> {
    const key = to.trim().toLowerCase();
    const rows = await this.database.read((db) =>
      db.select().from(devMessages).where(eq(devMessages.to, key)).orderBy(desc(devMessages.seq)),
    );
    return rows.map(({ seq: _, at, ...r }) => ({ ...r, at: at.toISOString() }));
  }
}

/** Sends SMS through one adapter and e-mail through another; a missing one is "unavailable". */
export class RoutingChannel implements MessageChannel {
  readonly name: string;
  constructor(
    readonly sms: MessageChannel | null,
    readonly email: MessageChannel | null,
  ) {
    this.name = `sms:${sms?.name ?? 'none'},email:${email?.name ?? 'none'}`;
  }
  async send(m: OutgoingMessage): Promise<void> {
    const channel = m.to.kind === 'sms' ? this.sms : this.email;
    if (!channel) throw new ChannelUnavailableError(`no ${m.to.kind} channel is configured`);
    await channel.send(m);
  }
  /** Whether messages of this kind can be sent at all. */
  can(kind: Address['kind']): boolean {
    return (kind === 'sms' ? this.sms : this.email) !== null;
  }
}

/** The channel the configuration asks for. */
export function createMessaging(config: Config, now: () => Date, database: Database): MessageChannel {
  if (config.messages.mode === 'dev') return new DevSinkChannel(database, now);
  const province = config.notifyWebhook ? new ProvinceGatewayChannel(config.notifyWebhook) : null;
  const sms = config.messages.smsUrl ? new SmsGatewayChannel(config.messages.smsUrl) : province;
  const email = config.messages.emailUrl ? new EmailGatewayChannel(config.messages.emailUrl) : province;
  return new RoutingChannel(sms, email);
}

/** Whether `channel` can deliver to this kind of address (the dev sink takes everything). */
export function canSend(channel: MessageChannel, kind: Address['kind']): boolean {
  return channel instanceof RoutingChannel ? channel.can(kind) : true;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Where direct messages (verification codes) go; see createMessaging. */
    messaging: MessageChannel;
  }
}
