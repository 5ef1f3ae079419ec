import { useState } from 'preact/hooks';

/** Copies text to the clipboard and says so (a screen reader hears it through role=status). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        class="btn"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setDone('Copied');
          } catch {
            setDone('Select the text and copy it');
          }
          setTimeout(() => setDone(null), 3000);
        }}
      >
        {label}
      </button>
      <span class="saved" role="status">
        {done}
      </span>
    </>
  );
}
