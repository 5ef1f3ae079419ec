// The one definition of every v1 wire payload. Script tags live on contractor sites for years,
// so these only grow: add optional fields, never rename or remove one.
// A namespace import lets the bundler drop what is unused (zod's locales alone are 279 KB).
import * as z from 'zod';
import { scheduleConfigIssues, scheduleConfigShape } from './schedule-schemas';

export const SITE_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const siteIdSchema = z.string().regex(SITE_ID, 'lowercase letters, digits and dashes');

// Control characters (all but tab and newlines) and bidirectional overrides are stripped: they
// hide or reorder text in a CSR's SMS and console. Every other character, emoji included, is kept.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
export const stripControl = (text: string): string => text.replace(CONTROL, '');
const trimmed = (max: number) => z.string().overwrite(stripControl).trim().max(max);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

// ---------- lead intake ----------

export const attributionSchema = z
  .object({
    url: trimmed(2048).optional(),
    referrer: trimmed(2048).optional(),
    utm: z.record(z.string().max(40), trimmed(200)).optional(),
    gclid: trimmed(300).optional(),
    msclkid: trimmed(300).optional(),
    fbclid: trimmed(300).optional(),
  })
  .strip();

export const leadInputSchema = z
  .object({
    name: trimmed(120).min(1, 'Please enter your name'),
    phone: trimmed(40).min(1, 'Please enter a mobile number'),
    email: z
      .union([z.literal(''), z.string().trim().max(254).pipe(z.email('Not a valid email'))])
      .optional()
      .transform((v) => (v ? v : undefined)),
    service: trimmed(80).optional(),
    zip: trimmed(12)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/, 'Not a valid ZIP or postcode')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    message: trimmed(2000).optional(),
    urgent: z.boolean().optional(),
    preferredContact: z.enum(['call', 'text']).optional(),
    smsConsent: z.boolean(),
    page: attributionSchema.optional(),
    /** Honeypot: a hidden field people leave empty and bots fill in. */
    website: z.string().max(500).optional(),
    /** Milliseconds from opening the form to sending it. */
    fillMs: z.number().int().min(0).max(86_400_000).optional(),
    /** Cloudflare Turnstile's token, when the site asks for one. */
    turnstileToken: z.string().max(2048).optional(),
  })
  .strip();
export type LeadInput = z.infer<typeof leadInputSchema>;

export const leadStatusSchema = z.enum([
  'received',
  'alerted',
  'claimed',
  'contacted',
  'booked',
  'lost',
  'spam',
]);
export type LeadStatus = z.infer<typeof leadStatusSchema>;

export interface LeadAck {
  message: string;
  /** ISO 8601 instant by which a person will contact the homeowner. */
  respondBy: string;
}

export interface LeadCreated {
  leadId: string;
  status: LeadStatus;
  ack: LeadAck;
}

// ---------- widget events (sendBeacon) ----------

export const widgetEventSchema = z
  .object({
    type: z.enum(['call_click', 'form_open']),
    page: attributionSchema.optional(),
  })
  .strip();
export type WidgetEvent = z.infer<typeof widgetEventSchema>;

// ---------- site configuration (admin) ----------

export const alertChannelSchema = z.enum(['push', 'sms', 'voice', 'email']);
export type AlertChannel = z.infer<typeof alertChannelSchema>;

/**
 * One personal notification rule, like PagerDuty's: alert on `channel` `afterSeconds` after the
 * member is first alerted for a lead. A rule whose channel the member cannot get (no push
 * subscription, no email) or that fails for good hands over to the next rule at once.
 */
export const notificationRuleSchema = z
  .object({
    channel: alertChannelSchema,
    afterSeconds: z.number().int().min(0).max(3600),
    /** Only for leads marked as an emergency. */
    urgentOnly: z.boolean().default(false),
    /** Skip when the member already opened an earlier alert for the lead. */
    ifUnopened: z.boolean().default(true),
  })
  .strip();
