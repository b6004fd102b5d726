// Renders ZPL files to PNG, offline: node render.cjs WIDTH_MM HEIGHT_MM DPMM IN.zpl OUT.png [IN OUT]...
// Used by tests (tests/zpl_renderer.py); never part of the application.
const fs = require("node:fs");
const { ready } = require("zpl-renderer-js");

(async () => {
  const [w, h, dpmm, ...files] = process.argv.slice(2);
  const { api } = await ready;
  for (let i = 0; i + 1 < files.length; i += 2) {
    // latin1 keeps every byte as one char: our ZPL is ASCII (text travels as ^FH hex escapes)
    const zpl = fs.readFileSync(files[i], "latin1");
    const png = await api.zplToBase64Async(zpl, Number(w), Number(h), Number(dpmm));
    fs.writeFileSync(files[i + 1], Buffer.from(png, "base64"));
  }
})().catch((err) => { console.error(String(err)); process.exit(1); });
