// "A webhook delivery was just recorded": models/webhook-deliveries.server.ts raises it, the webhook worker
// (app/jobs/) listens. Plumbing only, so the data layer never imports the job that drains it.

// survives the dev server's rebuilds, which re-evaluate this module
declare global {
  var __paknWebhookListener: (() => void) | undefined;
}
const globalForSignal = globalThis;

/** Registers the one listener of this process (the running webhook worker); `undefined` removes it. */
export function setWebhookListener(listener: (() => void) | undefined): void {
  globalForSignal.__paknWebhookListener = listener;
}

/** Tells the worker, if one runs in this process, that a delivery is waiting. */
export function signalWebhooks(): void {
  globalForSignal.__paknWebhookListener?.();
}
