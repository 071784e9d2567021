// The Slack stand-in's memory: channels, the messages the bot posted and
// updated (with their threads), and ephemeral messages. Tests inspect it
// directly; the HTTP layer (server.ts) only translates Web API calls into it.

export interface SlackMessage {
  channel: string;
  ts: string;
  /** Present for replies in a thread. */
  threadTs?: string;
  text: string;
  blocks?: unknown[];
  /** Every earlier version of the message, oldest first (chat.update history). */
  edits: { at: string; text: string; blocks?: unknown[] }[];
  postedAt: string;
  /** Extra fields as sent (metadata, unfurl flags…), for assertions. */
  extra: Record<string, unknown>;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  postedAt: string;
  /** Earlier versions, when replaced through a response_url (replace_original). */
  edits?: { at: string; text: string; blocks?: unknown[] }[];
  /** Removed through a response_url (delete_original). */
  deleted?: boolean;
}

export interface SlackChannel {
  id: string;
  name: string;
}

/** Slack message timestamps: seconds.micro, unique and increasing within a workspace. */
export class TsClock {
  #last = 0;
  readonly #now: () => number;
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }
  next(): string {
    const micros = Math.max(this.#now() * 1000, this.#last + 1);
    this.#last = micros;
    const s = Math.floor(micros / 1_000_000);
    return `${s}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }
}

export class SlackWorkspace {
  readonly #channels = new Map<string, SlackChannel>();
  readonly #byName = new Map<string, string>();
  readonly #messages = new Map<string, SlackMessage[]>();
  readonly #ephemeral: EphemeralMessage[] = [];
  readonly #clock: TsClock;
  readonly autoCreateChannels: boolean;
  #nextId = 1;

  constructor(opts: { autoCreateChannels?: boolean; clock?: TsClock } = {}) {
    this.autoCreateChannels = opts.autoCreateChannels ?? true;
    this.#clock = opts.clock ?? new TsClock();
  }

  /** Creates a channel (idempotent by name); returns it. */
  createChannel(name: string, id?: string): SlackChannel {
    const clean = name.replace(/^#/, '');
    const existing = this.#byName.get(clean);
    if (existing) return this.#channels.get(existing)!;
    const ch = { id: id ?? `C${String(this.#nextId++).padStart(8, '0')}`, name: clean };
    this.#channels.set(ch.id, ch);
    this.#byName.set(clean, ch.id);
    this.#messages.set(ch.id, []);
    return ch;
  }

  /** A channel by id, `#name` or `name`; created on first use when autoCreateChannels. */
  resolve(ref: string, create = this.autoCreateChannels): SlackChannel | undefined {
    const byId = this.#channels.get(ref);
    if (byId) return byId;
    const clean = ref.replace(/^#/, '');
    const id = this.#byName.get(clean);
    if (id) return this.#channels.get(id);
    if (!create) return undefined;
    // Slack ids look like C0123ABCD; a ref that looks like one keeps it as id.
    return /^[CGD][A-Z0-9]{6,}$/.test(ref) ? this.createChannel(ref.toLowerCase(), ref) : this.createChannel(clean);
  }

  channels(): SlackChannel[] {
    return [...this.#channels.values()];
  }

  post(channelId: string, m: { text: string; blocks?: unknown[]; threadTs?: string; extra?: Record<string, unknown> }): SlackMessage {
    const msg: SlackMessage = {
      channel: channelId,
      ts: this.#clock.next(),
      threadTs: m.threadTs,
      text: m.text,
      blocks: m.blocks,
      edits: [],
      postedAt: new Date().toISOString(),
      extra: m.extra ?? {},
    };
    this.#messages.get(channelId)!.push(msg);
    return msg;
  }

  find(channelId: string, ts: string): SlackMessage | undefined {
    return this.#messages.get(channelId)?.find((m) => m.ts === ts);
  }

  update(channelId: string, ts: string, m: { text?: string; blocks?: unknown[] }): SlackMessage | undefined {
    const msg = this.find(channelId, ts);
    if (!msg) return undefined;
    msg.edits.push({ at: new Date().toISOString(), text: msg.text, blocks: msg.blocks });
    if (m.text !== undefined) msg.text = m.text;
    if (m.blocks !== undefined) msg.blocks = m.blocks;
    return msg;
  }

  delete(channelId: string, ts: string): boolean {
    const list = this.#messages.get(channelId);
    const i = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (i < 0) return false;
    list!.splice(i, 1);
    return true;
  }

  postEphemeral(e: Omit<EphemeralMessage, 'ts' | 'postedAt'>): EphemeralMessage {
    const msg = { ...e, ts: this.#clock.next(), postedAt: new Date().toISOString() };
    this.#ephemeral.push(msg);
    return msg;
  }

  /** Replaces an ephemeral message in place (response_url replace_original / delete_original). */
  updateEphemeral(ts: string, m: { text: string; blocks?: unknown[]; deleted?: boolean }): EphemeralMessage | undefined {
    const e = this.#ephemeral.find((x) => x.ts === ts);
    if (!e) return undefined;
    (e.edits ??= []).push({ at: new Date().toISOString(), text: e.text, blocks: e.blocks });
    e.text = m.text;
    e.blocks = m.blocks;
    if (m.deleted) e.deleted = true;
    return e;
  }

  /** Top-level messages and thread replies of a channel (by id or name), oldest first. */
  messages(channelRef: string): SlackMessage[] {
    const ch = this.resolve(channelRef, false);
    return ch ? [...this.#messages.get(ch.id)!] : [];
  }

  /** Replies in one thread, oldest first. */
  thread(channelRef: string, threadTs: string): SlackMessage[] {
    return this.messages(channelRef).filter((m) => m.threadTs === threadTs);
  }

  ephemeral(filter: { channel?: string; user?: string } = {}): EphemeralMessage[] {
    const ch = filter.channel ? this.resolve(filter.channel, false)?.id : undefined;
    return this.#ephemeral.filter((e) => (!filter.channel || e.channel === ch) && (!filter.user || e.user === filter.user));
  }

  allMessages(): SlackMessage[] {
    return [...this.#messages.values()].flat();
  }
}
