// Renders every story in stories/*.stories.ts in real browsers (issue 6). Each story fails on
// a thrown error, a console.error, a window `error` / `unhandledrejection`, nothing visible
// rendered, or an axe-core violation. One `it` per story, named `<title> / <story name>`.
//
// The stories are CSF3: a default export (the meta: title, component, args, render) and one
// named export per story (an object with optional `name`, `args`, `render`). A story without
// `render` uses the meta's; without either, a template is built from `component` + args.
import { expect } from 'chai';
// axe-core is a UMD bundle (no ES default export): loading it sets `window.axe`.
import 'axe-core';
import { render, nothing, type TemplateResult } from 'lit';
import * as sessionDataStories from '../stories/session-data.stories.js';
import * as sessionFilterStories from '../stories/session-filter.stories.js';
import * as sessionTimelineStories from '../stories/session-timeline.stories.js';
import * as stitchedSessionsStories from '../stories/stitched-sessions.stories.js';
import * as welcomeStories from '../stories/welcome.stories.js';

/** Every stories/*.stories.ts module: add a new stories file here. */
const STORY_MODULES: Record<string, Record<string, unknown>> = {
  'session-data.stories.ts': sessionDataStories,
  'session-filter.stories.ts': sessionFilterStories,
  'session-timeline.stories.ts': sessionTimelineStories,
  'stitched-sessions.stories.ts': stitchedSessionsStories,
  'welcome.stories.ts': welcomeStories,
};

const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;

type Args = Record<string, unknown>;
type RenderFn = (args: Args, context: StoryContext) => unknown;
interface StoryContext {
  id: string;
  title: string;
  name: string;
  args: Args;
  argTypes: Record<string, unknown>;
  parameters: Record<string, unknown>;
  globals: Record<string, unknown>;
}
interface MetaLike {
  title?: string;
  component?: string;
  args?: Args;
  argTypes?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  render?: RenderFn;
  includeStories?: unknown;
  excludeStories?: unknown;
}
interface StoryLike {
  name?: string;
  storyName?: string;
  args?: Args;
  argTypes?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  render?: RenderFn;
  tags?: string[];
}

/** Storybook's own export-name → story-name rule (`storyNameFromExport`): `InAForm` → `In A Form`. */
const storyNameFromExport = (key: string): string =>
  key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase())
    .trim();

/** The template Storybook's web-components renderer uses for a story with no `render`: the component, args as properties. */
const componentTemplate =
  (tag: string): RenderFn =>
  (args) => {
    const el = document.createElement(tag) as HTMLElement & Args;
    for (const [k, v] of Object.entries(args)) el[k] = v;
    return el;
  };

/** Every element in `root`, through open shadow roots. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode): void => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return out;
}

const isCustom = (el: Element): boolean => el.localName.includes('-');
const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/** Waits until every Lit element inside (light or shadow DOM) has finished updating, then two frames. */
async function settle(container: HTMLElement): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const pending = allElements(container)
      .map((el) => (el as Element & { updateComplete?: Promise<boolean> }).updateComplete)
      .filter((p): p is Promise<boolean> => p instanceof Promise);
    const results = await Promise.all(pending);
    await frame();
    await frame();
    // `updateComplete` resolves to false when another update was requested meanwhile.
    if (results.every(Boolean)) {
      const again = allElements(container).some((el) => (el as Element & { isUpdatePending?: boolean }).isUpdatePending);
      if (!again) return;
    }
  }
}

/** The visible text of a node, through open shadow roots (style/script excluded). */
function shadowText(root: ParentNode): string {
  let text = '';
  const walk = (node: Node): void => {
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    for (const child of node.childNodes) walk(child);
  };
  walk(root as Node);
  return text.replace(/\s+/g, ' ').trim();
}

interface Problem {
  kind: string;
  detail: string;
}

const describeValue = (v: unknown): string => {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

for (const [file, mod] of Object.entries(STORY_MODULES)) {
  const meta = (mod.default ?? {}) as MetaLike;
  const title = meta.title ?? file.replace(/\.stories\.ts$/, '');

  describe(`stories: ${file}`, function () {
    this.timeout(60_000);

    let container: HTMLElement;
    const problems: Problem[] = [];
    const originalError = console.error;
    const onError = (e: ErrorEvent): void => void problems.push({ kind: 'window error', detail: describeValue(e.error ?? e.message) });
    const onRejection = (e: PromiseRejectionEvent): void =>
      void problems.push({ kind: 'unhandledrejection', detail: describeValue(e.reason) });

    beforeEach(() => {
      problems.length = 0;
      console.error = (...args: unknown[]) => {
        problems.push({ kind: 'console.error', detail: args.map(describeValue).join(' ') });
        originalError.apply(console, args);
      };
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      container = document.createElement('div');
      container.id = 'story-root';
      document.body.append(container);
    });

    afterEach(() => {
      render(nothing, container);
      container.remove();
      console.error = originalError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    });

    const stories = Object.entries(mod).filter(
      ([key, value]) => key !== 'default' && key !== '__namedExportsOrder' && value !== null && typeof value === 'object',
    ) as [string, StoryLike][];

    // A stories file with no stories fails the whole file (counted as a failure) rather than passing empty.
    if (stories.length === 0) throw new Error(`${file} exports no stories`);

    for (const [key, story] of stories) {
      const name = story.name ?? story.storyName ?? storyNameFromExport(key);

      it(`${title} / ${name}`, async () => {
        const renderFn: RenderFn | undefined =
          story.render ?? meta.render ?? (meta.component ? componentTemplate(meta.component) : undefined);
        expect(renderFn, 'the story, its meta or its component gives something to render').to.be.a('function');

        const args = { ...meta.args, ...story.args };
        const context: StoryContext = {
          id: `${title}--${key}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-'),
          title,
          name,
          args,
          argTypes: { ...meta.argTypes, ...story.argTypes },
          parameters: { ...meta.parameters, ...story.parameters },
          globals: {},
        };

        const result = renderFn!(args, context);
        render(result as TemplateResult | Node, container);
        await settle(container);

        // Something visible rendered: a custom element whose shadow root holds text, or, for
        // a story with no custom element at all, text in the container itself.
        const customs = allElements(container).filter(isCustom);
        if (customs.length > 0) {
          const withText = customs.filter((el) => el.shadowRoot && shadowText(el.shadowRoot).length > 0);
          expect(withText.map((el) => el.localName), 'custom elements whose shadow root shows text').to.not.be.empty;
        } else {
          expect(shadowText(container), 'text rendered by the story').to.not.equal('');
        }
        const box = container.getBoundingClientRect();
        expect(box.width * box.height, 'rendered size (px²)').to.be.greaterThan(0);

        expect(problems, 'errors while rendering').to.deep.equal([]);

        const { violations } = await axe.run(container);
        const summary = violations.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .map((n) => `${n.target.join(' ')}: ${[...n.any, ...n.all, ...n.none].map((c) => c.message).join('; ')}`)
              .join(' | ')}`,
        );
        expect(summary, 'axe-core violations').to.deep.equal([]);

        // Anything that went wrong while axe ran (late async work) counts too.
        expect(problems, 'errors after rendering').to.deep.equal([]);
      });
    }
  });
}
