// The clerk's verifier: loads the trust bundle named by config.json, takes QR
// text from the text field (typed, pasted or from a hardware scanner), a photo
// or the camera, and shows Poura's verdict. Verification itself is the SDK's,
// compiled to WebAssembly (poura/verify); this file only moves data and DOM.
import { init } from './poura/poura-verify.js';
import { CameraScanner, CameraUnavailableError, NotAnImageError, readPhoto } from './scanner.js';
import { announcement, both, el, freshnessBadge, noticeView, time, value, verdictView } from './render.js';

// One saved bundle per verifier folder: two verifiers on one site may trust different roots.
const SAVED_BUNDLE_KEY = `poura-verifier.trust-bundle:${new URL('.', document.baseURI).pathname}`;

const $ = (id) => document.getElementById(id);

const state = {
  poura: null,
  trust: null,
  roots: '',
  profiles: {},
  source: null, // { bn, en }: where the bundle in use came from
  problems: [], // what went wrong loading a bundle, shown under the bundle's facts
  checked: null, // the text of the last check, as the field showed it
};

// The verdict replaces what was there; only its one line is announced (the
// live region), not the details under it.
function showResult(nodes, spoken) {
  $('result-body').replaceChildren(...nodes);
  $('verdict-live').textContent = spoken;
  $('result').scrollIntoView({ block: 'start' });
}

// A new check has begun: the last verdict goes at once, so that it can never
// be read as the verdict on what is being scanned now.
function clearResult() {
  $('result-body').replaceChildren();
  $('verdict-live').textContent = '';
  state.checked = null;
}

function noticeResult(bn, en, adviceBn, adviceEn) {
  showResult(noticeView(bn, en, adviceBn, adviceEn), `${bn} ${en}.`);
}

// After a photo, the camera or the technical details, the field has the focus
// again, ready for the next scan.
function refocusField() {
  $('qr-text').focus({ preventScroll: true });
}

function setScanStatus(bn, en) {
  $('scan-status').replaceChildren(...(bn ? both(bn, en) : []));
}

