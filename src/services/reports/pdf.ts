/**
 * PDF through the browser engine's own printing: Chromium (Debian's package, or CHROMIUM_PATH) driven
 * by playwright-core prints the report's HTML as a tagged PDF with an outline (bookmarks from the
 * headings), the title and language from the HTML, vector charts and embedded fonts. Without a
 * browser the error is `pdf_unavailable` (503), never a 500.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '../../core/errors.ts';

export const chromiumExecutable = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumExecutable();
  if (!existsSync(executablePath))
    throw new AppError(
      'pdf_unavailable',
      `PDF needs Chromium: none at ${executablePath} (install the chromium package or set CHROMIUM_PATH)`,
    );
  let pw: { chromium: { launch: (o: object) => Promise<Browser> } };
  try {
    pw = await import('playwright-core');
  } catch {
    throw new AppError('pdf_unavailable', 'PDF needs the playwright-core package');
  }
  let browser: Browser;
  try {
    browser = await pw.chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (e) {
    throw new AppError('pdf_unavailable', `Chromium could not be started: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
