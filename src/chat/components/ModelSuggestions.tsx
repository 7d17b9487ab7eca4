// The recommendation in the model picker: tiers for the <select>, the filter, and the first-run suggestion per need.

import { useMemo } from 'react';
import type { ModelSpec } from '../../domain/model';
import type { DeviceMeasurement } from '../../models/device/measure';
import { placeModel, recommend, type Need, type Placement, type Tier } from '../../models/recommend';
import type { DevicePreference } from '../../models/variant';
import { formatBytes } from '../../shared/format';

export const TIER_ORDER: readonly Tier[] = ['runs-well', 'runs-slowly', 'too-big'];
export const TIER_LABEL: Record<Tier, string> = { 'runs-well': 'Runs well here', 'runs-slowly': 'Runs, slowly', 'too-big': 'Too big for this device' };

export type ModelFilter = 'all' | 'pictures' | 'sound' | 'small';
export const FILTER_LABEL: Record<ModelFilter, string> = { all: 'All models', pictures: 'Takes pictures', sound: 'Takes sound', small: 'Under 1 GB' };
const SMALL_BYTES = 1e9;

/** Where each model lands on this device, by id, `listed` standing in for its catalog entry; null until the device is measured. */
export function usePlacements(models: readonly ModelSpec[], listed: ModelSpec | undefined, device: DeviceMeasurement | null, preference: DevicePreference): Map<string, Placement> | null {
  return useMemo(
    () => (device ? new Map(models.map((m) => [m.id, placeModel(m.id === listed?.id ? listed : m, device.profile, preference)])) : null),
    [models, listed, device, preference],
  );
}

/** Whether a model passes the filter; the selected one always does, so the <select> never shows a model it does not list. */
export function passesFilter(spec: ModelSpec, filter: ModelFilter, placement: Placement | undefined): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'pictures':
      return spec.inputs.includes('image');
    case 'sound':
      return spec.inputs.includes('audio');
    case 'small':
      return placement?.bytes != null && placement.bytes < SMALL_BYTES;
  }
}

const NEED_WORDS: Record<Need, string> = { chat: 'chat', pictures: 'pictures', sound: 'sound' };

function listWords(words: string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}

/** "Measured: … 12 GFLOP/s …": the figures the tiers come from, so a person can judge them. */
function measuredLine(device: DeviceMeasurement): string {
  const { profile, figure, problem } = device;
  const parts: string[] = [];
  if (figure) {
    const where = figure.backend === 'webgpu' ? (profile.caps.adapter ?? 'this GPU') : 'this CPU (no WebGPU)';
    const gflops = figure.gflops >= 10 ? Math.round(figure.gflops) : figure.gflops.toPrecision(2);
    parts.push(`${where} multiplies ${figure.size}×${figure.size} matrices at ${gflops} GFLOP/s (measured once in ${Math.round(figure.ms)} ms, remembered for this ${figure.backend === 'webgpu' ? 'GPU' : 'CPU'})`);
  } else if (problem) parts.push(problem);
  parts.push(profile.deviceMemoryGb !== null ? `the browser reports ${profile.deviceMemoryGb} GB of memory` : 'the browser does not report its memory');
  parts.push(profile.storageFreeBytes !== null ? `${formatBytes(profile.storageFreeBytes)} of storage free` : 'free storage unknown');
  if (profile.caps.webgpu) parts.push(profile.caps.shaderF16 ? '16-bit shaders available' : 'no 16-bit shaders');
  return `Measured: ${parts.join('; ')}.`;
}

/** On first run (no model ever loaded): one model per need, each with a button to pick it. */
export function ModelSuggestions({ models, device, preference, selectedId, onPick }: { models: readonly ModelSpec[]; device: DeviceMeasurement; preference: DevicePreference; selectedId: string; onPick: (id: string) => void }) {
  const picks = useMemo(() => recommend(models, device.profile, preference), [models, device, preference]);
  // One line per model, naming every need it was picked for.
  const byModel = new Map<string, { spec: ModelSpec; needs: Need[] }>();
  const unmet: Need[] = [];
  for (const need of ['chat', 'pictures', 'sound'] as const) {
    const spec = picks[need];
    if (!spec) unmet.push(need);
    else byModel.set(spec.id, { spec, needs: [...(byModel.get(spec.id)?.needs ?? []), need] });
  }
  return (
    <section className="model-suggestions" aria-label="Suggested for this device" data-testid="model-suggestions">
      <p className="suggestions-title">
        <strong>Suggested for this device:</strong>
      </p>
      <ul>
        {[...byModel.values()].map(({ spec, needs }) => (
          <li key={spec.id} data-testid="model-suggestion">
            For {listWords(needs.map((n) => NEED_WORDS[n]))}: <strong>{spec.name}</strong>{' '}
            <button type="button" className="button secondary small" onClick={() => onPick(spec.id)} disabled={spec.id === selectedId}>
              {spec.id === selectedId ? 'Picked' : `Pick ${spec.name}`}
            </button>
          </li>
        ))}
        {unmet.length > 0 && <li>For {listWords(unmet.map((n) => NEED_WORDS[n]))}: no model in the catalog fits this device.</li>}
      </ul>
      <p className="model-measured" data-testid="model-measured">
        {measuredLine(device)}
      </p>
    </section>
  );
}
