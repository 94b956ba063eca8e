// Reads QR codes from photos and from the camera with zxing-wasm's reader build.
// Its .wasm is served from this page's own origin (vendor/), never from a CDN,
// so that scanning keeps working offline once the service worker has cached it.
import { prepareZXingModule, readBarcodes } from './vendor/zxing-wasm/es/reader/index.js';

const wasmUrl = new URL('./vendor/zxing-wasm/reader/zxing_reader.wasm', import.meta.url).href;

prepareZXingModule({
  overrides: {
    locateFile: (path, prefix) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
  },
  fireImmediately: false,
});

// Phone photos run to 50 megapixels; a QR that fills a tenth of such a photo
// is still well over 100 pixels wide after scaling to this size.
const MAX_PHOTO_SIDE = 3000;
const MAX_ENLARGED_SIDE = 4096;
const MAX_FRAME_SIDE = 1280;
const FRAME_INTERVAL_MS = 150;

const photoOptions = { formats: ['QRCode'], tryHarder: true, tryRotate: true, tryInvert: true, maxNumberOfSymbols: 4 };
const frameOptions = { formats: ['QRCode'], tryHarder: false, maxNumberOfSymbols: 1 };

export class NotAnImageError extends Error {
  constructor(cause) {
    super('the file is not an image this browser can open', { cause });
    this.name = 'NotAnImageError';
  }
}

function scaledSize(width, height, maxSide) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function pixelsOf(source, width, height, maxSide, enlarge = 1) {
  const base = scaledSize(width, height, maxSide);
  const size = { width: Math.round(base.width * enlarge), height: Math.round(base.height * enlarge) };
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, size.width, size.height);
  return context.getImageData(0, 0, size.width, size.height);
}

// A small QR in a photo (under 2 pixels a module: a 150-pixel QR of a
// certificate) defeats the first reading. zxing reads it when the picture is
// enlarged, which smooths each module over more pixels, or when it is cut into
// black and white by one threshold for the whole picture (the global
// histogram) instead of one per neighbourhood. The first try that finds a code
// wins; a photo with none goes through them all.
const PHOTO_TRIES = [
  { enlarge: 1, binarizer: 'LocalAverage' },
  { enlarge: 1, binarizer: 'GlobalHistogram' },
  { enlarge: 1.5, binarizer: 'LocalAverage' },
  { enlarge: 2, binarizer: 'LocalAverage' },
  { enlarge: 2, binarizer: 'GlobalHistogram' },
];

// The texts of the QR codes in the photo, the BD1/HC1 ones first; an empty list
// when there is none. The browser decodes the file (JPEG, PNG, WebP, with its
// EXIF rotation) so that zxing sees pixels, whatever the camera wrote.
export async function readPhoto(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (error) {
    throw new NotAnImageError(error);
  }
  let texts = [];
  try {
    for (const { enlarge, binarizer } of PHOTO_TRIES) {
      // A photo that large has pixels enough already; enlarging it only costs memory.
      if (Math.min(MAX_PHOTO_SIDE, Math.max(bitmap.width, bitmap.height)) * enlarge > MAX_ENLARGED_SIDE) continue;
      const pixels = pixelsOf(bitmap, bitmap.width, bitmap.height, MAX_PHOTO_SIDE, enlarge);
      const results = await readBarcodes(pixels, { ...photoOptions, binarizer });
      texts = results.filter((r) => r.isValid && r.text).map((r) => r.text);
      if (texts.length) break;
    }
  } finally {
    bitmap.close();
  }
  const looksSigned = (t) => /^(BD1|HC1):/.test(t);
  return [...texts.filter(looksSigned), ...texts.filter((t) => !looksSigned(t))];
}

export class CameraUnavailableError extends Error {
  constructor(reason, cause) {
    super(`camera unavailable: ${reason}`, { cause });
    this.name = 'CameraUnavailableError';
    this.reason = reason; // 'unsupported' | 'denied' | 'missing' | 'busy'
  }
}

function cameraReason(error) {
  switch (error && error.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    default:
      return 'busy';
  }
}

// Shows the back camera in `video` and calls onText with the first QR text it
// reads, then stops. stop() may be called at any time, also twice.
export class CameraScanner {
  constructor(video) {
    this.video = video;
    this.stream = null;
    this.timer = 0;
    this.running = false;
  }

  async start(onText) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new CameraUnavailableError('unsupported');
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (error) {
      throw new CameraUnavailableError(cameraReason(error), error);
    }
    this.running = true;
    this.video.srcObject = this.stream;
    await this.video.play();
    const scanFrame = async () => {
      if (!this.running) return;
      const { videoWidth: width, videoHeight: height } = this.video;
      if (width > 0 && height > 0) {
        const results = await readBarcodes(pixelsOf(this.video, width, height, MAX_FRAME_SIDE), frameOptions);
        const found = results.find((r) => r.isValid && r.text);
        if (found && this.running) {
          this.stop();
          onText(found.text);
          return;
        }
      }
      if (this.running) this.timer = setTimeout(scanFrame, FRAME_INTERVAL_MS);
    };
    scanFrame();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    if (this.stream) {
      for (const track of this.stream.getTracks()) track.stop();
      this.stream = null;
    }
    this.video.srcObject = null;
  }
}
