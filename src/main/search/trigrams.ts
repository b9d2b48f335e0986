// A trigram index that narrows 10k+ catalog entries to the few hundred worth fuzzy-scoring, typos included.

/**
 * Each trigram of ` text ` as a small integer (the low byte of three UTF-16 units), so the index holds no short
 * strings. Two non-Latin trigrams may share a number: that only adds a candidate, which Fuse then ranks low.
 */
function eachTrigram(text: string, visit: (gram: number) => void): void {
  const padded = ` ${text} `;
  for (let i = 0; i + 3 <= padded.length; i++)
    visit(
      ((padded.charCodeAt(i) & 0xff) << 16) |
        ((padded.charCodeAt(i + 1) & 0xff) << 8) |
        (padded.charCodeAt(i + 2) & 0xff),
    );
}

export class TrigramIndex {
  private readonly postings = new Map<number, number[]>();
  private readonly texts: string[];

  constructor(texts: string[]) {
    this.texts = texts.map((t) => t.toLowerCase());
    this.texts.forEach((text, i) => {
      eachTrigram(text, (gram) => {
        const list = this.postings.get(gram);
        if (!list) this.postings.set(gram, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      });
    });
  }

  /**
   * Entries sharing the most trigrams with the query, at most `max`, best first. A query too short for trigrams
   * keeps the entries that contain it. A third of the query's trigrams must match, which lets a typo or two through.
   */
  candidates(query: string, max: number): number[] {
    const q = query.toLowerCase().trim();
    if (q.length < 3) {
      const out: number[] = [];
      for (let i = 0; i < this.texts.length && out.length < max; i++) if (this.texts[i]?.includes(q)) out.push(i);
      return out;
    }
    const grams = new Set<number>();
    eachTrigram(q, (gram) => grams.add(gram));
    const counts = new Uint16Array(this.texts.length);
    for (const gram of grams) for (const i of this.postings.get(gram) ?? []) counts[i] = (counts[i] ?? 0) + 1;
    const needed = Math.max(1, Math.ceil(grams.size / 3));
    const hits: number[] = [];
    counts.forEach((n, i) => {
      if (n >= needed) hits.push(i);
    });
    hits.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
    return hits.slice(0, max);
  }
}
