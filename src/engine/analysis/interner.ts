/**
 * One copy of each distinct text. The analyser keeps every finding until the report is written: a long log
 * raises tens of thousands, mostly the same few sentences about the same few pages, and each was its own
 * string (built from pieces). Interned, a repeated message, fix, URL or method costs one pointer.
 */
export class Interner {
  private readonly texts = new Map<string, string>();

  of(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }
}
