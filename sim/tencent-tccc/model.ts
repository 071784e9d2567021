// The state behind the TCCC simulator: one application (SdkAppId), its API
// keys, its staff with their statuses, its call records, and a clock tests
// can move. Status changes follow what TCCC allows: an offline agent must be
// brought online first, an agent on a call cannot be set.
import { SimClock } from '../clock.ts';

export type SimStaffStatus = 'free' | 'busy' | 'rest' | 'notReady' | 'afterCallWork' | 'offline';

export interface SimStaff {
  email: string;
  name: string;
  staffNumber: string;
  status: SimStaffStatus;
  reason: string;
  /** Unix seconds. */
  lastStatusAt: number;
  lastOnlineAt: number;
  skillGroupId: number;
  skillGroupName: string;
}

/** A record shaped like TelCdrInfo (the fields the simulator fills). */
export type SimCdr = {
  SessionId: string;
  Time: number;
  Direction: 0 | 1;
  CallType: number;
  EndStatus: number;
  EndStatusString: string;
} & Record<string, unknown>;

export interface SimCredential {
  secretKey: string;
  /** When set, requests must carry it as X-TC-Token. */
  token?: string;
}

export { SimClock };

export interface StatusChangeResult {
  errorCode: string;
  errorMessage: string;
  previousStatus: string;
  previousReason: string;
  status: string;
  reason: string;
}

export class TcccModel {
  readonly sdkAppId: number;
  readonly clock = new SimClock();
  readonly credentials = new Map<string, SimCredential>();
  readonly staff = new Map<string, SimStaff>();
  readonly #cdrs: SimCdr[] = [];
  readonly #sessionIds = new Set<string>();

  constructor(sdkAppId: number) {
    this.sdkAppId = sdkAppId;
  }

  addStaff(s: Omit<SimStaff, 'lastStatusAt' | 'lastOnlineAt' | 'reason'> & Partial<SimStaff>): SimStaff {
    const now = this.clock.nowSeconds();
    const staff: SimStaff = { reason: '', lastStatusAt: now - 600, lastOnlineAt: now - 3600, ...s };
    this.staff.set(staff.email, staff);
    return staff;
  }

  /** Test hook: put an agent in any status (e.g. `busy`, which only a call produces). */
  forceStatus(email: string, status: SimStaffStatus, reason = ''): void {
    const s = this.#get(email);
    s.status = status;
    s.reason = reason;
    s.lastStatusAt = this.clock.nowSeconds();
  }

  #get(email: string): SimStaff {
    const s = this.staff.get(email);
    if (!s) throw new Error(`no staff ${email}`);
    return s;
  }

  /** SetStaffStatus for one agent: the per-item result TCCC reports. */
  setStatus(email: string, status: 'free' | 'notReady' | 'rest', reason: string): StatusChangeResult {
    const s = this.staff.get(email);
    const refused = (errorCode: string, errorMessage: string): StatusChangeResult => ({
      errorCode,
      errorMessage,
      previousStatus: s?.status ?? '',
      previousReason: s?.reason ?? '',
      status: s?.status ?? '',
      reason: s?.reason ?? '',
    });
    if (!s) return refused('InvalidParameterValue.AccountNotExist', `staff ${email} does not exist`);
    if (s.status === 'offline') return refused('FailedOperation.CurStateNotAllowModify', 'staff is offline');
    if (s.status === 'busy') return refused('FailedOperation.SeatStatusBusy', 'staff is in a call');
    const previousStatus = s.status;
    const previousReason = s.reason;
    s.status = status;
    s.reason = status === 'rest' || status === 'notReady' ? reason : '';
    s.lastStatusAt = this.clock.nowSeconds();
    return { errorCode: '', errorMessage: '', previousStatus, previousReason, status: s.status, reason: s.reason };
  }

  /** ForceMemberOffline: false when there is no such agent. */
  forceOffline(email: string): boolean {
    const s = this.staff.get(email);
    if (!s) return false;
    s.status = 'offline';
    s.reason = '';
    s.lastStatusAt = this.clock.nowSeconds();
    return true;
  }

  /**
   * RestoreMemberOnline: an offline agent comes back ready (free). Which
   * status TCCC restores is not documented; an agent already online stays as is.
   */
  restoreOnline(email: string): boolean {
    const s = this.staff.get(email);
    if (!s) return false;
    if (s.status === 'offline') {
      const now = this.clock.nowSeconds();
      s.status = 'free';
      s.reason = '';
      s.lastStatusAt = now;
      s.lastOnlineAt = now;
    }
    return true;
  }

  addCdr(cdr: SimCdr): void {
    if (this.#sessionIds.has(cdr.SessionId)) throw new Error(`duplicate session ${cdr.SessionId}`);
    this.#sessionIds.add(cdr.SessionId);
    this.#cdrs.push(cdr);
  }

  get cdrCount(): number {
    return this.#cdrs.length;
  }

  /** Records whose Time falls in [start, end], newest first (as a console lists them). */
  cdrsBetween(start: number, end: number, filter: { phones?: string[]; sessionIds?: string[] } = {}): SimCdr[] {
    return this.#cdrs
      .filter(
        (c) =>
          c.Time >= start &&
          c.Time <= end &&
          (!filter.phones?.length || filter.phones.includes(String(c.Caller)) || filter.phones.includes(String(c.Callee))) &&
          (!filter.sessionIds?.length || filter.sessionIds.includes(c.SessionId)),
      )
      .sort((a, b) => b.Time - a.Time || (a.SessionId < b.SessionId ? 1 : -1));
  }

  findCdr(sessionId: string): SimCdr | undefined {
    return this.#cdrs.find((c) => c.SessionId === sessionId);
  }

  clearCdrs(): void {
    this.#cdrs.length = 0;
    this.#sessionIds.clear();
  }
}
