/**
 * The pages' scripts: the TypeScript modules in page/, bundled by `npm run build` (build-page.mjs)
 * into page-bundle.generated.js (the explorer) and playground-bundle.generated.js (the playground)
 * beside this file, in the sources and in dist/ alike. Each is read once, when first needed, so that
 * importing the library needs no bundle.
 */
import { readFileSync } from 'node:fs';

const scripts = new Map<string, string>();

function bundledScript(file: string, what: string): string {
  const known = scripts.get(file);
  if (known !== undefined) return known;
  const bundle = new URL(`./${file}`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(bundle, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : String(error);
    throw new Error(`the ${what} page's script ${bundle.pathname} cannot be read (${reason}); run \`npm run build\` to bundle it`);
  }
  // Inside the page's script element, "</script" would end it early; "<\/script" means the same in any string.
  const script = text.replaceAll('</script', '<\\/script');
  scripts.set(file, script);
  return script;
}

export function explorerScript(): string {
  return bundledScript('page-bundle.generated.js', 'explorer');
}

export function playgroundScript(): string {
  return bundledScript('playground-bundle.generated.js', 'playground');
}
