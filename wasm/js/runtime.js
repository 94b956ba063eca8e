// The JavaScript side of both WebAssembly builds: loading the .wasm, moving
// strings and bytes across the C API (bindings/c/include/poura.h), turning its
// negative statuses into PouraError and its JSON into plain objects, and the
// verify half of the API. The build joins Emscripten's loader, this file and
// one entry file (verify-entry.js or full-entry.js) into one ES module, so the
// names defined here are in scope for the entry file. No rules live here: every
// decision is the C++ core's.

/** An error from Poura: `code` is the SDK's error name, `status` the C API's number. */
export class PouraError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.name = 'PouraError';
    this.code = code;
    this.status = status;
  }
}

// generated:begin codes (from sdk/data/codes.json by cmake/generate_codes.py)
// The C API's status numbers by name, and the core's VerifyOptions{} defaults.
const STATUS = Object.freeze({ ok: 0, invalid_argument: -1, malformed_input: -2, limit_exceeded: -3,
  document_invalid: -4, unknown_document_type: -5, schedule_invalid: -6, not_in_schedule: -7, profile_invalid: -8,
  not_found: -9, permission_denied: -10, invalid_state: -11, conflict: -12, unsafe_text: -13, key_invalid: -20,
  wrong_passphrase: -21, no_signing_key: -22, trust_bundle_invalid: -23, trust_rollback: -24, issuer_unknown: -25,
  io_error: -40, unsupported: -41, storage: -42, internal: -99, null_pointer: -100, bad_handle: -101,
  out_of_memory: -102 });
const VERIFY_DEFAULTS = Object.freeze({ clockSkewSeconds: 300, graceSeconds: 604800, maxInflatedSize: 65536 });
// generated:end codes
const SCHEMES = { BD1: 0, HC1: 1 };
const FRESHNESS_NAMES = ['fresh', 'stale', 'expired', 'clock_suspect'];  // POURA_FRESHNESS_*
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: false });

function invalidArgument(message) {
  return new PouraError('invalid_argument', message, STATUS.invalid_argument);
}

function isBytes(value) {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

function asBytes(value, what) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw invalidArgument(`${what} must be a Uint8Array or an ArrayBuffer`);
}

function asText(value, what) {
  if (typeof value !== 'string') throw invalidArgument(`${what} must be a string`);
  return value;
}

// JSON the C API reads: text as given, anything else serialised.
function asJsonText(value, what) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !isBytes(value)) return JSON.stringify(value);
  throw invalidArgument(`${what} must be JSON text or a plain object`);
}

// A whole number as the C API's int64_t.
function asInt64(value, what) {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidArgument(`${what} must be a whole number`);
  return BigInt(value);
}

function nowSeconds() {
  return BigInt(Math.floor(Date.now() / 1000));
}

// Unix seconds from a Date or a number of seconds.
function asSeconds(value, what) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidArgument(`${what} is an invalid Date`);
    return BigInt(Math.floor(value.getTime() / 1000));
  }
  return asInt64(value, what);
}

function asCount(value, what) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidArgument(`${what} must be a whole number >= 0`);
  }
  return value;
}

// A value for a C int parameter: one that WebAssembly would not wrap around.
function asInt32(value, what) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw invalidArgument(`${what} must be a whole number of 32 bits`);
  }
  return value;
}

function checkOptions(options, allowed, what) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw invalidArgument(`${what} must be an object`);
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw invalidArgument(`${what}: unknown option "${key}"`);
  }
  return options;
}

// ----- Loading --------------------------------------------------------------

function runsInNode() {
  return typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';
}

async function nodeBuiltin(name) {
  return globalThis.process.getBuiltinModule
    ? globalThis.process.getBuiltinModule(name)
    : import(/* webpackIgnore: true */ name);
}

async function readLocalFile(location) {
  const fs = await nodeBuiltin('node:fs');
  return new Uint8Array(await fs.promises.readFile(location));
}

