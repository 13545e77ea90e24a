/**
 * Keeps personal data and secrets out of logs. Any attribute whose key names personal data
 * (name, phone, email, ID number, free text written by the customer) or a credential is replaced,
 * at any depth, before the log line is written.
 */
const SENSITIVE_KEY =
  /^(name|customerName|phone|callerPhone|mobile|email|idNumber|idNo|address|birthDate|description|summary|transcript|message|text|responseToCustomer|comment|contact|token|authorization|cookie|password|secret|signature|x-signature|idempotency-key)$/i;

export const REDACTED = '[redacted]';

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(inner, depth + 1);
  }
  return out;
}
