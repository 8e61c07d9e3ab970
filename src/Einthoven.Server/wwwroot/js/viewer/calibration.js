// Screen calibration. CSS defines 1 mm as 96/25.4 CSS pixels, and the browser maps CSS pixels to device pixels with
// devicePixelRatio; that is only physically exact when the operating system knows the screen's real density. A user
// factor, measured once against a credit card (85.60 mm wide) on the settings page, corrects it and is stored in
// localStorage.
export const CssPxPerMm = 96 / 25.4;
export const CardWidthMm = 85.6;
const Key = 'einthoven.screen.calibration';
const Min = 0.5;
const Max = 2;

export function userFactor() {
  const value = Number(localStorage.getItem(Key));
  return Number.isFinite(value) && value >= Min && value <= Max ? value : 1;
}

export function setUserFactor(factor) {
  if (!(factor >= Min && factor <= Max)) throw new RangeError(`the calibration factor must be between ${Min} and ${Max}`);
  if (factor === 1) localStorage.removeItem(Key);
  else localStorage.setItem(Key, String(factor));
}

/** CSS pixels per on-screen millimetre. */
export const pxPerMm = () => CssPxPerMm * userFactor();
