/**
 * The explorer page's script: the TypeScript modules in page/, bundled by `npm run build`
 * (build-page.mjs) into page-bundle.generated.js beside this file, in the sources and in dist/ alike.
 * It is read once, on the first report, so that importing the library needs no bundle.
 */
import { readFileSync } from 'node:fs';

const BUNDLE = new URL('./page-bundle.generated.js', import.meta.url);
let script: string | null = null;

export function explorerScript(): string {
  if (script === null) {
    let text: string;
    try {
      text = readFileSync(BUNDLE, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : String(error);
      throw new Error(`the explorer page's script ${BUNDLE.pathname} cannot be read (${reason}); run \`npm run build\` to bundle it`);
    }
    // Inside the page's script element, "</script" would end it early; "<\/script" means the same in any string.
    script = text.replaceAll('</script', '<\\/script');
  }
  return script;
}
