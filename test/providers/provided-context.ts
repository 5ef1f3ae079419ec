// What the providers' global setup hands to the worker's bindings and to the tests: where each
// local fake listens and the credentials it expects.
export interface ProvidersContext {
  control: string;
  twilio: { url: string; accountSid: string; authToken: string; fromNumber: string };
  push: { url: string; vapidPublicKey: string; vapidPrivateKey: string };
  email: { url: string; apiKey: string };
  webhooks: { url: string; secret: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    providers: ProvidersContext;
  }
}
