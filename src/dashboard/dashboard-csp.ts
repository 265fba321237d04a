/**
 * The page's own Content-Security-Policy, stricter than the one helmet sets for the API docs:
 * no inline styles or scripts, nothing from another origin, no plugins, no forms. The one
 * widening is `frame-ancestors`: HuggingFace Spaces shows the App tab in an iframe on
 * huggingface.co.
 */
const DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'self'", 'https://huggingface.co'],
};

export const DASHBOARD_CSP = Object.entries(DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');