// Emscripten's /dev/urandom, from which new keys and serials are drawn, reads
// the global `crypto`. Node.js before 19 has no such global: this module-scope
// name, which the loader above sees instead, is then Node's Web Crypto.
let crypto = globalThis.crypto;

// The compiled module, or the bytes or response to compile, from init()'s options.
async function wasmSource(options, defaultUrl) {
  if (options.wasmBinary !== undefined) {
    if (options.wasmBinary instanceof WebAssembly.Module) return options.wasmBinary;
    return asBytes(options.wasmBinary, 'wasmBinary');
  }
  const location = options.wasmUrl ?? defaultUrl();
  if (!(location instanceof URL) && typeof location !== 'string') {
    throw invalidArgument('wasmUrl must be a string or a URL');
  }
  const url = location instanceof URL ? location : null;
  if (url?.protocol === 'file:' || (!url && runsInNode() && !/^[a-z][a-z0-9+.-]*:/i.test(location))) {
    return readLocalFile(location);
  }
  const response = await fetch(location);
  if (!response.ok) throw new PouraError('io_error', `fetching ${location}: HTTP ${response.status}`, STATUS.io_error);
  return response;
}

async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(source, imports), module: source };
  }
  if (typeof Response !== 'undefined' && source instanceof Response) {
    // Streaming compilation needs the application/wasm content type.
    if (WebAssembly.instantiateStreaming && source.headers.get('content-type') === 'application/wasm') {
      return WebAssembly.instantiateStreaming(source, imports);
    }
    source = new Uint8Array(await source.arrayBuffer());
  }
  return WebAssembly.instantiate(source, imports);
}

// Runs Emscripten's module factory with the .wasm located by the options.
async function loadNative(factory, options, defaultUrl) {
  checkOptions(options, ['wasmUrl', 'wasmBinary'], 'init options');
  const source = await wasmSource(options ?? {}, defaultUrl);
  if (typeof crypto?.getRandomValues !== 'function' && runsInNode()) crypto = (await nodeBuiltin('node:crypto')).webcrypto;
  let memory;
  let failed;
  const failure = new Promise((_, reject) => { failed = reject; });
  const ready = factory({
    instantiateWasm(imports, receiveInstance) {
      instantiate(source, imports).then(({ instance, module }) => {
        memory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
        receiveInstance(instance, module);
      }, failed);
      return {};
    },
    print() {},
    printErr() {},
  });
  const native = await Promise.race([ready, failure]);
  return new Native(native, memory);
}

// ----- Calling the C API ----------------------------------------------------

// Memory allocated for one call, released when the call returns.
class Frame {
  constructor(native) {
    this.native = native;
    this.pointers = [];
  }

  alloc(size) {
    const pointer = this.native.lib._malloc(Math.max(size, 1));
    if (pointer === 0) throw new PouraError('out_of_memory', 'out of memory', STATUS.out_of_memory);
    this.pointers.push(pointer);
    return pointer;
  }

  // A NUL-terminated UTF-8 copy of the text; NULL for null/undefined.
  string(text) {
    if (text === null || text === undefined) return 0;
    const encoded = textEncoder.encode(text);
    const pointer = this.alloc(encoded.length + 1);
    const heap = this.native.heap();
    heap.set(encoded, pointer);
    heap[pointer + encoded.length] = 0;
    return pointer;
  }

  bytes(data) {
    const pointer = this.alloc(data.length);
    this.native.heap().set(data, pointer);
    return pointer;
  }

  // Room for one out-parameter (a pointer, an int or an int64_t), zeroed.
  out() {
    const pointer = this.alloc(8);
    this.native.heap().fill(0, pointer, pointer + 8);
    return pointer;
  }

  release() {
    for (const pointer of this.pointers) this.native.lib._free(pointer);
    this.pointers.length = 0;
  }
}

