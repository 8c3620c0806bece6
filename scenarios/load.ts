/**
 * Reading scenario files. A problem comes back as a value naming the file, the place inside it and
 * what was expected, for the CLI to print as one line.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { checkArguments, oneOf, string } from '../core/argument-checks.js';
import { printable } from '../sim/printable.js';
import { scenarioFromDocument } from './schema.js';
import type { ScenarioParse } from './schema.js';
import { decodeText } from './text-file.js';

/** Larger files are refused before parsing: no scenario needs this much. */
export const MAX_SCENARIO_FILE_BYTES = 4 * 1024 * 1024;

/** Reads a .yaml, .yml or .json scenario file; what is wrong with it comes back as a value. */
export function loadScenarioFile(path: string): ScenarioParse {
  checkArguments('loadScenarioFile', ['path', path, string({ nonEmpty: true })]);
  const extension = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    return { ok: false, problem: `${path}: a scenario file must end in .yaml, .yml or .json` };
  }
  const where = printable(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
    if (bytes.length > MAX_SCENARIO_FILE_BYTES) return { ok: false, problem: `${where}: larger than ${MAX_SCENARIO_FILE_BYTES} bytes` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    return { ok: false, problem: `${where}: cannot read it (${printable(reason)})` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, problem: `${where}: ${decoded.problem}` };
  const parsed = extension === '.json' ? parseJsonText(decoded.text) : parseYamlText(decoded.text);
  if (!parsed.ok) return { ok: false, problem: `${where}:${parsed.problem}` };
  const result = scenarioFromDocument(parsed.value);
  return result.ok ? result : { ok: false, problem: `${where}: ${printable(result.problem, 2000)}` };
}

/** Parses scenario text of either kind (YAML by default, which reads JSON too); `where` names it in problems. */
export function parseScenarioText(text: string, format: 'yaml' | 'json' = 'yaml', where = 'scenario'): ScenarioParse {
  checkArguments('parseScenarioText', ['text', text, string()], ['format', format, oneOf(['yaml', 'json'])], ['where', where, string()]);
  const parsed = format === 'json' ? parseJsonText(text) : parseYamlText(text);
  if (!parsed.ok) return { ok: false, problem: `${where}:${parsed.problem}` };
  const result = scenarioFromDocument(parsed.value);
  return result.ok ? result : { ok: false, problem: `${where}: ${result.problem}` };
}

type TextParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

function parseYamlText(text: string): TextParse {
  try {
    const document = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const error = document.errors[0];
    if (error !== undefined) {
      const position = error.linePos?.[0];
      const place = position === undefined ? '' : `${position.line}:${position.col}:`;
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { ok: false, problem: `${place} invalid YAML: ${printable(message)}` };
    }
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { ok: false, problem: ` invalid YAML: ${printable((error as Error).message.split('\n')[0]!)}` };
  }
}

function parseJsonText(text: string): TextParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: ` invalid JSON: ${printable((error as Error).message.split('\n')[0]!)}` };
  }
}
