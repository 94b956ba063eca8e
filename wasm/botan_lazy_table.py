"""Makes the Ed25519 base-point table of a Botan 2 amalgamation a function-local
static, built on first use, instead of a global built at start-up.

Botan's table (768 field elements, each with a destructor) cannot be constant-
initialised, so as a global it is built by ~120 KB of start-up code whenever
the full WebAssembly program loads, though most pages that load it never sign.
Built on first use, it costs nothing until the first signature. (The
verify-only program has no Botan at all.) The change is made
to the generated file in the build folder; Botan's sources are untouched.
"""
import re
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    text = f.read()

head = "static const ge_precomp B_precomp[32][8] =\n"
use = "select(&t, B_precomp[i / 2], e[i]);"
start = text.find(head)
closing = re.compile(r"\n   \} ?;\n").search(text, start) if start >= 0 else None
if closing is None or text.count(use) != 2 or text.find(use) < closing.end():
    sys.exit(f"{path}: Botan's Ed25519 base-point table is not where expected")
end = closing.end()
table = text[start:end]
lazy = ("static const ge_precomp (&base_point_table())[32][8]\n   {\n   " + table.replace("\n", "\n   ").rstrip()
        + "\n   return B_precomp;\n   }\n")
text = text[:start] + lazy + text[end:].replace(use, "select(&t, base_point_table()[i / 2], e[i]);")
with open(path, "w", encoding="utf-8") as f:
    f.write(text)