export type NotificationRule = z.infer<typeof notificationRuleSchema>;

export const memberSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase id')
      // These two words are escalation targets, so no member may be called by them.
      .refine((id) => id !== 'assignee' && id !== 'on-call', 'reserved id'),
    name: trimmed(80).min(1),
    phone: trimmed(40).min(1),
    email: z.string().trim().max(254).pipe(z.email()).optional(),
    role: z.enum(['owner', 'manager', 'csr']),
    /** Personal notification rules; the defaults suit a member who sets nothing. */
    notify: z.array(notificationRuleSchema).min(1).max(10).optional(),
  })
  .strip();
export type Member = z.infer<typeof memberSchema>;

export const notifyTargetSchema = z.union([
  z.literal('assignee'),
  z.literal('on-call'),
  z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
]);
export type NotifyTarget = z.infer<typeof notifyTargetSchema>;

export const escalationStepSchema = z
  .object({
    /** Seconds after the lead's response clock starts at which this step fires. */
    afterSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
    notify: z.array(notifyTargetSchema).min(1).max(20),
  })
  .strip();

export const escalationSchema = z
  .object({
    steps: z.array(escalationStepSchema).min(1).max(10),
    /** How many more times the last step is repeated while the lead stays unclaimed. */
    repeat: z.number().int().min(0).max(20).default(0),
    /** Gap between repeats; defaults to the gap before the last step (at least 60 s). */
    repeatIntervalSeconds: z
      .number()
      .int()
      .min(30)
      .max(24 * 3600)
      .optional(),
  })
  .strip()
  .refine(
    (e) =>
      e.steps.every((s, i) => i === 0 || s.afterSeconds >= (e.steps[i - 1]?.afterSeconds ?? 0)),
    {
      message: 'steps must be in order of afterSeconds',
      path: ['steps'],
    },
  );
export type EscalationPolicy = z.infer<typeof escalationSchema>;

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekday>;
export const WEEKDAYS: readonly Weekday[] = weekday.options;

export const openingHoursSchema = z
  .object({ open: clockTime, close: clockTime })
  .strip()
  .refine((h) => h.open < h.close, { message: 'open must be before close' });

/** Per weekday; a missing or null day is closed. */
export const hoursSchema = z.partialRecord(weekday, openingHoursSchema.nullable());
export type Hours = z.infer<typeof hoursSchema>;

export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not an IANA time zone' },
);

export const originSchema = z
  .string()
  .regex(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i, 'an origin like https://example.com');

export const webhookEndpointSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
    url: z.url({ protocol: /^https?$/ }).max(2048),
    /** `whsec_` and base64 of 24 to 64 random bytes. */
    secret: z.string().regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'a whsec_ secret'),
  })
  .strip();
export type WebhookEndpointConfig = z.infer<typeof webhookEndpointSchema>;

