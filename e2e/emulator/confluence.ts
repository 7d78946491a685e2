/**
 * Confluence-like content whose visibility gives away who you are: a public space anyone may read and a
 * team space for signed-in users only, so /rest/api/content lists more for a user than for anonymous.
 */
import type { Profile } from './profile';

export interface Space {
  key: string;
  name: string;
  /** Readable by anonymous visitors (on a site that allows anonymous access). */
  public: boolean;
}

export interface ConfluencePage {
  id: number;
  space: Space;
  title: string;
  body: string;
}

export const SPACES: readonly Space[] = [
  { key: 'PUB', name: 'Public space', public: true },
  { key: 'TEAM', name: 'Team space', public: false },
];

const [PUB, TEAM] = SPACES as [Space, Space];

export const CONFLUENCE_PAGES: readonly ConfluencePage[] = [
  { id: 65537, space: PUB, title: 'Welcome', body: 'Welcome to the public space. Anyone may read this page.' },
  { id: 65538, space: PUB, title: 'FAQ', body: 'Frequently asked questions, public.' },
  { id: 98305, space: TEAM, title: 'Roadmap', body: 'The team roadmap: signed-in users only.' },
  { id: 98306, space: TEAM, title: 'Meeting notes', body: 'Notes of the weekly meeting: signed-in users only.' },
  { id: 98307, space: TEAM, title: 'Release plan', body: 'What ships when: signed-in users only.' },
];

export const canRead = (page: ConfluencePage, signedIn: boolean) => signedIn || page.space.public;

export function visiblePages(signedIn: boolean): ConfluencePage[] {
  return CONFLUENCE_PAGES.filter((p) => canRead(p, signedIn));
}

/** Confluence writes spaces in titles as `+` in /display/ URLs. */
export const titleSlug = (title: string) => encodeURIComponent(title).replace(/%20/g, '+');

/** The page's address in the browser: /display/SPACE/Title on Data Center, /wiki/spaces/SPACE/pages/ID/Title on Cloud. */
export function pageUrl(page: ConfluencePage, profile: Profile): string {
  return profile.cloud ? `${profile.base}/spaces/${page.space.key}/pages/${page.id}/${titleSlug(page.title)}` : `/display/${page.space.key}/${titleSlug(page.title)}`;
}

export function contentJson(page: ConfluencePage, origin: string, profile: Profile) {
  return {
    id: String(page.id),
    type: 'page',
    status: 'current',
    title: page.title,
    space: { key: page.space.key, name: page.space.name },
    _links: { webui: pageUrl(page, profile).slice(profile.base.length), self: `${origin}${profile.base}/rest/api/content/${page.id}` },
  };
}

/** GET /rest/api/content: what the caller may read, filtered by spaceKey and title, paged by start and limit like Confluence. */
export function listContent(url: URL, signedIn: boolean, origin: string, profile: Profile) {
  const spaceKey = url.searchParams.get('spaceKey');
  const title = url.searchParams.get('title');
  const start = Math.max(0, Math.floor(Number(url.searchParams.get('start')) || 0));
  const limit = Math.min(100, Math.max(0, Math.floor(Number(url.searchParams.get('limit') ?? 25) || 0)));
  const all = visiblePages(signedIn).filter((p) => (!spaceKey || p.space.key === spaceKey) && (!title || p.title === title));
  const results = all.slice(start, start + limit).map((p) => contentJson(p, origin, profile));
  return { results, start, limit, size: results.length, _links: { base: `${origin}${profile.base}`, context: profile.base } };
}
