/**
 * User agents of crawlers, link previewers, monitors, HTTP tools and headless browsers. The one rule for "not a
 * person": their requests are not thread views and never become deflection events.
 */
const BOT_PATTERN = /bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|preview|monitor|curl|wget|python-requests|httpclient|headless|lighthouse|axios|node-fetch|undici|autocannon|^$/i;

export function isBot(userAgent: string | null | undefined): boolean {
  return BOT_PATTERN.test(userAgent ?? '');
}
