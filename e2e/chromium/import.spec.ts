/**
 * HAR import in a worker: a large file shows its progress, the panel answers while it runs, Cancel leaves
 * the previous view as it was, and a broken file still gets its one-line error (hostile.spec.ts has more).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '../support/chromium';
import { generateHarEntries } from '../../bench/har-generator';

const small = generateHarEntries(6);

test('a large import shows progress, the panel stays usable, Cancel leaves the previous view', async ({ openPanel }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-import-'));
  const big = path.join(dir, 'big.har');
  writeFileSync(big, generateHarEntries(40_000)); // ~80 MB: several seconds of work in the worker
  try {
    const panel = await openPanel(1);
    await panel.getByTestId('filter-auth-only').uncheck();
    await panel.getByTestId('import-har').setInputFiles({ name: 'small.har', mimeType: 'application/json', buffer: Buffer.from(small) });
    await expect(panel.getByTestId('imported')).toContainText('small.har');
    await expect(panel.getByTestId('request-row')).toHaveCount(6);

    await panel.getByTestId('import-har').setInputFiles(big);
    await expect(panel.getByTestId('import-progress')).toContainText('Importing big.har');
    await expect(panel.getByTestId('import-progress-bar')).toBeVisible();
    // The main thread answers while the worker works: the filter takes typing and the list follows it.
    await panel.getByTestId('filter-text').fill('ABC-3');
    await expect(panel.getByTestId('request-row')).toHaveCount(1);
    await panel.getByTestId('filter-text').fill('');
    await expect(panel.getByTestId('import-progress')).toBeVisible(); // still importing
    await panel.getByTestId('import-cancel').click();
    await expect(panel.getByTestId('import-progress')).toHaveCount(0);
    await expect(panel.getByTestId('imported')).toContainText('small.har');
    await expect(panel.getByTestId('request-row')).toHaveCount(6);
    await expect(panel.getByTestId('error')).toHaveCount(0);

  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an import ends with the whole file on screen; its progress only moves forward', async ({ openPanel }) => {
  test.setTimeout(180_000); // a loaded machine: the work is seconds, but everything else here can be slow
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-import-'));
  const medium = path.join(dir, 'medium.har');
  writeFileSync(medium, generateHarEntries(5000));
  const panel = await openPanel(1);
  await panel.getByTestId('filter-auth-only').uncheck();
  await panel.getByTestId('import-har').setInputFiles(medium);
  const seen: number[] = [];
  await expect
    .poll(async () => {
      const v = await panel.getByTestId('import-progress-bar').evaluate((el) => (el as HTMLProgressElement).value, undefined, { timeout: 100 }).catch(() => null);
      if (v !== null) seen.push(v);
      return (await panel.getByTestId('imported').count()) > 0;
    }, { timeout: 150_000, intervals: [50] })
    .toBe(true);
  await expect(panel.getByTestId('imported')).toContainText('medium.har');
  expect(seen).toEqual([...seen].sort((a, b) => a - b)); // never backwards
  await expect(panel.getByTestId('summary')).toContainText('5000 requests');
  await panel.getByTestId('findings-toggle').click();
  await expect(panel.getByTestId('finding').first()).toBeVisible(); // analysed: the expired half has findings
  await expect(panel.getByTestId('import-progress')).toHaveCount(0);
  rmSync(dir, { recursive: true, force: true });
});

test('a broken file gets one clear line and the view stays', async ({ openPanel }) => {
  const panel = await openPanel(1);
  await panel.getByTestId('filter-auth-only').uncheck();
  await panel.getByTestId('import-har').setInputFiles({ name: 'small.har', mimeType: 'application/json', buffer: Buffer.from(small) });
  await expect(panel.getByTestId('request-row')).toHaveCount(6);
  await panel.getByTestId('import-har').setInputFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from(small.slice(0, 2000)) });
  await expect(panel.getByTestId('error')).toHaveText(/^broken\.har: .+/);
  expect((await panel.getByTestId('error').textContent())!.includes('\n')).toBe(false);
  await expect(panel.getByTestId('imported')).toContainText('small.har');
  await expect(panel.getByTestId('request-row')).toHaveCount(6);
  await expect(panel.getByTestId('import-progress')).toHaveCount(0);
});
