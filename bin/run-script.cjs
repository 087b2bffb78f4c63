// Runs a CommonJS script of the command-line build (dist-cli/solve.cjs) with a V8 code cache, and
// returns its exports: bin/rfo.cjs runs the solve command this way, and the command's worker threads
// load the same script to solve their chunks (scripts/solve-pool.ts). Compiling from the cache skips
// parsing and compiling what it holds: the start-up of the command and of each thread.
const { readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');

function mtime(p) {
  return statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

/**
 * The script `file`, compiled with the code cache `cacheFile` when that is newer than the script (a
 * build removes it anyway), and run: its `exports`; `cacheWanted` when there was no cache or V8
 * refused it (another node, other flags); `saveCache()` writes one (with the functions compiled so
 * far; moved into place whole; not at all where the folder is read-only). A worker thread cannot use
 * the main thread's cache (V8 refuses it), so the threads have their own.
 */
function loadScript(file, cacheFile = `${file}.cache`) {
  let cachedData;
  if (mtime(cacheFile) >= mtime(file)) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const { Script } = require('node:vm');
  // (the wrapper on the script's first line: its line numbers stay those of the file)
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cacheWanted: cachedData === undefined || script.cachedDataRejected,
    saveCache() {
      const tmp = `${cacheFile}.tmp-${process.pid}-${require('node:worker_threads').threadId}`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
  };
}

/** The exports of the script `file` (loadScript), which writes its code cache at exit when it wants one. */
function runScript(file) {
  const s = loadScript(file);
  if (s.cacheWanted) process.once('exit', s.saveCache); // (after the run: with the functions it compiled)
  return s.exports;
}

module.exports = { loadScript, runScript };
