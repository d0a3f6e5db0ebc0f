// Small DOM and text helpers. Pages build elements with textContent, never innerHTML, so event
// fields (kind, note, camera names) cannot inject markup.

/** el('p', { class: 'x' }, 'text', child): an element with attributes and children. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** "tandem_riding" → "tandem riding". */
export function kindLabel(kind) {
  return kind.replaceAll('_', ' ');
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO time as a <time> element in the viewer's time zone. */
export function timeElement(iso) {
  return el('time', { datetime: iso }, timeFormat.format(new Date(iso)));
}

/** "cam-a · Main Street 1" or the camera name alone when it has no address. */
export function placeLabel(camera, addresses) {
  const address = addresses.get(camera);
  return address ? `${camera} · ${address}` : camera;
}

/** Camera name → address, from the public camera list. */
export async function cameraAddresses(getJson) {
  const cameras = await getJson('/api/cameras');
  return new Map(cameras.map(c => [c.name, c.address]));
}