class Native {
  constructor(lib, memory) {
    this.lib = lib;
    this.memory = memory;
    // Handles the program forgot to dispose of are freed when collected.
    this.collector = new FinalizationRegistry((release) => release());
    // Kept for the whole life of the instance, for the calls made most often
    // (verify): an out-parameter slot and a buffer for one text argument.
    this.slot = lib._malloc(8);
    this.scratch = 0;
    this.scratchSize = 0;
  }

  // The text, NUL-terminated, in the scratch buffer (valid until the next use).
  scratchString(text) {
    const needed = text.length * 3 + 1;
    if (needed > this.scratchSize) {
      const size = Math.max(needed, 4096);
      const pointer = this.lib._malloc(size);
      if (pointer === 0) throw new PouraError('out_of_memory', 'out of memory', STATUS.out_of_memory);
      if (this.scratch) this.lib._free(this.scratch);
      this.scratch = pointer;
      this.scratchSize = size;
    }
    const { written } = textEncoder.encodeInto(text, this.heap().subarray(this.scratch, this.scratch + needed - 1));
    this.heap()[this.scratch + written] = 0;
    return this.scratch;
  }

  // Views are made anew on each use: growing the memory detaches old ones.
  heap() {
    return new Uint8Array(this.memory.buffer);
  }

  view() {
    return new DataView(this.memory.buffer);
  }

  // Runs body(frame) and frees what it allocated.
  call(body) {
    const frame = new Frame(this);
    try {
      return body(frame);
    } finally {
      frame.release();
    }
  }

  // Throws PouraError for a negative status; returns it otherwise.
  check(status) {
    if (status < 0) {
      const code = this.cString(this.lib._poura_error_name(status));
      throw new PouraError(code, this.cString(this.lib._poura_last_error()) || code, status);
    }
    return status;
  }

  cString(pointer) {
    if (pointer === 0) return '';
    const heap = this.heap();
    return textDecoder.decode(heap.subarray(pointer, heap.indexOf(0, pointer)));
  }

  pointerAt(address) {
    return this.view().getUint32(address, true);
  }

  int64At(address) {
    return this.view().getBigInt64(address, true);
  }

  // The string a `const char **` out-parameter points to.
  stringAt(address) {
    return this.cString(this.pointerAt(address));
  }

  // The bytes of a poura_buffer, copied out; the buffer is freed.
  takeBuffer(buffer) {
    try {
      return this.call((frame) => {
        const data = frame.out();
        const size = frame.out();
        this.check(this.lib._poura_buffer_data(buffer, data, size));
        const start = this.pointerAt(data);
        return this.heap().slice(start, start + this.pointerAt(size));
      });
    } finally {
      this.lib._poura_buffer_free(buffer);
    }
  }

  takeBufferText(buffer) {
    return textDecoder.decode(this.takeBuffer(buffer));
  }

  // Makes a handle with make(frame, out) and returns its pointer.
  make(make) {
    return this.call((frame) => {
      const out = frame.out();
      this.check(make(frame, out));
      return this.pointerAt(out);
    });
  }

  // Ties native handles to a JS object: release (which must not refer to the
  // owner) runs when the returned function is called or, failing that, when
  // the owner is collected.
  own(owner, release) {
    this.collector.register(owner, release, owner);
    return () => {
      this.collector.unregister(owner);
      release();
    };
  }

  // A poura_public_keys handle holding the keys of every item: JSON text or
  // objects (one key or a keys file), or DER certificate bytes.
  publicKeys(items, what) {
    const list = Array.isArray(items) ? items : [items];
    if (list.length === 0) throw invalidArgument(`${what} must name at least one key`);
    const keys = this.make((frame, out) => this.lib._poura_public_keys_new(out));
    try {
      for (const item of list) {
        this.call((frame) => {
          if (isBytes(item)) {
            const der = asBytes(item, what);
            this.check(this.lib._poura_public_keys_add_certificate(keys, frame.bytes(der), der.length));
          } else {
            this.check(this.lib._poura_public_keys_add_json(keys, frame.string(asJsonText(item, what))));
          }
        });
      }
      return keys;
    } catch (error) {
      this.lib._poura_public_keys_free(keys);
      throw error;
    }
  }
}

