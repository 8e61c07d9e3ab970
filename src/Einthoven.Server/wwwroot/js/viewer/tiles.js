// Tiles of the server's decimated windows: at level k a tile holds tilePoints buckets of 2^k samples (raw samples at
// level 0) for every lead, with the annotations inside. Visible tiles load first, then one tile on each side, so that
// panning finds its data already there, then the next finer and coarser levels, so that a zoom step finds its data
// too; a missing tile is drawn from the nearest coarser tile meanwhile. Beat marks are only legible up to
// MaxAnnotatedLevel, so coarser tiles are asked for without annotations, which keeps them small.
import { maxLevelFor, tileIndices, tileRequest } from './scale.js';

export const MaxAnnotatedLevel = 5;

export class TileStore {
  constructor({ recordingId, fs, sampleCount, tilePoints = 1024, maxConcurrent = 4, maxTiles = 400, onLoad, onError }) {
    Object.assign(this, { recordingId, fs, sampleCount, tilePoints, maxConcurrent, maxTiles, onLoad, onError });
    this.maxLevel = maxLevelFor(sampleCount, tilePoints);
    this.tiles = new Map();
    this.loading = new Map();
    this.failed = new Map();
    this.wanted = [];
    this.generation = 0;
    this.fetched = 0;
  }

  key = (level, index) => `${level}/${index}`;

  /**
   * What to draw for samples [s0, s1) at a level: ordered segments, each a sample range with the tile that covers it
   * (the level's own, or a coarser one while that loads). Queues what is missing.
   */
  cover(level, s0, s1) {
    const indices = tileIndices(level, this.tilePoints, this.sampleCount, s0, s1);
    const size = this.tilePoints * 2 ** level;
    const segments = [];
    let complete = true;
    for (const index of indices) {
      const start = index * size;
      const end = Math.min(this.sampleCount, start + size);
      const own = this.touch(level, index);
      if (own) { segments.push({ start, end, tile: own, exact: true }); continue; }
      complete = false;
      const fallback = this.coarser(level, start);
      if (fallback) segments.push({ start, end, tile: fallback, exact: false });
    }
    const neighbours = indices.length ? [indices[0] - 1, indices[indices.length - 1] + 1] : [];
    this.wanted = [
      ...indices.map(i => [level, i]),
      ...tileIndices(this.maxLevel, this.tilePoints, this.sampleCount, s0, s1).map(i => [this.maxLevel, i]),
      ...neighbours.filter(i => i >= 0 && i * size < this.sampleCount).map(i => [level, i]),
      ...[level - 1, level + 1].filter(l => l >= 0 && l < this.maxLevel)
        .flatMap(l => tileIndices(l, this.tilePoints, this.sampleCount, s0, s1).map(i => [l, i])),
    ];
    this.cancelUnwanted();
    this.pump();
    return { segments, complete };
  }

  /** True while a tile is loading or queued. */
  get busy() { return this.loading.size > 0 || this.wanted.some(([l, i]) => !this.tiles.has(this.key(l, i))); }

  /** Forgets every tile (the annotations changed). */
  clear() {
    this.generation++;
    this.tiles.clear();
    this.loading.clear();
    this.failed.clear();
  }

  touch(level, index) {
    const key = this.key(level, index);
    const tile = this.tiles.get(key);
    if (tile) { this.tiles.delete(key); this.tiles.set(key, tile); } // Map order doubles as recency for eviction
    return tile;
  }

  coarser(level, sample) {
    for (let l = level + 1; l <= this.maxLevel; l++) {
      const tile = this.tiles.get(this.key(l, Math.floor(sample / (this.tilePoints * 2 ** l))));
      if (tile) return tile;
    }
    return null;
  }

  /** Frees the connections for what the view needs now: a jump elsewhere must not queue behind the old prefetches. */
  cancelUnwanted() {
    const wanted = new Set(this.wanted.map(([l, i]) => this.key(l, i)));
    for (const [key, controller] of this.loading) {
      if (wanted.has(key)) continue;
      controller.abort();
      this.loading.delete(key);
    }
  }

  pump() {
    for (const [level, index] of this.wanted) {
      if (this.loading.size >= this.maxConcurrent) return;
      const key = this.key(level, index);
      if (this.tiles.has(key) || this.loading.has(key) || (this.failed.get(key) ?? 0) > performance.now()) continue;
      this.load(level, index, key);
    }
  }

  async load(level, index, key) {
    const generation = this.generation;
    const request = tileRequest(level, index, this.tilePoints, this.sampleCount, this.fs);
    const annotations = level > MaxAnnotatedLevel ? '&annotations=none' : '';
    const url = `/api/recordings/${this.recordingId}/window?from=${request.from}&to=${request.to}&points=${request.points}${annotations}`;
    const controller = new AbortController();
    this.loading.set(key, controller);
    try {
      const response = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
      if (!response.ok) throw Object.assign(new Error(`the server answered ${response.status}`), { status: response.status });
      const tile = toTile(await response.json(), level, index);
      if (generation !== this.generation) return;
      this.tiles.set(key, tile);
      this.fetched++;
      this.evict();
      this.onLoad?.(tile);
    } catch (e) {
      if (generation !== this.generation || e.name === 'AbortError') return;
      this.failed.set(key, performance.now() + 5000);
      this.onError?.(e);
    } finally {
      if (this.loading.get(key) === controller) this.loading.delete(key);
      this.pump();
    }
  }

  evict() {
    for (const key of this.tiles.keys()) {
      if (this.tiles.size <= this.maxTiles) return;
      if (!key.startsWith(`${this.maxLevel}/`)) this.tiles.delete(key);
    }
  }
}

function toTile(window, level, index) {
  return {
    level, index,
    start: window.startSample, end: window.endSample,
    raw: window.mode === 'raw',
    leads: window.leads.map(l => ({ index: l.index, samples: l.samples && Int32Array.from(l.samples), min: l.min && Int32Array.from(l.min), max: l.max && Int32Array.from(l.max) })),
    annotations: window.annotations,
    truncated: window.annotationsTruncated,
  };
}
