/** Server/Data Center (default) or Cloud behaviour. */
export type Mode = 'server' | 'cloud';
