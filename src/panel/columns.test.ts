import { describe, expect, it } from 'vitest';
import { COLUMNS, DEFAULT_COLUMN_STATE, fitColumns, minOf, nextSort, readColumnState, sortBy } from './columns';

describe('columns', () => {
  it('docked right at 500 px, #, status, path, user and login reason stay; what gave way is named', () => {
    // 500 px minus a scrollbar and the column chooser.
    const { shown, gaveWay } = fitColumns(DEFAULT_COLUMN_STATE, 500 - 15 - 22);
    expect(shown).toEqual(expect.arrayContaining(['index', 'status', 'path', 'user', 'reason']));
    expect(gaveWay.length).toBeGreaterThan(0);
    expect(shown.reduce((s, id) => s + minOf(DEFAULT_COLUMN_STATE, id), 0)).toBeLessThanOrEqual(463);
    expect(COLUMNS.find((c) => c.id === 'reason')!.min).toBeGreaterThanOrEqual(140); // AUTHENTICATION_DENIED whole
  });
  it('the request number never gives way: the story and findings name requests by it', () => {
    for (const width of [200, 300, 463, 767]) expect(fitColumns(DEFAULT_COLUMN_STATE, width).shown, String(width)).toContain('index');
  });
  it('wide enough: every column not hidden by the user', () => {
    expect(fitColumns(DEFAULT_COLUMN_STATE, 1000)).toEqual({ shown: COLUMNS.map((c) => c.id), gaveWay: [] });
    const state = { ...DEFAULT_COLUMN_STATE, hidden: ['challenge' as const] };
    expect(fitColumns(state, 1000).shown).not.toContain('challenge');
    expect(fitColumns(state, 1000).gaveWay).toEqual([]);
  });
  it('reads stored state defensively', () => {
    expect(readColumnState(null)).toEqual(DEFAULT_COLUMN_STATE);
    expect(readColumnState('{nope')).toEqual(DEFAULT_COLUMN_STATE);
    expect(readColumnState(JSON.stringify({ widths: { path: 5, user: 300, bogus: 9, time: 'x' }, hidden: ['status', 'time', 'time', 'x'], sort: { id: 'status', dir: 'desc' } }))).toEqual({
      widths: { path: 24, user: 300 },
      hidden: ['time'], // status cannot be hidden
      sort: { id: 'status', dir: 'desc' },
    });
    expect(readColumnState(JSON.stringify({ sort: { id: 'status', dir: 'sideways' } })).sort).toBeNull();
  });
  it('header clicks cycle ascending, descending, capture order', () => {
    expect(nextSort(null, 'status')).toEqual({ id: 'status', dir: 'asc' });
    expect(nextSort({ id: 'status', dir: 'asc' }, 'status')).toEqual({ id: 'status', dir: 'desc' });
    expect(nextSort({ id: 'status', dir: 'desc' }, 'status')).toBeNull();
    expect(nextSort({ id: 'status', dir: 'desc' }, 'user')).toEqual({ id: 'user', dir: 'asc' });
  });
  it('sorts stably, numbers numerically, empty values last both ways', () => {
    const rows = [
      { n: 1, s: 401, u: 'fred' },
      { n: 2, s: 200, u: '' },
      { n: 3, s: 1000, u: 'Anna' },
      { n: 4, s: 200, u: 'bob' },
    ];
    expect(sortBy(rows, (r) => r.s, 'asc').map((r) => r.n)).toEqual([2, 4, 1, 3]);
    expect(sortBy(rows, (r) => r.s, 'desc').map((r) => r.n)).toEqual([3, 1, 2, 4]);
    expect(sortBy(rows, (r) => r.u, 'asc').map((r) => r.n)).toEqual([3, 4, 1, 2]);
    expect(sortBy(rows, (r) => r.u, 'desc').map((r) => r.n)).toEqual([1, 4, 3, 2]);
  });
});
