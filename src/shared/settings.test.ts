import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSiteInput, readSettings } from './settings';

describe('parseSiteInput', () => {
  it.each([
    ['https://jira.corp.example/secure/Dashboard.jspa', 'https://jira.corp.example', 'https://jira.corp.example/*'],
    ['jira.corp.example', 'https://jira.corp.example', 'https://jira.corp.example/*'],
    ['  HTTPS://Jira.Corp.Example:443/ ', 'https://jira.corp.example', 'https://jira.corp.example/*'],
    ['http://jira.local:8080/jira', 'http://jira.local:8080', 'http://jira.local/*'],
    ['http://127.0.0.1:2990', 'http://127.0.0.1:2990', 'http://127.0.0.1/*'],
  ])('%s → %s asking for %s', (input, origin, pattern) => {
    expect(parseSiteInput(input)).toEqual({ origin, pattern });
  });

  it.each([
    ['', 'Type the address'],
    ['ftp://files.example', 'Only http:// and https://'],
    ['https://*.corp.example', 'wildcards'],
    ['https://fred:secret@jira.example', 'user name and password'],
    ['http://exa mple', 'is not a web address'],
  ])('refuses %j', (input, message) => {
    const r = parseSiteInput(input);
    expect('error' in r && r.error).toContain(message);
  });
});

describe('readSettings', () => {
  it('defaults for nothing stored or garbage', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('x')).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ sites: 'no', maxPerTab: 'many', keepAcrossNavigation: 1 })).toEqual(DEFAULT_SETTINGS);
  });
  it('normalises and de-duplicates sites, drops invalid ones, clamps the retention', () => {
    expect(readSettings({ sites: ['jira.corp.example', 'https://JIRA.corp.example/x', 'ftp://no', 7], maxPerTab: 5, keepAcrossNavigation: false })).toEqual({
      sites: ['https://jira.corp.example'],
      maxPerTab: 100,
      keepAcrossNavigation: false,
    });
    expect(readSettings({ maxPerTab: 1e9 }).maxPerTab).toBe(20_000);
  });
});
