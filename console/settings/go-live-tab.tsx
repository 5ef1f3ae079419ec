// Going live: a short checklist, the snippet to paste into the site, and a test lead that runs
// the whole path (intake, routing, alerts) and shows what happened.
import { useState } from 'preact/hooks';
import type { ConsoleConfigView, LeadCreated } from '../../shared/schemas';
import { ApiFailure, post } from '../api';
import { CopyButton } from './copy-button';
import { TestLeadSteps } from './test-lead-steps';

export function GoLiveTab({ view }: { view: ConsoleConfigView }) {
  const [leadId, setLeadId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const c = view.config;
  const checks: Array<[boolean, string]> = [
    [c.team.length > 1, 'Your team is added (Team)'],
    [c.onCall.length > 0, 'Someone is in the on-call rotation (Escalation)'],
    [c.allowedOrigins.length > 0, 'Your website is allowed to send leads (Site)'],
    [Object.values(c.hours).some(Boolean), 'Opening hours are set (Site)'],
  ];

  async function sendTest() {
    setSending(true);
    setProblem(null);
    try {
      setLeadId((await post<LeadCreated>('/test-lead')).leadId);
    } catch (err) {
      setProblem(err instanceof ApiFailure ? err.message : 'The test lead was not sent');
    } finally {
      setSending(false);
    }
  }

  return (
    <div class="stack">
      <section class="panel">
        <h2>Checklist</h2>
        <ul class="checklist">
          {checks.map(([done, label]) => (
            <li key={label} class={done ? 'done' : 'todo'}>
              <span aria-hidden="true">{done ? '✓' : '○'}</span> {label}
              <span class="sr-only">{done ? ' (done)' : ' (to do)'}</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel">
        <h2>Put the widget on your site</h2>
        <p class="muted small">
          Paste this once, just before <code>&lt;/body&gt;</code>, on every page (or in your site
          builder's "custom code" setting).
        </p>
        <div class="copy-row">
          <textarea
            readOnly
            rows={2}
            class="mono snippet"
            aria-label="Embed snippet"
            value={view.embedSnippet}
          />
          <CopyButton text={view.embedSnippet} />
        </div>
      </section>
      <section class="panel">
        <h2>Send a test lead</h2>
        <p class="muted small">
          Sends a lead named "Test lead" through the same path as a real one; your on-call person
          gets a real alert. Nobody else is texted.
        </p>
        <button type="button" class="btn btn-primary" disabled={sending} onClick={sendTest}>
          {sending ? 'Sending…' : leadId ? 'Send another test lead' : 'Send a test lead'}
        </button>
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
        {leadId && <TestLeadSteps key={leadId} leadId={leadId} />}
      </section>
    </div>
  );
}