function toBase64(bytes) {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

// The newest bundle this browser has accepted stays in localStorage: it keeps
// the page working when neither the network nor the service worker's cache has
// one, and lets the SDK refuse an older bundle from the server (a rollback).
function savedBundle() {
  const text = localStorage.getItem(SAVED_BUNDLE_KEY);
  return text ? fromBase64(text) : null;
}

function saveBundle(bytes) {
  localStorage.setItem(SAVED_BUNDLE_KEY, toBase64(bytes));
}

// The bytes, and whether the service worker answered from its saved copy
// because the network could not (sw.js marks such a response).
async function fetchBytes(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return { bytes: new Uint8Array(await response.arrayBuffer()), savedCopy: response.headers.has('X-Poura-Saved-Copy') };
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function errorText(error) {
  return error && error.code ? `${error.message} [${error.code}]` : String(error && error.message ? error.message : error);
}

// Takes a bundle if it is good and not older than the one in use.
function adopt(bytes, source) {
  if (!state.trust) {
    state.trust = state.poura.openTrustBundle(bytes, { roots: state.roots });
  } else {
    const before = state.trust.sequence;
    state.trust.update(bytes);
    if (state.trust.sequence === before) return;
  }
  state.source = source;
  saveBundle(bytes);
}

// Opens the configured bundle and the saved one and keeps the newer.
async function loadTrust(config) {
  const saved = savedBundle();
  try {
    const served = await fetchBytes(new URL(config.trustBundleUrl, document.baseURI));
    adopt(
      served.bytes,
      served.savedCopy
        ? { bn: 'এই যন্ত্রে সংরক্ষিত কপি (অফলাইন)', en: `the copy of ${config.trustBundleUrl} saved on this device (offline)` }
        : { bn: 'সার্ভার থেকে', en: `from ${config.trustBundleUrl}` },
    );
  } catch (error) {
    state.problems.push(errorText(error));
  }
  if (!saved) return;
  try {
    adopt(saved, { bn: 'এই যন্ত্রে সংরক্ষিত কপি', en: 'the copy saved on this device' });
  } catch {
    // Older than the served bundle, or not signed by the configured roots: not used.
  }
}

// A bundle that is not up to date is said at the top of the page, above the
// verdict, on every screen; the trust card lower down has the details.
const BANNERS = {
  missing: ['কোনো আস্থা তালিকা নেই: সনদ যাচাই করা যাবে না। নিচে একটি আস্থা তালিকার ফাইল দিন।',
    'No trust bundle: certificates cannot be checked. Load a trust bundle file below.'],
  stale: ['আস্থা তালিকা পুরনো: সনদ যাচাই হবে, তবে শীঘ্রই নতুন তালিকা আনুন।',
    'The trust bundle is stale: certificates are still checked, but load a new one soon.'],
  expired: ['আস্থা তালিকার মেয়াদ শেষ: নতুন তালিকা না আনা পর্যন্ত কোনো সনদ যাচাই করা যাবে না।',
    'The trust bundle has expired: no certificate can be checked until a newer one is loaded.'],
  clock_suspect: ['এই যন্ত্রের ঘড়ি ভুল মনে হচ্ছে: আস্থা তালিকাটি এখনকার সময়ের পরে প্রকাশিত। ঘড়ি ঠিক করুন; তার আগে সনদের তারিখের যাচাই ভরসাযোগ্য নয়।',
    'This device\'s clock looks wrong: the trust bundle was issued later than the time it shows. Set the clock right; until then, dates on certificates cannot be relied on.'],
};

function renderBanner(freshness) {
  const banner = $('trust-banner');
  const words = BANNERS[freshness];
  banner.hidden = !words;
  banner.dataset.state = freshness;
  banner.replaceChildren(
    ...(words
      ? [el('span', { class: 'notice-mark', 'aria-hidden': 'true' }, '!'), el('span', { class: 'notice-text' }, both(...words)),
        ' ', el('a', { href: '#trust' }, both('আস্থা তালিকা', 'Trust bundle'))]
      : []),
  );
}

function renderProblems() {
  $('trust-problems').replaceChildren(...state.problems.map((p) => el('li', {}, value(p))));
}

function renderTrust() {
  const status = $('trust-state');
  const facts = $('trust-facts');
  renderProblems();
  if (!state.trust) {
    status.dataset.state = 'missing';
    status.replaceChildren(
      el('span', { class: 'notice-mark', 'aria-hidden': 'true' }, '!'),
      ...both(...BANNERS.missing),
    );
    facts.replaceChildren();
    renderBanner('missing');
    return;
  }
  // The SDK decides freshness, with the same grace period verify() uses.
  const freshness = state.trust.freshness();
  status.dataset.state = freshness;
  status.replaceChildren(freshnessBadge(freshness));
  renderBanner(freshness);
  const rows = [
    ['ক্রম', 'Sequence', `#${state.trust.sequence}`],
    ['প্রদানকারী', 'Issuers', issuerList(state.trust.issuers)],
    ['প্রকাশ', 'Issued', time(state.trust.issuedAt, true)],
    ['পরবর্তী হালনাগাদ', 'Next update', time(state.trust.nextUpdate, true)],
    ['উৎস', 'Source', both(state.source.bn, state.source.en)],
  ];
  facts.replaceChildren(...rows.flatMap(([bn, en, data]) => [el('dt', {}, both(bn, en)), el('dd', {}, data)]));
}

// The bundle lists keys; an issuer that rotated its key has several.
function issuerList(keys) {
  const issuers = new Map();
  for (const key of keys) {
    const entry = issuers.get(key.issuer) || { ...key, keys: 0 };
    entry.keys += 1;
    issuers.set(key.issuer, entry);
  }
  const types = (entry) =>
    entry.document_types.includes('*') ? both('সব ধরনের সনদ', 'all certificates') : value(entry.document_types.join(', '));
  return el(
    'details',
    { class: 'issuers' },
    el('summary', {}, String(issuers.size)),
    el(
      'ul',
      {},
      [...issuers.values()].map((entry) =>
        el('li', {}, value(entry.name_bn, { lang: 'bn', class: 'bn' }), ' ', value(entry.name_en, { lang: 'en' }), ' ',
          el('code', {}, value(entry.issuer)), ' — ', types(entry),
          entry.status === 'active' ? null : el('strong', {}, ' (', value(entry.status), ')')),
      ),
    ),
  );
}

// QR text arrives with the line end a scanner or a copy adds; Base45 itself may
// end in a space, so only line breaks and tabs are cut from the end.
function cleanText(text) {
  return text.replace(/^\s+/, '').replace(/[\r\n\t]+$/, '');
}

// Base45 has no lower case: lower-case letters after a BD1:/HC1: prefix mean a
// keyboard-style scanner typed with Caps Lock on. The text is checked as the
// QR code holds it, in upper case.
const SIGNED_PREFIX = /^(BD1|HC1):/i;

function verifyText(raw) {
  const typed = cleanText(raw);
  if (!typed) return;
  const capsLock = SIGNED_PREFIX.test(typed) && /[a-z]/.test(typed);
  const text = capsLock ? typed.toUpperCase() : typed;
  state.checked = raw;
  if (capsLock) {
    setScanStatus(
      'স্ক্যানার ছোট হাতের অক্ষর লিখেছে (Caps Lock চালু?): বড় হাতের অক্ষরে যাচাই করা হলো।',
      'The scanner typed lower case (Caps Lock on?): checked in upper case.',
    );
  }
  if (!state.trust) {
    noticeResult('আস্থা তালিকা নেই — যাচাই করা যায়নি', 'No trust bundle — cannot check', 'আগে একটি আস্থা তালিকা দিন।', 'Load a trust bundle first.');
    return;
  }
  const result = state.poura.verify(text, state.trust);
  showResult(verdictView(result, state.profiles, new Date()), announcement(result));
  renderTrust();
}

// Where typing goes without help: the QR field and any other place that takes text.
function takesText(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['file', 'button', 'submit', 'checkbox', 'radio', 'reset', 'image'].includes(target.type);
}

function wireTextField() {
  const form = $('text-form');
  const field = $('qr-text');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setScanStatus('', '');
    verifyText(field.value);
    field.select();
  });
  // A pasted certificate is checked at once; the field holds one QR text, so a
  // paste replaces what was there.
  field.addEventListener('paste', (event) => {
    const pasted = event.clipboardData && event.clipboardData.getData('text/plain');
    if (!pasted || !SIGNED_PREFIX.test(pasted.trim())) return;
    event.preventDefault();
    field.value = cleanText(pasted);
    setScanStatus('', '');
    verifyText(field.value);
    field.select();
  });
  // Any change to the checked text starts a new check: the old verdict goes.
  field.addEventListener('input', () => {
    if (state.checked !== null && field.value !== state.checked) clearResult();
  });
  // A hardware scanner types wherever the focus is: on a button, the
  // "Technical details", a file chooser. Its first key (the B or H of BD1:
  // or HC1:, or any other printable key) moves the focus to an empty QR field
  // before the key lands, so the whole text arrives there and its Enter
  // submits it; nothing on the page takes a letter, so nothing is lost. Space
  // keeps its meaning (it presses a button) until the focus is in the field.
  // In the field, the first key typed after a check starts a new text.
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1 || event.isComposing) return;
      const target = event.target;
      if (target === field) {
        if (state.checked !== null && field.value === state.checked && event.key !== ' ') field.select();
        return;
      }
      if (takesText(target) || event.key === ' ') return;
      clearResult();
      setScanStatus('', '');
      field.value = '';
      field.focus({ preventScroll: true });
    },
    true,
  );
}

