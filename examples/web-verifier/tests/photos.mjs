// Photo-like test images, drawn in Chromium: a printed certificate lying
// slightly askew on a desk, in uneven light, with sensor noise and JPEG
// compression; with the certificate's QR code on it, with a small one (150
// pixels) and without.
// Also a Y4M clip of the QR for Chromium's fake camera.
import fs from 'node:fs';
import path from 'node:path';

// Runs in the page. Deterministic: the noise comes from a seeded generator.
function drawScene({ qrDataUrl, width, height, paper, withQr, quality }) {
  return new Promise((resolve, reject) => {
    const qr = new Image();
    qr.onerror = () => reject(new Error('QR image did not load'));
    qr.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d');
      const desk = g.createLinearGradient(0, 0, width, height);
      desk.addColorStop(0, '#6b4a2f');
      desk.addColorStop(1, '#3e2a1a');
      g.fillStyle = desk;
      g.fillRect(0, 0, width, height);

      g.save();
      g.translate(width / 2, height / 2);
      g.rotate(paper.angle);
      g.shadowColor = 'rgba(0,0,0,0.5)';
      g.shadowBlur = 30;
      g.shadowOffsetX = 12;
      g.shadowOffsetY = 16;
      g.fillStyle = '#f4f1e8';
      g.fillRect(-paper.w / 2, -paper.h / 2, paper.w, paper.h);
      g.shadowColor = 'transparent';
      const left = -paper.w / 2 + paper.margin;
      const top = -paper.h / 2 + paper.margin;
      g.fillStyle = '#1f2937';
      g.font = `bold ${paper.font * 1.4}px "Mukti", "Lohit Bengali", sans-serif`;
      g.fillText('সারিয়াকান্দি পৌরসভা', left, top + paper.font * 1.4);
      g.font = `${paper.font}px "Mukti", "Lohit Bengali", sans-serif`;
      g.fillText('নাগরিকত্ব সনদ · Citizenship Certificate', left, top + paper.font * 3.2);
      g.fillStyle = '#9ca3af';
      for (let line = 0; line < 7; line++) {
        g.fillRect(left, top + paper.font * (5 + line * 1.6), (paper.w - 2 * paper.margin) * (line % 3 === 2 ? 0.55 : 0.62), paper.font * 0.5);
      }
      const size = paper.qr;
      const qrLeft = paper.w / 2 - paper.margin - size;
      const qrTop = paper.h / 2 - paper.margin - size;
      if (withQr) {
        g.filter = `blur(${paper.blur ?? 0.8}px)`;
        g.drawImage(qr, qrLeft, qrTop, size, size);
        g.filter = 'none';
      } else {
        g.strokeStyle = '#7c2d12';
        g.lineWidth = 6;
        g.beginPath();
        g.arc(qrLeft + size / 2, qrTop + size / 2, size / 2.6, 0, 2 * Math.PI);
        g.stroke();
        g.fillStyle = '#7c2d12';
        g.font = `${paper.font}px "Mukti", sans-serif`;
        g.fillText('সিল', qrLeft + size / 2 - paper.font, qrTop + size / 2 + paper.font / 3);
      }
      g.restore();

      const light = g.createRadialGradient(width * 0.3, height * 0.25, 10, width * 0.3, height * 0.25, width);
      light.addColorStop(0, 'rgba(255,250,235,0.18)');
      light.addColorStop(1, 'rgba(0,0,0,0.35)');
      g.fillStyle = light;
      g.fillRect(0, 0, width, height);

      const pixels = g.getImageData(0, 0, width, height);
      let seed = 20250101;
      const random = () => {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        return seed / 4294967296;
      };
      for (let i = 0; i < pixels.data.length; i += 4) {
        const n = (random() - 0.5) * 24;
        pixels.data[i] += n;
        pixels.data[i + 1] += n;
        pixels.data[i + 2] += n;
      }
      g.putImageData(pixels, 0, 0);
      if (quality) {
        resolve({ jpeg: canvas.toDataURL('image/jpeg', quality) });
      } else {
        resolve({ rgba: Array.from(g.getImageData(0, 0, width, height).data) });
      }
    };
    qr.src = qrDataUrl;
  });
}

// Chromium's fake camera plays a Y4M file: 4:2:0 frames, BT.601 full range.
function y4m(rgba, width, height, frames) {
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 4;
      y[row * width + col] = Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]);
    }
  }
  for (let row = 0; row < height / 2; row++) {
    for (let col = 0; col < width / 2; col++) {
      const i = (2 * row * width + 2 * col) * 4;
      const [r, g, b] = [rgba[i], rgba[i + 1], rgba[i + 2]];
      const clamp = (x) => Math.max(0, Math.min(255, Math.round(x)));
      u[row * (width / 2) + col] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      v[row * (width / 2) + col] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array(frames).fill(frame)]);
}

export async function makePhotos(browser, qrPng, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const page = await browser.newPage();
  const qrDataUrl = `data:image/png;base64,${fs.readFileSync(qrPng).toString('base64')}`;
  const photo = { width: 1600, height: 1200, paper: { angle: -0.1, w: 1050, h: 1000, margin: 60, font: 34, qr: 420 }, quality: 0.82 };
  const write = (name, dataUrl) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.from(dataUrl.split(',')[1], 'base64'));
    return file;
  };
  const withQr = write('photo-with-qr.jpg', (await page.evaluate(drawScene, { ...photo, qrDataUrl, withQr: true })).jpeg);
  const withoutQr = write('photo-without-qr.jpg', (await page.evaluate(drawScene, { ...photo, qrDataUrl, withQr: false })).jpeg);
  // The certificate's QR only 150 pixels wide, 1.6 pixels a module, as in a photo taken from too far
  // away: zxing reads it only from the photo enlarged.
  const smallPhoto = { ...photo, paper: { ...photo.paper, qr: 150, blur: 0.5 } };
  const smallQr = write('photo-small-qr.jpg', (await page.evaluate(drawScene, { ...smallPhoto, qrDataUrl, withQr: true })).jpeg);
  const frame = { width: 640, height: 480, paper: { angle: 0.05, w: 600, h: 470, margin: 20, font: 16, qr: 400 }, qrDataUrl, withQr: true };
  const { rgba } = await page.evaluate(drawScene, frame);
  const camera = path.join(dir, 'camera.y4m');
  fs.writeFileSync(camera, y4m(rgba, frame.width, frame.height, 10));
  await page.close();
  return { withQr, withoutQr, smallQr, camera };
}
