// widget.js: the one script a contractor pastes. It is a classic script (no import/export in the
// output), so `document.currentScript` is available and tells where it was served from; the
// form and everything heavy live in widget-form.js, loaded from the same place on demand.
import type { PublicSiteConfig } from '../shared/schemas';
import { DEFAULT_BRAND, safeBrand, textOnBrand } from './brand-color';
import { type FormHandle, type FormModule, outboxKey } from './form-contract';
import { emitHostEvent } from './host-events';
import { pinHostStyle } from './host-style';
import { drawLauncher } from './launcher';
import { fetchSiteConfig, isPermanentRefusal } from './site-config';
import { sendWidgetEvent } from './widget-events';

const TAG = 'firstcall-widget';
const script = document.currentScript;

// A tag pasted twice (theme header plus a page builder block) must still give one launcher.
if (script instanceof HTMLScriptElement && !customElements.get(TAG)) start(script);

function start(script: HTMLScriptElement): void {
  const site = script.dataset.site ?? '';
  if (!site) {
    console.warn('FirstCall: add data-site="your-site-id" to the widget script tag.');
    return;
  }
  const origin = new URL(script.src).origin;
  const formUrl = new URL('widget-form.js', script.src).href;

  customElements.define(TAG, class FirstCallWidget extends HTMLElement {});
  const host = document.createElement(TAG);
  pinHostStyle(host);
  const ui = drawLauncher(host.attachShadow({ mode: 'open' }));
  setBrand(DEFAULT_BRAND);

  function setBrand(color: string): void {
    const brand = safeBrand(color);
    host.style.setProperty('--fc-brand', brand, 'important');
    host.style.setProperty('--fc-on-brand', textOnBrand(brand), 'important');
  }

  let config: PublicSiteConfig | undefined;
  let refused = false;
  let configLoad: Promise<PublicSiteConfig | undefined> | undefined;
  const loadConfig = () =>
    (configLoad ??= fetchSiteConfig(origin, site).then((result) => {
      if ('config' in result) {
        config = result.config;
        setBrand(config.brandColor);
        ui.openLabel.textContent = config.launcherText;
        ui.callLink.href = `tel:${config.phone.replace(/[^\d+]/g, '')}`;
        ui.callLink.hidden = false;
        return config;
      }
      // Let the next open try again after a network blip; give up for good on a refusal.
      configLoad = undefined;
      if (isPermanentRefusal(result.status)) {
        refused = true;
        host.remove();
        console.warn(
          `FirstCall: site "${site}" was refused (HTTP ${result.status}); widget hidden.`,
        );
      }
      return undefined;
    }));

  let formModule: Promise<FormModule> | undefined;
  const loadForm = () =>
    (formModule ??= (import(/* @vite-ignore */ formUrl) as Promise<FormModule>).catch((error) => {
      formModule = undefined;
      throw error;
    }));
  const prefetch = () => void loadForm().catch(() => {});

  // Leads the form could not send wait on the device. On every page the loader only looks for
  // one; the form module, which sends them, loads when one is waiting (or is already loaded: it
  // also holds those that storage could not keep), so most page views never fetch it.
  const flushOutbox = () => {
    let waiting = formModule !== undefined;
    try {
      waiting ||= localStorage.getItem(outboxKey(site)) !== null;
    } catch {
      // Storage blocked: nothing was stored, and the form module holds what it kept in memory.
    }
    if (waiting) {
      loadForm()
        .then((mod) => mod.flushOutbox({ host, origin, site }))
        .catch(() => {});
    }
  };

  let form: FormHandle | undefined;
  let opening = false;
  async function open(): Promise<void> {
    if (opening) return;
    opening = true;
    try {
      const cfg = config ?? (await loadConfig());
      if (!cfg) {
        ui.openLabel.textContent = 'Offline? Tap to retry';
        return;
      }
      const mod = await loadForm();
      form ??= mod.mount({
        host,
        slot: ui.formSlot,
        origin,
        site,
        config: cfg,
        onClosed: () => {
          ui.openButton.setAttribute('aria-expanded', 'false');
          ui.openButton.focus();
        },
      });
      ui.openButton.setAttribute('aria-expanded', 'true');
      form.open();
      emitHostEvent(host, 'firstcall:open', {});
      sendWidgetEvent(origin, site, 'form_open');
    } catch (error) {
      console.warn('FirstCall: could not load the form.', error);
    } finally {
      opening = false;
    }
  }

  ui.openButton.addEventListener('click', () => void open());
  ui.openButton.addEventListener('pointerenter', prefetch, { once: true });
  ui.openButton.addEventListener('focus', prefetch, { once: true });
  // No preventDefault: the beacon is queued and the tel: navigation goes ahead as usual.
  ui.callLink.addEventListener('click', () => {
    sendWidgetEvent(origin, site, 'call_click');
    emitHostEvent(host, 'firstcall:call-click', {});
  });

  void loadConfig();
  // An async tag in <head> can run before <body> exists. Queued leads are sent once the element
  // is in the page (so the host page hears the events), and again whenever they could get
  // through: back online, the page shown again (back/forward cache, tab switched back to).
  const attach = () => {
    if (refused) return;
    document.body.append(host);
    addEventListener('online', flushOutbox);
    addEventListener('pageshow', flushOutbox);
    document.addEventListener('visibilitychange', () => document.hidden || flushOutbox());
    flushOutbox();
  };
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);
}
