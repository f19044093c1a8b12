/**
 * Result links carry a `ping` URL that the browser posts when the link is followed, without JavaScript; Firefox does
 * not send pings by default. Where this script runs, a beacon to the same URL replaces the ping in every browser, so
 * each click is recorded once.
 */
export function attachClickBeacons(root: ParentNode = document): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[ping]')) {
    const url = link.getAttribute('ping');
    if (!url) continue;
    link.removeAttribute('ping');
    link.addEventListener('click', () => navigator.sendBeacon(url));
    link.addEventListener('auxclick', (event) => {
      if (event.button === 1) navigator.sendBeacon(url);
    });
  }
}
