import { asObject } from './usage-counts.js';

/** A plausible model id: letters, digits and `._:/@+-`, starting with a letter or digit, at most 200 characters. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/;

function plain(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return MODEL_ID.test(trimmed) ? trimmed : undefined;
}

/**
 * The model the server said it served, from an answer body or stream event: `model` (chat completions, Anthropic
 * Messages, native local-runtime APIs, a Responses answer), `message.model` (Anthropic `message_start`), `response.model` (Responses stream
 * events). Only a plain short id is returned (letters, digits, `._:/@+-`, ≤ 200 characters); anything else gives
 * undefined, so a hostile server cannot put text of its choice into a receipt.
 */
export function servedModel(body: unknown): string | undefined {
  const object = asObject(body);
  if (!object) return undefined;
  return plain(object.model) ?? plain(asObject(object.message)?.model) ?? plain(asObject(object.response)?.model);
}