// ----- Trust ----------------------------------------------------------------

/** What a verifier trusts: a signed trust bundle, or issuer keys given directly. */
class Trust {
  constructor(native, pointer, roots) {
    this.native = native;
    this.pointer = pointer;
    this.roots = roots;
    const lib = native.lib;
    this.release = native.own(this, () => {
      lib._poura_trust_free(pointer);
      if (roots) lib._poura_public_keys_free(roots);
    });
    this.describe();
  }

  // Copies what the native trust holds into this object's fields.
  describe() {
    const native = this.native;
    const json = JSON.parse(native.takeBufferText(native.make((frame, out) =>
      native.lib._poura_trust_to_json(this.pointer, out))));
    this.sequence = json.sequence;
    this.issuedAt = json.issued_at;
    this.nextUpdate = json.next_update;
    this.issuers = json.issuers;
  }

  /**
   * 'fresh' until the bundle's next update, 'stale' for graceSeconds after it
   * (default 7 days, as verify's), 'expired' then; 'clock_suspect' while the
   * bundle's issue time is more than the default clock skew (300 s) after now,
   * so this clock (or the bundle's) is wrong. Trust without a bundle is
   * always fresh.
   */
  freshness(options) {
    this.live();
    const { now, graceSeconds = VERIFY_DEFAULTS.graceSeconds } =
      checkOptions(options, ['now', 'graceSeconds'], 'freshness options');
    const at = now === undefined ? nowSeconds() : asSeconds(now, 'now');
    const native = this.native;
    return native.call((frame) => {
      const out = frame.out();
      native.check(native.lib._poura_trust_freshness(this.pointer, at, asInt64(graceSeconds, 'graceSeconds'), out));
      return FRESHNESS_NAMES[native.view().getInt32(out, true)];
    });
  }

  /** Replaces the bundle with a newer one from the same roots; refuses an older one ('trust_rollback'). */
  update(bundleBytes) {
    const bundle = asBytes(bundleBytes, 'bundle');
    this.live();
    if (!this.roots) throw new PouraError('unsupported', 'this trust has no bundle to update', STATUS.unsupported);
    const native = this.native;
    native.call((frame) => native.check(native.lib._poura_trust_update(this.pointer, frame.bytes(bundle), bundle.length)));
    this.describe();
    return this;
  }

  /** Frees the native trust now rather than when it is collected. */
  dispose() {
    if (this.pointer === 0) return;
    this.release();
    this.pointer = 0;
  }

  live() {
    if (this.pointer === 0) throw invalidArgument('the trust was disposed of');
  }
}

// ----- The verify half of the API -------------------------------------------

const VERIFY_OPTIONS = ['now', 'clockSkewSeconds', 'graceSeconds', 'maxInflatedSize', 'scheme'];

class PouraVerifier {
  constructor(native) {
    this.native = native;
    this.version = native.cString(native.lib._poura_version_string());
  }

  /**
   * Opens a signed trust bundle against the root public keys (the text of
   * root.pub.json, an object, or a list of them). minSequence is the highest
   * bundle sequence this verifier accepted before.
   */
  openTrustBundle(bundleBytes, options) {
    const bundle = asBytes(bundleBytes, 'bundle');
    const { roots, minSequence = 0 } = checkOptions(options, ['roots', 'minSequence'], 'openTrustBundle options');
    if (roots === undefined) throw invalidArgument('openTrustBundle needs { roots }');
    const native = this.native;
    const rootKeys = native.publicKeys(roots, 'roots');
    let pointer;
    try {
      pointer = native.make((frame, out) => native.lib._poura_trust_from_bundle(
        frame.bytes(bundle), bundle.length, rootKeys, BigInt(asCount(minSequence, 'minSequence')), out));
    } catch (error) {
      native.lib._poura_public_keys_free(rootKeys);
      throw error;
    }
    return new Trust(native, pointer, rootKeys);
  }

