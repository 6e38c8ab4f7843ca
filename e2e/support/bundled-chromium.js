// @ts-check
/**
 * The Chromium that comes from the npm registry: @sparticuz/chromium ships a brotli-packed
 * chrome-headless-shell for Linux x64 inside the package, so `npm ci` alone gives the browser tests a browser.
 *
 * Unpacked here rather than through the package's `executablePath()`: that one unpacks into a fixed
 * `os.tmpdir()/chromium` and trusts whatever is found there (two runs at once race on a half-written file, and
 * another version's leftover is used as is), and it only unpacks its NSS libraries on AWS. We unpack every part
 * into a folder named after the version, staged then renamed into place, so concurrent runs never see half a browser.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const zlib = require('node:zlib');

const PACKAGE = '@sparticuz/chromium';

/** @returns {{ root: string, version: string }} where the package is installed, or throws why it cannot be used. */
function locatePackage() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${PACKAGE} only ships a Linux x64 build (this is ${process.platform} ${process.arch})`);
  }
  let entry;
  try {
    entry = require.resolve(PACKAGE);
  } catch {
    throw new Error(`${PACKAGE} is not installed (run "npm ci" with dev dependencies)`);
  }
  // `exports` hides package.json, so walk up from the entry point to the package root.
  let root = path.dirname(entry);
  while (!fs.existsSync(path.join(root, 'package.json')) || JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name !== PACKAGE) {
    const parent = path.dirname(root);
    if (parent === root) throw new Error(`${PACKAGE} is installed without its package.json`);
    root = parent;
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return { root, version };
}

/** Decompresses `file.br` to `target`, or extracts `file.tar.br` into the folder `target`. */
async function inflate(file, target, root) {
  const source = fs.createReadStream(file);
  const brotli = zlib.createBrotliDecompress();
  if (file.endsWith('.tar.br')) {
    // tar-fs is @sparticuz/chromium's own dependency, resolved from there (not one of ours).
    const tar = require(require.resolve('tar-fs', { paths: [root] }));
    await pipeline(source, brotli, tar.extract(target));
  } else {
    await pipeline(source, brotli, fs.createWriteStream(target, { mode: 0o755 }));
  }
}

/**
 * Unpacks the bundled browser once per version (a second or two) and says how to run it.
 * @returns {Promise<{ executablePath: string, env: Record<string, string>, version: string }>}
 */
async function bundledChromium(cacheRoot = os.tmpdir()) {
  const { root, version } = locatePackage();
  const bin = path.join(root, 'bin');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const dir = path.join(cacheRoot, `mission-control-chromium-${version}-${uid}`);
  const complete = path.join(dir, '.complete');
  if (!fs.existsSync(complete)) {
    removeAbandonedStaging(dir);
    const staging = fs.mkdtempSync(`${dir}.staging-`);
    try {
      // allSettled: on a failure, no other part may still be writing into the folder we are about to remove.
      const parts = await Promise.allSettled([
        inflate(path.join(bin, 'chromium.br'), path.join(staging, 'chromium'), root),
        // SwiftShader's GL libraries must sit next to the binary; the NSS libraries it links against are
        // absent on a machine with Node alone; the fonts are only used when the machine has none.
        inflate(path.join(bin, 'swiftshader.tar.br'), staging, root),
        inflate(path.join(bin, 'al2023.tar.br'), path.join(staging, 'al2023'), root),
        inflate(path.join(bin, 'fonts.tar.br'), path.join(staging, 'fonts'), root),
      ]);
      const failed = parts.find((part) => part.status === 'rejected');
      if (failed) throw failed.reason;
      fs.writeFileSync(path.join(staging, 'fonts', 'mission-control-fonts.conf'), fontsConf(path.join(dir, 'fonts')));
      fs.writeFileSync(path.join(staging, '.complete'), `${version}\n`);
      // A folder without the marker is a copy someone emptied by hand: replace it.
      if (fs.existsSync(dir) && !fs.existsSync(complete)) fs.rmSync(dir, { recursive: true, force: true });
      try {
        fs.renameSync(staging, dir);
      } catch (error) {
        // Another run finished first: use its copy.
        if (!fs.existsSync(complete)) throw error;
      }
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  /** @type {Record<string, string>} */
  const env = { LD_LIBRARY_PATH: [path.join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  if (!fs.existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_FILE = path.join(dir, 'fonts', 'mission-control-fonts.conf');
  return { executablePath: path.join(dir, 'chromium'), env, version };
}

/** A run killed while unpacking leaves its ~200 MB staging folder behind; one untouched for an hour is abandoned. */
function removeAbandonedStaging(dir) {
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}.staging-`;
  for (const name of fs.readdirSync(parent).filter((entry) => entry.startsWith(prefix))) {
    const staging = path.join(parent, name);
    try {
      if (Date.now() - fs.statSync(staging).mtimeMs > 3_600_000) fs.rmSync(staging, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}

function fontsConf(fontsDir) {
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${fontsDir}</dir>\n  <cachedir>${fontsDir}/cache</cachedir>\n</fontconfig>\n`;
}

module.exports = { bundledChromium, PACKAGE };
