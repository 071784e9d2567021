import type { Transport } from '../http.ts';

/** What every vendor adapter gets from the process that creates it. */
export interface AdapterDeps {
  /** Owned by the caller, who closes it; adapters never close it. */
  transport: Transport;
  /** The clock for signatures, deadlines and default time windows. @defaultValue () => new Date() */
  now?: () => Date;
  /** Unique ids (signature nonces, client tokens). @defaultValue a random UUID */
  randomId?: () => string;
}
