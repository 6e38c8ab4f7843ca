// @ts-check
const { FOUND_ENV, NoBrowserError, describeBrowser, findBrowser } = require('./support/chromium');

/**
 * Finds the browser once for every browser spec (see support/chromium.js). With none to be had, the run stops here
 * in seconds with one line saying what to do, instead of each spec timing out at launch.
 */
module.exports = async function globalSetup() {
  try {
    const found = await findBrowser();
    process.env[FOUND_ENV] = JSON.stringify(found);
    process.stdout.write(`\nBrowser tests use ${describeBrowser(found)}.\n`);
  } catch (error) {
    if (!(error instanceof NoBrowserError)) throw error;
    // Jest would print the stack too; the message is the whole story.
    const oneLine = new Error(error.message);
    oneLine.stack = error.message;
    throw oneLine;
  }
};
