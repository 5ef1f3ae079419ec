// A live preview of the launcher as homeowners will see it: the widget's own drawing code and
// styles in a shadow root, fed the unsaved colour and text. It is inert (not focusable, not
// clickable): it only shows.
import { useEffect, useRef } from 'preact/hooks';
import { safeBrand, textOnBrand } from '../../widget/brand-color';
import { drawLauncher, type Launcher } from '../../widget/launcher';

interface Props {
  siteName: string;
  brandColor: string;
  launcherText: string;
  phone: string;
}

export function WidgetPreview(p: Props) {
  const host = useRef<HTMLDivElement>(null);
  const ui = useRef<Launcher | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el || ui.current) return;
    el.inert = true;
    ui.current = drawLauncher(el.shadowRoot ?? el.attachShadow({ mode: 'open' }));
  }, []);

  useEffect(() => {
    const el = host.current;
    const launcher = ui.current;
    if (!el || !launcher) return;
    const brand = safeBrand(p.brandColor);
    el.style.setProperty('--fc-brand', brand);
    el.style.setProperty('--fc-on-brand', textOnBrand(brand));
    launcher.openLabel.textContent = p.launcherText || 'Request service';
    launcher.callLink.hidden = false;
    launcher.callLink.href = `tel:${p.phone.replace(/[^\d+]/g, '')}`;
  }, [p.brandColor, p.launcherText, p.phone]);

  return (
    <figure class="preview">
      <div class="preview-page" aria-hidden="true">
        <div class="preview-nav">{p.siteName}</div>
        <div class="preview-line" />
        <div class="preview-line short" />
        <div class="preview-line" />
        <div ref={host} class="preview-launcher" />
      </div>
      <figcaption class="muted small">
        Preview: the buttons your visitors see in the corner of every page.
      </figcaption>
    </figure>
  );
}
