// The site config being edited. A change is checked here with siteConfigSchema, the schema the
// API checks it with, so mistakes show at once beside their fields; the server checks again.
import { useEffect, useState } from 'preact/hooks';
import { type core, z } from 'zod';
import {
  type ConsoleConfigPatch,
  type ConsoleConfigView,
  siteConfigSchema,
} from '../../shared/schemas';
import { ApiFailure, call, get } from '../api';

// zod sets its English messages as a side effect of loading, which a bundler may drop from a
// package marked side-effect free; set them here so errors read as words, not "Invalid input".
z.config(z.locales.en());

export type FieldErrors = Record<string, string>;

/** Plainer words for the mistakes people make in these forms. */
function friendly(issue: core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'array') return 'Choose at least one';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Required';
  return issue.message;
}
export type SaveResult = { ok: true } | { ok: false; message: string; fields: FieldErrors };

/** Errors by field path ("escalation.steps.0.notify"), as the API reports them. */
export function checkConfig(
  config: ConsoleConfigView['config'],
  patch: ConsoleConfigPatch,
): FieldErrors | null {
  // Webhook and Turnstile secrets never reach the console; they are not being edited here.
  const parsed = siteConfigSchema.safeParse({
    ...config,
    ...patch,
    webhooks: [],
    turnstile: undefined,
  });
  if (parsed.success) return null;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[key] ??= friendly(issue);
  }
  return fields;
}

export interface SiteConfigState {
  view: ConsoleConfigView | null;
  problem: string | null;
  save: (patch: ConsoleConfigPatch) => Promise<SaveResult>;
}

export function useSiteConfig(enabled: boolean): SiteConfigState {
  const [view, setView] = useState<ConsoleConfigView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    get<ConsoleConfigView>('/config')
      .then(setView)
      .catch((err: unknown) =>
        setProblem(err instanceof ApiFailure ? err.message : 'Could not load the settings'),
      );
  }, [enabled]);

  async function save(patch: ConsoleConfigPatch): Promise<SaveResult> {
    if (!view) return { ok: false, message: 'Settings are still loading', fields: {} };
    const local = checkConfig(view.config, patch);
    if (local) return { ok: false, message: 'Some fields need fixing', fields: local };
    try {
      setView(await call<ConsoleConfigView>('PATCH', '/config', patch));
      return { ok: true };
    } catch (err) {
      if (err instanceof ApiFailure) return { ok: false, message: err.message, fields: err.fields };
      return { ok: false, message: 'Not saved; try again', fields: {} };
    }
  }

  return { view, problem, save };
}
