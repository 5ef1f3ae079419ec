import { app } from './app';
import type { Env } from './env';

export { DevOutbox } from './dev-outbox';
export { PhoneDirectory } from './phone-directory';
export { Site } from './site/site-do';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
