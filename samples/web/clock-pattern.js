// A clock drawn into the picture and read back from decoded video: 24 bits of milliseconds and an
// 8-bit check, one big black or white block per bit along the bottom, so blur, scaling and
// compression leave it readable; a frame whose check fails is skipped, never misread.

const BITS = 32, ROWS = 2, PER_ROW = BITS / ROWS;

function layout(width, height) {
  const size = Math.floor(width / (PER_ROW + 2));
  return { size, left: size, top: height - ROWS * size - size / 2 };
}

function check(value) {
  return ((value & 0xff) ^ ((value >> 8) & 0xff) ^ ((value >> 16) & 0xff) ^ 0x5a) & 0xff;
}

export function drawClock(context, width, height, nowMs) {
  const value = Math.round(nowMs) & 0xffffff;
  const word = (value << 8 | check(value)) >>> 0;
  const { size, left, top } = layout(width, height);
  for (let bit = 0; bit < BITS; bit++) {
    context.fillStyle = (word >>> (BITS - 1 - bit)) & 1 ? '#fff' : '#000';
    context.fillRect(left + (bit % PER_ROW) * size, top + Math.floor(bit / PER_ROW) * size, size, size);
  }
}

// The milliseconds drawn into the frame, unwrapped to be at most 16.7 s before nowMs; null when unreadable.
export function readClock(context, width, height, nowMs) {
  const { size, left, top } = layout(width, height);
  let word = 0;
  for (let bit = 0; bit < BITS; bit++) {
    const x = left + (bit % PER_ROW) * size + size / 2, y = top + Math.floor(bit / PER_ROW) * size + size / 2;
    const [r, g, b] = context.getImageData(x, y, 1, 1).data;
    word = (word << 1 | ((r + g + b) / 3 > 128 ? 1 : 0)) >>> 0;
  }
  const value = word >>> 8;
  if ((word & 0xff) !== check(value)) return null;
  const now = Math.round(nowMs) & 0xffffff;
  return nowMs - ((now - value) & 0xffffff);
}
