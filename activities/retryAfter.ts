/**
 * The one reading of a `Retry-After` header (RFC 9110 §10.2.3) for every connector, so the same
 * header means the same wait whoever sent it. The value is either delay-seconds (a non-negative
 * integer) or an HTTP-date; a date already past means "now" (0). Anything else — a negative or
 * fractional number, a date in no HTTP-date form — is ignored (undefined) and the caller falls back
 * to its own backoff. The answer is in milliseconds and never above `maxRetryAfterMs`.
 */

/**
 * The longest wait a service can ask for: an hour. A longer ask is read as an hour; the step's own
 * retry policy and timeout still decide whether it is retried at all.
 */
export const maxRetryAfterMs = 3_600_000;

const day = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const longDay = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const month = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const time = '\\d{2}:\\d{2}:\\d{2}';
/** IMF-fixdate, what senders must send: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const imfFixdate = new RegExp(`^${day}, \\d{2} ${month} \\d{4} ${time} GMT$`);
/** Obsolete RFC 850 form, which recipients must still accept: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const rfc850Date = new RegExp(`^${longDay}, \\d{2}-${month}-\\d{2} ${time} GMT$`);
/** Obsolete asctime form, in UTC though it does not say so: `Sun Nov  6 08:49:37 1994`. */
const asctimeDate = new RegExp(`^${day} ${month} ( \\d|\\d{2}) ${time} \\d{4}$`);

/** Milliseconds since the epoch an HTTP-date names, or undefined when the text is not one. */
function httpDate(text: string): number | undefined {
  // Date.parse reads all three forms; asctime is given its zone, or it would be read as local time.
  const at = imfFixdate.test(text) || rfc850Date.test(text) ? Date.parse(text) : asctimeDate.test(text) ? Date.parse(`${text} GMT`) : NaN;
  return Number.isNaN(at) ? undefined : at;
}

/** How long a `Retry-After` value asks to wait, in milliseconds (0 to `maxRetryAfterMs`), or undefined when absent or invalid. */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : (httpDate(text) ?? NaN) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), maxRetryAfterMs);
}