export const siteConfigSchema = z
  .object({
    name: trimmed(100).min(1),
    phone: trimmed(40).min(1),
    /** ISO 3166 country used to read phone numbers written without +country code. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('US'),
    timezone: timeZoneSchema,
    allowedOrigins: z.array(originSchema).max(50),
    services: z.array(trimmed(80).min(1)).max(50).default([]),
    hours: hoursSchema,
    consentText: trimmed(1000).min(1),
    /** Leads older than this many days are purged, timeline and messages included. */
    retentionDays: z.number().int().min(30).max(3650).optional(),
    /** The promise made to the homeowner: a person will call within this many minutes. */
    responseMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(5),
    brandColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .default('#0b5fff'),
    launcherText: trimmed(40).default('Request service'),
    team: z.array(memberSchema).max(200),
    onCall: z.array(z.string()).max(200),
    escalation: escalationSchema,
    /** Outgoing webhooks for every lead event, signed per the Standard Webhooks spec. */
    webhooks: z.array(webhookEndpointSchema).max(10).default([]),
    /** Optional Cloudflare Turnstile: the widget shows it and the server verifies every token. */
    turnstile: z
      .object({
        siteKey: z.string().trim().min(1).max(100),
        secretKey: z.string().trim().min(1).max(200),
      })
      .strip()
      .optional(),
    // Teams, schedules, holidays, policies and routing rules: all optional; a site that sets
    // none keeps the onCall list and escalation steps above as its schedule and policy.
    ...scheduleConfigShape,
  })
  .strip()
  .superRefine((cfg, ctx) => {
    const ids = new Set<string>();
    cfg.team.forEach((m, i) => {
      if (ids.has(m.id))
        ctx.addIssue({ code: 'custom', message: 'duplicate member id', path: ['team', i, 'id'] });
      ids.add(m.id);
    });
    cfg.onCall.forEach((id, i) => {
      if (!ids.has(id))
        ctx.addIssue({ code: 'custom', message: `unknown member ${id}`, path: ['onCall', i] });
    });
    for (const issue of scheduleConfigIssues(cfg)) ctx.addIssue({ code: 'custom', ...issue });
    if (cfg.onCall.length === 0)
      ctx.addIssue({
        code: 'custom',
        message: 'at least one member must be on call',
        path: ['onCall'],
      });
    cfg.escalation.steps.forEach((s, i) => {
      s.notify.forEach((t, j) => {
        if (t !== 'assignee' && t !== 'on-call' && !ids.has(t))
          ctx.addIssue({
            code: 'custom',
            message: `unknown member ${t}`,
            path: ['escalation', 'steps', i, 'notify', j],
          });
      });
    });
  });
export type SiteConfigInput = z.input<typeof siteConfigSchema>;
export type SiteConfig = z.output<typeof siteConfigSchema>;

/** What the widget may know about a site: nothing about the team. */
export interface PublicSiteConfig {
  site: string;
  name: string;
  phone: string;
  services: string[];
  consentText: string;
  brandColor: string;
  launcherText: string;
  responseMinutes: number;
  openNow: boolean;
  /** Present when the site asks for a Turnstile check; never the secret key. */
  turnstile?: { siteKey: string; scriptUrl: string };
}

// ---------- errors ----------

export type ErrorCode =
  | 'invalid_request'
  | 'origin_not_allowed'
  | 'unauthorized'
  | 'site_not_found'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

// ---------- push subscriptions (Web Push, from a CSR's browser) ----------

export const pushSubscriptionSchema = z
  .object({
    endpoint: z.url({ protocol: /^https?$/ }).max(2048),
    keys: z
      .object({
        p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/),
        auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}={0,2}$/),
      })
      .strip(),
  })
  .strip();
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

// ---------- privacy: one homeowner's data ----------

export const homeownerQuerySchema = z
  .object({ phone: z.string().trim().min(4).max(40).optional(), email: z.email().optional() })
  .refine((q) => q.phone || q.email, { message: 'give a phone or an email' });

// ---------- CSR console (issue #4) ----------
// The console is served by the worker at /console and calls /v1/console/*. These are the wire
// shapes both sides share; the browser imports only types from here outside the settings chunk.

export const memberIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase id');
export type MemberRole = Member['role'];

/** Opening an invite link: the token travels in the URL fragment, so only the app sees it. */
export const redeemInviteSchema = z.object({ token: z.string().min(1).max(600) }).strip();

export const inviteRequestSchema = z
  .object({
    memberId: memberIdSchema,
    /** How the link is sent; `none` only returns it to copy. */
    send: z.enum(['sms', 'email', 'none']).optional(),
  })
  .strip();
export type InviteRequest = z.infer<typeof inviteRequestSchema>;

export interface InviteCreated {
  url: string;
  expiresAt: string;
  sentVia: 'sms' | 'email' | null;
}

const outcomeNote = trimmed(2000).optional();

