// A small landscape PNG made on the spot (sky, sun, two hills), so the tests and screenshots show a
// real picture without shipping one.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = bytes => (bytes.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function pixel(x, y, w, h) {
  const hill1 = h * 0.62 + Math.sin(x / w * Math.PI * 1.3) * h * 0.12;
  const hill2 = h * 0.78 + Math.cos(x / w * Math.PI * 2.1) * h * 0.06;
  if (y > hill2) return [46, 110, 64];
  if (y > hill1) return [86, 150, 92];
  if (Math.hypot(x - w * 0.75, y - h * 0.28) < h * 0.1) return [255, 206, 84];
  const t = y / h;
  return [Math.round(120 + 110 * t), Math.round(170 + 60 * t), 235];
}

export function landscapePng(width = 480, height = 320) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(pixel(x, y, width, height), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
