// Where outgoing mail goes: SMTP when SMTP_URL is set; otherwise every message is written as an RFC 822
// .eml file under DATA_DIR/mail (development, demos, air-gapped installs). Errors are described with
// addresses masked, so neither the log nor the outbox table keeps one.
import fs from 'node:fs';
import path from 'node:path';

import nodemailer, { type Transporter } from 'nodemailer';

import { getEnv } from './env.server';

export type { Transporter };

let cachedTransport: { key: string; transport: Transporter } | undefined;

/** The transport of the current configuration (one per process, rebuilt when the configuration changes). */
export function defaultTransport(): Transporter {
  const env = getEnv();
  const key = env.SMTP_URL ? `smtp ${env.SMTP_URL}` : `files ${env.mailDir}`;
  if (cachedTransport?.key !== key) {
    cachedTransport?.transport.close();
    const transport = env.SMTP_URL
      ? nodemailer.createTransport(pooled(env.SMTP_URL))
      : nodemailer.createTransport({ streamTransport: true, buffer: true });
    cachedTransport = { key, transport };
  }
  return cachedTransport.transport;
}

/**
 * The SMTP URL with `pool=true` unless it says otherwise: the worker sends one message after another, and a kept
 * connection spares each of them a new TCP (and TLS) handshake, greeting and EHLO. Against the tests' SMTP server a
 * backlog went out at 4 ms a message instead of 105 ms (docs/testing.md, seventh pass). `?pool=false` turns it off.
 */
export function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
}

export function closeDefaultTransport(): void {
  cachedTransport?.transport.close();
  cachedTransport = undefined;
}

/** For the start-up log: where mail goes, without credentials. */
export function describeTransport(): string {
  const env = getEnv();
  if (env.SMTP_URL) {
    try {
      const url = new URL(env.SMTP_URL);
      const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
      return `SMTP ${url.protocol}//${url.hostname}:${port}`;
    } catch {
      return 'SMTP (unparseable SMTP_URL)';
    }
  }
  return `files in ${path.resolve(env.mailDir)}`;
}

/**
 * Files the RFC 822 message a buffering stream transport (no SMTP_URL) hands back, as
 * DATA_DIR/mail/<id>-<template>.eml. A resend after a crash overwrites the same file: no duplicates.
 */
export function writeEml(id: number, template: string, message: Buffer): void {
  const safe = template.replace(/[^a-z0-9_-]/gi, '_');
  const file = path.join(getEnv().mailDir, `${id}-${safe}.eml`);
  // the message holds private links: the portal's user only
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, message, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

// ---------------------------------------------------------------------------------------------
// Errors, with addresses masked before they reach the log or the table

function maskAddresses(s: string): string {
  return s.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]');
}

export type SendError = { code?: string; responseCode?: number; message: string };

export function describeSendError(err: unknown): SendError {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : undefined,
    responseCode: typeof e?.responseCode === 'number' ? e.responseCode : undefined,
    message: maskAddresses(String(e?.message ?? err)).slice(0, 500),
  };
}

/** Errors that will fail every message of a pass in the same way: stop trying this pass. */
const TRANSPORT_DOWN = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  // credentials not given (nodemailer 10's name for 7's NoAuth)
  'ENOAUTH',
  'ETLS',
  'ECONNREFUSED',
]);

export function isTransportDown(error: SendError): boolean {
  return error.code !== undefined && TRANSPORT_DOWN.has(error.code);
}
