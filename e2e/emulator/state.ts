/** Everything one emulator instance knows, shared by its route handlers. */
import type { Clock } from './clock';
import type { Directory, LoginRecords } from './auth';
import type { Mode } from './mode';
import type { SessionStore } from './sessions';
import type { EmulatorUser } from './users';

export interface RequestLogEntry {
  method: string;
  url: string;
  status: number;
}

export interface EmulatorState {
  mode: Mode;
  /** Origin printed in links and login-url; the listening URL unless publicOrigin was given. */
  origin: string;
  /** Served over HTTPS: cookies get Secure. */
  secure: boolean;
  sessionCookieName: string;
  cookieMaxAgeSec: number | null;
  users: readonly EmulatorUser[];
  clock: Clock;
  sessions: SessionStore;
  directory: Directory;
  records: LoginRecords;
  log: RequestLogEntry[];
}
