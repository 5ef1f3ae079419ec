// Owners and managers change the site from the console: a patch of top-level fields is merged
// over the stored config and the whole result is checked with siteConfigSchema, the schema the
// admin API uses, so the console can never store a config the API would refuse. On top of that
// the team has rules about who may change whom.
import { type Member, type SiteConfig, siteConfigSchema } from '../../shared/schemas';
import { fieldsFromZod } from '../http/errors';
import { toE164 } from '../phone';

export type ConfigChange =
  | { ok: true; config: SiteConfig }
  | { ok: false; status: 400 | 403; message: string; fields?: Record<string, string> };

const refuse = (message: string): ConfigChange => ({ ok: false, status: 403, message });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function applyConfigPatch(
  current: SiteConfig,
  patch: Record<string, unknown>,
  actor: Member,
): ConfigChange {
  if ('webhooks' in patch) return refuse('Webhooks are managed through the admin API');
  if ('turnstile' in patch) return refuse('Turnstile is managed through the admin API');
  const parsed = siteConfigSchema.safeParse({ ...current, ...patch });
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      message: 'Some fields are not valid',
      fields: fieldsFromZod(parsed.error),
    };
  const normalised = withE164Phones(parsed.data);
  if ('fields' in normalised)
    return { ok: false, status: 400, message: 'Some fields are not valid', ...normalised };
  const problem = teamProblem(current.team, normalised.team, actor);
  return problem ? refuse(problem) : { ok: true, config: normalised };
}

/** Phone numbers are stored in E.164, as the admin API stores them. */
function withE164Phones(config: SiteConfig): SiteConfig | { fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const phone = toE164(config.phone, config.country);
  if (!phone) fields.phone = 'Not a valid phone number';
  const team = config.team.map((m, i) => {
    const e164 = toE164(m.phone, config.country);
    if (!e164) fields[`team.${i}.phone`] = 'Not a valid phone number';
    return { ...m, phone: e164 ?? m.phone };
  });
  return Object.keys(fields).length ? { fields } : { ...config, phone: phone as string, team };
}

function teamProblem(before: Member[], after: Member[], actor: Member): string | null {
  if (!after.some((m) => m.role === 'owner')) return 'The team needs at least one owner';
  const self = after.find((m) => m.id === actor.id);
  if (!self) return 'You cannot remove yourself; ask another owner';
  if (self.role !== actor.role) return 'You cannot change your own role; ask another owner';
  if (actor.role === 'owner') return null;
  // Managers run the team but cannot make, change or remove owners.
  const owners = (team: Member[]) => team.filter((m) => m.role === 'owner');
  const ownerIds = new Set([...owners(before), ...owners(after)].map((m) => m.id));
  for (const id of ownerIds) {
    if (
      !same(
        before.find((m) => m.id === id),
        after.find((m) => m.id === id),
      )
    )
      return 'Only an owner can add, change or remove owners';
  }
  return null;
}

/** The config as the console shows it: webhook and Turnstile secrets never leave the object. */
export function configForConsole(config: SiteConfig) {
  const { turnstile, ...rest } = config;
  return {
    ...rest,
    webhooks: config.webhooks.map(({ id, url }) => ({ id, url })),
    ...(turnstile ? { turnstile: { siteKey: turnstile.siteKey } } : {}),
  };
}