function wirePhoto() {
  const input = $('photo');
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    clearResult();
    setScanStatus('ছবি পড়া হচ্ছে…', 'Reading the photo…');
    try {
      const texts = await readPhoto(file);
      setScanStatus('', '');
      if (texts.length === 0) {
        noticeResult(
          'ছবিতে কোনো QR কোড পাওয়া যায়নি',
          'No QR code found in this photo',
          'QR কোডটি ফ্রেমের মাঝে রেখে, কাছ থেকে, আলোতে আবার ছবি তুলুন।',
          'Take the photo again: closer, in good light, with the whole QR code in the frame.',
        );
        return;
      }
      $('qr-text').value = texts[0];
      verifyText(texts[0]);
    } catch (error) {
      setScanStatus('', '');
      if (!(error instanceof NotAnImageError)) throw error;
      noticeResult('ফাইলটি ছবি নয়', 'This file is not a picture', 'JPEG বা PNG ছবি দিন।', 'Choose a JPEG or PNG photo.');
    } finally {
      refocusField();
    }
  });
}

const CAMERA_PROBLEMS = {
  unsupported: ['এই ব্রাউজারে ক্যামেরা চালানো যায় না (https দরকার)।', 'This browser cannot use the camera here (it needs https).'],
  denied: ['ক্যামেরার অনুমতি দেওয়া হয়নি।', 'Permission to use the camera was refused.'],
  missing: ['কোনো ক্যামেরা পাওয়া যায়নি।', 'No camera was found.'],
  busy: ['ক্যামেরা চালু করা গেল না।', 'The camera could not be started.'],
};

