// ---- poura: the full build's entry point -------------------------------------
// Everything of poura/verify, plus keys, issuing, trust bundles for their
// publisher, QR rendering and fees, over the same C API.

const ECC_LEVELS = { L: 0, M: 1, Q: 2, H: 3 };
const ISSUER_STATUSES = { active: 0, suspended: 1, revoked: 2 };

// The handle behind an object made by this instance, or an invalid_argument error.
function handleOf(object, type, native, what) {
  if (!(object instanceof type) || object.native !== native) {
    throw invalidArgument(`${what} must be a ${type.name} made by this Poura instance`);
  }
  if (object.pointer === 0) throw invalidArgument(`${what} was disposed of`);
  return object.pointer;
}

// Base of the objects that own one native handle.
class Owned {
  constructor(native, pointer, free) {
    this.native = native;
    this.pointer = pointer;
    this.release = native.own(this, () => free(pointer));
  }

  /** Frees the native object now; otherwise it is freed when collected. */
  dispose() {
    if (this.pointer === 0) return;
    this.release();
    this.pointer = 0;
  }

  live() {
    if (this.pointer === 0) throw invalidArgument(`the ${this.constructor.name} was disposed of`);
    return this.pointer;
  }

  // The text of a poura_buffer made by make(frame, out).
  bufferText(make) {
    return this.native.takeBufferText(this.native.make(make));
  }
}

/** An Ed25519 signing key. */
class PrivateKey extends Owned {
  constructor(native, pointer) {
    super(native, pointer, (p) => native.lib._poura_private_key_free(p));
    /** {algorithm, kid, public_key} */
    this.publicKey = JSON.parse(this.bufferText((frame, out) =>
      native.lib._poura_private_key_to_public_json(pointer, out)));
  }

  /** Encrypted PKCS#8 PEM. */
  toPem(passphrase) {
    const lib = this.native.lib;
    return this.bufferText((frame, out) =>
      lib._poura_private_key_to_pem(this.live(), frame.string(asText(passphrase, 'passphrase')), out));
  }

  /** Plain PKCS#8 PEM: the secret key in the clear. */
  toUnencryptedPem() {
    return this.bufferText((frame, out) => this.native.lib._poura_private_key_to_unencrypted_pem(this.live(), out));
  }
}

/** An issuer's signing keys: one primary key, older keys that still verify. */
class Keyset extends Owned {
  constructor(native, pointer) {
    super(native, pointer, (p) => native.lib._poura_keyset_free(p));
  }

  /** The public keys file ({"keys": [...]}) as an object. */
  get publicKeys() {
    return JSON.parse(this.bufferText((frame, out) => this.native.lib._poura_keyset_to_public_json(this.live(), out)));
  }

  /** Makes `next` the primary key from `now` (default: the current time). */
  rotate(next, options) {
    const { now } = checkOptions(options, ['now'], 'rotate options');
    const native = this.native;
    native.check(native.lib._poura_keyset_rotate(this.live(), handleOf(next, PrivateKey, native, 'next'),
      now === undefined ? nowSeconds() : asSeconds(now, 'now')));
    return this;
  }

  /** The keyset file, every private key encrypted with the passphrase. */
  toJson(passphrase) {
    const lib = this.native.lib;
    return this.bufferText((frame, out) =>
      lib._poura_keyset_to_json(this.live(), frame.string(asText(passphrase, 'passphrase')), out));
  }

  /** The keyset file with the private keys in the clear. */
  toUnencryptedJson() {
    return this.bufferText((frame, out) => this.native.lib._poura_keyset_to_unencrypted_json(this.live(), out));
  }
}

/** A trust bundle being built by its publisher. */
class TrustBundleBuilder extends Owned {
  constructor(native, pointer) {
    super(native, pointer, (p) => native.lib._poura_bundle_free(p));
  }

  /** Lists an issuer's keys (public keys JSON) under its code and names, allowed to sign documentTypes. */
  addIssuer(publicKeys, options) {
    const { code, nameBn, nameEn, documentTypes = ['*'] } =
      checkOptions(options, ['code', 'nameBn', 'nameEn', 'documentTypes'], 'addIssuer options');
    if (!Array.isArray(documentTypes)) throw invalidArgument('documentTypes must be a list of document types');
    const native = this.native;
    native.call((frame) => {
      const types = frame.alloc(4 * documentTypes.length);
      documentTypes.forEach((type, i) => {
        native.view().setUint32(types + 4 * i, frame.string(asText(type, 'document type')), true);
      });
      native.check(native.lib._poura_bundle_add_issuers(this.live(), frame.string(asJsonText(publicKeys, 'publicKeys')),
        frame.string(asText(code, 'code')), frame.string(asText(nameBn, 'nameBn')),
        frame.string(asText(nameEn, 'nameEn')), types, documentTypes.length));
    });
    return this;
  }

