/**
 * A script author's `curl -v` output pasted into the panel: the dialog takes the text, the import reads it as
 * a transcript with the same engine as the CLI, and the story names the refused API token with its fix. The
 * token itself appears nowhere on the page.
 */
import { test, expect } from '../support/chromium';
import { expiredTokenTranscript } from '../fixtures/paste/transcript';

test('a pasted curl -v transcript is analysed: the story names the refused API token, the token is nowhere', async ({ openPanel }) => {
  const { text, token } = expiredTokenTranscript();
  const panel = await openPanel(1);
  await panel.getByTestId('paste-transcript-button').click();
  await expect(panel.getByTestId('paste-dialog')).toBeVisible();
  await expect(panel.getByTestId('paste-text')).toBeFocused();
  await panel.getByTestId('paste-text').fill(text);
  await panel.getByTestId('paste-analyse').click();

  await expect(panel.getByTestId('paste-dialog')).toHaveCount(0);
  await expect(panel.getByTestId('imported')).toContainText('curl');
  await expect(panel.getByTestId('imported')).toContainText('pasted text');
  const line = panel.getByTestId('story-line').first();
  await expect(line).toContainText('API token');
  await expect(line).toContainText('acme.atlassian.net');
  await expect(panel.getByTestId('finding').first()).toHaveAttribute('data-code', 'cloud-token-refused');
  await panel.screenshot({ path: test.info().outputPath('paste-story.png') });

  const html = await panel.content();
  expect(html).not.toContain(token);
  expect(html).not.toContain(token.slice(12, 40));
});

test('the paste dialog closes on Esc and imports nothing', async ({ openPanel }) => {
  const panel = await openPanel(1);
  await panel.getByTestId('paste-transcript-button').click();
  await panel.getByTestId('paste-text').fill('HTTP/1.1 401 Unauthorized\n');
  await panel.keyboard.press('Escape');
  await expect(panel.getByTestId('paste-dialog')).toHaveCount(0);
  await expect(panel.getByTestId('imported')).toHaveCount(0);
});
