// Pure geometry of the viewer: resolution levels, tiles, grid lines and time ticks. No DOM here.

/** The finest level whose buckets (2^level samples) are no narrower than a device pixel; 0 means raw samples. */
export function levelFor(samplesPerDevicePixel, maxLevel) {
  if (!(samplesPerDevicePixel > 1)) return 0;
  return Math.min(maxLevel, Math.floor(Math.log2(samplesPerDevicePixel)));
}

/** Smallest level at which one tile covers the whole record. */
export const maxLevelFor = (sampleCount, tilePoints) => Math.max(0, Math.ceil(Math.log2(Math.max(1, sampleCount / tilePoints))));

/** Indices of the tiles of a level that overlap samples [s0, s1). */
export function tileIndices(level, tilePoints, sampleCount, s0, s1) {
  const size = tilePoints * 2 ** level;
  const first = Math.max(0, Math.floor(Math.max(0, s0) / size));
  const last = Math.min(Math.ceil(sampleCount / size) - 1, Math.floor((Math.min(s1, sampleCount) - 1) / size));
  const out = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

/**
 * The window request for one tile: seconds nudged a quarter sample inwards, so that the server's floor/ceil of
 * seconds x rate lands exactly on the tile's sample bounds whatever the rounding of the division.
 */
export function tileRequest(level, index, tilePoints, sampleCount, fs) {
  const size = tilePoints * 2 ** level;
  const start = index * size;
  const end = Math.min(sampleCount, start + size);
  return { start, end, from: (start + 0.25) / fs, to: (end - 0.25) / fs, points: Math.ceil((end - start) / 2 ** level) };
}

/**
 * Positions of paper lines between x0 and x1 (CSS px) spaced `spacing` apart with one at `origin`, each snapped to
 * the centre of a device pixel so that 1-pixel lines stay sharp; every 5th is major. Positions come from the line's
 * own index, so rounding never accumulates along the paper.
 */
export function gridLines(x0, x1, origin, spacing, dpr) {
  const lines = [];
  const first = Math.ceil((x0 - origin) / spacing);
  const last = Math.floor((x1 - origin) / spacing);
  for (let k = first; k <= last; k++) {
    const x = origin + k * spacing;
    lines.push({ x: (Math.floor(x * dpr) + 0.5) / dpr, major: ((k % 5) + 5) % 5 === 0 });
  }
  return lines;
}

const tickSteps = [0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600];

/** A time-ruler step (seconds) that leaves at least minPx between labels. */
export function tickStep(pxPerSecond, minPx) {
  return tickSteps.find(step => step * pxPerSecond >= minPx) ?? tickSteps[tickSteps.length - 1];
}

/** Clamp the view start so that the view stays inside the domain [d0, d1] (left-aligned when the domain is shorter). */
export function clampStart(t0, visible, d0, d1) {
  if (d1 - d0 <= visible) return d0;
  return Math.min(Math.max(t0, d0), d1 - visible);
}
