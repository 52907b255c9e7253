import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** What each provider's receiver verifies with, and what its signer signs with. Never printed. */
export interface DemoSecrets {
  stripe: string;
  hubspot: string;
  resend: string;
  sendgrid: { publicKey: string; privateKey: KeyObject };
}

/**
 * Fresh demo secrets: SendGrid signs with an ECDSA P-256 key pair (you only
 * ever hold the public half), the others with shared HMAC secrets.
 */
export function demoSecrets(): DemoSecrets {
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    stripe: 'whsec_JunctionReceiverDemo4f2a9c1e7b3d',
    hubspot: 'hubspot-client-secret-demo-8c1f2e',
    resend: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    sendgrid: { publicKey: keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), privateKey: keys.privateKey },
  };
}
