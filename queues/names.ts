// Queue names and the Redis keys ccops keeps beside BullMQ's. Every key
// starts with the service prefix, `{ccops}` by default: on Redis Cluster the
// braces put BullMQ's keys and ours in one hash slot, so the Lua scripts here
// and BullMQ's own may touch several of them at once.

export const QUEUE = {
  /** Operations submitted by front ends (Slack, CLI). */
  operations: 'ops',
  /** Step jobs that wait for a pending outcome. */
  outcomes: 'outcomes',
  /** One job scheduler per center polls abandoned calls. */
  poll: 'alerts-poll',
  /** Delivery of abandoned-call alerts to Slack. */
  notify: 'notify',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** BullMQ refuses custom job ids with ':' or made of digits only. */
export function safeId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9._@-]/g, '_')).join('-');
}

/** ccops' own keys, beside BullMQ's (`<prefix>:<queue>:…`). */
export class Keys {
  readonly prefix: string;
  constructor(prefix: string) {
    this.prefix = prefix;
  }
  #k(...parts: string[]): string {
    return [this.prefix, 'ccops', ...parts].join(':');
  }
  /** Where the next abandoned-call poll of a center starts (ms since epoch). */
  cursor(center: string) {
    return this.#k('cursor', center);
  }
  /** Held while one process polls a center. */
  pollLock(center: string) {
    return this.#k('lock', 'poll', center);
  }
  /** Set once per abandoned call, with a TTL: the dedup key. */
  seen(alertId: string) {
    return this.#k('seen', alertId);
  }
  /** The alert's call, as the renderers need it. */
  alert(alertId: string) {
    return this.#k('alert', alertId);
  }
  /** Alerts waiting for a channel, scored by detection time. */
  pending(channel: string) {
    return this.#k('pending', channel);
  }
  /** Which batch (single alert or digest) carries an alert. */
  claim(alertId: string) {
    return this.#k('claim', alertId);
  }
  claimPrefix() {
    return this.#k('claim', '');
  }
  /** A message being or having been posted: channel, alert ids, ts once posted. */
  batch(batchId: string) {
    return this.#k('batch', batchId);
  }
  batchLock(batchId: string) {
    return this.#k('lock', 'batch', batchId);
  }
  /** Taken for each message posted to a channel (per-channel rate limit). */
  channelToken(channel: string) {
    return this.#k('rl', channel);
  }
  /** Set from Slack's Retry-After: the channel is paused until it expires. */
  channelPause(channel: string) {
    return this.#k('pause', channel);
  }
  /** Vendor events of a center, from whichever process polls them. */
  events(center: string) {
    return this.#k('events', center);
  }
  /** Who polls one agent's events. */
  eventLease(center: string, agentId: string) {
    return this.#k('lease', center, agentId);
  }
}
