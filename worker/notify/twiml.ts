// TwiML: the XML Twilio runs for a call or answers to a text. Everything spoken or texted is
// escaped, since much of it is what a homeowner typed.
const XML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const x = (s: string): string => s.replace(/[&<>"']/g, (ch) => XML[ch] ?? ch);

const doc = (inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;

/** The alert call: reads the lead out and waits for one key; no key moves on. */
export function alertCallTwiml(text: string, actionUrl: string): string {
  return doc(
    `<Gather numDigits="1" timeout="8" action="${x(actionUrl)}" method="POST"><Say>${x(text)}</Say><Pause length="1"/><Say>${x(
      text,
    )}</Say></Gather><Say>No key pressed. We will alert someone else. Goodbye.</Say><Hangup/>`,
  );
}

export const sayTwiml = (text: string): string => doc(`<Say>${x(text)}</Say><Hangup/>`);

/**
 * After a claim by phone: say so and connect the CSR to the homeowner straight away. Twilio
 * reports how the dial ended to `actionUrl`: a completed call means the homeowner was reached.
 */
export const connectTwiml = (text: string, dial: string, actionUrl: string): string =>
  doc(`<Say>${x(text)}</Say><Dial action="${x(actionUrl)}" method="POST">${x(dial)}</Dial>`);

export const messageTwiml = (text: string | null): string =>
  doc(text ? `<Message>${x(text)}</Message>` : '');
