// Types of `poura/verify`, the verify-only WebAssembly build of Poura.

/** Where init() finds the .wasm; by default, next to the .js file. */
export interface InitOptions {
  /** The .wasm's URL or path (a file path or file: URL under Node). */
  wasmUrl?: string | URL;
  /** The .wasm itself, or a module already compiled from it. */
  wasmBinary?: Uint8Array | ArrayBuffer | WebAssembly.Module;
}

/** An error from Poura. */
export class PouraError extends Error {
  /** The SDK's error name: 'invalid_argument', 'key_invalid', 'trust_bundle_invalid', 'trust_rollback', ... */
  readonly code: string;
  /** The C API's status number (negative). */
  readonly status: number;
}

/** Public keys as `poura keygen` writes them (one key or a keys file), as JSON text or parsed. */
export type PublicKeysJson = string | object;

export interface TrustIssuer {
  algorithm: 'EdDSA' | 'ES256' | 'ES384' | 'PS256';
  kid: string;
  public_key?: string;
  certificate?: string;
  issuer: string;
  name_bn: string;
  name_en: string;
  valid_from: string;
  valid_until: string | null;
  document_types: string[];
  status: 'active' | 'suspended' | 'revoked';
}

/** What a verifier trusts. */
export interface Trust {
  /** The bundle's sequence number; 0 without a bundle. */
  readonly sequence: number;
  /** ISO 8601 times of the bundle; null without a bundle. */
  readonly issuedAt: string | null;
  readonly nextUpdate: string | null;
  /** The bundle's issuer keys; without a bundle, the keys trusted directly (no issuer code or names). */
  readonly issuers: TrustIssuer[];
  /**
   * 'fresh' until the bundle's next update, 'stale' for graceSeconds after it
   * (default 7 days, as verify's), 'expired' then; trust without a bundle is always 'fresh'.
   */
  freshness(options?: { now?: Date | number | bigint; graceSeconds?: number | bigint }): 'fresh' | 'stale' | 'expired' | 'clock_suspect';
  /** Replaces the bundle with a newer one from the same roots (PouraError 'trust_rollback' for an older one). */
  update(bundle: Uint8Array | ArrayBuffer): this;
  /** Frees the native trust now; otherwise it is freed when collected. */
  dispose(): void;
}

export interface OpenTrustBundleOptions {
  /** The root public keys: root.pub.json's text or object, or a list of them. */
  roots: PublicKeysJson | PublicKeysJson[];
  /** The highest bundle sequence accepted before; an older bundle is refused ('trust_rollback'). */
  minSequence?: number;
}

export interface VerifyOptions {
  /** Verify as of this time (a Date or Unix seconds); default: now. */
  now?: Date | number | bigint;
  /** Tolerance on the certificate's times; default 300. */
  clockSkewSeconds?: number;
  /** How long a stale trust bundle is still used; default 7 days. */
  graceSeconds?: number;
  /** The largest the signed bytes may inflate to; default 65536. */
  maxInflatedSize?: number;
  /** 'BD1' (default) or 'HC1'. */
  scheme?: 'BD1' | 'HC1';
}

// generated:begin verdict_names (from sdk/data/codes.json by cmake/generate_codes.py)
export type Verdict =
  | 'valid' | 'invalid';

export type Stage =
  | 'prefix' | 'base45' | 'inflate' | 'cose' | 'header' | 'key_lookup' | 'signature' | 'time' | 'issuer' | 'revocation'
  | 'document' | 'trust' | 'done';

export type Reason =
  | 'ok' | 'bad_prefix' | 'bad_base45' | 'bad_compression' | 'bad_cose' | 'bad_header' | 'unknown_key' | 'bad_signature'
  | 'not_yet_valid' | 'expired' | 'issuer_not_allowed' | 'key_outside_validity' | 'key_revoked' | 'revoked'
  | 'bad_document' | 'trust_expired' | 'internal_error' | 'too_long';
// generated:end verdict_names

export interface CertificateIdentity {
  /** The `iss` claim; empty when the certificate has none (or its claims do not read). */
  issuer: string;
  /** The serial's raw bytes (`cti`), lowercase hex; empty when it has none. */
  cti: string;
  /** SHA-256 of the COSE Sig_structure the signature covers, 64 lowercase hex digits. */
  fingerprint: string;
}

/** A verification's outcome: the JSON of the C++ VerifyResult::to_json(). */
export interface VerifyResult {
  verdict: Verdict;
  stage: Stage;
  reason: Reason;
  message_en: string;
  message_bn: string;
  detail: string;
  document_type: string;
  /**
   * The decoded document, also when the certificate was refused after its signature
   * checked (expired, revoked...); null for a forgery, damage, or a document that does not decode.
   */
  document: Record<string, unknown> | null;
  issuer_claim: string;
  serial: string;
  /**
   * What identifies the certificate whatever QR text carried it (docs/format.md 8.1):
   * deduplicate, blocklist and revoke by this, never by the text. Present once the
   * signature verified, whatever the verdict after that; null for a forgery or damage.
   */
  identity: CertificateIdentity | null;
  /** ISO 8601 times, or null when the certificate does not carry them. */
  issued_at: string | null;
  not_before: string | null;
  expires_at: string | null;
  trust: {
    has_bundle: boolean;
    freshness: 'fresh' | 'stale' | 'expired' | 'clock_suspect';
    sequence: number;
    issued_at: string | null;
    next_update: string | null;
  };
  issuer: { code: string; name_bn: string; name_en: string; kid: string; algorithm: 'EdDSA' | 'ES256' | 'ES384' | 'PS256' } | null;
}

export interface PouraVerifier {
  /** The SDK's version, e.g. "0.1.0". */
  readonly version: string;
  /** Opens a signed trust bundle against the root keys; throws PouraError for a bad bundle or root key. */
  openTrustBundle(bundle: Uint8Array | ArrayBuffer, options: OpenTrustBundleOptions): Trust;
  /** Trusts issuer keys directly, with no bundle (every document type allowed). */
  trustFromKeys(publicKeys: PublicKeysJson | PublicKeysJson[]): Trust;
  /** Trusts the keys of DER X.509 signer certificates directly (HC1). */
  trustFromCertificate(der: Uint8Array | ArrayBuffer | Array<Uint8Array | ArrayBuffer>): Trust;
  /** Verifies a QR text. Never throws for a bad certificate: the verdict is data. */
  verify(qrText: string, trust: Trust, options?: VerifyOptions): VerifyResult;
}

/** Loads the verify-only build. */
export function init(options?: InitOptions): Promise<PouraVerifier>;
