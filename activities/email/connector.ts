/**
 * What an email (SMTP) connection holds, and how it is tested. Secrets (username, password) stay
 * write-only in the API; the test names the stage that failed without echoing any of them.
 */
import { z } from 'zod';
import { emailAddress, hasLineBreak } from '../../workflows/dsl/catalog/email.ts';
import { declareConnector } from '../connections.ts';
import { limitsSchema } from '../limits.ts';
import { probeSmtp } from './probe.ts';

export const emailConfig = z.strictObject({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535).default(587),
  secure: z.boolean().default(false).describe('Implicit TLS from the first byte (SMTPS, usually port 465).'),
  startTls: z.enum(['required', 'opportunistic']).default('required').describe('Without implicit TLS: `required` refuses to talk without STARTTLS; `opportunistic` upgrades when offered.'),
  from: emailAddress,
  fromName: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => !hasLineBreak(s), 'the sender name must be one line')
    .optional(),
  replyTo: emailAddress.optional(),
  tls: z
    .strictObject({
      ca: z
        .string()
        .max(100_000)
        .includes('-----BEGIN CERTIFICATE-----', { message: 'a PEM certificate (-----BEGIN CERTIFICATE-----)' })
        .optional()
        .describe("PEM certificate(s) of a private CA that signed the server's certificate."),
      rejectUnauthorized: z.boolean().default(true).describe('false accepts any certificate: for a lab only, never in production.'),
      servername: z.string().min(1).max(253).optional().describe('The name the certificate must carry, when it differs from host (e.g. host is an IP).'),
    })
    .default({ rejectUnauthorized: true }),
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
  limits: limitsSchema,
});
export type EmailConfig = z.infer<typeof emailConfig>;

export const emailSecrets = z.strictObject({
  username: z.string().min(1).max(500).optional(),
  password: z.string().min(1).max(1000).optional(),
});
export type EmailSecrets = z.infer<typeof emailSecrets>;

export const emailConnector = declareConnector({
  kind: 'email',
  label: 'Email (SMTP)',
  config: emailConfig,
  secrets: emailSecrets,
  test: async (connection) => probeSmtp(connection.config, connection.secrets),
});
