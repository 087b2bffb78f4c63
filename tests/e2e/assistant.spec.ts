// The optional AI assistant against a mock OpenAI-compatible server on 127.0.0.1 (tests/e2e/support/mock-llm.ts,
// the real SSE protocol with CORS): set up in Settings → Assistant, "Explain with AI" streams its
// answer in under "Why these numbers" and shows what was sent (the very body the server got); a
// wrong key (401) and a dropped connection show their messages. In the command bar, a sentence
// the offline grammar cannot read goes to the assistant, whose tool call becomes the usual
// preview; a hostile tool call is refused.
import { test, expect } from '@playwright/test';
import { startMockLlm, type MockLlm } from './support/mock-llm.ts';

let llm: MockLlm;
test.beforeAll(async () => {
  llm = await startMockLlm();
});
test.afterAll(async () => {
  await llm.close();
});
test.beforeEach(() => {
  llm.mode = 'ok';
  llm.toolCall = null;
  llm.requests.length = 0;
});

test('Settings → Assistant, then Explain with AI streams an answer; a 401 and a dropped connection show messages', async ({ page }) => {
  await page.goto('./#/settings');
  const panel = page.getByRole('region', { name: 'Assistant' });
  await panel.getByLabel('Use an AI assistant').check();
  await panel.getByLabel('Base URL').fill(llm.baseUrl);
  await panel.getByLabel('Model').fill('mock-model');
  await panel.getByLabel('API key').fill('sk-test-key');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByTestId('assistant-message')).toHaveText(`Assistant on: mock-model at ${llm.baseUrl}.`);

  await page.getByRole('link', { name: 'Explore' }).first().click();
  await expect(page.getByTestId('tc')).toBeVisible({ timeout: 30_000 });
  const why = page.getByRole('region', { name: 'Explanations' });
  llm.pieces = ['Isp peaks fuel-rich ', 'because the exhaust is lighter; ', '<b>not bold</b> — plain text.'];
  await why.getByRole('button', { name: 'Explain with AI' }).click();
  const answer = why.getByTestId('ai-answer');
  await expect(answer).toHaveText('Isp peaks fuel-rich because the exhaust is lighter; <b>not bold</b> — plain text.');
  await expect(answer.locator('b')).toHaveCount(0); // shown as text, never as HTML
  await expect(why.getByRole('button', { name: 'Explain with AI' })).toBeEnabled();
  // what is shown as sent is what the server received
  await why.getByText('What is sent').click();
  const shown = JSON.parse(await why.getByTestId('ai-sent').textContent() ?? '{}');
  expect(llm.requests).toHaveLength(1);
  expect(shown.body).toEqual(llm.requests[0].body);
  expect(llm.requests[0].auth).toBe('Bearer sk-test-key');
  expect(shown.headers.authorization).toBe('Bearer •••');
  const summary = JSON.parse(await why.getByTestId('ai-summary').textContent() ?? '{}');
  expect(summary.design.pc_Pa).toBe(9.7e6); // the default design's 97 bar, in SI
  expect(shown.body.messages[1].content).toContain(JSON.stringify(summary, null, 1));

  llm.mode = 'unauthorized';
  await why.getByRole('button', { name: 'Explain with AI' }).click();
  await expect(why.getByTestId('ai-error')).toContainText('refused the API key (HTTP 401). Check the key');
  await expect(why.getByTestId('ai-error')).toContainText('Incorrect API key provided');

  llm.mode = 'drop';
  await why.getByRole('button', { name: 'Explain with AI' }).click();
  await expect(why.getByTestId('ai-error')).toContainText('dropped before the answer was complete (what arrived is shown above)');
  await expect(answer).toContainText('Isp peaks fuel-rich');
});

test('command bar: an assistant tool call becomes a previewed action; a hostile one is refused', async ({ page }) => {
  // set up as Settings → Assistant keeps it (the first test sets it up through the form)
  await page.addInitScript((baseUrl) => {
    localStorage.setItem('rfo-device:assistant', JSON.stringify({ type: 'rfo-assistant', version: 1, config: { on: true, provider: 'openai', baseUrl, model: 'mock-model', key: 'sk-test-key' } }));
  }, llm.baseUrl);
  await page.goto('./#/settings');
  await page.getByRole('button', { name: 'Command bar' }).click();
  const box = page.getByRole('dialog', { name: 'What should the app do?' });
  llm.toolCall = { name: 'set_design', arguments: '{"fuels":["lch4"],"oxidizers":["lox"],"of":3.4,"pc":10000000}' };
  await box.getByLabel('Command').fill('make me a methalox engine at a hundred bar please');
  await box.getByLabel('Command').press('Enter');
  const preview = box.getByTestId('command-preview');
  await expect(preview.getByRole('status')).toHaveText("Set Explore's design: fuel Liquid methane (LCH4), oxidizer Liquid oxygen (LOX), O/F 3.4, chamber pressure 100 bar.");
  await expect(preview.getByTestId('command-read-by')).toContainText('mock-model');
  const sent = llm.requests[0].body as { tools: { function: { name: string } }[]; messages: { content: string }[] };
  expect(sent.tools.map((t) => t.function.name)).toContain('set_design');
  expect(sent.messages[1].content).toBe('make me a methalox engine at a hundred bar please');

  llm.toolCall = { name: 'compare', arguments: '{"names":["<img src=x onerror=alert(1)>","b"]}' };
  await box.getByLabel('Command').fill('compare the weird ones please');
  await box.getByLabel('Command').press('Enter');
  await expect(box.getByTestId('command-error')).toContainText("The assistant's action was refused: names[0] contains markup or control characters");
  await expect(preview).toBeHidden();

  // Cancel while the assistant is asked (here it never answers): the wait ends, the dialog says
  // so, and no action is previewed
  await page.route(`${llm.baseUrl}/**`, () => { /* never answered */ });
  const sentBefore = llm.requests.length;
  await box.getByLabel('Command').fill('make it a bit hotter please');
  await box.getByLabel('Command').press('Enter');
  await expect(box.getByTestId('command-asking')).toHaveText('The offline grammar did not understand this; asking the assistant (mock-model)…');
  await box.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(box.getByTestId('command-asking')).toHaveCount(0);
  await expect(box.getByTestId('command-error')).toHaveText('Cancelled: the assistant was not asked to finish.');
  await expect(preview).toBeHidden();
  expect(llm.requests.length).toBe(sentBefore);
});
