// A field people never meet and form-filling bots do: anything typed into it marks the lead as
// spam (the server files it quietly). It sits off-screen rather than display:none, which bots
// recognise and skip; tabIndex -1 and aria-hidden keep keyboard and screen reader users out of
// it, and autocomplete="off" keeps the browser from filling it in for them.
import type { Ref } from 'preact';

export function Honeypot({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  return (
    <div class="hp" aria-hidden="true">
      <label for="fc-website">Leave this empty</label>
      {/* Uncontrolled: read at submit, so a bot that sets .value without events is caught too. */}
      <input
        ref={inputRef}
        id="fc-website"
        name="website"
        type="text"
        tabIndex={-1}
        autocomplete="off"
      />
    </div>
  );
}
