// ---- poura/verify: the verify-only build's entry point -----------------------

/**
 * Loads the verify-only build. options.wasmUrl (string or URL) or
 * options.wasmBinary (bytes or a compiled WebAssembly.Module) locate the
 * .wasm; by default it is poura-verify.wasm next to this file.
 */
export async function init(options) {
  const native = await loadNative(createPouraVerifyModule, options,
    () => new URL('./poura-verify.wasm', import.meta.url));
  return new PouraVerifier(native);
}
