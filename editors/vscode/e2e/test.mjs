// Drives a real VS Code (code-server) in headless Chromium: opens the sample article, waits for
// copydesk's diagnostics, hovers the doubled word, applies the quick fix, checks the status bar.
// Started by run.sh, which sets CODE_URL, WORKSPACE and ARTIFACTS. Prints "ok - …" / "not ok - …".
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const url = process.env.CODE_URL;
const workspace = process.env.WORKSPACE;
const artifacts = process.env.ARTIFACTS ?? '/tmp';
const timeout = Number(process.env.E2E_TIMEOUT ?? 60000);
let passed = 0;
let failed = 0;
const check = (name, ok, detail) => {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail !== undefined ? ': ' + String(detail).replace(/\s+/g, ' ').slice(0, 300) : ''}`);
  }
  return ok;
};

const article = join(workspace, 'marche.md');
const original = readFileSync(article, 'utf8');
const lines = original.split('\n');
const lineIndex = lines.findIndex((l) => l.includes('ses ses'));
const line = lines[lineIndex];
// VS Code columns are UTF-16 code units, 1-based.
const col16 = line.indexOf('ses ses') + 1;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(timeout);
const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`) }).catch(() => undefined);

try {
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout });
  check('the workbench loads', true);

  // Open the article with Quick Open.
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('marche.md');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { state: 'visible' });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible' });
  check('the article opens in an editor', true);

  // Diagnostics: a squiggle, then the Problems view's entry.
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  check('a warning squiggle appears', await squiggle.waitFor({ timeout }).then(() => true, (e) => e.message));
  await shot('1-diagnostics');

  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'twice' }).first();
  const rowText = await row.waitFor({ timeout }).then(() => row.innerText(), (e) => e.message);
  check('Problems view lists the doubled word in English (copydesk.messages = "en" reached the server)',
    /typed twice/.test(rowText), rowText);
  check('… with its rule code', /text\.doubled-word/.test(rowText), rowText);
  const pos = /\[Ln (\d+), Col (\d+)\]/.exec(rowText);
  check(`… at Ln ${lineIndex + 1}, Col ${col16} (UTF-16 columns after « », U+202F and an emoji)`,
    pos !== null && Number(pos[1]) === lineIndex + 1 && Number(pos[2]) === col16, rowText);
  await shot('2-problems');

  // Status bar counts from copydesk/stats.
  const status = page.locator('.statusbar-item', { hasText: 'without source' }).first();
  const statusText = await status.waitFor({ timeout }).then(() => status.innerText(), (e) => e.message);
  check('status bar shows the counts', /\d+ quotes? · \d+ sources? · \d+ without source/.test(statusText), statusText);

  // Hover over the squiggle.
  await page.keyboard.press('Escape');
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
  // The diagnostic part shows at once; the server's part replaces "Loading..." when it answers.
  const hover = page.locator('.monaco-hover', { hasText: 'What it does' }).first();
  const hoverText = await hover.waitFor({ state: 'visible', timeout }).then(() => hover.innerText(), (e) => e.message);
  check('hover documents the rule', /doubled-word/.test(hoverText) && /What it does/i.test(hoverText), hoverText);
  await shot('3-hover');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // Quick fix: put the cursor in the squiggle, Ctrl+. and pick "Remove the second …".
  const fix = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'second' }).first();
  let fixFound = 'not shown';
  for (let attempt = 0; attempt < 6 && fixFound !== true; attempt++) {
    // Ctrl+. can race the code-action request of a fresh cursor position: retry until the menu shows.
    await page.keyboard.press('Escape');
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+.');
    fixFound = await fix.waitFor({ state: 'visible', timeout: timeout / 6 }).then(() => true, (e) => e.message);
  }
  check('the quick fix "Remove the second …" is offered', fixFound === true, fixFound);
  await shot('4-quickfix');
  if (fixFound === true) {
    await fix.click();
    await page.keyboard.press('Control+S');
    const expected = original.replace('ses ses', 'ses');
    const deadline = Date.now() + timeout;
    let now = original;
    // The save may be caught half-written: wait for the expected text, or the deadline.
    while (Date.now() < deadline) {
      now = readFileSync(article, 'utf8');
      if (now === expected) break;
      await page.waitForTimeout(200);
    }
    check('the fix removes the second word (file saved)', now === expected, now.split('\n')[lineIndex]);
    const gone = await page
      .locator('.monaco-editor .squiggly-warning')
      .first()
      .waitFor({ state: 'detached', timeout })
      .then(() => true, (e) => e.message);
    check('the squiggle goes away', gone === true, gone);
  }
  await shot('5-after');

  // Command palette: "copydesk: Check workspace" reports the article that is not open.
  const runCommand = async (title) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^copydesk: /, '') }).first().waitFor();
    await page.keyboard.press('Enter');
  };
  await runCommand('copydesk: Check workspace');
  const other = page.locator('.markers-panel .monaco-list-row', { hasText: 'brief.txt' }).first();
  const otherFound = await other.waitFor({ timeout }).then(() => true, (e) => e.message);
  check('"Check workspace" reports the article that is not open (brief.txt)', otherFound === true, otherFound);
  await shot('6-check-workspace');

  // "copydesk: Show rule documentation" → pick the rule → its documentation opens.
  await runCommand('copydesk: Show rule documentation');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('text.doubled-word');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'text.doubled-word' }).first().waitFor();
  await page.keyboard.press('Enter');
  const docFrame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const docShown = await Promise.any([
    docFrame.locator('text=What it does').first().waitFor({ timeout }).then(() => true),
    page.locator('.monaco-editor .view-lines', { hasText: 'What it does' }).first().waitFor({ timeout }).then(() => true),
  ]).catch((e) => String(e));
  check('"Show rule documentation" opens the rule\'s documentation', docShown === true, docShown);
  const docProblems = await page.locator('.markers-panel .monaco-list-row', { hasText: 'doubled-word.md' }).count();
  check('… which copydesk does not check itself', docProblems === 0, docProblems);
  await shot('7-rule-doc');
} catch (e) {
  check('no error driving the workbench', false, e.stack ?? e);
  await shot('error');
} finally {
  writeFileSync(article, original);
  await browser.close();
}
console.log(`vscode: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
