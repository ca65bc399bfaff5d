// Browser test of /ops and /playground in headless Chromium (Debian's package), driven by
// playwright-core. Usage: node ops_playground.mjs BASE_URL ADMIN_TOKEN OUT_DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, token, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1); };

async function decide(i, text) {
  const r = await fetch(base + '/v1/decide', {
    method: 'POST',
    headers: { 'Authorization': 'Bearer demo-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({ workspace_id: 'demo-salon', conversation_id: 'browser-' + i, message: { id: 'b' + i + '-' + Date.now(), text } }),
  });
  if (r.status !== 200) fail('decide answered ' + r.status);
  return r.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', d => d.accept(token));
  page.on('pageerror', e => fail('page error: ' + e.message));

  // /ops: starts all legacy; flip the canary to 50% from the page, send traffic, see slm appear.
  await page.goto(base + '/ops');
  await page.waitForSelector('[data-route="legacy"]');
  for (let i = 0; i < 20; i++) await decide(i, 'hola, cuánto sale el corte?');
  await page.selectOption('#minutes', '5');
  await page.waitForFunction(() => +document.querySelector('[data-route="legacy"] .requests').textContent >= 20);
  const slmBefore = +(await page.textContent('[data-route="slm"] .requests'));
  if (slmBefore !== 0) fail('slm traffic before the canary: ' + slmBefore);
  await page.screenshot({ path: out + '/ops-before.png', fullPage: true });

  await page.check('#enable');
  await page.fill('#canary', '50');
  await page.click('#apply');
  await page.waitForFunction(() => document.querySelector('#flags-state').textContent.includes('canario 50%'));
  const flags = await (await fetch(base + '/admin/flags', { headers: { Authorization: 'Bearer ' + token } })).json();
  if (!flags.enable_slm_pipeline || flags.slm_canary_percent !== 50) fail('flags not applied: ' + JSON.stringify(flags));
  let slmAnswers = 0;
  for (let i = 100; i < 160; i++) if ((await decide(i, 'hola!')).route === 'slm') slmAnswers++;
  if (slmAnswers < 15 || slmAnswers > 45) fail('slm share at 50%: ' + slmAnswers + '/60');
  await page.waitForFunction(n => +document.querySelector('[data-route="slm"] .requests').textContent >= n, slmAnswers, { timeout: 15000 });
  await page.screenshot({ path: out + '/ops-canary-50.png', fullPage: true });
  console.log(`ops: canary 50% → ${slmAnswers}/60 conversations on slm, shown on the page`);

  // One-click rollback.
  await page.click('#rollback');
  await page.waitForFunction(() => document.querySelector('#flags-state').textContent.includes('desactivada'));
  if ((await decide(100, 'hola de nuevo')).route !== 'legacy') fail('rollback did not take effect');
  const alerts = await page.$$eval('[data-alert]', els => els.map(e => [e.dataset.alert, e.dataset.ok]));
  const ids = alerts.map(a => a[0]).sort().join(',');
  if (ids !== 'error_rate,legacy_p90,route_share,schema_failures,slm_p90,tool_success') fail('the runbook\'s six alerts, got ' + ids);
  if (alerts.some(a => a[1] !== 'true')) fail('no alert should fire on a quiet test server: ' + JSON.stringify(alerts));

  // /playground: a booking conversation on the rule route.
  await page.goto(base + '/playground');
  await page.waitForSelector('#workspace option', { state: 'attached' });
  await page.selectOption('#route', 'legacy');
  const say = async (text) => {
    const n = await page.$$eval('.msg.pulpo', e => e.length);
    await page.fill('#text', text);
    await page.click('#send button');
    await page.waitForFunction(k => document.querySelectorAll('.msg.pulpo').length > k, n);
    return page.$$eval('.msg.pulpo', e => e[e.length - 1].textContent);
  };
  await say('hola, quiero un turno para brushing el viernes');
  await say('a las 11');
  const confirm = await say('Lola Mora');
  if (!confirm.includes('¿Lo reservo?')) fail('no confirmation summary: ' + confirm);
  const done = await say('sí');
  if (!/BK-\d+/.test(done)) fail('no booking id in: ' + done);
  const tool = await page.getAttribute('[data-tool]', 'data-tool');
  if (tool !== 'create_booking') fail('details panel shows ' + tool);
  await page.screenshot({ path: out + '/playground-booked.png', fullPage: true });
  const code = done.match(/BK-\d+/)[0];
  console.log('playground: booked (' + code + ')');

  // /bookings: the owner sees the booking, its conversation, and exports the list.
  const owner = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  owner.on('dialog', d => d.accept(token));
  owner.on('pageerror', e => fail('page error: ' + e.message));
  await owner.goto(base + '/bookings');
  await owner.waitForSelector(`[data-booking="${code}"]`);
  const row = await owner.textContent(`[data-booking="${code}"]`);
  if (!row.includes('Brushing') || !row.includes('Lola Mora') || !row.includes('11:00')) fail('bookings row: ' + row);
  await owner.click(`[data-booking="${code}"]`);
  await owner.waitForSelector('[data-turn]');
  const transcript = await owner.textContent('#conv');
  if (!transcript.includes('a las 11') || !transcript.includes('reservó') || !transcript.includes(code)) fail('transcript: ' + transcript);
  const [download] = await Promise.all([owner.waitForEvent('download'), owner.click('#csv')]);
  const csvPath = out + '/turnos.csv';
  await download.saveAs(csvPath);
  const csv = (await import('node:fs')).readFileSync(csvPath, 'utf8');
  if (!csv.startsWith('codigo,fecha,hora') || !csv.includes(code) || !csv.includes('"Lola Mora"')) fail('csv: ' + csv);
  await owner.screenshot({ path: out + '/bookings.png', fullPage: true });
  console.log('bookings: listed, transcript shown, CSV exported');

  // The playground's reset forgets the conversation.
  await page.click('#reset');
  await page.waitForFunction(() => document.querySelectorAll('.msg').length === 0);
  console.log('playground: reset');
} finally {
  await browser.close();
}
