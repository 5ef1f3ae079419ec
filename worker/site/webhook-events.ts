// Lead events for the contractor's own systems (CRM, Zapier): one outbox row per endpoint, so
// each is delivered and retried on its own, with a stable event id the receiver can dedupe on.
import type { SiteConfig } from '../../shared/schemas';
import type { Lead, Rows } from './rows';

export type LeadEventType = 'lead.received' | 'lead.escalated' | 'lead.claimed';

export function queueWebhookEvent(
  rows: Rows,
  config: SiteConfig,
  lead: Lead,
  type: LeadEventType,
  now: number,
  extra: Record<string, unknown> = {},
  occurrence = 0,
): void {
  if (config.webhooks.length === 0) return;
  // Derived from what happened, not when, so a re-run of the same effect keeps the same id.
  const eventId = `evt_${lead.id.slice(3)}_${type.split('.')[1]}_${occurrence}`;
  const { name, phone, email, service, zip, message, urgent, preferredContact, smsConsent, page } =
    lead.input;
  const data = {
    site: rows.getMeta('site'),
    lead: {
      id: lead.id,
      status: lead.status,
      createdAt: new Date(lead.createdAt).toISOString(),
      name,
      phone,
      email,
      service,
      zip,
      message,
      urgent,
      preferredContact,
      smsConsent,
      page,
    },
    ...extra,
  };
  const body = JSON.stringify({ id: eventId, type, timestamp: now, data });
  for (const endpoint of config.webhooks) {
    rows.enqueue({
      dedupe_key: `webhook:${eventId}:${endpoint.id}`,
      lead_id: lead.id,
      kind: 'webhook',
      channel: 'webhook',
      to_addr: endpoint.id,
      member_id: null,
      step: null,
      urgent: 0,
      body,
      next_attempt_at: now,
      created_at: now,
    });
  }
}
