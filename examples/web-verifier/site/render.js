// Builds the verdict and the trust bundle facts as DOM nodes. Every value that
// comes from a certificate or a trust bundle goes in through textContent, never
// as markup, inside its own <bdi> (value()), so that right-to-left text in it
// cannot reorder the page's own words around it.

const DHAKA = 'Asia/Dhaka';

const FRESHNESS = {
  fresh: { bn: 'হালনাগাদ', en: 'up to date' },
  stale: { bn: 'পুরনো — শীঘ্র হালনাগাদ করুন', en: 'stale — update it soon' },
  expired: { bn: 'মেয়াদোত্তীর্ণ — হালনাগাদ করতে হবে', en: 'expired — must be updated' },
  clock_suspect: { bn: 'ঘড়ি সন্দেহজনক — সময় মিলিয়ে নিন', en: 'clock suspect — check the time' },
};

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// Characters that are invisible yet change how the text around them shows: bidi
// controls, and zero-width or blank characters. The SDK refuses them in the
// certificates and bundles it makes and loads; what still reaches the page (an
// unverified certificate's claims) shows each one as a visible mark.
const HIDDEN = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|\uDB40[\uDC00-\uDC7F]/gu;
// ZWNJ and ZWJ after a Bengali character are Bengali spelling, not a disguise.
const BENGALI = /[\u0980-\u09FF]/;

