// What a vendor's n8n package plugs into the shared node code: its credential,
// the operations it offers and how to build the core adapter on top of the
// n8n Transport. Reading the credential here is only for its non-secret
// fields (endpoint, instance, app id); secrets reach the wire only through
// the credential's own `authenticate`.
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import type { VendorId, ContactCenter, Operation, Secret } from '../core/index.ts';
import { secret } from '../credentials/secret.ts';

export type CenterContext = IExecuteFunctions | IPollFunctions;

export interface CenterConnector {
  vendor: VendorId;
  /** The n8n credential type name, e.g. `aliyunCccApi`. */
  credentialName: string;
  /** Operations the vendor really has server-side (from its adapter's capabilities). */
  operations: readonly Operation[];
  /** A ready adapter that sends through `ctx`; the caller closes it. */
  connect(ctx: CenterContext): Promise<ContactCenter>;
}

/**
 * For the secret fields of the core's profiles: in n8n the credential's
 * `authenticate` signs every request, so the adapter never holds the secret.
 */
export const SIGNED_BY_CREDENTIAL: Secret = secret('');
