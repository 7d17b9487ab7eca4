import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CHAT_MODELS, downloadBytes } from '../../models/catalog';
import { NO_GPU } from '../../models/capabilities';
import type { DeviceMeasurement } from '../../models/device/measure';
import { recommend } from '../../models/recommend';
import { ModelSuggestions, passesFilter } from './ModelSuggestions';

const cpuDevice = (storageFreeBytes: number): DeviceMeasurement => ({
  profile: { caps: NO_GPU, deviceMemoryGb: null, storageFreeBytes, matmulGflops: null, cpuGflops: 1.3 },
  figure: { gflops: 1.3, ms: 6, backend: 'cpu', size: 96, measuredAt: 1 },
  fresh: true,
  problem: null,
});

const render = (device: DeviceMeasurement, selectedId = '', models = CHAT_MODELS) =>
  renderToStaticMarkup(<ModelSuggestions models={models} device={device} preference="auto" selectedId={selectedId} onPick={() => undefined} />);

describe('the first-run suggestion', () => {
  it('names each suggested model once, with the needs it covers, a button, and the figures it came from', () => {
    const device = cpuDevice(100e9);
    const picks = recommend(CHAT_MODELS, device.profile);
    const html = render(device);
    const names = new Set(Object.values(picks).flatMap((m) => (m ? [m.name] : [])));
    expect(html.match(/data-testid="model-suggestion"/g)).toHaveLength(names.size);
    for (const name of names) expect(html).toContain(`Pick ${name}`);
    expect(html).toContain('this CPU (no WebGPU) multiplies 96×96 matrices at 1.3 GFLOP/s (measured once in 6 ms, remembered for this CPU)');
    expect(html).toContain('the browser does not report its memory');
  });

  it('says so when nothing fits a need, and marks the model already picked', () => {
    // 1 MB free: no model of known size fits (one of unknown size would be offered as "runs, slowly").
    const known = CHAT_MODELS.filter((m) => downloadBytes(m, 'q4') !== null);
    expect(known.length).toBeGreaterThan(0);
    expect(render(cpuDevice(1e6), '', known)).toContain('For chat, pictures and sound: no model in the catalog fits this device.');
    const device = cpuDevice(100e9);
    const chat = recommend(CHAT_MODELS, device.profile).chat;
    expect(chat).not.toBeNull();
    expect(render(device, chat?.id)).toMatch(/disabled="">Picked</);
  });

  it('filters by input type and size, the size from the placement', () => {
    const vision = CHAT_MODELS.find((m) => m.inputs.includes('image'));
    const textOnly = CHAT_MODELS.find((m) => !m.inputs.includes('image'));
    expect(vision && passesFilter(vision, 'pictures', undefined)).toBe(true);
    expect(textOnly && passesFilter(textOnly, 'pictures', undefined)).toBe(false);
    expect(textOnly && passesFilter(textOnly, 'small', { tier: 'runs-well', reason: '', choice: null, bytes: 5e8 })).toBe(true);
    expect(textOnly && passesFilter(textOnly, 'small', { tier: 'runs-slowly', reason: '', choice: null, bytes: null })).toBe(false);
  });
});
