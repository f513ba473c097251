/** What replaces a secret in any text plugin-kit produces. */
export const REDACTED = '[redacted]';

// Key-shaped tokens of common providers (and generic bearer-looking strings), long enough not to hit normal words.
const KEY_SHAPES =
  /\b(?:sk|rk|pk|nvapi|hf|gsk|xai|key|tok|ak)[-_][A-Za-z0-9._-]{12,}|\bBearer\s+[A-Za-z0-9._~+/-]{12,}=*/g;

/**
 * Remove secrets from text before it reaches a message, a log or a cache: every exact occurrence of the given
 * values (at least 4 characters long), then anything shaped like an API key or a bearer token.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out.replace(KEY_SHAPES, REDACTED);
}
