// The chat page in Debian's Chromium against the real standalone jar: two users in two browser
// contexts (desktop and phone width) create a group and chat, see each other type, send an image,
// reload, and live through a restart of the server with nothing lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chorusOptions, repo, startChorus } from '../support/chorus.js';
import { landscapePng } from '../support/picture.js';

const STEP = 30_000;
// UPDATE_SCREENSHOTS=1 refreshes the ones in docs/; otherwise they go to browser-tests/screenshots/ (ignored by git)
const shots = join(repo, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'browser-tests/screenshots');
const audio = join(repo, 'standalone/src/test/resources/media/audio.ogg');

let options, chorus, browser;
const pageErrors = [];

before(async () => {
  options = await chorusOptions();
  chorus = await startChorus(options);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await chorus?.stop();
  if (options && process.env.KEEP_DATA !== '1') rmSync(options.dataDir, { recursive: true, force: true });
});

const pageWeights = [];

async function open(viewport, name) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const loads = [];
  page.on('response', response => {
    if (['document', 'script', 'stylesheet'].includes(response.request().resourceType())) {
      loads.push(response.body().then(body => body.length, () => 0));
    }
  });
  page.setDefaultTimeout(STEP);
  page.on('dialog', dialog => dialog.accept());
  page.on('pageerror', error => pageErrors.push(`${name}: ${error.message}`));
  await page.goto(chorus.url);
  pageWeights.push((await Promise.all(loads)).reduce((sum, bytes) => sum + bytes, 0));
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#connection[data-state="open"]').waitFor();
  return page;
}

/** The texts of the confirmed messages on a page, with their seqs, in the order shown. */
const shown = page => page.locator('#messages li[data-seq]').evaluateAll(items =>
  items.map(li => ({ seq: Number(li.dataset.seq), text: li.querySelector('.body')?.textContent ?? null })));

async function send(page, text) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

const message = (page, text) => page.locator('#messages li[data-seq]', { hasText: text });

