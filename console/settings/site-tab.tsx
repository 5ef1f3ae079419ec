// The site: name, phone, hours and time zone, services, where the widget may run, the SMS
// consent text, and how the launcher looks, with a live preview.
import { useState } from 'preact/hooks';
import type { ConsoleConfigView, Hours } from '../../shared/schemas';
import { errorAt, Field, SaveBar, TextInput } from './fields';
import { HoursEditor } from './hours-editor';
import type { FieldErrors, SiteConfigState } from './use-site-config';
import { WidgetPreview } from './widget-preview';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

let zones: string[] | null = null;
const timeZones = () => (zones ??= Intl.supportedValuesOf('timeZone'));

export function SiteTab({ config, view }: { config: SiteConfigState; view: ConsoleConfigView }) {
  const c = view.config;
  const [name, setName] = useState(c.name);
  const [phone, setPhone] = useState(c.phone);
  const [country, setCountry] = useState(c.country);
  const [timezone, setTimezone] = useState(c.timezone);
  const [hours, setHours] = useState<Hours>(c.hours);
  const [services, setServices] = useState(c.services.join('\n'));
  const [origins, setOrigins] = useState(c.allowedOrigins.join('\n'));
  const [consentText, setConsentText] = useState(c.consentText);
  const [responseMinutes, setResponseMinutes] = useState(String(c.responseMinutes));
  const [brandColor, setBrandColor] = useState(c.brandColor);
  const [launcherText, setLauncherText] = useState(c.launcherText);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function save() {
    const result = await config.save({
      name,
      phone,
      country: country.toUpperCase(),
      timezone,
      hours,
      services: lines(services),
      allowedOrigins: lines(origins),
      consentText,
      responseMinutes: Number(responseMinutes),
      brandColor,
      launcherText,
    });
    setErrors(result.ok ? {} : result.fields);
    return result;
  }

  return (
    <form class="stack" onSubmit={(e) => e.preventDefault()}>
      <section class="panel">
        <h2>Business</h2>
        <div class="grid-2">
          <TextInput
            label="Business name"
            value={name}
            onInput={setName}
            error={errors.name}
            maxLength={100}
          />
          <TextInput
            label="Phone homeowners call"
            type="tel"
            value={phone}
            onInput={setPhone}
            error={errors.phone}
          />
          <TextInput
            label="Country (2 letters)"
            value={country}
            onInput={setCountry}
            error={errors.country}
            maxLength={2}
            hint="Reads phone numbers written without a country code."
          />
          <Field label="Time zone" error={errors.timezone}>
            {(a) => (
              <select {...a} value={timezone} onChange={(e) => setTimezone(e.currentTarget.value)}>
                {timeZones().map((z) => (
                  <option key={z} value={z}>
                    {z.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextInput
            label="Promise: call back within (minutes)"
            type="number"
            value={responseMinutes}
            onInput={setResponseMinutes}
            error={errors.responseMinutes}
          />
        </div>
        <HoursEditor hours={hours} onChange={setHours} errors={errors} />
      </section>

      <section class="panel">
        <h2>Widget</h2>
        <div class="grid-2">
          <div>
            <Field label="Brand colour" error={errors.brandColor}>
              {(a) => (
                <span class="color-row">
                  <input
                    type="color"
                    value={/^#[0-9a-f]{6}$/i.test(brandColor) ? brandColor : '#0b5fff'}
                    onInput={(e) => setBrandColor(e.currentTarget.value)}
                    aria-label="Pick the brand colour"
                  />
                  <input
                    {...a}
                    value={brandColor}
                    maxLength={7}
                    onInput={(e) => setBrandColor(e.currentTarget.value)}
                  />
                </span>
              )}
            </Field>
            <TextInput
              label="Launcher text"
              value={launcherText}
              onInput={setLauncherText}
              error={errors.launcherText}
              maxLength={40}
            />
          </div>
          <WidgetPreview
            siteName={name}
            brandColor={brandColor}
            launcherText={launcherText}
            phone={phone}
          />
        </div>
        <Field label="Services (one per line)" error={errorAt(errors, 'services')}>
          {(a) => (
            <textarea
              {...a}
              rows={5}
              value={services}
              onInput={(e) => setServices(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Websites allowed to send leads (one per line)"
          error={errorAt(errors, 'allowedOrigins')}
          hint="Like https://example.com, or https://*.example.com for every subdomain."
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              class="mono"
              value={origins}
              onInput={(e) => setOrigins(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Text-message consent shown on the form"
          error={errors.consentText}
          hint="Homeowners tick this to get texts; what they agreed to is kept with each lead."
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              value={consentText}
              onInput={(e) => setConsentText(e.currentTarget.value)}
            />
          )}
        </Field>
      </section>
      <SaveBar onSave={save} label="Save site settings" />
    </form>
  );
}
