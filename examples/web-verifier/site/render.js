// Builds the verdict and the trust bundle facts as DOM nodes. Every value that
// comes from a certificate goes in through textContent, never as markup.

const DHAKA = 'Asia/Dhaka';

const FRESHNESS = {
  fresh: { bn: 'হালনাগাদ', en: 'up to date' },
  stale: { bn: 'পুরনো — শীঘ্র হালনাগাদ করুন', en: 'stale — update it soon' },
  expired: { bn: 'মেয়াদোত্তীর্ণ — হালনাগাদ করতে হবে', en: 'expired — must be updated' },
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
function calendarDay(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = new Date(`${value}T00:00:00Z`);
  const options = { dateStyle: 'long', timeZone: 'UTC' };
  return el(
    'time',
    { datetime: value },
    both(new Intl.DateTimeFormat('bn-BD', options).format(at), new Intl.DateTimeFormat('en-GB', options).format(at)),
  );
}

export function freshnessBadge(freshness) {
  const words = FRESHNESS[freshness] || { bn: freshness, en: freshness };
  return el('span', { class: `badge badge--${freshness}` }, both(words.bn, words.en));
}

function fieldValue(field, value) {
  if (value === null || value === undefined) return '—';
  if (field && field.kind === 'enum' && Array.isArray(field.values)) {
    const choice = field.values.find((v) => v.value === value);
    if (choice) return both(choice.bn, choice.en);
  }
  if (field && field.kind === 'date') return calendarDay(String(value));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// The document's fields in the order of its profile, each with its Bangla and
// English label; nested objects and lists (an heirship's deceased and heirs) as
// their own blocks; fields the profile does not know at the end, by name.
function documentFields(fields, document) {
  const known = new Set(['type']);
  const rows = [];
  for (const field of fields || []) {
    known.add(field.name);
    const value = document[field.name];
    if (value === undefined) continue;
    if (field.kind === 'object' && value && typeof value === 'object') {
      rows.push(el('dt', { class: 'group' }, both(field.label.bn, field.label.en)));
      rows.push(el('dd', { class: 'group' }, el('dl', { class: 'facts nested' }, documentFields(field.fields, value))));
    } else if (field.kind === 'list' && Array.isArray(value)) {
      rows.push(el('dt', { class: 'group' }, both(field.label.bn, field.label.en)));
      rows.push(
        el(
          'dd',
          { class: 'group' },
          el('ol', { class: 'items' }, value.map((item) => el('li', {}, el('dl', { class: 'facts nested' }, documentFields(field.fields, item))))),
        ),
      );
    } else {
      rows.push(...fact(field.label.bn, field.label.en, fieldValue(field, value)));
    }
  }
  for (const [name, value] of Object.entries(document)) {
    if (!known.has(name)) rows.push(el('dt', {}, name), el('dd', {}, fieldValue(null, value)));
  }
  return rows;
}

function typeTitle(profiles, type) {
  const profile = profiles[type];
  return profile ? both(profile.title.bn, profile.title.en) : type;
}

// result: the plain object poura.verify returns; profiles: titles and labels by document type.
export function verdictView(result, profiles) {
  const valid = result.verdict === 'valid';
  const nodes = [];

  nodes.push(
    el(
      'div',
      { class: `verdict ${valid ? 'verdict--valid' : 'verdict--invalid'}`, 'data-verdict': result.verdict, 'data-reason': result.reason },
      el('div', { class: 'verdict-mark', 'aria-hidden': 'true' }, valid ? '✔' : '✘'),
      el(
        'div',
        { class: 'verdict-text' },
        el('p', { class: 'verdict-word' }, valid ? both('বৈধ', 'VALID') : both('অবৈধ', 'INVALID')),
        el('p', { class: 'verdict-reason', lang: 'bn' }, result.message_bn),
        el('p', { class: 'verdict-reason', lang: 'en' }, result.message_en),
      ),
    ),
  );

  const trust = result.trust || {};
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
  if (result.serial) certificate.push(...fact('ক্রমিক নং', 'Serial no.', el('code', {}, result.serial)));
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
            fact('নাম', 'Name', el('span', { lang: 'bn', class: 'bn' }, issuer.name_bn)),
            fact('ইংরেজি নাম', 'Name (English)', el('span', { lang: 'en' }, issuer.name_en)),
            fact('কোড', 'Code', el('code', {}, issuer.code)),
            fact('চাবি', 'Signing key', el('code', {}, issuer.kid)),
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
      el('p', { class: 'caution' }, both('নিচের তথ্য যাচাই হয়নি; এর উপর নির্ভর করবেন না।', 'The certificate is not valid: do not rely on the details below.')),
    );
  }
  nodes.push(el('div', { class: `blocks ${valid ? '' : 'blocks--invalid'}` }, sections));

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
        result.detail ? fact('বিস্তারিত', 'Detail', result.detail) : [],
        result.issuer_claim ? fact('দাবিকৃত প্রদানকারী', 'Issuer claimed', el('code', {}, result.issuer_claim)) : [],
      ),
    ),
  );
  return nodes;
}

// A scan that produced no certificate to judge: not a verdict, so neither green nor red.
export function noticeView(bn, en, adviceBn, adviceEn) {
  return [
    el(
      'div',
      { class: 'verdict verdict--none', 'data-verdict': 'none' },
      el('div', { class: 'verdict-mark', 'aria-hidden': 'true' }, '?'),
      el(
        'div',
        { class: 'verdict-text' },
        el('p', { class: 'verdict-word verdict-word--small' }, both(bn, en)),
        adviceBn ? el('p', { class: 'verdict-reason', lang: 'bn' }, adviceBn) : null,
        adviceEn ? el('p', { class: 'verdict-reason', lang: 'en' }, adviceEn) : null,
      ),
    ),
  ];
}
