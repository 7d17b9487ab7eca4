// The device slice: what Sensa knows about this device for the model guide's tiers and the first-run suggestion.

import type { StateCreator } from 'zustand/vanilla';
import type { DeviceMeasurement } from '../../models/device/measure';
import type { StoreContext } from './context';
import type { SensaState } from './state';

export interface DeviceSlice {
  /** Null until read (after the capability probe) or where nothing measures. */
  device: DeviceMeasurement | null;
  /** True while the matmul speed test runs (seconds on a software GPU). */
  benchmarking: boolean;
  /**
   * Reads memory, free storage and a remembered speed figure, and with `benchmark` runs the speed test when no figure
   * is remembered for this adapter. Calls while one runs share it; a benchmark asked for later still runs.
   */
  measureDevice(options?: { benchmark: boolean }): Promise<void>;
}

export const createDeviceSlice =
  ({ deps }: StoreContext): StateCreator<SensaState, [], [], DeviceSlice> =>
  (set, get) => {
    const running: { read: Promise<void> | null; benchmark: Promise<void> | null } = { read: null, benchmark: null };
    return {
      device: null,
      benchmarking: false,
      measureDevice(options = { benchmark: false }) {
        const caps = get().capabilities;
        if (!deps.measure || !caps) return Promise.resolve();
        const measure = deps.measure;
        const which = options.benchmark ? 'benchmark' : 'read';
        // A figure in hand (remembered or measured) answers a benchmark request; only a failed one is tried again.
        if (options.benchmark && get().device?.figure) return Promise.resolve();
        if (options.benchmark) set({ benchmarking: true });
        running[which] ??= measure(caps, options).then(
          (device) => {
            // A read that lands after a benchmark must not hide the figure the benchmark found.
            if (which === 'read' && get().device?.figure && !device.figure) return;
            set({ device, ...(options.benchmark ? { benchmarking: false } : {}) });
            if (which === 'benchmark' && !device.figure) running.benchmark = null;
          },
          // measureDevice catches the benchmark's failures itself; anything else leaves the guide unmeasured, to try again.
          () => {
            running[which] = null;
            if (options.benchmark) set({ benchmarking: false });
          },
        );
        return running[which];
      },
    };
  };
