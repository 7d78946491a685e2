/** Identity of the Firefox build (browser_specific_settings.gecko.id); tests pin its moz-extension UUID. */
export const GECKO_ID = 'seraph-lens@seraph-lens.dev';