/** "Reached" is what ends the speed-to-lead clock; a claim only stops the alerts. */
export const outcomeInputSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('reached'), note: outcomeNote }).strip(),
  z
    .object({
      outcome: z.literal('no_answer'),
      /** When to try again; the console shows it and reminds the member then. */
      retryInMinutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .default(30),
      note: outcomeNote,
    })
    .strip(),
  z
    .object({
      outcome: z.literal('booked'),
      appointmentAt: z.iso.datetime({ offset: true, message: 'Pick the appointment time' }),
      note: outcomeNote,
    })
    .strip(),
  z
    .object({
      outcome: z.literal('lost'),
      reason: trimmed(200).min(1, 'Say why the lead was lost'),
      note: outcomeNote,
    })
    .strip(),
  z.object({ outcome: z.literal('spam'), note: outcomeNote }).strip(),
]);
export type OutcomeInput = z.input<typeof outcomeInputSchema>;
export type Outcome = OutcomeInput['outcome'];

export const noteInputSchema = z
  .object({ text: trimmed(2000).min(1, 'Write a note first') })
  .strip();
export const dutyInputSchema = z.object({ onDuty: z.boolean() }).strip();

/**
 * A change to the site config from the console (top-level fields of any kind), merged over the stored
 * config and then checked whole with siteConfigSchema, the same schema the admin API uses.
 * Webhooks carry signing secrets and stay with the admin API.
 */
export const consoleConfigPatchSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), z.unknown())
  .refine((patch) => !('webhooks' in patch), {
    message: 'webhooks are managed through the admin API',
  });
export type ConsoleConfigPatch = Partial<SiteConfigInput>;

export interface ConsoleMember {
  id: string;
  name: string;
  role: MemberRole;
  phone: string;
  email: string | null;
}

export interface ConsoleMe {
  site: string;
  siteName: string;
  timeZone: string;
  member: ConsoleMember;
  onDuty: boolean;
  /** This worker's Web Push key; null when push is not set up. */
  vapidPublicKey: string | null;
}

/** One lead as the queue shows it: small, and everything in it a homeowner typed is plain text. */
export interface QueueItem {
  id: string;
  name: string;
  phone: string;
  service: string | null;
  zip: string | null;
  urgent: boolean;
  status: LeadStatus;
  createdAt: string;
  respondBy: string;
  assigneeId: string | null;
  assigneeName: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  claimedAt: string | null;
  /** The latest outcome recorded in the console. */
  outcome: Outcome | null;
  retryAt: string | null;
  appointmentAt: string | null;
  /** Sent with the console's "send a test lead". */
  test: boolean;
  /** Which escalation step the lead is on and when the next fires; absent once nothing is due. */
  escalation?: {
    phase: 'claim' | 'contact';
    currentStep: number | null;
    nextStep: number | null;
    nextAt: string | null;
    deadline: string | null;
  };
}

/** Server → console over the WebSocket. A (re)connect or a `sync` request gets the whole queue. */
export type ConsoleSocketMessage =
  | { type: 'sync'; at: string; leads: QueueItem[] }
  | { type: 'lead'; at: string; lead: QueueItem };

export interface ConsoleTimelineEntry {
  at: string;
  type: string;
  [key: string]: unknown;
}

export interface ConsoleLeadDetail {
  item: QueueItem;
  /** Everything the homeowner gave, with the attribution of the page they came from. */
  input: LeadInput;
  ackMessage: string;
  timeline: ConsoleTimelineEntry[];
  /** Earlier leads from the same phone number, newest first. */
  pastLeads: QueueItem[];
  memberNames: Record<string, string>;
}

export interface ConsoleSessionInfo {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  current: boolean;
}

export interface ConsoleConfigView {
  site: string;
  /** The site config; webhook endpoints and Turnstile are shown without their secrets. */
  config: Omit<SiteConfig, 'webhooks' | 'turnstile'> & {
    webhooks: Array<{ id: string; url: string }>;
    turnstile?: { siteKey: string };
  };
  embedSnippet: string;
  offDuty: string[];
}