function wireCamera() {
  const panel = $('camera');
  const scanner = new CameraScanner($('camera-video'));
  const stop = () => {
    scanner.stop();
    panel.hidden = true;
    setScanStatus('', '');
    refocusField();
  };
  $('camera-stop').addEventListener('click', stop);
  $('camera-start').addEventListener('click', async () => {
    clearResult();
    panel.hidden = false;
    setScanStatus('QR কোডটি ক্যামেরার সামনে ধরুন…', 'Hold the QR code in front of the camera…');
    try {
      await scanner.start((text) => {
        stop();
        $('qr-text').value = text;
        verifyText(text);
      });
    } catch (error) {
      scanner.stop();
      panel.hidden = true;
      refocusField();
      if (!(error instanceof CameraUnavailableError)) throw error;
      setScanStatus(...CAMERA_PROBLEMS[error.reason]);
    }
  });
}

// Opening or closing the technical details gives the focus back to the field.
function wireDetails() {
  $('result-body').addEventListener('toggle', (event) => {
    if (event.target instanceof HTMLDetailsElement) refocusField();
  }, true);
}

function wireBundleUpload() {
  const input = $('bundle-file');
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    state.problems = [];
    try {
      if (!state.poura) throw new Error('the verifier did not load; reload the page');
      const before = state.trust ? state.trust.sequence : null;
      adopt(bytes, { bn: 'হাতে দেওয়া ফাইল', en: `file ${file.name}` });
      // A verdict made under the bundle that was replaced is not left on screen.
      if (state.trust.sequence !== before) clearResult();
    } catch (error) {
      state.problems.push(
        error.code === 'trust_rollback'
          ? `${file.name}: এটি ব্যবহৃত তালিকার চেয়ে পুরনো · older than the bundle in use`
          : `${file.name}: ${errorText(error)}`,
      );
    }
    renderTrust();
  });
}

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  try {
    await navigator.serviceWorker.register('sw.js');
  } catch (error) {
    console.warn('offline support unavailable:', error);
  }
}

async function start() {
  registerServiceWorker();
  wireTextField();
  wirePhoto();
  wireCamera();
  wireDetails();
  wireBundleUpload();
  try {
    const [config, profiles, poura] = await Promise.all([
      fetchJson('config.json'),
      fetchJson('profiles.json'),
      init({ wasmUrl: new URL('./poura/poura-verify.wasm', import.meta.url).href }),
    ]);
    state.poura = poura;
    state.profiles = profiles;
    state.roots = JSON.stringify(config.roots);
    $('versions').textContent = `· poura ${poura.version}`;
    await loadTrust(config);
  } catch (error) {
    state.problems.push(errorText(error));
  }
  renderTrust();
  document.body.dataset.ready = state.trust ? 'yes' : 'no-trust';
  $('qr-text').focus();
}

start();