function codePointName(ch) {
  return `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

// A value from a certificate or a bundle: isolated, with hidden controls shown.
export function value(text, attributes = {}) {
  const parts = [];
  let last = 0;
  const source = String(text);
  for (const match of source.matchAll(HIDDEN)) {
    const at = match.index;
    const joiner = match[0] === '\u200C' || match[0] === '\u200D';
    if (joiner && at > 0 && BENGALI.test(source[at - 1])) continue;
    if (at > last) parts.push(source.slice(last, at));
    parts.push(el('span', { class: 'hidden-char', title: `invisible character ${codePointName(match[0])}` }, `⟦${codePointName(match[0])}⟧`));
    last = at + match[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  return el('bdi', attributes, parts);
}

// A phrase in both languages, Bangla first: the clerk reads one, the customer the other.
export function both(bn, en, tag = 'span') {
  return [el(tag, { lang: 'bn', class: 'bn' }, bn), ' ', el(tag, { lang: 'en', class: 'en' }, en)];
}

function fact(labelBn, labelEn, ...value) {
  return [el('dt', {}, both(labelBn, labelEn)), el('dd', {}, ...value)];
}

function formatTime(iso, withTime) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return [iso];
  const options = withTime
    ? { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: DHAKA }
    : { dateStyle: 'long', timeZone: DHAKA };
  return both(new Intl.DateTimeFormat('bn-BD', options).format(at), new Intl.DateTimeFormat('en-GB', options).format(at));
}

export function time(iso, withTime = false) {
  return iso ? el('time', { datetime: iso }, formatTime(iso, withTime)) : '—';
}

// Document dates are calendar days (YYYY-MM-DD), not instants: no time zone shift.
function calendarDay(day) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return value(day);
  const at = new Date(`${day}T00:00:00Z`);
  const options = { dateStyle: 'long', timeZone: 'UTC' };
  return el(
    'time',
    { datetime: day },
    both(new Intl.DateTimeFormat('bn-BD', options).format(at), new Intl.DateTimeFormat('en-GB', options).format(at)),
  );
}

export function freshnessBadge(freshness) {
  const words = FRESHNESS[freshness] || { bn: freshness, en: freshness };
  return el('span', { class: `badge badge--${freshness}` }, both(words.bn, words.en));
}

function fieldValue(field, data) {
  if (data === null || data === undefined) return '—';
  if (field && field.kind === 'enum' && Array.isArray(field.values)) {
    const choice = field.values.find((v) => v.value === data);
    if (choice) return both(choice.bn, choice.en);
  }
  if (field && field.kind === 'date') return calendarDay(String(data));
  return value(typeof data === 'object' ? JSON.stringify(data) : data);
}

// The document's fields in the order of its profile, each with its Bangla and
// English label; nested objects and lists (an heirship's deceased and heirs) as
// their own blocks; fields the profile does not know at the end, by name.
function documentFields(fields, document) {
  const known = new Set(['type']);
  const rows = [];
  for (const field of fields || []) {
    known.add(field.name);
    const data = document[field.name];
    if (data === undefined) continue;
    if (field.kind === 'object' && data && typeof data === 'object') {
      rows.push(el('dt', { class: 'group' }, both(field.label.bn, field.label.en)));
      rows.push(el('dd', { class: 'group' }, el('dl', { class: 'facts nested' }, documentFields(field.fields, data))));
    } else if (field.kind === 'list' && Array.isArray(data)) {
      rows.push(el('dt', { class: 'group' }, both(field.label.bn, field.label.en)));
      rows.push(
        el(
          'dd',
          { class: 'group' },
          el('ol', { class: 'items' }, data.map((item) => el('li', {}, el('dl', { class: 'facts nested' }, documentFields(field.fields, item))))),
        ),
      );
    } else {
      rows.push(...fact(field.label.bn, field.label.en, fieldValue(field, data)));
    }
  }
  for (const [name, data] of Object.entries(document)) {
    if (!known.has(name)) rows.push(el('dt', {}, value(name)), el('dd', {}, fieldValue(null, data)));
  }
  return rows;
}

function typeTitle(profiles, type) {
  const profile = profiles[type];
  return profile ? both(profile.title.bn, profile.title.en) : value(type);
}

// Three outcomes, told apart by colour, mark, word and shape: VALID (green);
// INVALID (red) when the certificate itself was found wanting; CANNOT CHECK
// (amber) when nothing could be said about it, because the text could not be
// read or the trust bundle is too old, which is not the same as forged.
const UNREADABLE = new Set(['bad_prefix', 'bad_base45', 'bad_compression', 'bad_cose', 'too_long']);
const UNCHECKED = new Set(['trust_expired', 'internal_error', ...UNREADABLE]);

export function outcomeOf(result) {
  if (result.verdict === 'valid') return 'valid';
  return UNCHECKED.has(result.reason) ? 'cannot-check' : 'invalid';
}

const WORDS = {
  valid: { mark: '✔', bn: 'বৈধ', en: 'VALID' },
  invalid: { mark: '✘', bn: 'অবৈধ', en: 'INVALID' },
  'cannot-check': { mark: '?', bn: 'যাচাই করা যায়নি', en: 'CANNOT CHECK' },
};

// What the clerk does next, by reason.
const FORGED = ['জাল বা পরিবর্তিত হতে পারে: গ্রহণ করবেন না।', 'It may be forged or altered: do not accept it.'];
const NEXT_STEPS = {
  ok: ['নাম ও এনআইডি গ্রাহকের পরিচয়পত্রের সাথে মিলিয়ে নিন।', "Compare the name and NID with the holder's ID."],
  expired: ['গ্রাহককে পৌরসভা থেকে সনদটি নবায়ন করতে বলুন।', 'Ask the holder to renew it at the pourashava.'],
  not_yet_valid: ['সনদটি এখনও কার্যকর নয়: এখন গ্রহণ করবেন না।', 'Not in force yet: do not accept it now.'],
  revoked: ['বাতিল সনদ: গ্রহণ করবেন না; গ্রাহককে পৌরসভায় যোগাযোগ করতে বলুন।', 'Revoked: do not accept it; send the holder to the pourashava.'],
  key_revoked: ['গ্রহণ করবেন না; গ্রাহককে পৌরসভা থেকে নতুন সনদ নিতে বলুন।', 'Do not accept it; the holder needs a new certificate from the pourashava.'],
  key_outside_validity: FORGED,
  bad_signature: FORGED,
  bad_header: FORGED,
  bad_document: FORGED,
  issuer_not_allowed: FORGED,
  unknown_key: ['আস্থা তালিকা হালনাগাদ করে আবার যাচাই করুন; তারপরও না মিললে গ্রহণ করবেন না।', 'Update the trust bundle, then check again; if it still fails, do not accept it.'],
  trust_expired: ['আস্থা তালিকা হালনাগাদ করে আবার যাচাই করুন। এতে সনদটি জাল বোঝায় না।', 'Update the trust bundle, then check again. This does not mean the certificate is forged.'],
  internal_error: ['আবার যাচাই করুন।', 'Check again.'],
};
const SCAN_AGAIN = ['আবার স্ক্যান করুন: QR কোডটি পুরোটা, সোজা করে ধরুন। এতে সনদটি জাল বোঝায় না।', 'Scan again, holding the whole QR code straight. This does not mean the certificate is forged.'];

function nextStep(result) {
  const [bn, en] = NEXT_STEPS[result.reason] || (UNREADABLE.has(result.reason) ? SCAN_AGAIN : FORGED);
  return el('p', { class: 'next-step' }, el('strong', {}, both('এখন যা করবেন:', 'Next:')), ' ', both(bn, en));
}

// When the check was made, to the second: a verdict left on screen says how old it is.
function checkedAt(at) {
  const options = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
  return el(
    'p',
    { class: 'checked-at' },
    el(
      'time',
      { datetime: at.toISOString() },
      both(
        `যাচাইয়ের সময় ${new Intl.DateTimeFormat('bn-BD', options).format(at)}`,
        `Checked at ${new Intl.DateTimeFormat('en-GB', options).format(at)}`,
      ),
    ),
  );
}

// The verdict line alone, as the screen reader announces it.
export function announcement(result) {
  const words = WORDS[outcomeOf(result)];
  return `${words.bn} ${words.en}. ${result.message_bn} ${result.message_en}`;
}

// result: the plain object poura.verify returns; profiles: titles and labels by
// document type; at: when the check was made.
export function verdictView(result, profiles, at = new Date()) {
  const outcome = outcomeOf(result);
  const valid = outcome === 'valid';
  const words = WORDS[outcome];
  const nodes = [];

  nodes.push(
    el(
      'div',
      { class: `verdict verdict--${outcome}`, 'data-verdict': result.verdict, 'data-outcome': outcome, 'data-reason': result.reason },
      el('div', { class: 'verdict-mark', 'aria-hidden': 'true' }, words.mark),
      el(
        'div',
        { class: 'verdict-text' },
        el('p', { class: 'verdict-word' }, both(words.bn, words.en)),
        el('p', { class: 'verdict-reason', lang: 'bn' }, result.message_bn),
        el('p', { class: 'verdict-reason', lang: 'en' }, result.message_en),
        nextStep(result),
        checkedAt(at),
      ),
    ),
  );

  const trust = result.trust || {};
  if (valid && trust.freshness === 'clock_suspect') {
    nodes.push(
      el(
        'p',
        { class: 'notice notice--warn notice--clock' },
        el('span', { class: 'notice-mark', 'aria-hidden': 'true' }, '!'),
        el(
          'span',
          { class: 'notice-text' },
          both(
            'এই যন্ত্রের ঘড়ি আস্থা তালিকার প্রকাশের সময়ের চেয়ে পিছিয়ে: ঘড়ি ঠিক করে আবার যাচাই করুন। মেয়াদ পেরোনো সনদও এখন বৈধ দেখাতে পারে।',
            'This device\'s clock is behind the trust bundle\'s issue time: set the clock right and check again. An expired certificate may look valid until then.',
          ),
        ),
      ),
    );
  }
  if (valid && trust.freshness === 'stale') {
    nodes.push(
      el(
        'p',
        { class: 'notice notice--warn' },
        el('span', { class: 'notice-mark', 'aria-hidden': 'true' }, '!'),
        el(
          'span',
          { class: 'notice-text' },
          both(
            'আস্থা তালিকা পুরনো হয়ে গেছে; শীঘ্রই নতুন তালিকা আনুন। বাতিল হওয়া নতুন সনদ এতে না-ও থাকতে পারে।',
            'The trust bundle is out of date: load a new one soon. Recently revoked certificates may be missing from it.',
          ),
        ),
      ),
    );
  }

  const certificate = [];
  if (result.document_type) certificate.push(...fact('সনদের ধরন', 'Certificate', typeTitle(profiles, result.document_type)));
  if (result.serial) certificate.push(...fact('ক্রমিক নং', 'Serial no.', el('code', {}, value(result.serial))));
  if (result.issued_at) certificate.push(...fact('প্রদানের তারিখ', 'Issued', time(result.issued_at)));
  if (result.not_before && result.not_before !== result.issued_at) {
    certificate.push(...fact('কার্যকর', 'Valid from', time(result.not_before)));
  }
  if (result.expires_at) certificate.push(...fact('মেয়াদ শেষ', 'Expires', time(result.expires_at)));

  const sections = [];
  if (certificate.length) {
    sections.push(el('section', { class: 'block' }, el('h3', {}, both('সনদ', 'Certificate')), el('dl', { class: 'facts' }, certificate)));
  }
  if (result.document && typeof result.document === 'object') {
    const profile = profiles[result.document_type];
    sections.push(
      el(
        'section',
        { class: 'block', 'data-part': 'document' },
        el('h3', {}, both('সনদের তথ্য', 'Details')),
        el('dl', { class: 'facts' }, documentFields(profile ? profile.fields : [], result.document)),
      ),
    );
  }
  const issuer = result.issuer;
  sections.push(
    el(
      'section',
      { class: 'block', 'data-part': 'issuer' },
      el('h3', {}, both('প্রদানকারী', 'Issuer')),
      issuer
        ? el(
            'dl',
            { class: 'facts' },
            fact('নাম', 'Name', value(issuer.name_bn, { lang: 'bn', class: 'bn' })),
            fact('ইংরেজি নাম', 'Name (English)', value(issuer.name_en, { lang: 'en' })),
            fact('কোড', 'Code', el('code', {}, value(issuer.code))),
            fact('চাবি', 'Signing key', el('code', {}, value(issuer.kid))),
          )
        : el(
            'p',
            { class: 'muted' },
            result.reason === 'unknown_key'
              ? both('স্বাক্ষরের চাবিটি আস্থা তালিকায় নেই।', 'The signing key is not in the trust bundle.')
              : both('প্রদানকারী নিশ্চিত করা যায়নি।', 'The issuer could not be established.'),
          ),
    ),
  );
  if (trust.has_bundle) {
    sections.push(
      el(
        'section',
        { class: 'block', 'data-part': 'trust' },
        el('h3', {}, both('আস্থা তালিকা', 'Trust bundle')),
        el(
          'dl',
          { class: 'facts' },
          fact('ক্রম', 'Sequence', `#${trust.sequence}`),
          fact('অবস্থা', 'Freshness', freshnessBadge(trust.freshness)),
          fact('পরবর্তী হালনাগাদ', 'Next update', time(trust.next_update, true)),
        ),
      ),
    );
  }
  if (!valid && (certificate.length || result.document)) {
    nodes.push(
      el(
        'p',
        { class: `caution caution--${outcome}` },
        outcome === 'invalid'
          ? both('নিচের তথ্য যাচাই হয়নি; এর উপর নির্ভর করবেন না।', 'The certificate is not valid: do not rely on the details below.')
          : both('নিচের তথ্য যাচাই করা যায়নি।', 'The details below could not be checked.'),
      ),
    );
  }
  nodes.push(el('div', { class: `blocks blocks--${outcome}` }, sections));

  nodes.push(
    el(
      'details',
      { class: 'technical' },
      el('summary', {}, both('কারিগরি তথ্য', 'Technical details')),
      el(
        'dl',
        { class: 'facts' },
        fact('ধাপ', 'Stage', el('code', {}, result.stage)),
        fact('কারণ', 'Reason', el('code', {}, result.reason)),
        result.detail ? fact('বিস্তারিত', 'Detail', value(result.detail)) : [],
        result.issuer_claim ? fact('দাবিকৃত প্রদানকারী', 'Issuer claimed', el('code', {}, value(result.issuer_claim))) : [],
        // The same for every text of this certificate: what a register of seen
        // certificates keys on (docs/format.md 8.1).
        result.identity ? fact('ফিঙ্গারপ্রিন্ট', 'Fingerprint', el('code', {}, value(result.identity.fingerprint))) : [],
      ),
    ),
  );
  return nodes;
}

// A scan that produced no certificate to judge: not a verdict on a
// certificate, so amber, the colour of "cannot check", with what to do.
export function noticeView(bn, en, adviceBn, adviceEn, at = new Date()) {
  return [
    el(
      'div',
      { class: 'verdict verdict--cannot-check verdict--notice', 'data-verdict': 'none', 'data-outcome': 'cannot-check' },
      el('div', { class: 'verdict-mark', 'aria-hidden': 'true' }, '?'),
      el(
        'div',
        { class: 'verdict-text' },
        el('p', { class: 'verdict-word verdict-word--small' }, both(bn, en)),
        adviceBn ? el('p', { class: 'verdict-reason', lang: 'bn' }, adviceBn) : null,
        adviceEn ? el('p', { class: 'verdict-reason', lang: 'en' }, adviceEn) : null,
        checkedAt(at),
      ),
    ),
  ];
}