test('two users chat, type, share an image, reload and survive a server restart', { timeout: 420_000 }, async t => {
  const alice = await open({ width: 1200, height: 760 }, 'Alice');
  const bob = await open({ width: 390, height: 800 }, 'Bob');

  await t.test('the page weighs under 64 KB, all its own files', async () => {
    t.diagnostic(`page weight: ${(pageWeights[0] / 1000).toFixed(1)} KB`);
    assert.ok(pageWeights[0] > 20_000 && pageWeights[0] < 64_000, `page weight ${pageWeights[0]} bytes`);
  });

  await t.test('a group is created, joined, and both chat', async () => {
    await alice.getByLabel('New group').fill('Weekend plans');
    await alice.getByRole('button', { name: 'Create' }).click();
    await alice.getByRole('heading', { name: 'Weekend plans' }).waitFor();
    await bob.getByRole('button', { name: 'Join Weekend plans' }).click();
    await bob.getByRole('heading', { name: 'Weekend plans' }).waitFor();
    await alice.getByRole('button', { name: 'Members (2)' }).waitFor();

    await send(alice, 'Hi Bob! Hiking on Saturday?');
    await message(bob, 'Hiking on Saturday?').waitFor();
    await send(bob, 'Yes! Which trail?');
    await message(alice, 'Which trail?').waitFor();
  });

  await t.test('each sees the other typing', async () => {
    await alice.getByLabel('Message', { exact: true }).pressSequentially('The ridge loo', { delay: 20 });
    await bob.getByText('Alice is typing…').waitFor();
    await send(alice, 'The ridge loop, 12 km.');
    await bob.getByText('Alice is typing…').waitFor({ state: 'hidden' });
    await message(bob, 'The ridge loop').waitFor();

    await bob.getByLabel('Message', { exact: true }).pressSequentially('Sounds', { delay: 20 });
    await alice.getByText('Bob is typing…').waitFor();
    await send(bob, 'Sounds great, I will bring snacks');
    await alice.getByText('Bob is typing…').waitFor({ state: 'hidden' });
  });

  await t.test('an unread count shows for a group not open', async () => {
    await bob.getByRole('button', { name: 'Back to groups' }).click();
    await send(alice, 'Meet at 8 at the car park.');
    await bob.getByRole('button', { name: 'Weekend plans, 1 unread' }).waitFor();
    await bob.screenshot({ path: join(shots, 'phone-groups.png') });
    await bob.getByRole('button', { name: 'Weekend plans, 1 unread' }).click();
    await message(bob, 'Meet at 8').waitFor();
    await bob.getByRole('button', { name: 'Back to groups' }).click();
    await bob.getByRole('button', { name: 'Weekend plans', exact: true }).waitFor();
    await bob.getByRole('button', { name: 'Weekend plans', exact: true }).click();
  });

  await t.test('an image is previewed, sent, and seen by the other', async () => {
    await alice.locator('#file').setInputFiles({ name: 'summit.png', mimeType: 'image/png', buffer: landscapePng() });
    await alice.getByRole('img', { name: 'Preview of summit.png' }).waitFor();
    await alice.getByLabel('Message', { exact: true }).fill('The view from the top');
    await alice.getByRole('button', { name: 'Send', exact: true }).click();
    await message(bob, 'The view from the top').locator('img[src*="/media/"]').waitFor();
    await bob.waitForFunction(() => document.querySelector('#messages li[data-seq] img[src*="/media/"]')?.naturalWidth === 480);
    await alice.locator('#messages li[data-seq] img[src*="/media/"]').waitFor();
  });

  await t.test('an audio clip is previewed, sent, and playable by the other', async () => {
    await bob.locator('#file').setInputFiles(audio);
    await bob.getByLabel('Preview of audio.ogg').waitFor();
    await bob.getByRole('button', { name: 'Send', exact: true }).click();
    const clip = alice.locator('#messages li[data-seq] audio[src*="/media/"]');
    await clip.waitFor();
    await alice.waitForFunction(() => document.querySelector('#messages li[data-seq] audio')?.readyState >= 1);

    await alice.getByRole('button', { name: /Members/ }).click();
    await bob.getByLabel('Message', { exact: true }).pressSequentially('Great pic', { delay: 20 });
    await alice.getByText('Bob is typing…').waitFor();
    await alice.screenshot({ path: join(shots, 'desktop-chat.png') });
    await bob.screenshot({ path: join(shots, 'phone-chat.png') });
    await alice.getByRole('button', { name: /Members/ }).click();
    await bob.getByLabel('Message', { exact: true }).fill('');
    await alice.getByText('Bob is typing…').waitFor({ state: 'hidden' });
  });

  await t.test('a reload shows the history', async () => {
    const before = await shown(bob);
    await bob.reload();
    await bob.locator('#connection[data-state="open"]').waitFor();
    await bob.getByRole('heading', { name: 'Weekend plans' }).waitFor();
    await message(bob, 'The view from the top').waitFor();
    assert.deepEqual(await shown(bob), before);
    assert.deepEqual(before.map(m => m.seq), [1, 2, 3, 4, 5, 6, 7]);
  });

  await t.test('the server restarts and the page recovers with nothing lost', async () => {
    await send(alice, 'before restart 1');
    await message(bob, 'before restart 1').waitFor();

    await chorus.stop();
    await alice.locator('#connection[data-state="waiting"]').waitFor();
    await bob.locator('#connection[data-state="waiting"]').waitFor();
    await send(alice, 'during restart A1');
    await send(bob, 'during restart B1');
    await send(alice, 'during restart A2');
    await alice.locator('#messages li[data-pending]', { hasText: 'during restart A2' }).waitFor();
    await alice.screenshot({ path: join(shots, 'desktop-offline.png') });

    chorus = await startChorus(options);
    for (const page of [alice, bob]) {
      await page.locator('#connection[data-state="open"]').waitFor({ timeout: 90_000 });
      await page.locator('#messages li[data-pending]').first().waitFor({ state: 'detached', timeout: 60_000 });
    }
    await send(bob, 'after restart B2');
    await send(alice, 'after restart A3');

    const expected = ['before restart 1', 'during restart A1', 'during restart B1', 'during restart A2',
      'after restart B2', 'after restart A3'];
    for (const page of [alice, bob]) for (const text of expected) await message(page, text).waitFor();

    const onAlice = await shown(alice);
    const onBob = await shown(bob);
    assert.deepEqual(onBob, onAlice, 'both see the same messages in the same order');
    assert.deepEqual(onAlice.map(m => m.seq), onAlice.map((_, i) => i + 1), 'seqs 1..n, no gap, no duplicate');
    assert.equal(new Set(onAlice.map(m => m.text)).size, onAlice.length, 'no text twice');
    const texts = onAlice.map(m => m.text);
    const order = t => texts.indexOf(t);
    assert.ok(order('before restart 1') < order('during restart A1'));
    assert.ok(order('during restart A1') < order('during restart A2'), 'one sender\'s messages keep their order');
    assert.ok(order('during restart B1') < order('after restart B2'));
    assert.ok(order('during restart A2') < order('after restart A3'));
    assert.equal(await alice.locator('#messages li[data-pending]').count(), 0);
    await alice.screenshot({ path: join(shots, 'desktop-after-restart.png') });
  });

  await t.test('one leaves, and the owner deletes the group for everyone', async () => {
    await bob.getByRole('button', { name: 'Leave' }).click();
    await bob.getByRole('button', { name: 'Join Weekend plans' }).waitFor();
    await alice.getByRole('button', { name: 'Members (1)' }).waitFor();
    await alice.getByRole('button', { name: 'Delete' }).click();
    await alice.getByText('Pick a group, or create one.').waitFor();
    await alice.getByRole('button', { name: /Weekend plans/ }).waitFor({ state: 'detached' });
    await bob.getByRole('button', { name: /Weekend plans/ }).waitFor({ state: 'detached' });
  });

  assert.deepEqual(pageErrors, [], 'no script error on either page');
});
