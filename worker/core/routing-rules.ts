// Which routing rule a lead falls under: the first, in the owner's order, whose every stated
// condition holds. A condition left out matches anything; a rule that names a condition the
// lead cannot answer (a service rule for a lead without a service) does not match.
import type { RoutingRule, RuleMatch } from '../../shared/schedule-schemas';
import { isBusinessOpen, isHoliday, type OfficeCalendar } from './opening';

export interface RoutableLead {
  service?: string;
  zip?: string;
  urgent?: boolean;
  page?: { url?: string; utm?: Record<string, string> };
}

export interface MatchContext extends OfficeCalendar {
  at: number;
}

const fold = (text: string) => text.trim().toLowerCase();
const compactPostcode = (text: string) => text.replace(/\s+/g, '').toUpperCase();

function pathOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/** The widget stores UTM parameters without their prefix; other senders may keep it. */
function utm(lead: RoutableLead, key: 'source' | 'campaign'): string | undefined {
  const params = lead.page?.utm;
  return params?.[key] ?? params?.[`utm_${key}`];
}

function sameText(expected: string | undefined, actual: string | undefined): boolean {
  return expected === undefined || (actual !== undefined && fold(actual) === fold(expected));
}

function whenMatches(when: RuleMatch['when'], ctx: MatchContext): boolean {
  switch (when) {
    case 'business-hours':
      return isBusinessOpen(ctx, ctx.at);
    case 'after-hours':
      return !isBusinessOpen(ctx, ctx.at);
    case 'holiday':
      return isHoliday(ctx, ctx.at);
    default:
      return true;
  }
}

export function ruleMatches(match: RuleMatch, lead: RoutableLead, ctx: MatchContext): boolean {
  if (match.services) {
    const service = lead.service === undefined ? undefined : fold(lead.service);
    if (service === undefined || !match.services.some((s) => fold(s) === service)) return false;
  }
  if (match.zipPrefixes) {
    const zip = lead.zip === undefined ? '' : compactPostcode(lead.zip);
    if (zip === '' || !match.zipPrefixes.some((p) => zip.startsWith(compactPostcode(p)))) {
      return false;
    }
  }
  if (match.urgent !== undefined && match.urgent !== (lead.urgent ?? false)) return false;
  if (match.pagePathPrefix !== undefined) {
    const path = pathOf(lead.page?.url);
    if (path === null || !fold(path).startsWith(fold(match.pagePathPrefix))) return false;
  }
  if (!sameText(match.utmSource, utm(lead, 'source'))) return false;
  if (!sameText(match.utmCampaign, utm(lead, 'campaign'))) return false;
  return whenMatches(match.when, ctx);
}

/** The first rule the lead matches, or null: then the site's default routing applies. */
export function matchRule(
  rules: readonly RoutingRule[] | undefined,
  lead: RoutableLead,
  ctx: MatchContext,
): RoutingRule | null {
  return (rules ?? []).find((rule) => ruleMatches(rule.match, lead, ctx)) ?? null;
}
