// The console's app icons, drawn at build time (Node): a rounded blue square with a white
// "lightning in a speech bubble" mark, antialiased by supersampling, encoded as PNG with zlib.
// Drawing it here keeps binary files out of the repository and any size a line away.
import { deflateSync } from 'node:zlib';

const BLUE = [11, 95, 255] as const;

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Coverage of the point (x, y) in a unit square: 0 outside, 1 blue, 2 white mark. */
function shade(x: number, y: number, maskable: boolean): 0 | 1 | 2 {
  // Maskable icons fill the square (the platform cuts its own shape); others are rounded.
  const r = maskable ? 0 : 0.22;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return 0;
  // The mark sits inside the maskable safe zone (the middle 80%).
  const u = (x - 0.5) / 0.62 + 0.5;
  const v = (y - 0.5) / 0.62 + 0.5;
  const bubble = (u - 0.5) ** 2 / 0.16 + (v - 0.47) ** 2 / 0.12 <= 1;
  const tail = v > 0.6 && v < 0.86 && u > 0.24 && u < 0.42 && u - 0.24 > (v - 0.6) * 0.55;
  const bolt =
    (v >= 0.2 && v <= 0.5 && u >= 0.5 - (v - 0.2) * 0.55 && u <= 0.62 - (v - 0.2) * 0.55) ||
    (v >= 0.44 && v <= 0.74 && u >= 0.43 - (v - 0.44) * 0.55 && u <= 0.55 - (v - 0.44) * 0.55) ||
    (v >= 0.44 && v <= 0.5 && u >= 0.4 && u <= 0.6);
  if ((bubble || tail) && !bolt) return 2;
  return 1;
}

export function iconPng(size: number, maskable = false): Buffer {
  const SS = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let blue = 0;
      let white = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const s = shade((x + (sx + 0.5) / SS) / size, (y + (sy + 0.5) / SS) / size, maskable);
          if (s === 1) blue++;
          else if (s === 2) white++;
        }
      }
      const n = SS * SS;
      const alpha = (blue + white) / n;
      const w = alpha === 0 ? 0 : white / (blue + white);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = Math.round(BLUE[0] + (255 - BLUE[0]) * w);
      raw[o + 1] = Math.round(BLUE[1] + (255 - BLUE[1]) * w);
      raw[o + 2] = Math.round(BLUE[2] + (255 - BLUE[2]) * w);
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
