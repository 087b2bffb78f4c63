// A PDF checked as a reader checks it: its text extracted with pdftotext (poppler, -layout) and its
// pages rendered with pdftoppm, counting each page's ink and the pixels of a chart's colour.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RenderedPage {
  /** Pixels darker than light grey (text, lines). */
  ink: number;
  /** Pixels of a clearly coloured mark (the charts' series colours; text is black or grey). */
  colour: number;
  /** Pixels of the first series' blue (the Isp curve of a design report). */
  blue: number;
}

/** Writes the bytes (or reads the file written), returns its text (layout kept) and its pages rendered at 24 dpi. */
export function readPdf(pdf: Uint8Array | string, name = 'report'): { file: string; text: string; pages: RenderedPage[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rfo-pdf-'));
  const file = typeof pdf === 'string' ? pdf : join(dir, `${name}.pdf`);
  if (typeof pdf !== 'string') writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-r', '24', file, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => /^page-\d+\.ppm$/.test(f)).sort().map((f) => {
    const buf = readFileSync(join(dir, f));
    // P6 header: "P6\nW H\n255\n", then RGB bytes
    const header = buf.toString('latin1', 0, 40).split(/\s+/);
    const start = buf.indexOf('\n255\n') + 5;
    const [w, h] = [Number(header[1]), Number(header[2])];
    let ink = 0;
    let colour = 0;
    let blue = 0;
    for (let i = start; i < start + w * h * 3; i += 3) {
      const [R, G, B] = [buf[i], buf[i + 1], buf[i + 2]];
      if (R + G + B < 600) ink++;
      if (Math.max(R, G, B) - Math.min(R, G, B) > 60) colour++;
      if (B > R + 80 && B > G + 40) blue++;
    }
    return { ink, colour, blue };
  });
  return { file, text, pages };
}
