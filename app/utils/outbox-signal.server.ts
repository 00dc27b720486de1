// "A message was just queued": models/outbox.server.ts raises it, the mail worker (app/jobs/) listens.
// Plumbing only, so the data layer never imports the job that drains it.

// survives the dev server's rebuilds, which re-evaluate this module
declare global {
  var __paknOutboxListener: (() => void) | undefined;
}
const globalForSignal = globalThis;

/** Registers the one listener of this process (the running mail worker); `undefined` removes it. */
export function setOutboxListener(listener: (() => void) | undefined): void {
  globalForSignal.__paknOutboxListener = listener;
}

/** Tells the worker, if one runs in this process, that mail is waiting. */
export function signalOutbox(): void {
  globalForSignal.__paknOutboxListener?.();
}
