/** The answer of the "Who am I" probe (`GET /rest/auth/1/session` with the browser's cookies), shared by popup and panel. */
export type WhoAmI = { kind: 'user'; name: string } | { kind: 'anonymous'; status: number } | { kind: 'error'; message: string };
