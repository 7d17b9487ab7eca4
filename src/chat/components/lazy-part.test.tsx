// @vitest-environment happy-dom
import { act, Suspense } from 'react';
import { lazyPart, loadOnce } from './lazy-part';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Greeting(props: { name: string }) {
  return <p>Hello {props.name}</p>;
}

async function mount(node: React.ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(<Suspense fallback="loading">{node}</Suspense>));
  return container;
}

describe('a part whose code cannot be fetched', () => {
  it('says so in place of the part, leaves the rest on screen, and Retry imports it again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const load = vi.fn<() => Promise<typeof Greeting>>().mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValue(Greeting);
    const Part = lazyPart(load);
    const container = await mount(
      <>
        <p>The rest of the app</p>
        <Part name="Ada" />
      </>,
    );
    expect(container.textContent).toContain('The rest of the app');
    expect(container.querySelector('[role="status"]')?.textContent).toContain('This part of Sensa could not be loaded');
    await act(async () => container.querySelector('button')!.click());
    expect(container.textContent).toContain('Hello Ada');
    expect(container.querySelector('[role="status"]')).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('uses the stand-in a part passes, with the same props', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const Part = lazyPart<{ name: string }>(() => Promise.reject(new Error('offline')), (props) => <p>plain {props.name}</p>);
    const container = await mount(<Part name="text" />);
    expect(container.textContent).toBe('plain text');
  });
});

describe('a module loaded on first use', () => {
  it('is loaded once while it works, and a failed load is tried again on the next call', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValue('module');
    const once = loadOnce(load);
    await expect(once()).rejects.toThrow('This part of Sensa could not be loaded');
    expect(await once()).toBe('module');
    expect(await once()).toBe('module');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
