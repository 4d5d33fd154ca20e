// Run by the site build under Node (`node bytecode.mjs PYODIDE_DIR MICROMETS_WHEEL OUT_DIR`): the page's
// own Python (this Pyodide) imports the page's module as the browser will, then compiles every module
// that import loaded to bytecode, so that the browser no longer compiles them from source at each start
// (Pyodide's standard library ships as sources only: compiling them was about half of its start).
// Writes OUT_DIR/python_stdlib.zip (Pyodide's, each imported module's .pyc added beside its .py, where
// zipimport looks first) and OUT_DIR/micromets-bytecode.zip (micromets' __pycache__ files). Every .pyc
// is "checked hash": Python compares it with its source's hash before use and compiles the source if
// they differ, so a stale or foreign .pyc costs time, never a wrong answer.
import { readFileSync, writeFileSync } from "node:fs";

const [core, wheel, out] = process.argv.slice(2);
const { loadPyodide } = await import(new URL("pyodide.mjs", `file://${core}/`).href);
const pyodide = await loadPyodide({ indexURL: `${core}/` });
pyodide.FS.mkdirTree("/build/site");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: "/build/site" });
pyodide.FS.writeFile("/build/stdlib.zip", new Uint8Array(readFileSync(`${core}/python_stdlib.zip`)));
pyodide.runPython(`
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

sys.path.insert(0, "/build/site")
import micromets.site.page as page

# What the first plan and the first redraws import, beyond the module itself (both shipped rulesets).
shown = {"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}
for name in ("trials-2024", "seed-2025"):
    page.update(shown, name)
    page.recommend_json({**shown, "ruleset": name})
    page.draw_ahead(shown, name)
    page.draw_ahead_step()

zipped = next(p for p in sys.path if p.endswith(".zip")) + "/"  # where the page's Python finds its stdlib
ours = "/build/site/"
loaded = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}


def pyc(source: bytes, filename: str) -> bytes:
    code = compile(source, filename, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), True))


from_stdlib = {f[len(zipped):] for f in loaded if f.startswith(zipped) and f.endswith(".py")}
with zipfile.ZipFile("/build/stdlib.zip") as given, zipfile.ZipFile("/build/stdlib-out.zip", "w", zipfile.ZIP_DEFLATED) as out:
    for info in given.infolist():
        source = given.read(info)
        out.writestr(info, source)
        if info.filename in from_stdlib:
            entry = zipfile.ZipInfo(info.filename + "c", info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, pyc(source, zipped + info.filename))

with zipfile.ZipFile("/build/micromets.zip", "w", zipfile.ZIP_DEFLATED) as out:
    for path in sorted(f for f in loaded if f.startswith(ours + "micromets/") and f.endswith(".py")):
        with open(path, "rb") as handle:
            source = handle.read()
        out.writestr(importlib.util.cache_from_source(path)[len(ours):], pyc(source, path))
`);
writeFileSync(`${out}/python_stdlib.zip`, pyodide.FS.readFile("/build/stdlib-out.zip"));
writeFileSync(`${out}/micromets-bytecode.zip`, pyodide.FS.readFile("/build/micromets.zip"));
