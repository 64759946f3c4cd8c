// Opens klaverblad's report in Debian's Chromium (headless) and checks what a
// reader gets: no errors, no network requests, the map drawn at a size, the
// headings in both languages, every value shown as text. Saves a screenshot
// and a printed PDF of each report into $KB_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const artifacts = process.env.KB_ARTIFACTS;

const headings = {
  nl: ['1. Kerncijfers', '2. Het klaverblad', '3. Strategische index', '4. Synergiekansen',
       '5. Bruggenbouwers en de vragen van de stad', '6. Ambities en plannen',
       '7. Makelaars en gemeenschappen', '8. Kandidaat-partners',
       '9. Veranderingen van 2016 tot 2021', '10. Datakwaliteit',
       '11. Hoe lees je dit: de maten uitgelegd'],
  en: ['1. Key figures', '2. The klaverblad', '3. Strategic index', '4. Synergy opportunities',
       "5. Bridging partners and the city's questions", '6. Ambitions and plans',
       '7. Brokers and communities', '8. Candidate partners', '9. Changes from 2016 to 2021',
       '10. Data quality', '11. How to read this: the measures explained'],
};

async function open(dir) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const seen = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('dialog', async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
  const url = pathToFileURL(join(dir, 'report.html')).href;
  await page.goto(url, { waitUntil: 'load' });
  return { browser, page, seen, url };
}

async function check(lang, dir, name) {
  const { browser, page, seen, url } = await open(dir);
  try {
    assert.deepEqual(seen.errors, [], 'the page logs no errors');
    assert.deepEqual(seen.requests, [url], 'the page requests nothing but itself');
    assert.deepEqual(seen.dialogs, []);
    const h2 = await page.$$eval('h2', (els) => els.map((e) => e.textContent));
    assert.deepEqual(h2, headings[lang]);
    // the strategic index by country fits the page at 1200 px; a wider
    // table scrolls inside its own box, so no column is cut off
    const wide = await page.$$eval('div.wide', (els) => els.map((e) => ({
      over: e.scrollWidth > e.clientWidth + 1, scrolls: getComputedStyle(e).overflowX === 'auto',
      head: e.previousElementSibling ? e.previousElementSibling.textContent : '' })));
    assert.ok(wide.length > 10, `the tables are in boxes (${wide.length})`);
    for (const w of wide) {
      assert.ok(!w.over || w.scrolls, `a table wider than the page scrolls: ${w.head}`);
      if (/^Strateg.* (per land|by country)$/.test(w.head))
        assert.ok(!w.over, `the strategic index fits the page: ${w.head}`);
    }
    // every measure links to its line in the glossary, which is there
    const links = await page.$$eval('a[href^="#g-"]', (els) => els.map((e) => e.getAttribute('href')));
    assert.ok(links.length >= 10, `measures link to the glossary (${links.length})`);
    for (const href of new Set(links))
      assert.equal(await page.locator(href).count(), 1, `the glossary has ${href}`);
    const box = await page.locator('svg.map').boundingBox();
    assert.ok(box && box.width > 300 && box.height > 200, `the map has a size: ${JSON.stringify(box)}`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
    const pdf = await page.pdf({ path: join(artifacts, `${name}.pdf`), format: 'A4',
                                 printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 20000, `a printed PDF with content (${pdf.length} bytes)`);
  } finally {
    await browser.close();
  }
}

test('the Dutch report', () => check('nl', process.env.KB_REPORT_NL, 'report-nl'));

// A regional network: its members in the key figures, its own section
// second, with the centralization, the seats, the members on one
// consultation and the growth, and no "0 countries abroad".
test('the report of a regional network', async () => {
  const { browser, page, seen } = await open(process.env.KB_REPORT_ZWOLLE);
  try {
    assert.deepEqual(seen.errors, []);
    const h2 = await page.$$eval('h2', (els) => els.map((e) => e.textContent));
    assert.equal(h2[0], '1. Kerncijfers');
    assert.equal(h2[1], '2. Het regionale netwerk');
    const key = await page.locator('section#key-figures').innerText();
    assert.match(key, /Regio Zwolle heeft 30 leden: 22 gemeenten in 4 provincies/);
    assert.doesNotMatch(key, /buitenland/);
    const tables = await page.$$eval('section#region h3', (els) => els.map((e) => e.textContent));
    assert.deepEqual(tables, ['Hoe centraal de centrumgemeente staat', 'Zetels per provincie',
                              'Zetels naar gemeentegrootte (inwoners)', 'Wie zit waar',
                              'Leden die aan één overleg hangen', 'Hoe het netwerk groeide']);
    const growth = await page.locator('section#region table').last().innerText();
    assert.match(growth, /uiterlijk 2015\s+17/);
    await page.screenshot({ path: join(artifacts, 'report-zwolle.png'), fullPage: false });
  } finally {
    await browser.close();
  }
});
test('the English report', () => check('en', process.env.KB_REPORT_EN, 'report-en'));

test('values are shown as text, never run', async () => {
  const { browser, page, seen } = await open(process.env.KB_REPORT_XSS);
  try {
    assert.deepEqual(seen.dialogs, [], 'no script ran');
    assert.deepEqual(seen.errors, []);
    assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 0);
    const body = await page.evaluate(() => document.body.innerText);
    assert.ok(body.includes('<script>alert(1)</script>'));
    assert.ok(body.includes('Café "De Hoek" <b>bold</b>'));
    assert.ok(body.includes('Malmö & Lund'));
    const html = readFileSync(join(process.env.KB_REPORT_XSS, 'report.html'), 'utf8');
    assert.ok(!html.includes('<script>alert'), 'escaped in the file too');
  } finally {
    await browser.close();
  }
});
