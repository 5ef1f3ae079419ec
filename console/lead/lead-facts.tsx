// Everything the homeowner gave, as text. Links only where the scheme is ours to choose (tel:,
// sms:, mailto: built from stored values); the page they came from is shown, never linked.
import type { ConsoleLeadDetail } from '../../shared/schemas';

const Row = ({ label, value }: { label: string; value: string | null | undefined }) =>
  value ? (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  ) : null;

export function LeadFacts({ detail }: { detail: ConsoleLeadDetail }) {
  const { input } = detail;
  return (
    <section class="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">Request</h2>
      <dl class="facts">
        <dt>Phone</dt>
        <dd>
          <a href={`tel:${input.phone}`}>{input.phone}</a>
        </dd>
        {input.email && (
          <>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${input.email}`}>{input.email}</a>
            </dd>
          </>
        )}
        <Row label="Service" value={input.service} />
        <Row label="ZIP" value={input.zip} />
        <Row
          label="Prefers"
          value={
            input.preferredContact === 'text'
              ? 'A text'
              : input.preferredContact === 'call'
                ? 'A call'
                : null
          }
        />
        <Row label="Emergency" value={input.urgent ? 'Yes' : null} />
        <Row label="Texts" value={input.smsConsent ? 'Agreed to texts' : 'No consent to texts'} />
      </dl>
      {input.message && (
        <blockquote class="message">
          <p>{input.message}</p>
        </blockquote>
      )}
      <p class="muted small">
        <strong>What they were told:</strong> {detail.ackMessage}
      </p>
    </section>
  );
}

export function Attribution({ detail }: { detail: ConsoleLeadDetail }) {
  const page = detail.input.page;
  if (!page) return null;
  const utm = Object.entries(page.utm ?? {});
  return (
    <section class="panel" aria-labelledby="source-title">
      <h2 id="source-title">Where they came from</h2>
      <dl class="facts facts-wrap">
        <Row label="Page" value={page.url} />
        <Row label="Referrer" value={page.referrer} />
        {utm.map(([k, v]) => (
          <Row key={k} label={`utm_${k}`} value={v} />
        ))}
        <Row label="Google click" value={page.gclid} />
        <Row label="Microsoft click" value={page.msclkid} />
        <Row label="Facebook click" value={page.fbclid} />
      </dl>
    </section>
  );
}