  /** Sets one issuer key's status ('active', 'suspended', 'revoked') by its kid in hex. */
  setIssuerStatus(kid, status) {
    const value = ISSUER_STATUSES[status];
    if (value === undefined) throw invalidArgument('status must be "active", "suspended" or "revoked"');
    const native = this.native;
    native.call((frame) => native.check(native.lib._poura_bundle_set_issuer_status(this.live(),
      frame.string(asText(kid, 'kid')), value)));
    return this;
  }

  /** Revokes one certificate. */
  revoke(issuerCode, serial) {
    const native = this.native;
    native.call((frame) => native.check(native.lib._poura_bundle_revoke(this.live(),
      frame.string(asText(issuerCode, 'issuerCode')), frame.string(asText(serial, 'serial')))));
    return this;
  }

  /** The signed bundle, signed with the root key. */
  sign(rootKey) {
    const native = this.native;
    const root = handleOf(rootKey, PrivateKey, native, 'rootKey');
    return native.takeBuffer(native.make((frame, out) => native.lib._poura_bundle_sign(this.live(), root, out)));
  }

  /** The bundle's content, for people and tools. */
  toJSON() {
    return JSON.parse(this.bufferText((frame, out) => this.native.lib._poura_bundle_to_json(this.live(), out)));
  }
}

/** A set of validated fee schedules. */
class Schedules extends Owned {
  constructor(native, pointer) {
    super(native, pointer, (p) => native.lib._poura_schedules_free(p));
  }

  /** [{id, municipality, from, until}, ...] */
  list() {
    return JSON.parse(this.bufferText((frame, out) => this.native.lib._poura_schedules_to_list_json(this.live(), out)));
  }
}

class Poura extends PouraVerifier {
  constructor(native) {
    super(native);
    const calculator = (name) => (schedules, input) => this.calculate(name, schedules, input);
    /** The fee calculators: input as in docs/fees.md, the bill (its JSON) out. */
    this.fees = {
      holding: calculator('_poura_bill_holding_tax'),
      water: calculator('_poura_bill_water'),
      trade: calculator('_poura_bill_trade_licence'),
      certificate: calculator('_poura_bill_certificate_fee'),
    };
  }

  /** A new Ed25519 signing key. */
  generateKey() {
    const native = this.native;
    return new PrivateKey(native, native.make((frame, out) => native.lib._poura_private_key_generate(out)));
  }

  /** Reads a PKCS#8 PEM key, encrypted (give the passphrase) or plain. */
  privateKeyFromPem(pem, passphrase) {
    const native = this.native;
    return new PrivateKey(native, native.make((frame, out) => native.lib._poura_private_key_from_pem(
      frame.string(asText(pem, 'pem')), frame.string(passphrase === undefined ? null : asText(passphrase, 'passphrase')),
      out)));
  }

  /** A keyset whose first key is primary from `now` (default: the current time). */
  createKeyset(firstKey, options) {
    const { now } = checkOptions(options, ['now'], 'createKeyset options');
    const native = this.native;
    const key = handleOf(firstKey, PrivateKey, native, 'firstKey');
    return new Keyset(native, native.make((frame, out) =>
      native.lib._poura_keyset_create(key, now === undefined ? nowSeconds() : asSeconds(now, 'now'), out)));
  }

  /** Reads a keyset file (JSON text); the passphrase when its keys are encrypted. */
  keysetFromJson(json, passphrase) {
    const native = this.native;
    return new Keyset(native, native.make((frame, out) => native.lib._poura_keyset_from_json(
      frame.string(asJsonText(json, 'json')),
      frame.string(passphrase === undefined ? null : asText(passphrase, 'passphrase')), out)));
  }

  /** An empty trust bundle to fill and sign. */
  createTrustBundle(options) {
    const { sequence, issuedAt, nextUpdate } =
      checkOptions(options, ['sequence', 'issuedAt', 'nextUpdate'], 'createTrustBundle options');
    const native = this.native;
    return new TrustBundleBuilder(native, native.make((frame, out) => native.lib._poura_bundle_new(
      BigInt(asCount(sequence, 'sequence')), asSeconds(issuedAt, 'issuedAt'), asSeconds(nextUpdate, 'nextUpdate'), out)));
  }

  /** Signs a document; returns the QR text ("BD1:..."). */
  issue(document, signer, options) {
    return this.issueCertificate(document, signer, options).qr;
  }

