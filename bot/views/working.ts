// The immediate, ephemeral answer to /cc while the operation runs.
import { maskPhonesIn } from '../../shared/mask.ts';
import { context, esc, type Message, section } from './blocks.ts';

export function workingView(what: string, center: string): Message {
  return {
    text: `Working on it: ${what} at ${center}…`,
    blocks: [section(`:hourglass_flowing_sand: Working on it: *${esc(what)}* at *${esc(center)}*…`), context('This message is replaced with the result.')],
  };
}

/** A still-pending operation that is not a conference (e.g. an agent state change the vendor confirms later). */
export function pendingView(what: string, center: string, vendorProgress?: string): Message {
  const progress = vendorProgress === undefined ? undefined : maskPhonesIn(vendorProgress);
  return {
    text: `${what} at ${center}: ${progress ?? 'waiting for the vendor'}`,
    blocks: [section(`:hourglass_flowing_sand: *${esc(what)}* at *${esc(center)}*: ${esc(progress ?? 'waiting for the vendor to confirm…')}`)],
  };
}
