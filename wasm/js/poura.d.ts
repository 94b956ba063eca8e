// Types of `poura`, the full WebAssembly build of Poura: everything of
// `poura/verify`, plus keys, issuing, trust bundles, QR rendering and fees.
import type { InitOptions, PouraVerifier, PublicKeysJson } from './poura-verify.js';

export type {
  InitOptions, OpenTrustBundleOptions, PublicKeysJson, Reason, Stage, Trust, TrustIssuer, Verdict, VerifyOptions,
  VerifyResult,
} from './poura-verify.js';

/** An error from Poura. */
export class PouraError extends Error {
  /** The SDK's error name: 'invalid_argument', 'document_invalid', 'wrong_passphrase', 'schedule_invalid', ... */
  readonly code: string;
  /** The C API's status number (negative). */
  readonly status: number;
}

/** A time: a Date or Unix seconds. */
export type Time = Date | number | bigint;

/** One public key as JSON. */
export interface PublicKeyJson {
  algorithm: 'EdDSA' | 'ES256' | 'ES384' | 'PS256';
  kid: string;
  public_key?: string;
  certificate?: string;
}

/** An Ed25519 signing key. */
export interface PrivateKey {
  readonly publicKey: PublicKeyJson;
  /** Encrypted PKCS#8 PEM (PBES2, AES-256-CBC, PBKDF2-SHA-256). */
  toPem(passphrase: string): string;
  /** Plain PKCS#8 PEM: the secret key in the clear. */
  toUnencryptedPem(): string;
  dispose(): void;
}

/** An issuer's signing keys: one primary, older ones still verifying. */
export interface Keyset {
  /** The public keys file: { keys: [...] } with each key's validity. */
  readonly publicKeys: { keys: Array<PublicKeyJson & Record<string, unknown>> };
  /** Makes `next` the primary key from `now` (default: the current time). */
  rotate(next: PrivateKey, options?: { now?: Time }): this;
  /** The keyset file, private keys encrypted with the passphrase. */
  toJson(passphrase: string): string;
  /** The keyset file with the private keys in the clear. */
  toUnencryptedJson(): string;
  dispose(): void;
}

export interface AddIssuerOptions {
  code: string;
  nameBn: string;
  nameEn: string;
  /** Document types the issuer may sign; default ['*'] (every type). */
  documentTypes?: string[];
}

/** A trust bundle being built by its publisher (the ministry). */
export interface TrustBundleBuilder {
  addIssuer(publicKeys: PublicKeysJson, options: AddIssuerOptions): this;
  setIssuerStatus(kid: string, status: 'active' | 'suspended' | 'revoked'): this;
  revoke(issuerCode: string, serial: string): this;
  /** The signed bundle (COSE_Sign1), signed with the root key. */
  sign(rootKey: PrivateKey): Uint8Array;
  toJSON(): Record<string, unknown>;
  dispose(): void;
}

export interface IssueOptions {
  /** The issuer's code, e.g. "BD-10-06-88". */
  issuer: string;
  /** Default: a random serial. */
  serial?: string;
  /** Default: now. */
  issuedAt?: Time;
  /** Default: from the document's profile. */
  expiresAt?: Time;
  /** Allow compression when it makes the QR smaller (default true). */
  compression?: boolean;
}

export interface IssuedCertificate {
  /** The QR text, "BD1:...". */
  qr: string;
  serial: string;
  /** The signing key's id in hex. */
  kid: string;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds, or null when the certificate does not expire. */
  expiresAt: number | null;
  /** The document as validated and normalised. */
  document: Record<string, unknown>;
}

export interface QrOptions {
  /** Error correction level; default 'Q'. */
  ecc?: 'L' | 'M' | 'Q' | 'H';
  /** User units (SVG) or pixels (PNG) per module, 1 to 100; default 8. */
  moduleSize?: number;
  /** Light margin in modules, 0 to 100; default 4. */
  quietZone?: number;
}

/** A fee schedule: JSON text or a parsed object (see docs/fees.md). */
export type ScheduleJson = string | object;

/** A validated set of fee schedules. */
export interface Schedules {
  list(): Array<{ id: string; municipality: string; from: string; until: string }>;
  dispose(): void;
}

export interface BillLine {
  code: string;
  amount_poisha: number;
  informational?: boolean;
  [member: string]: unknown;
}

/** A bill: the JSON of the C++ Bill (lines with their rules explained in Bangla and English). */
export interface Bill {
  total_poisha: number;
  lines: BillLine[];
  instalments?: Array<{ amount_poisha: number; [member: string]: unknown }>;
  [member: string]: unknown;
}

export type Calculator = (schedules: Schedules | ScheduleJson | ScheduleJson[], input: string | object) => Bill;

export interface Poura extends PouraVerifier {
  generateKey(): PrivateKey;
  privateKeyFromPem(pem: string, passphrase?: string): PrivateKey;
  createKeyset(firstKey: PrivateKey, options?: { now?: Time }): Keyset;
  keysetFromJson(json: string | object, passphrase?: string): Keyset;
  createTrustBundle(options: { sequence: number; issuedAt: Time; nextUpdate: Time }): TrustBundleBuilder;
  /** Signs a document; returns the QR text. */
  issue(document: string | object, signer: Keyset | PrivateKey, options: IssueOptions): string;
  issueCertificate(document: string | object, signer: Keyset | PrivateKey, options: IssueOptions): IssuedCertificate;
  qrSvg(text: string, options?: QrOptions): string;
  qrPng(text: string, options?: QrOptions): Uint8Array;
  schedules(list: ScheduleJson | ScheduleJson[]): Schedules;
  readonly fees: { holding: Calculator; water: Calculator; trade: Calculator; certificate: Calculator };
}

/** Loads the full build. */
export function init(options?: InitOptions): Promise<Poura>;
