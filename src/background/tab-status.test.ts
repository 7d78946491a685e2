import { describe, expect, it } from 'vitest';
import { TabStatusTracker } from './tab-status';
import { Traffic } from '../engine/test-support/exchanges';
import type { CapturedExchange } from '../shared/protocol';

/** A stored log the tracker reads, like LogStore: records numbered, the oldest dropped beyond `keep`. */
function fakeLog(keep = 1000) {
  const stored: CapturedExchange[] = [];
  let reads = 0;
  return {
    stored,
    get reads() {
      return reads;
    },
    store(batch: CapturedExchange[]) {
      stored.push(...batch);
      stored.splice(0, Math.max(0, stored.length - keep));
      return batch;
    },
    tracker: (retention = keep) =>
      new TabStatusTracker({
        readLog: async () => {
          reads++;
          return stored.slice();
        },
        analyzerOptions: () => ({}),
        retention: () => retention,
      }),
  };
}

describe('TabStatusTracker', () => {
  it('follows appends: signed in, then expired when pages turn anonymous', async () => {
    const t = new Traffic();
    const log = fakeLog();
    const tracker = log.tracker();
    await tracker.append(1, log.store([t.formLogin('fred'), t.page('/secure/Dashboard.jspa', 'fred')]));
    expect((await tracker.statuses(1, Date.now())).map((s) => `${s.kind} ${s.user}`)).toEqual(['signed-in fred']);
    t.advance(3_600_000);
    await tracker.append(1, log.store([t.page('/issues/?jql=')]));
    expect((await tracker.statuses(1, Date.now()))[0]!.kind).toBe('expired');
  });

  it('after a restart (a new tracker) rebuilds from the stored log, and appends that race the rebuild count once', async () => {
    const t = new Traffic();
    const log = fakeLog();
    log.store([t.formLogin('fred')]);
    const restarted = log.tracker();
    // The batch is already stored when the tracker hears of it, as with LogStore.onAppended.
    const racing = restarted.append(1, log.store([t.restLogin('fred', false)]));
    const again = restarted.append(1, [log.stored.at(-1)!]);
    await Promise.all([racing, again]);
    const [s] = await restarted.statuses(1, Date.now());
    expect(s!.kind).toBe('login-failed');
    expect(s!.groups.filter((g) => g.code === 'login-failed').map((g) => g.count)).toEqual([1]); // not twice
    expect(log.reads).toBe(1);
  });

  it('rebuilds from the retained log after half the retention more, so memory stays bounded', async () => {
    const t = new Traffic();
    const log = fakeLog(10);
    const tracker = log.tracker(10);
    await tracker.append(1, log.store([t.formLogin('fred')]));
    t.advance(3_600_000);
    for (let i = 0; i < 25; i++) await tracker.append(1, log.store([t.page(`/p${i}`)]));
    const [s] = await tracker.statuses(1, Date.now());
    // The login left the retained log: the state is what the last 10 records tell (anonymous pages of a session nobody named).
    // Built on the first append, then rebuilt on every 7th (6 records fed is more than 10 / 2).
    expect(log.reads).toBe(4);
    expect(s!.groups.length).toBeLessThanOrEqual(3);
    expect(s!.kind).toBe('anonymous');
  });

  it('a storage failure on rebuild starts empty instead of wedging the tab', async () => {
    const t = new Traffic();
    const tracker = new TabStatusTracker({ readLog: () => Promise.reject(new Error('gone')), analyzerOptions: () => ({}), retention: () => 100 });
    await tracker.append(7, [t.formLogin('fred')]);
    expect((await tracker.statuses(7, Date.now()))[0]!.kind).toBe('signed-in');
  });

  it('self-hosted sites from the settings make an origin without fingerprints Atlassian', async () => {
    const t = new Traffic('https://jira.corp.example');
    const ex = t.req('/secure/Dashboard.jspa', { user: null });
    let sites: string[] = [];
    const tracker = new TabStatusTracker({ readLog: async () => [ex], analyzerOptions: () => ({ extraAtlassianOrigins: sites }), retention: () => 100 });
    expect(await tracker.statuses(1, Date.now())).toEqual([]);
    sites = ['jira.corp.example'];
    tracker.forgetAll();
    expect((await tracker.statuses(1, Date.now())).map((s) => s.kind)).toEqual(['anonymous']);
  });
});
