/** How a role looks on the page: its colour (the legend in html.ts uses the same) and its glyph (the timeline's). */
export const ROLE_COLOUR: Readonly<Record<string, string>> = { follower: '#a9c1e0', precandidate: '#f2dc8d', candidate: '#f1a340', leader: '#4caf64' };
export const ROLE_GLYPH: Readonly<Record<string, string>> = { follower: '\u00b7', precandidate: '\u00bf', candidate: '?', leader: '\u2605' };

export function roleColour(role: string): string {
  return Object.hasOwn(ROLE_COLOUR, role) ? ROLE_COLOUR[role]! : '#ccc';
}

export function roleGlyph(role: string): string {
  return Object.hasOwn(ROLE_GLYPH, role) ? ROLE_GLYPH[role]! : '';
}
