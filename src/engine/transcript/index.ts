/** Transcripts in, like HAR (issue #24): the surface the CLI and the panel use. */
export { detectInput, readTranscript, TranscriptError, type InputFormat, type TranscriptRead } from './transcript';
export { writeRedactedTranscript } from './write';
export { UNKNOWN_HOST, UNKNOWN_METHOD, UNKNOWN_SCHEME, type Lack } from './unknown';
export { FORMAT_NAMES, LACK_NAMES, LACK_SHORT, formatName } from './names';
