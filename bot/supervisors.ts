// Who is a supervisor: listed user ids, or members of listed user groups
// (usergroups.users.list, cached so a click costs no API call most times).
import type { WebClient } from '@slack/web-api';

export interface SupervisorSource {
  users: string[];
  userGroups: string[];
}

export interface SupervisorDirectoryOptions {
  /** How long a user group's member list is trusted. @defaultValue 60000 */
  cacheMs?: number;
  now?: () => number;
  /**
   * Longest wait for a group's member list: /cc is acked only after this check,
   * and Slack gives an ack 3 s. @defaultValue 1500
   */
  lookupTimeoutMs?: number;
  onError?: (group: string, error: unknown) => void;
}

export class SupervisorDirectory {
  readonly #source: SupervisorSource;
  readonly #client: WebClient;
  readonly #cacheMs: number;
  readonly #now: () => number;
  readonly #lookupTimeoutMs: number;
  readonly #onError: ((group: string, error: unknown) => void) | undefined;
  readonly #cache = new Map<string, { members: Set<string>; at: number }>();

  constructor(source: SupervisorSource, client: WebClient, o: SupervisorDirectoryOptions = {}) {
    this.#source = source;
    this.#client = client;
    this.#cacheMs = o.cacheMs ?? 60_000;
    this.#now = o.now ?? Date.now;
    this.#lookupTimeoutMs = o.lookupTimeoutMs ?? 1500;
    this.#onError = o.onError;
  }

  async isSupervisor(userId: string): Promise<boolean> {
    if (this.#source.users.includes(userId)) return true;
    // All groups at once: the /cc ack waits for this, so the slowest group, not their sum, bounds it.
    const lists = await Promise.all(this.#source.userGroups.map((g) => this.#members(g)));
    return lists.some((members) => members.has(userId));
  }

  async #members(group: string): Promise<Set<string>> {
    const hit = this.#cache.get(group);
    if (hit && this.#now() - hit.at < this.#cacheMs) return hit.members;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`usergroups.users.list gave no answer within ${this.#lookupTimeoutMs} ms`)), this.#lookupTimeoutMs);
      });
      const res = await Promise.race([this.#client.usergroups.users.list({ usergroup: group }), timeout]);
      const members = new Set(res.users ?? []);
      this.#cache.set(group, { members, at: this.#now() });
      return members;
    } catch (e) {
      this.#onError?.(group, e);
      // Fail closed, but keep a stale list rather than lock every supervisor out during a Slack hiccup.
      return hit?.members ?? new Set();
    } finally {
      clearTimeout(timer);
    }
  }
}