  /**
   * Signs a document ({"type": "citizenship", ...}, as an object or JSON text)
   * with a Keyset's primary key or a PrivateKey, as issuer options.issuer.
   */
  issueCertificate(document, signer, options) {
    const chosen = checkOptions(options, ['issuer', 'serial', 'issuedAt', 'expiresAt', 'compression'], 'issue options');
    const native = this.native;
    const lib = native.lib;
    const documentJson = asJsonText(document, 'document');
    const issuer = asText(chosen.issuer, 'issuer');
    let keyset;
    let temporaryKeyset = 0;
    if (signer instanceof PrivateKey) {
      const key = handleOf(signer, PrivateKey, native, 'signer');
      const from = chosen.issuedAt === undefined ? nowSeconds() : asSeconds(chosen.issuedAt, 'issuedAt');
      temporaryKeyset = native.make((frame, out) => lib._poura_keyset_create(key, from, out));
      keyset = temporaryKeyset;
    } else {
      keyset = handleOf(signer, Keyset, native, 'signer');
    }
    const issueOptions = native.make((frame, out) => lib._poura_issue_options_new(out));
    try {
      native.call((frame) => {
        if (chosen.serial !== undefined) {
          native.check(lib._poura_issue_options_set_serial(issueOptions, frame.string(asText(chosen.serial, 'serial'))));
        }
      });
      if (chosen.issuedAt !== undefined) {
        native.check(lib._poura_issue_options_set_issued_at(issueOptions, asSeconds(chosen.issuedAt, 'issuedAt')));
      }
      if (chosen.expiresAt !== undefined) {
        native.check(lib._poura_issue_options_set_expires_at(issueOptions, asSeconds(chosen.expiresAt, 'expiresAt')));
      }
      if (chosen.compression !== undefined) {
        native.check(lib._poura_issue_options_set_compression(issueOptions, chosen.compression ? 1 : 0));
      }
      const certificate = native.make((frame, out) =>
        lib._poura_certificate_issue(frame.string(documentJson), keyset, frame.string(issuer), issueOptions, out));
      try {
        return native.call((frame) => {
          const text = frame.out();
          const read = (getter) => {
            native.check(getter(certificate, text));
            return native.stringAt(text);
          };
          const time = (getter) => {
            native.check(getter(certificate, text));
            return Number(native.int64At(text));
          };
          const expiresAt = time(lib._poura_certificate_expires_at);
          return {
            qr: read(lib._poura_certificate_qr_text),
            serial: read(lib._poura_certificate_serial),
            kid: read(lib._poura_certificate_kid),
            issuedAt: time(lib._poura_certificate_issued_at),
            expiresAt: expiresAt === 0 ? null : expiresAt,
            document: JSON.parse(read(lib._poura_certificate_document_json)),
          };
        });
      } finally {
        lib._poura_certificate_free(certificate);
      }
    } finally {
      lib._poura_issue_options_free(issueOptions);
      if (temporaryKeyset) lib._poura_keyset_free(temporaryKeyset);
    }
  }

  /** The text as a QR code in SVG. ecc 'L'|'M'|'Q'|'H' (default 'Q'), moduleSize and quietZone in modules. */
  qrSvg(text, options) {
    return textDecoder.decode(this.renderQr('_poura_qr_render_svg', text, options));
  }

  /** The text as a QR code in PNG (moduleSize in pixels). */
  qrPng(text, options) {
    return this.renderQr('_poura_qr_render_png', text, options);
  }

  renderQr(renderer, text, options) {
    const { ecc = 'Q', moduleSize = 8, quietZone = 4 } =
      checkOptions(options, ['ecc', 'moduleSize', 'quietZone'], 'QR options');
    const level = ECC_LEVELS[ecc];
    if (level === undefined) throw invalidArgument('ecc must be "L", "M", "Q" or "H"');
    const native = this.native;
    return native.takeBuffer(native.make((frame, out) => native.lib[renderer](frame.string(asText(text, 'text')), level,
      asInt32(moduleSize, 'moduleSize'), asInt32(quietZone, 'quietZone'), out)));
  }

  /** Validates fee schedules (JSON text or objects) into a set the calculators use. */
  schedules(list) {
    const native = this.native;
    const items = Array.isArray(list) ? list : [list];
    const schedules = new Schedules(native, native.make((frame, out) => native.lib._poura_schedules_new(out)));
    try {
      items.forEach((item, i) => native.call((frame) => native.check(native.lib._poura_schedules_add(
        schedules.pointer, frame.string(asJsonText(item, 'schedule')), frame.string(`schedule ${i + 1}`)))));
      return schedules;
    } catch (error) {
      schedules.dispose();
      throw error;
    }
  }

  calculate(calculator, schedules, input) {
    const native = this.native;
    const given = schedules instanceof Schedules;
    const set = given ? schedules : this.schedules(schedules);
    try {
      const bill = native.make((frame, out) => native.lib[calculator](set.live(), frame.string(asJsonText(input, 'input')), out));
      try {
        return native.call((frame) => {
          const json = frame.out();
          native.check(native.lib._poura_bill_json(bill, json));
          return JSON.parse(native.stringAt(json));
        });
      } finally {
        native.lib._poura_bill_free(bill);
      }
    } finally {
      if (!given) set.dispose();
    }
  }
}

/**
 * Loads the full build. options.wasmUrl (string or URL) or options.wasmBinary
 * (bytes or a compiled WebAssembly.Module) locate the .wasm; by default it is
 * poura.wasm next to this file.
 */
export async function init(options) {
  const native = await loadNative(createPouraModule, options, () => new URL('./poura.wasm', import.meta.url));
  return new Poura(native);
}
