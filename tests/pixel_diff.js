// Compare two screenshots as Playwright's toHaveScreenshot does: pixelmatch's colour distance
// (YIQ) with its detection of anti-aliased pixels, which are left out. Ported from pixelmatch
// 5.3 (https://github.com/mapbox/pixelmatch, ISC licence, Copyright (c) 2019 Mapbox).
// Argument: [urls of the two PNGs, threshold 0..1]; answer: [pixels that differ, their rows].
async ([urls, threshold]) => {
  const images = await Promise.all(urls.map(async (url) => {
    const image = new Image(); image.src = url; await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext("2d"); context.drawImage(image, 0, 0);
    return context.getImageData(0, 0, image.width, image.height);
  }));
  const [a, b] = images;
  if (a.width !== b.width || a.height !== b.height)
    return [a.width * a.height, `sizes ${a.width}x${a.height} and ${b.width}x${b.height}`];
  const width = a.width, height = a.height;

  const blend = (c, alpha) => 255 + (c - 255) * alpha;
  const rgb2y = (r, g, b) => r * 0.29889531 + g * 0.58662247 + b * 0.11448223;
  const rgb2i = (r, g, b) => r * 0.59597799 - g * 0.2741761 - b * 0.32180189;
  const rgb2q = (r, g, b) => r * 0.21147017 - g * 0.52261711 + b * 0.31114694;
  // Squared YIQ distance of pixel k of img1 and m of img2, negative when img1's is brighter;
  // yOnly: the brightness difference alone.
  const colorDelta = (img1, img2, k, m, yOnly) => {
    let r1 = img1[k], g1 = img1[k + 1], b1 = img1[k + 2], a1 = img1[k + 3];
    let r2 = img2[m], g2 = img2[m + 1], b2 = img2[m + 2], a2 = img2[m + 3];
    if (a1 === a2 && r1 === r2 && g1 === g2 && b1 === b2) return 0;
    if (a1 < 255) { a1 /= 255; r1 = blend(r1, a1); g1 = blend(g1, a1); b1 = blend(b1, a1); }
    if (a2 < 255) { a2 /= 255; r2 = blend(r2, a2); g2 = blend(g2, a2); b2 = blend(b2, a2); }
    const y1 = rgb2y(r1, g1, b1), y2 = rgb2y(r2, g2, b2), y = y1 - y2;
    if (yOnly) return y;
    const i = rgb2i(r1, g1, b1) - rgb2i(r2, g2, b2);
    const q = rgb2q(r1, g1, b1) - rgb2q(r2, g2, b2);
    const delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
    return y1 > y2 ? -delta : delta;
  };
  const around = (x1, y1) => {
    const cells = [];
    for (let x = Math.max(x1 - 1, 0); x <= Math.min(x1 + 1, width - 1); x++)
      for (let y = Math.max(y1 - 1, 0); y <= Math.min(y1 + 1, height - 1); y++)
        if (x !== x1 || y !== y1) cells.push([x, y]);
    return cells;
  };
  const onEdge = (x, y) => (x === 0 || x === width - 1 || y === 0 || y === height - 1 ? 1 : 0);
  // More than two of the pixel's neighbours have exactly its colour.
  const hasManySiblings = (img, x1, y1) => {
    const pos = (y1 * width + x1) * 4;
    let zeroes = onEdge(x1, y1);
    for (const [x, y] of around(x1, y1)) {
      const pos2 = (y * width + x) * 4;
      if ([0, 1, 2, 3].every((c) => img[pos + c] === img[pos2 + c])) zeroes++;
      if (zeroes > 2) return true;
    }
    return false;
  };
  // The pixel lies between a darker and a brighter neighbour that both belong to a flat area.
  const antialiased = (img, x1, y1, img2) => {
    const pos = (y1 * width + x1) * 4;
    let zeroes = onEdge(x1, y1), min = 0, max = 0, minX, minY, maxX, maxY;
    for (const [x, y] of around(x1, y1)) {
      const delta = colorDelta(img, img, pos, (y * width + x) * 4, true);
      if (delta === 0) {
        zeroes++;
        if (zeroes > 2) return false;
      } else if (delta < min) { min = delta; minX = x; minY = y; }
      else if (delta > max) { max = delta; maxX = x; maxY = y; }
    }
    if (min === 0 || max === 0) return false;
    return (hasManySiblings(img, minX, minY) && hasManySiblings(img2, minX, minY))
      || (hasManySiblings(img, maxX, maxY) && hasManySiblings(img2, maxX, maxY));
  };

  const maxDelta = 35215 * threshold * threshold;
  let count = 0, top = -1, bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pos = (y * width + x) * 4;
      if (Math.abs(colorDelta(a.data, b.data, pos, pos)) <= maxDelta) continue;
      if (antialiased(a.data, x, y, b.data) || antialiased(b.data, x, y, a.data)) continue;
      count++; if (top < 0) top = y; bottom = y;
    }
  }
  return [count, `rows ${top} to ${bottom}`];
}