  /** Trusts issuer keys directly (public keys JSON: one key or a keys file), with no bundle. */
  trustFromKeys(publicKeys) {
    return this.trustFromPublicKeys(publicKeys, 'publicKeys');
  }

  /** Trusts the keys of DER X.509 signer certificates directly (HC1). */
  trustFromCertificate(certificates) {
    const list = Array.isArray(certificates) ? certificates : [certificates];
    return this.trustFromPublicKeys(list.map((der) => asBytes(der, 'certificate')), 'certificate');
  }

  trustFromPublicKeys(items, what) {
    const native = this.native;
    const keys = native.publicKeys(items, what);
    try {
      const pointer = native.make((frame, out) => native.lib._poura_trust_from_keys(keys, out));
      return new Trust(native, pointer, 0);
    } finally {
      native.lib._poura_public_keys_free(keys);
    }
  }

  /**
   * Verifies a QR text against the trust. A bad certificate is not an error:
   * the returned object's verdict says 'invalid', at which stage and why.
   */
  verify(qrText, trust, options) {
    asText(qrText, 'qrText');
    if (!(trust instanceof Trust) || trust.native !== this.native) {
      throw invalidArgument('trust must come from openTrustBundle, trustFromKeys or trustFromCertificate');
    }
    trust.live();
    const native = this.native;
    const lib = native.lib;
    const verifyOptions = this.optionsHandle(checkOptions(options, VERIFY_OPTIONS, 'verify options'));
    native.check(lib._poura_certificate_verify(native.scratchString(qrText), trust.pointer, verifyOptions, native.slot));
    const result = native.pointerAt(native.slot);
    try {
      native.check(lib._poura_result_json(result, native.slot));
      return JSON.parse(native.stringAt(native.slot));
    } finally {
      lib._poura_result_free(result);
    }
  }

  // The options handle for these options, or 0 (NULL) for the defaults. The
  // last one made is kept for the next call, which usually asks the same.
  optionsHandle(chosen) {
    const values = VERIFY_OPTIONS.map((name) => {
      const value = chosen[name];
      return value instanceof Date ? value.getTime() / 1000 : value;
    });
    if (values.every((value) => value === undefined)) return 0;
    const key = values.join('|');
    if (this.cachedOptions?.key !== key) {
      const handle = this.verifyOptions(chosen);
      if (this.cachedOptions) this.native.lib._poura_verify_options_free(this.cachedOptions.handle);
      this.cachedOptions = { key, handle };
    }
    return this.cachedOptions.handle;
  }

  verifyOptions(chosen) {
    const native = this.native;
    const lib = native.lib;
    const options = native.make((frame, out) => lib._poura_verify_options_new(out));
    try {
      if (chosen.now !== undefined) native.check(lib._poura_verify_options_set_now(options, asSeconds(chosen.now, 'now')));
      if (chosen.clockSkewSeconds !== undefined) {
        native.check(lib._poura_verify_options_set_clock_skew(options, asInt64(chosen.clockSkewSeconds, 'clockSkewSeconds')));
      }
      if (chosen.graceSeconds !== undefined) {
        native.check(lib._poura_verify_options_set_grace_period(options, asInt64(chosen.graceSeconds, 'graceSeconds')));
      }
      if (chosen.maxInflatedSize !== undefined) {
        native.check(lib._poura_verify_options_set_max_inflated_size(options,
          asCount(chosen.maxInflatedSize, 'maxInflatedSize')));
      }
      if (chosen.scheme !== undefined) {
        const scheme = typeof chosen.scheme === 'string' ? SCHEMES[chosen.scheme.toUpperCase()] : undefined;
        if (scheme === undefined) throw invalidArgument('scheme must be "BD1" or "HC1"');
        native.check(lib._poura_verify_options_set_scheme(options, scheme));
      }
      return options;
    } catch (error) {
      lib._poura_verify_options_free(options);
      throw error;
    }
  }
}
