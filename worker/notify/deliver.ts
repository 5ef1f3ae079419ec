// Sends one outbox message through whichever channel is configured. With no provider secrets
// and development mode on, every message lands in the dev outbox instead.
import { type Env, isDevMode } from '../env';

export interface OutgoingMessage {
  dedupeKey: string;
  site: string;
  leadId: string;
  kind: 'csr-alert' | 'sms-ack';
  channel: 'sms';
  to: string;
  memberId: string | null;
  body: string;
}

/** A failure that retrying cannot fix (no provider, invalid number): stop and report it. */
export class PermanentDeliveryError extends Error {}

export async function deliver(env: Env, msg: OutgoingMessage, now: number): Promise<string> {
  if (isDevMode(env)) {
    const outbox = env.DEV_OUTBOX.getByName('dev');
    const id = await outbox.record({ ...msg, at: now });
    return `dev-${id}`;
  }
  throw new PermanentDeliveryError(`no ${msg.channel} provider is configured`);
}
