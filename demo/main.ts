// Demo page: seeded sample data and a <session-timeline> for one device. Other elements
// (<stitched-sessions>, <session-filter>) join this page as they land.
import { deriveSessions } from '../src/core/index.js';
import { generateEvents } from '../src/core/sample-data.js';
import { formatCount } from '../src/render/format.js';
import '../src/elements/session-timeline/session-timeline.js';

const SAMPLE = { seed: 7, devices: 40, days: 3 } as const;

const events = generateEvents(SAMPLE);
const model = deriveSessions(events);

// Devices by number of events, busiest first, so the page opens on an interesting one.
const perDevice = new Map<string, number>();
for (const s of model.sessions) perDevice.set(s.deviceId, (perDevice.get(s.deviceId) ?? 0) + s.events.length);
const devices = [...perDevice].sort((a, b) => b[1] - a[1]);

const summary = document.querySelector<HTMLElement>('#summary');
if (summary) {
  summary.textContent = `sample data: ${formatCount(events.length)} events, ${formatCount(devices.length)} devices, ${SAMPLE.days} days (seed ${SAMPLE.seed})`;
}

const timeline = document.querySelector('session-timeline');
const picker = document.querySelector<HTMLSelectElement>('#device');
const zone = document.querySelector<HTMLSelectElement>('#zone');
const dark = document.querySelector<HTMLInputElement>('#dark');
const log = document.querySelector<HTMLOutputElement>('#last-event');

if (timeline && picker) {
  for (const [id, n] of devices) picker.append(new Option(`${id} (${formatCount(n)} events)`, id));
  timeline.model = model;
  timeline.deviceId = devices[0]?.[0];
  picker.addEventListener('change', () => (timeline.deviceId = picker.value));
  zone?.addEventListener('change', () => (timeline.timeZone = zone.value || undefined));
  dark?.addEventListener('change', () => {
    timeline.theme = dark.checked ? 'dark' : 'light';
    document.documentElement.style.colorScheme = dark.checked ? 'dark' : 'light';
  });
  const show = (text: string): void => {
    if (log) log.textContent = text;
  };
  timeline.addEventListener('event-select', (e) => show(`event-select: ${e.detail.event.type} ${e.detail.event.name ?? ''}`));
  timeline.addEventListener('session-select', (e) => show(`session-select: session ${e.detail.session.number} (${e.detail.session.endReason})`));
  timeline.addEventListener('range-select', (e) => show(`range-select: ${new Date(e.detail.start).toISOString()} – ${new Date(e.detail.end).toISOString()}`));
}
